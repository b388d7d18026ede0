//! The plans and their versions, for the editor.

use super::{EditablePlan, PlanLimits, PlanTerms};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// Every plan at its current version, companies' first, in the price
/// list's order; `code` narrows it to one.
pub async fn plans(
    conn: impl PgExecutor<'_>,
    code: Option<&str>,
) -> sqlx::Result<Vec<EditablePlan>> {
    let rows = sqlx::query!(
        r#"select p.code, p.name, p.description, p.audience, p.contact_sales, p.is_active,
                  v.id as version_id, v.version, v.monthly_price, v.yearly_price, v.trial_days,
                  v.introduction_credits_monthly, v.team_seats, v.active_vacancies,
                  v.talent_searches_per_hour, v.super_likes_per_day, v.auto_applies_per_day,
                  v.features,
                  (select max(version) + 1 from plan_versions where plan_code = p.code)
                      as "next_version!",
                  (select count(*) from subscriptions s join plan_versions sv on sv.id = s.plan_version_id
                    where sv.plan_code = p.code and s.ended_at is null
                      and s.status in ('trial', 'active', 'past_due')) as "subscribers!",
                  (select count(*) from subscriptions s
                    where s.plan_version_id = v.id and s.ended_at is null
                      and s.status in ('trial', 'active', 'past_due')) as "on_this_version!"
             from plans p join plan_versions v on v.id = p.current_version_id
            where $1::text is null or p.code = $1
            order by p.audience, p.sort_order, p.code"#,
        code
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EditablePlan {
            code: r.code,
            for_seekers: r.audience == "seeker",
            contact_sales: r.contact_sales,
            version: r.version,
            next_version: r.next_version,
            terms: PlanTerms {
                name: r.name,
                description: r.description,
                on_sale: r.is_active,
                monthly_price: r.monthly_price,
                yearly_price: r.yearly_price,
                trial_days: r.trial_days,
                limits: PlanLimits {
                    introduction_credits_monthly: r.introduction_credits_monthly,
                    team_seats: r.team_seats,
                    active_vacancies: r.active_vacancies,
                    talent_searches_per_hour: r.talent_searches_per_hour,
                    super_likes_per_day: r.super_likes_per_day,
                    auto_applies_per_day: r.auto_applies_per_day,
                },
                features: r.features,
            },
            subscribers: r.subscribers,
            on_this_version: r.on_this_version,
        })
        .collect())
}

/// Locks the plan until the transaction ends, so two saves make two
/// versions one after the other.
pub async fn lock(conn: &mut PgConnection, code: &str) -> sqlx::Result<bool> {
    Ok(
        sqlx::query_scalar!("select code from plans where code = $1 for update", code)
            .fetch_optional(conn)
            .await?
            .is_some(),
    )
}

/// Adds the plan's next version and makes it the one new buyers get; its
/// number.
pub async fn add_version(
    conn: &mut PgConnection,
    code: &str,
    change: &PlanTerms,
    admin: Uuid,
) -> sqlx::Result<i32> {
    let l = &change.limits;
    let version = sqlx::query_scalar!(
        r#"insert into plan_versions
               (id, plan_code, version, currency, monthly_price, yearly_price, trial_days,
                introduction_credits_monthly, team_seats, active_vacancies,
                talent_searches_per_hour, super_likes_per_day, auto_applies_per_day, features,
                support_level, created_by)
           select $1, p.code, (select max(version) + 1 from plan_versions where plan_code = p.code),
                  v.currency, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, v.support_level, $13
             from plans p join plan_versions v on v.id = p.current_version_id
            where p.code = $2
           returning version"#,
        Uuid::now_v7(),
        code,
        change.monthly_price,
        change.yearly_price,
        change.trial_days,
        l.introduction_credits_monthly,
        l.team_seats,
        l.active_vacancies,
        l.talent_searches_per_hour,
        l.super_likes_per_day,
        l.auto_applies_per_day,
        &change.features,
        admin
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "update plans
            set name = $2, description = $3, is_active = $4,
                current_version_id = (select id from plan_versions
                                       where plan_code = $1 and version = $5)
          where code = $1",
        code,
        change.name,
        change.description,
        change.on_sale,
        version
    )
    .execute(conn)
    .await?;
    Ok(version)
}
