//! Application queries. Applying and saving are single statements that
//! cannot create a second row (unique keys with `on conflict do nothing`);
//! counters move only when a row was really added or removed.

use super::rules::Stage;
use super::{CandidateSide, MyApplication, ResumeChoice, SavedItem, TimelineEntry};
use crate::notifications::{Notice, notify};
use sqlx::{PgConnection, PgExecutor};
use std::collections::HashMap;
use time::OffsetDateTime;
use uuid::Uuid;

/// What happened when a candidate applied.
#[derive(Debug, PartialEq, Eq)]
pub enum Applied {
    /// A new application.
    Created(Uuid),
    /// They had already applied (a double click, a second tab).
    AlreadyThere,
    /// The vacancy is not open (or does not exist).
    Closed,
}

/// Applies, once: only an open vacancy takes the row, and the unique key
/// turns any repeat into `AlreadyThere`.
pub async fn apply(
    conn: &mut PgConnection,
    vacancy_id: Uuid,
    candidate_id: Uuid,
    resume_id: Option<Uuid>,
    cover_letter: &str,
    match_score: u8,
    source: &str,
) -> Result<Applied, sqlx::Error> {
    let id = Uuid::now_v7();
    let created = sqlx::query_scalar!(
        "insert into applications (id, vacancy_id, candidate_id, resume_id, cover_letter, match_score, source)
         select $1, $2, $3, $4, $5, $6, $7
          where exists (select 1 from vacancies
                         where id = $2 and status = 'active' and expires_at > now())
         on conflict (vacancy_id, candidate_id) do nothing
         returning id",
        id,
        vacancy_id,
        candidate_id,
        resume_id,
        cover_letter,
        i16::from(match_score),
        source
    )
    .fetch_optional(&mut *conn)
    .await?;
    if created.is_none() {
        let exists = sqlx::query_scalar!(
            r#"select exists(select 1 from applications where vacancy_id = $1 and candidate_id = $2) as "e!""#,
            vacancy_id,
            candidate_id
        )
        .fetch_one(&mut *conn)
        .await?;
        return Ok(if exists {
            Applied::AlreadyThere
        } else {
            Applied::Closed
        });
    }
    sqlx::query!(
        "update vacancies set applications_count = applications_count + 1 where id = $1",
        vacancy_id
    )
    .execute(&mut *conn)
    .await?;
    add_event(
        conn,
        id,
        "submitted",
        None,
        None,
        "",
        None,
        "",
        false,
        Some(candidate_id),
    )
    .await?;
    tell_team(conn, id).await?;
    Ok(Applied::Created(id))
}

/// Tells everyone on the vacancy's team of a new application.
async fn tell_team(conn: &mut PgConnection, application_id: Uuid) -> Result<(), sqlx::Error> {
    let team = sqlx::query!(
        r#"select m.user_id, v.id as vacancy_id, v.title,
                  coalesce(nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''),
                           'A job seeker') as "name!"
             from applications a
             join vacancies v on v.id = a.vacancy_id
             join company_members m on m.company_id = v.company_id
             left join candidate_profiles p on p.user_id = a.candidate_id
            where a.id = $1"#,
        application_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for member in team {
        let notice = Notice::application_received(
            &member.title,
            &member.name,
            member.vacancy_id,
            application_id,
        );
        notify(conn, member.user_id, &notice).await?;
    }
    Ok(())
}

/// Adds an entry to an application's timeline.
#[expect(clippy::too_many_arguments, reason = "one argument per column")]
pub async fn add_event(
    conn: &mut PgConnection,
    application_id: Uuid,
    kind: &str,
    from: Option<Stage>,
    to: Option<Stage>,
    body: &str,
    scheduled_at: Option<OffsetDateTime>,
    location: &str,
    is_private: bool,
    actor: Option<Uuid>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into application_events
            (id, application_id, kind, from_status, to_status, body, scheduled_at, location,
             is_private, actor_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        Uuid::now_v7(),
        application_id,
        kind,
        from.map(Stage::as_str),
        to.map(Stage::as_str),
        body,
        scheduled_at,
        location,
        is_private,
        actor
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The candidate's résumés, the primary first.
pub async fn resumes(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<ResumeChoice>, sqlx::Error> {
    Ok(sqlx::query!(
        "select id, file_name, is_primary from resumes where user_id = $1
          order by is_primary desc, created_at desc",
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| ResumeChoice {
        id: r.id,
        file_name: r.file_name,
        is_primary: r.is_primary,
    })
    .collect())
}

/// The candidate's side of a vacancy page.
pub async fn candidate_side(
    conn: &mut PgConnection,
    user_id: Uuid,
    email_verified: bool,
    vacancy_id: Uuid,
) -> Result<CandidateSide, sqlx::Error> {
    let application = sqlx::query!(
        "select id, status from applications where vacancy_id = $1 and candidate_id = $2",
        vacancy_id,
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .and_then(|r| Some((r.id, Stage::parse(&r.status)?)));
    let saved_note = sqlx::query_scalar!(
        "select note from saved_vacancies where user_id = $1 and vacancy_id = $2",
        user_id,
        vacancy_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(CandidateSide {
        email_verified,
        resumes: resumes(&mut *conn, user_id).await?,
        application,
        saved_note,
    })
}

/// Saves a vacancy with `note`, or changes the note of a saved one;
/// without a note a saved vacancy keeps the one it has (the search's
/// bookmark). False when the vacancy cannot be saved.
pub async fn save(
    conn: &mut PgConnection,
    user_id: Uuid,
    vacancy_id: Uuid,
    note: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let added = sqlx::query_scalar!(
        r#"insert into saved_vacancies (user_id, vacancy_id, note)
           select $1, $2, coalesce($3, '') where exists (select 1 from vacancies where id = $2 and status not in ('draft', 'hidden'))
           on conflict (user_id, vacancy_id) do update set note = coalesce($3, saved_vacancies.note)
           returning (xmax = 0) as "inserted!""#,
        user_id,
        vacancy_id,
        note
    )
    .fetch_optional(&mut *conn)
    .await?;
    match added {
        None => Ok(false),
        Some(inserted) => {
            if inserted {
                sqlx::query!(
                    "update vacancies set saves_count = saves_count + 1 where id = $1",
                    vacancy_id
                )
                .execute(conn)
                .await?;
            }
            Ok(true)
        }
    }
}

pub async fn unsave(
    conn: &mut PgConnection,
    user_id: Uuid,
    vacancy_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with removed as (
             delete from saved_vacancies where user_id = $1 and vacancy_id = $2 returning vacancy_id)
         update vacancies set saves_count = saves_count - 1
          where id in (select vacancy_id from removed)",
        user_id,
        vacancy_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn saved(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Vec<SavedItem>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select v.id, v.slug as "slug!", v.title, v.is_confidential, c.name as company,
                  v.salary_min_minor, v.salary_max_minor, v.salary_currency, v.salary_period,
                  (v.status = 'active' and v.expires_at > now()) as "open!", s.note, s.created_at
             from saved_vacancies s
             join vacancies v on v.id = s.vacancy_id
             join companies c on c.id = v.company_id
            where s.user_id = $1
            order by s.created_at desc"#,
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| SavedItem {
        vacancy_id: r.id,
        slug: r.slug,
        title: r.title,
        company: (!r.is_confidential).then_some(r.company),
        salary: match (
            r.salary_min_minor,
            r.salary_max_minor,
            r.salary_currency,
            r.salary_period,
        ) {
            (Some(min), Some(max), Some(c), Some(p)) => {
                Some(crate::vacancies::rules::salary_label(min, max, &c, &p))
            }
            _ => None,
        },
        open: r.open,
        note: r.note,
        saved_at: r.created_at,
    })
    .collect())
}

/// The timeline of an application; `with_private` for the employer.
pub async fn timeline(
    db: impl PgExecutor<'_>,
    application_id: Uuid,
    with_private: bool,
) -> Result<Vec<TimelineEntry>, sqlx::Error> {
    Ok(timelines(db, &[application_id], with_private)
        .await?
        .remove(&application_id)
        .unwrap_or_default())
}

/// The timelines of several applications in one statement, by application
/// (one with no steps is absent).
pub async fn timelines(
    db: impl PgExecutor<'_>,
    application_ids: &[Uuid],
    with_private: bool,
) -> Result<HashMap<Uuid, Vec<TimelineEntry>>, sqlx::Error> {
    // Steps of the hiring team name the member and their role, never their
    // address; the candidate's own steps name nobody.
    let rows = sqlx::query!(
        r#"select e.application_id, e.kind, e.to_status, e.body, e.scheduled_at, e.location,
                  e.is_private, e.created_at,
                  e.actor_id is not null and e.actor_id <> a.candidate_id as "by_team!",
                  m.first_name as "first_name?", m.last_name as "last_name?",
                  m.job_title as "job_title?", m.role as "role?"
             from application_events e
             join applications a on a.id = e.application_id
             left join vacancies v on v.id = a.vacancy_id
             left join company_members m on m.user_id = e.actor_id and m.company_id = v.company_id
            where e.application_id = any($1) and ($2 or not e.is_private)
            order by e.created_at, e.id"#,
        application_ids,
        with_private
    )
    .fetch_all(db)
    .await?;
    let mut by_application: HashMap<Uuid, Vec<TimelineEntry>> = HashMap::new();
    for r in rows {
        by_application
            .entry(r.application_id)
            .or_default()
            .push(TimelineEntry {
                title: super::rules::event_title(
                    &r.kind,
                    r.to_status.as_deref().and_then(Stage::parse),
                ),
                body: r.body,
                scheduled_at: r.scheduled_at,
                location: r.location,
                at: r.created_at,
                by: r.by_team.then(|| {
                    super::rules::team_member_label(
                        r.first_name.as_deref().unwrap_or_default(),
                        r.last_name.as_deref().unwrap_or_default(),
                        r.job_title.as_deref().unwrap_or_default(),
                        r.role.as_deref(),
                    )
                }),
                private: r.is_private,
            });
    }
    Ok(by_application)
}

/// The candidate's applications, newest first, with what they may see of
/// each timeline (having applied, they know the company), and how many
/// they have in all: `limit` of them from `offset`, or all without a limit.
pub async fn mine(
    conn: &mut PgConnection,
    user_id: Uuid,
    limit: Option<i64>,
    offset: i64,
) -> Result<(Vec<MyApplication>, i64), sqlx::Error> {
    let rows = sqlx::query!(
        r#"select a.id, a.status, a.created_at, a.source, v.title, v.slug as "slug!",
                  c.name as company, count(*) over () as "total!"
             from applications a
             join vacancies v on v.id = a.vacancy_id
             join companies c on c.id = v.company_id
            where a.candidate_id = $1
            order by a.created_at desc, a.id desc
            limit $2 offset $3"#,
        user_id,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let total = match rows.first() {
        Some(r) => r.total,
        // A page past the last says nothing of the count: ask for it.
        None if offset > 0 => {
            sqlx::query_scalar!(
                r#"select count(*) as "count!" from applications where candidate_id = $1"#,
                user_id
            )
            .fetch_one(&mut *conn)
            .await?
        }
        None => 0,
    };
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut timelines = timelines(&mut *conn, &ids, false).await?;
    let applications = rows
        .into_iter()
        .map(|r| MyApplication {
            id: r.id,
            vacancy_title: r.title,
            vacancy_slug: r.slug,
            company: r.company,
            stage: Stage::parse(&r.status).unwrap_or(Stage::Submitted),
            applied_at: r.created_at,
            auto_applied: r.source == "auto_apply",
            timeline: timelines.remove(&r.id).unwrap_or_default(),
        })
        .collect();
    Ok((applications, total))
}

/// The candidate's applications for their data export: as `mine` shows
/// them, with their cover letters.
pub async fn export(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Vec<crate::settings::export::ExportApplication>, sqlx::Error> {
    let letters: HashMap<Uuid, String> = sqlx::query!(
        "select id, cover_letter from applications where candidate_id = $1",
        user_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| (r.id, r.cover_letter))
    .collect();
    Ok(mine(&mut *conn, user_id, None, 0)
        .await?
        .0
        .into_iter()
        .map(|a| crate::settings::export::ExportApplication {
            cover_letter: letters.get(&a.id).cloned().unwrap_or_default(),
            vacancy: a.vacancy_title,
            company: a.company,
            stage: a.stage.label().to_string(),
            applied_at: a.applied_at,
            auto_applied: a.auto_applied,
            timeline: a
                .timeline
                .into_iter()
                .map(|t| crate::settings::export::ExportStep {
                    title: t.title,
                    body: t.body,
                    at: t.at,
                })
                .collect(),
        })
        .collect())
}

/// The stage of the candidate's own application, locked for the change.
pub async fn lock_own(
    conn: &mut PgConnection,
    id: Uuid,
    candidate_id: Uuid,
) -> Result<Option<Stage>, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "select status from applications where id = $1 and candidate_id = $2 for update",
        id,
        candidate_id
    )
    .fetch_optional(conn)
    .await?
    .as_deref()
    .and_then(Stage::parse))
}

pub async fn set_stage(
    conn: &mut PgConnection,
    id: Uuid,
    to: Stage,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update applications set status = $2, updated_at = now(),
                rejection_reason = case when $2 = 'rejected' then $3 else rejection_reason end
          where id = $1",
        id,
        to.as_str(),
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `viewer` may download the résumé: its owner, or a member of a
/// company the owner applied to with it.
pub async fn resume_visible_to(
    db: impl PgExecutor<'_>,
    resume_id: Uuid,
    viewer: Uuid,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists(
               select 1 from resumes r where r.id = $1 and r.user_id = $2
               union all
               select 1 from applications a
                 join vacancies v on v.id = a.vacancy_id
                 join company_members m on m.company_id = v.company_id
                where a.resume_id = $1 and m.user_id = $2) as "visible!""#,
        resume_id,
        viewer
    )
    .fetch_one(db)
    .await
}

/// One applicant as the pipeline lists them.
pub struct ListedApplicant {
    pub id: Uuid,
    pub status: String,
    pub match_score: i16,
    pub created_at: OffsetDateTime,
    pub source: String,
    pub name: String,
    pub headline: String,
}

/// A page of a vacancy's applicants, best match first, in one stage or all.
/// Two statements rather than an optional stage, so the plan PostgreSQL
/// caches for each walks its index in order for a vacancy with thousands
/// of applicants.
pub async fn applicants_page(
    db: impl PgExecutor<'_>,
    vacancy_id: Uuid,
    stage: Option<Stage>,
    limit: i64,
    offset: i64,
) -> Result<Vec<ListedApplicant>, sqlx::Error> {
    match stage {
        None => {
            sqlx::query_as!(
                ListedApplicant,
                r#"select a.id, a.status, a.match_score, a.created_at, a.source,
                          coalesce(nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''),
                                   u.email) as "name!",
                          coalesce(p.headline, '') as "headline!"
                     from applications a
                     join users u on u.id = a.candidate_id
                     left join candidate_profiles p on p.user_id = a.candidate_id
                    where a.vacancy_id = $1
                    order by a.match_score desc, a.created_at, a.id
                    limit $2 offset $3"#,
                vacancy_id,
                limit,
                offset
            )
            .fetch_all(db)
            .await
        }
        Some(stage) => {
            sqlx::query_as!(
                ListedApplicant,
                r#"select a.id, a.status, a.match_score, a.created_at, a.source,
                          coalesce(nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''),
                                   u.email) as "name!",
                          coalesce(p.headline, '') as "headline!"
                     from applications a
                     join users u on u.id = a.candidate_id
                     left join candidate_profiles p on p.user_id = a.candidate_id
                    where a.vacancy_id = $1 and a.status = $2
                    order by a.match_score desc, a.created_at, a.id
                    limit $3 offset $4"#,
                vacancy_id,
                stage.as_str(),
                limit,
                offset
            )
            .fetch_all(db)
            .await
        }
    }
}

/// The board's cards: the best `per_stage` applicants of each stage in
/// `stages`, each stage walked in its own index order.
pub async fn board_applicants(
    db: impl PgExecutor<'_>,
    vacancy_id: Uuid,
    stages: &[String],
    per_stage: i64,
) -> Result<Vec<ListedApplicant>, sqlx::Error> {
    sqlx::query_as!(
        ListedApplicant,
        r#"select a.id as "id!", a.status as "status!", a.match_score as "match_score!",
                  a.created_at as "created_at!", a.source as "source!", a.name as "name!",
                  a.headline as "headline!"
             from unnest($2::text[]) as stage(status)
             cross join lateral (
                   select a.id, a.status, a.match_score, a.created_at, a.source,
                          coalesce(nullif(trim(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '')), ''),
                                   u.email) as name,
                          coalesce(p.headline, '') as headline
                     from applications a
                     join users u on u.id = a.candidate_id
                     left join candidate_profiles p on p.user_id = a.candidate_id
                    where a.vacancy_id = $1 and a.status = stage.status
                    order by a.match_score desc, a.created_at, a.id
                    limit $3) a"#,
        vacancy_id,
        stages,
        per_stage
    )
    .fetch_all(db)
    .await
}
