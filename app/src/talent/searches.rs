//! Saved talent searches and their daily alerts. Once a day per search
//! with an alert, the worker queues a job that looks for people who match
//! and whose profile changed since the last look, and tells the member of
//! those it never told of before.

use super::SavedSearch;
use super::query::{TalentQuery, parse};
use crate::board::db::Matching;
use crate::notifications::rules::Kind;
use crate::notifications::{Notice, notify};
use sqlx::{PgConnection, PgPool, QueryBuilder};
use uuid::Uuid;

/// Searches one member may keep.
pub const MAX_SAVED_SEARCHES: i64 = 20;
/// People named in one alert at most; the search shows the rest.
const ALERT_PEOPLE: i64 = 50;

/// Keeps `query` under `name` for `member`; `Err` with the reason when the
/// name is taken or the member keeps as many as allowed.
pub async fn save(
    pool: &PgPool,
    company_id: Uuid,
    member: Uuid,
    name: &str,
    query: &TalentQuery,
    alert: bool,
) -> sqlx::Result<Result<Uuid, &'static str>> {
    let mut tx = pool.begin().await?;
    // A member's saves take turns, so two at once cannot pass the limit.
    super::db::take_turns(&mut tx, "talent-saved-search", member).await?;
    let kept = sqlx::query_scalar!(
        r#"select count(*) as "n!" from saved_talent_searches where member_id = $1"#,
        member
    )
    .fetch_one(&mut *tx)
    .await?;
    if kept >= MAX_SAVED_SEARCHES {
        return Ok(Err(
            "You keep as many saved searches as you can; delete one first.",
        ));
    }
    let stored = TalentQuery {
        page: String::new(),
        ..query.clone()
    };
    let id = sqlx::query_scalar!(
        "insert into saved_talent_searches
             (id, company_id, member_id, name, query, alert, next_alert_at)
         values ($1, $2, $3, $4, $5, $6, case when $6 then now() + interval '1 day' end)
         on conflict (member_id, name) do nothing
         returning id",
        Uuid::now_v7(),
        company_id,
        member,
        name,
        serde_json::to_value(&stored).unwrap_or_default(),
        alert
    )
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id.ok_or("You already have a saved search with this name."))
}

/// The member's saved searches in their current company, by name.
pub async fn list(pool: &PgPool, company_id: Uuid, member: Uuid) -> sqlx::Result<Vec<SavedSearch>> {
    let rows = sqlx::query!(
        "select id, name, query, alert, created_at from saved_talent_searches
          where member_id = $1 and company_id = $2
          order by lower(name)",
        member,
        company_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SavedSearch {
            id: r.id,
            name: r.name,
            url: stored_query(r.query).url(1),
            alert: r.alert,
            created_at: r.created_at,
        })
        .collect())
}

fn stored_query(value: serde_json::Value) -> TalentQuery {
    serde_json::from_value(value).unwrap_or_default()
}

/// Turns the daily alert of the member's search on or off; false when it
/// is not theirs. Turning it on starts from now: nobody who matched before
/// is announced as new.
pub async fn set_alert(pool: &PgPool, member: Uuid, id: Uuid, on: bool) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update saved_talent_searches
            set next_alert_at = case when $3 then coalesce(next_alert_at, now() + interval '1 day') end,
                checked_at = case when $3 and not alert then now() else checked_at end,
                alert = $3
          where id = $1 and member_id = $2",
        id,
        member,
        on
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// Deletes the member's search; false when it is not theirs.
pub async fn delete(pool: &PgPool, member: Uuid, id: Uuid) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "delete from saved_talent_searches where id = $1 and member_id = $2",
        id,
        member
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// Queues an alert job for each search whose day has come and moves its
/// next alert a day on, in one transaction: several workers never queue
/// the same search twice. The number queued.
pub async fn queue_due_alerts(pool: &PgPool) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query_scalar!(
        "update saved_talent_searches set next_alert_at = now() + interval '1 day'
          where id in (select id from saved_talent_searches
                        where alert and next_alert_at <= now()
                        order by next_alert_at
                        limit 200
                        for update skip locked)
          returning id"
    )
    .fetch_all(&mut *tx)
    .await?;
    let now = time::OffsetDateTime::now_utc();
    for search_id in &due {
        let job = crate::jobs::Job::TalentAlert {
            search_id: *search_id,
        };
        crate::jobs::enqueue(&mut *tx, &job, now).await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// The alert job: finds the people who match the search and changed their
/// profile since the last look, records them and tells the member. Nothing
/// happens for a search whose alert was turned off or a member who may no
/// longer search. The number of people announced.
pub async fn run_alert(conn: &mut PgConnection, search_id: Uuid) -> sqlx::Result<usize> {
    let Some(search) = sqlx::query!(
        r#"select s.member_id, s.name, s.query, s.checked_at, s.alert,
                  coalesce(m.can_send_introductions, false) as "allowed!"
             from saved_talent_searches s
             left join company_members m on m.user_id = s.member_id and m.company_id = s.company_id
            where s.id = $1
              for update of s"#,
        search_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(0);
    };
    if !search.alert || !search.allowed {
        return Ok(0);
    }
    let query = stored_query(search.query);
    let (filters, _) = parse(&query);
    let new: Vec<(Uuid, String)> =
        match crate::board::db::skill_ids(&mut *conn, &filters.skills).await? {
            None => Vec::new(),
            Some(skills) => {
                let mut qb = QueryBuilder::new(
                    "select p.user_id,
                            trim(coalesce(p.preferred_name, p.first_name) || ' ' || p.last_name)",
                );
                super::db::push_filters(
                    &mut qb,
                    &filters,
                    search.member_id,
                    &skills,
                    Matching::Words,
                );
                qb.push(" and p.updated_at > ")
                    .push_bind(search.checked_at)
                    .push(
                        " and not exists (select 1 from saved_talent_search_alerts a
                                           where a.professional_id = p.user_id and a.search_id = ",
                    )
                    .push_bind(search_id)
                    .push(") order by p.updated_at desc limit ")
                    .push_bind(ALERT_PEOPLE);
                qb.build_query_as().fetch_all(&mut *conn).await?
            }
        };
    let ids: Vec<Uuid> = new.iter().map(|(id, _)| *id).collect();
    sqlx::query!(
        "insert into saved_talent_search_alerts (search_id, professional_id)
         select $1, unnest($2::uuid[])",
        search_id,
        &ids
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update saved_talent_searches set checked_at = now() where id = $1",
        search_id
    )
    .execute(&mut *conn)
    .await?;
    if !new.is_empty() {
        let names: Vec<&str> = new.iter().map(|(_, name)| name.as_str()).collect();
        let notice = Notice {
            kind: Kind::TalentAlert,
            title: format!(
                "{} new for “{}”",
                crate::ui::count(new.len() as i64, "person", "people"),
                search.name
            ),
            body: super::rules::alert_summary(&names),
            link: query.url(1),
        };
        notify(conn, search.member_id, &notice).await?;
    }
    Ok(new.len())
}
