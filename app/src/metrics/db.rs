//! SQL for the daily figures: computing days from the tables the actions
//! write, and reading them back with the funnels.

use super::{DayFigures, FunnelStep};
use sqlx::PgPool;
use time::{Date, Duration, OffsetDateTime};

/// How far back the first run fills in.
const BACKFILL_DAYS: i64 = 90;

/// Computes the days from the last one computed (or 90 days back) through
/// `today`, so yesterday is completed and today's figures so far are
/// current. Computing a day again gives the same row: instances may run
/// this at the same time.
pub async fn refresh(pool: &PgPool, today: Date) -> Result<u64, sqlx::Error> {
    let last: Option<Date> = sqlx::query_scalar!("select max(metric_date) from platform_metrics")
        .fetch_one(pool)
        .await?;
    let earliest = today - Duration::days(BACKFILL_DAYS - 1);
    let from = last
        .map_or(earliest, |last| last.min(today - Duration::days(1)))
        .max(earliest);
    compute(pool, from, today).await
}

/// Computes the days from `from` through `to` (UTC), replacing what was
/// there.
pub async fn compute(pool: &PgPool, from: Date, to: Date) -> Result<u64, sqlx::Error> {
    // Each thing that happened is one event with its time (and, for money,
    // its amount); the days count them by kind.
    let done = sqlx::query!(
        r#"with bounds as (
               select ($1::date)::timestamp at time zone 'UTC' as start,
                      ($2::date + 1)::timestamp at time zone 'UTC' as finish
           ),
           events as (
               select 'candidate' as kind, created_at as at, null::uuid as who, 0::bigint as amount
                 from users where account_type = 'candidate'
               union all select 'employer', created_at, null, 0 from users where account_type = 'employer'
               union all select 'company', created_at, null, 0 from companies
               union all select 'posted', published_at, null, 0 from vacancies
               union all select 'applied', created_at, candidate_id, 0 from applications
               union all select 'swipe', created_at, user_id, 0 from vacancy_swipes
               union all select 'like', created_at, null, 0 from vacancy_swipes
                          where direction in ('right', 'super')
               union all select 'sent', sent_at, null, 0 from introduction_requests
               union all select 'accepted', ended_at, null, 0 from introduction_requests
                          where status = 'accepted'
               union all select 'message', created_at, sender_id, 0 from chat_messages
               union all select 'login', created_at, user_id, 0 from login_attempts where succeeded
               union all select 'paid', paid_at, null, total from invoices
                          where status in ('paid', 'refunded')
               union all select 'refunded', issued_at, null, -total from credit_notes
           ),
           counted as (
               select (e.at at time zone 'UTC')::date as day,
                      count(*) filter (where kind = 'candidate') as candidates,
                      count(*) filter (where kind = 'employer') as employers,
                      count(*) filter (where kind = 'company') as companies,
                      -- Signed in, swiped, applied or wrote a message.
                      count(distinct who) as active,
                      count(*) filter (where kind = 'posted') as posted,
                      count(*) filter (where kind = 'applied') as applied,
                      count(*) filter (where kind = 'swipe') as swipes,
                      count(*) filter (where kind = 'like') as likes,
                      count(*) filter (where kind = 'sent') as sent,
                      count(*) filter (where kind = 'accepted') as accepted,
                      count(*) filter (where kind = 'message') as messages,
                      coalesce(sum(amount), 0) as revenue
                 from events e, bounds b
                where e.at >= b.start and e.at < b.finish
                group by 1
           )
           insert into platform_metrics
               (metric_date, new_candidates, new_employers, new_companies, active_users,
                vacancies_posted, vacancies_open, applications, swipes, likes,
                introductions_sent, introductions_accepted, messages, revenue, computed_at)
           select d.day::date,
                  coalesce(c.candidates, 0), coalesce(c.employers, 0), coalesce(c.companies, 0),
                  coalesce(c.active, 0), coalesce(c.posted, 0),
                  (select count(*) from vacancies v
                    where v.published_at < (d.day::date + 1)::timestamp at time zone 'UTC'
                      and coalesce(v.closed_at, 'infinity') >= (d.day::date + 1)::timestamp at time zone 'UTC'
                      and coalesce(v.expires_at, 'infinity') >= (d.day::date + 1)::timestamp at time zone 'UTC'),
                  coalesce(c.applied, 0), coalesce(c.swipes, 0), coalesce(c.likes, 0),
                  coalesce(c.sent, 0), coalesce(c.accepted, 0), coalesce(c.messages, 0),
                  coalesce(c.revenue, 0), now()
             from generate_series($1::date, $2::date, interval '1 day') d(day)
             left join counted c on c.day = d.day::date
           on conflict (metric_date) do update set
               new_candidates = excluded.new_candidates,
               new_employers = excluded.new_employers,
               new_companies = excluded.new_companies,
               active_users = excluded.active_users,
               vacancies_posted = excluded.vacancies_posted,
               vacancies_open = excluded.vacancies_open,
               applications = excluded.applications,
               swipes = excluded.swipes,
               likes = excluded.likes,
               introductions_sent = excluded.introductions_sent,
               introductions_accepted = excluded.introductions_accepted,
               messages = excluded.messages,
               revenue = excluded.revenue,
               computed_at = excluded.computed_at"#,
        from,
        to
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// The days from `from` through `to`, oldest first; a day not computed
/// yet is all zeros.
pub async fn days(pool: &PgPool, from: Date, to: Date) -> Result<Vec<DayFigures>, sqlx::Error> {
    sqlx::query_as!(
        DayFigures,
        r#"select d::date as "day!",
                  coalesce(m.new_candidates, 0)::bigint as "new_candidates!",
                  coalesce(m.new_employers, 0)::bigint as "new_employers!",
                  coalesce(m.new_companies, 0)::bigint as "new_companies!",
                  coalesce(m.active_users, 0)::bigint as "active_users!",
                  coalesce(m.vacancies_posted, 0)::bigint as "vacancies_posted!",
                  coalesce(m.vacancies_open, 0)::bigint as "vacancies_open!",
                  coalesce(m.applications, 0)::bigint as "applications!",
                  coalesce(m.swipes, 0)::bigint as "swipes!",
                  coalesce(m.likes, 0)::bigint as "likes!",
                  coalesce(m.introductions_sent, 0)::bigint as "introductions_sent!",
                  coalesce(m.introductions_accepted, 0)::bigint as "introductions_accepted!",
                  coalesce(m.messages, 0)::bigint as "messages!",
                  coalesce(m.revenue, 0)::bigint as "revenue!"
             from generate_series($1::date, $2::date, interval '1 day') d
             left join platform_metrics m on m.metric_date = d::date
            order by 1"#,
        from,
        to
    )
    .fetch_all(pool)
    .await
}

/// The job seekers' funnel over the days from `from` through `to`: people
/// who viewed a vacancy (signed in or not), accounts made, of those the
/// ones who built a profile (a headline, a job and a skill), and of those
/// the ones who applied.
pub async fn job_seeker_funnel(
    pool: &PgPool,
    from: Date,
    to: Date,
) -> Result<Vec<FunnelStep>, sqlx::Error> {
    let row = sqlx::query!(
        r#"with bounds as (
               select ($1::date)::timestamp at time zone 'UTC' as start,
                      ($2::date + 1)::timestamp at time zone 'UTC' as finish
           ),
           joined as (
               select u.id from users u, bounds b
                where u.account_type = 'candidate' and u.created_at >= b.start
                  and u.created_at < b.finish
           ),
           built as (
               select j.id from joined j
                where exists (select 1 from candidate_profiles p
                               where p.user_id = j.id and coalesce(p.headline, '') <> '')
                  and exists (select 1 from work_history w where w.user_id = j.id)
                  and exists (select 1 from candidate_skills s where s.user_id = j.id)
           )
           select (select count(distinct v.viewer_key) from vacancy_views v, bounds b
                    where v.counted_at >= b.start and v.counted_at < b.finish) as "viewed!",
                  (select count(*) from joined) as "joined!",
                  (select count(*) from built) as "built!",
                  (select count(*) from built
                    where exists (select 1 from applications a where a.candidate_id = built.id))
                      as "applied!""#,
        from,
        to
    )
    .fetch_one(pool)
    .await?;
    Ok(steps([
        ("Viewed a vacancy", row.viewed),
        ("Created an account", row.joined),
        ("Built a profile", row.built),
        ("Applied", row.applied),
    ]))
}

/// The hiring funnel: vacancies published in the period, of those the ones
/// with an application, and the ones with a hire.
pub async fn hiring_funnel(
    pool: &PgPool,
    from: Date,
    to: Date,
) -> Result<Vec<FunnelStep>, sqlx::Error> {
    let row = sqlx::query!(
        r#"with published as (
               select v.id from vacancies v
                where v.published_at >= ($1::date)::timestamp at time zone 'UTC'
                  and v.published_at < ($2::date + 1)::timestamp at time zone 'UTC'
           )
           select (select count(*) from published) as "published!",
                  (select count(*) from published p
                    where exists (select 1 from applications a where a.vacancy_id = p.id))
                      as "applied!",
                  (select count(*) from published p
                    where exists (select 1 from applications a
                                   where a.vacancy_id = p.id and a.status = 'hired')) as "hired!""#,
        from,
        to
    )
    .fetch_one(pool)
    .await?;
    Ok(steps([
        ("Vacancies published", row.published),
        ("Had an application", row.applied),
        ("Made a hire", row.hired),
    ]))
}

fn steps<const N: usize>(steps: [(&str, i64); N]) -> Vec<FunnelStep> {
    steps
        .into_iter()
        .map(|(label, count)| FunnelStep {
            label: label.to_string(),
            count,
        })
        .collect()
}

/// When a day's figures were last counted.
pub async fn counted_at(pool: &PgPool, day: Date) -> Result<Option<OffsetDateTime>, sqlx::Error> {
    sqlx::query_scalar!(
        "select computed_at from platform_metrics where metric_date = $1",
        day
    )
    .fetch_optional(pool)
    .await
}
