//! The home page's queries: each reads only the signed-in member's own rows
//! (a job seeker's applications, an employer's company).

use super::{
    ClosingJob, ExpiringVacancy, LOOKAHEAD_DAYS, Reply, TeamInterview, UpcomingInterview,
    VacancyApplicants,
};
use crate::applications::rules::{Stage, event_title};
use sqlx::PgExecutor;
use uuid::Uuid;

/// The job seeker's next interviews, soonest first.
pub async fn upcoming_interviews(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<UpcomingInterview>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select e.scheduled_at as "at!", e.location, v.title, v.slug as "slug!", c.name as company
             from application_events e
             join applications a on a.id = e.application_id
             join vacancies v on v.id = a.vacancy_id
             join companies c on c.id = v.company_id
            where a.candidate_id = $1 and e.kind = 'interview' and not e.is_private
              and e.scheduled_at > now()
              and a.status not in ('rejected', 'withdrawn', 'hired')
            order by e.scheduled_at
            limit 3"#,
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| UpcomingInterview {
        vacancy_title: r.title,
        vacancy_slug: r.slug,
        company: r.company,
        at: r.at,
        location: r.location,
    })
    .collect())
}

/// What hiring teams did on the job seeker's applications in the last two
/// weeks, newest first.
pub async fn replies(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Vec<Reply>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select e.kind, e.to_status, e.created_at, v.title, c.name as company
             from application_events e
             join applications a on a.id = e.application_id
             join vacancies v on v.id = a.vacancy_id
             join companies c on c.id = v.company_id
            where a.candidate_id = $1 and not e.is_private
              and e.actor_id is distinct from a.candidate_id
              and e.kind in ('stage_changed', 'interview', 'feedback')
              and e.created_at between now() - interval '14 days' and now()
            order by e.created_at desc, e.id
            limit 5"#,
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| Reply {
        title: event_title(&r.kind, r.to_status.as_deref().and_then(Stage::parse)),
        vacancy_title: r.title,
        company: r.company,
        at: r.created_at,
    })
    .collect())
}

/// Counts for the job seeker: new vacancies to swipe, applications in progress.
pub async fn candidate_counts(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(i64, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"with since as (
             select greatest(coalesce(max(created_at), '-infinity'), now() - interval '7 days') as at
               from vacancy_swipes where user_id = $1
           )
           select
             -- Newest first, so the open vacancies' index bounds the scan
             -- by the date: joined to `since`, the date was only a filter
             -- and a whole scan of the vacancies (54 ms, 100k of them).
             (select count(*) from (
                select 1 from vacancies v
                 where v.status = 'active' and v.expires_at > now()
                   and v.published_at > (select at from since)
                   and not exists (select 1 from vacancy_swipes s where s.user_id = $1 and s.vacancy_id = v.id)
                   and not exists (select 1 from applications a where a.candidate_id = $1 and a.vacancy_id = v.id)
                 order by v.published_at desc
                 limit 100) fresh) as "new_matches!",
             (select count(*) from applications
               where candidate_id = $1
                 and status not in ('rejected', 'withdrawn', 'hired')) as "active!""#,
        user_id
    )
    .fetch_one(db)
    .await?;
    Ok((r.new_matches, r.active))
}

/// Saved jobs still open whose listing ends within the look-ahead.
pub async fn closing_saved(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<ClosingJob>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select v.title, v.slug as "slug!", v.is_confidential, c.name as company,
                  v.expires_at as "expires_at!"
             from saved_vacancies s
             join vacancies v on v.id = s.vacancy_id
             join companies c on c.id = v.company_id
            where s.user_id = $1 and v.status = 'active'
              and v.expires_at > now() and v.expires_at < now() + make_interval(days => $2)
              and not exists (select 1 from applications a
                               where a.candidate_id = $1 and a.vacancy_id = v.id)
            order by v.expires_at
            limit 5"#,
        user_id,
        LOOKAHEAD_DAYS as i32
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| ClosingJob {
        title: r.title,
        slug: r.slug,
        company: (!r.is_confidential).then_some(r.company),
        expires_at: r.expires_at,
    })
    .collect())
}

/// The job seeker's first name, if they gave one.
pub async fn candidate_first_name(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<String, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "select first_name from candidate_profiles where user_id = $1",
        user_id
    )
    .fetch_optional(db)
    .await?
    .unwrap_or_default())
}

/// The company's name and the member's first name.
pub async fn company_and_member(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
    user_id: Uuid,
) -> Result<(String, String), sqlx::Error> {
    let r = sqlx::query!(
        "select c.name, m.first_name from companies c
           join company_members m on m.company_id = c.id and m.user_id = $2
          where c.id = $1",
        company_id,
        user_id
    )
    .fetch_one(db)
    .await?;
    Ok((r.name, r.first_name))
}

/// The company's vacancies with applicants nobody has looked at yet
/// (still "submitted"), most waiting first.
pub async fn new_applicants(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
) -> Result<Vec<VacancyApplicants>, sqlx::Error> {
    sqlx::query_as!(
        VacancyApplicants,
        r#"select v.id as vacancy_id, v.title,
                  count(*) filter (where a.status = 'submitted') as "new_applicants!",
                  count(*) as "total!"
             from vacancies v
             join applications a on a.vacancy_id = v.id
            where v.company_id = $1 and v.status <> 'draft'
            group by v.id
           having count(*) filter (where a.status = 'submitted') > 0
            order by 3 desc, v.title
            limit 10"#,
        company_id
    )
    .fetch_all(db)
    .await
}

/// The team's interviews from now until the look-ahead ends, soonest first.
pub async fn team_interviews(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
) -> Result<Vec<TeamInterview>, sqlx::Error> {
    sqlx::query_as!(
        TeamInterview,
        r#"select v.id as vacancy_id, a.id as application_id, v.title as vacancy_title,
                  coalesce(nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''),
                           u.email) as "candidate!",
                  e.scheduled_at as "at!", e.location
             from application_events e
             join applications a on a.id = e.application_id
             join vacancies v on v.id = a.vacancy_id
             join users u on u.id = a.candidate_id
             left join candidate_profiles p on p.user_id = a.candidate_id
            where v.company_id = $1 and e.kind = 'interview'
              and e.scheduled_at > now() and e.scheduled_at < now() + make_interval(days => $2)
              and a.status not in ('rejected', 'withdrawn')
            order by e.scheduled_at
            limit 10"#,
        company_id,
        LOOKAHEAD_DAYS as i32
    )
    .fetch_all(db)
    .await
}

/// Published vacancies whose listing ends within the look-ahead.
pub async fn expiring_vacancies(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
) -> Result<Vec<ExpiringVacancy>, sqlx::Error> {
    sqlx::query_as!(
        ExpiringVacancy,
        r#"select id as vacancy_id, title, expires_at as "expires_at!"
             from vacancies
            where company_id = $1 and status = 'active'
              and expires_at > now() and expires_at < now() + make_interval(days => $2)
            order by expires_at
            limit 10"#,
        company_id,
        LOOKAHEAD_DAYS as i32
    )
    .fetch_all(db)
    .await
}

/// How many of the company's vacancies exist, and its open invitations.
pub async fn company_counts(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
) -> Result<(i64, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"select
             (select count(*) from vacancies where company_id = $1 and status <> 'archived') as "vacancies!",
             (select count(*) from company_invites
               where company_id = $1 and accepted_at is null and revoked_at is null
                 and expires_at > now()) as "invitations!""#,
        company_id
    )
    .fetch_one(db)
    .await?;
    Ok((r.vacancies, r.invitations))
}
