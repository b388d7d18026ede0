//! Recording and reading profile views.

use super::{DEDUPE_MINUTES, ProfileViews, ViewItem};
use sqlx::PgPool;
use uuid::Uuid;

/// Records that `viewer` saw `candidate`'s profile, unless they already did
/// within the last 30 minutes. A transaction-scoped advisory lock on the
/// pair makes two simultaneous views count once.
pub async fn record(
    pool: &PgPool,
    candidate: Uuid,
    viewer: Uuid,
    source: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1::text || $2::text, 0))",
        candidate.to_string(),
        viewer.to_string()
    )
    .execute(&mut *tx)
    .await?;
    let company = sqlx::query_scalar!(
        r#"insert into profile_views (id, user_id, viewer_id, company_id, source)
           select $1, $2, $3, (select company_id from company_members where user_id = $3), $4
            where not exists (
                select 1 from profile_views
                 where user_id = $2 and viewer_id = $3
                   and viewed_at > now() - make_interval(mins => $5))
           returning (select name from companies where id = company_id) as "company""#,
        Uuid::now_v7(),
        candidate,
        viewer,
        source,
        DEDUPE_MINUTES as i32,
    )
    .fetch_optional(&mut *tx)
    .await?
    .flatten();
    if let Some(company) = company {
        tell_of_view(&mut tx, candidate, &company).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Tells the job seeker a company looked, at most once a day per company
/// (a team browsing together is one visit).
async fn tell_of_view(
    conn: &mut sqlx::PgConnection,
    candidate: Uuid,
    company: &str,
) -> Result<(), sqlx::Error> {
    let notice = crate::notifications::Notice::profile_viewed(company);
    let told_today = sqlx::query_scalar!(
        r#"select exists (
               select 1 from notifications
                where user_id = $1 and kind = 'profile_viewed' and title = $2
                  and created_at > now() - interval '1 day') as "told!""#,
        candidate,
        notice.title
    )
    .fetch_one(&mut *conn)
    .await?;
    if !told_today {
        crate::notifications::notify(conn, candidate, &notice).await?;
    }
    Ok(())
}

pub async fn load(pool: &PgPool, candidate: Uuid) -> Result<ProfileViews, sqlx::Error> {
    let last_30_days = sqlx::query_scalar!(
        r#"select count(*) as "n!" from profile_views
            where user_id = $1 and viewed_at > now() - interval '30 days'"#,
        candidate
    )
    .fetch_one(pool)
    .await?;
    let recent = sqlx::query!(
        r#"select c.name as "company?", v.viewed_at
             from profile_views v
             left join companies c on c.id = v.company_id
            where v.user_id = $1
            order by v.viewed_at desc
            limit 20"#,
        candidate
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| ViewItem {
        company: r
            .company
            .unwrap_or_else(|| "An employer not yet with a company".into()),
        when: crate::ui::format_time(r.viewed_at),
    })
    .collect();
    Ok(ProfileViews {
        last_30_days,
        recent,
    })
}
