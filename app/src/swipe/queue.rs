//! The auto-apply queue. A like that scores well enough waits here for
//! `rules::QUEUE_DELAY`; the worker then sends it, checking the caps at that
//! moment. Any number of workers may run: each takes a due entry with
//! `FOR UPDATE SKIP LOCKED` and then the candidate's row lock, so one
//! candidate's entries are sent one after another and the caps hold.

use super::rules::{self, AutoApply, Sent};
use crate::applications::db::{Applied, apply};
use crate::notifications::rules::Kind;
use crate::notifications::{Notice, notify};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

pub async fn save_settings(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    s: &AutoApply,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into swipe_preferences
                (user_id, auto_apply_enabled, auto_apply_min_score, auto_apply_max_per_day,
                 auto_apply_max_per_company_week, auto_apply_resume_id)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id) do update
            set auto_apply_enabled = excluded.auto_apply_enabled,
                auto_apply_min_score = excluded.auto_apply_min_score,
                auto_apply_max_per_day = excluded.auto_apply_max_per_day,
                auto_apply_max_per_company_week = excluded.auto_apply_max_per_company_week,
                auto_apply_resume_id = excluded.auto_apply_resume_id,
                updated_at = now()",
        user_id,
        s.enabled,
        i16::from(s.min_score),
        s.max_per_day as i32,
        s.max_per_company_per_week as i32,
        s.resume_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Queues an application for a liked card, once; `true` when it was added.
pub async fn enqueue(
    conn: &mut PgConnection,
    user_id: Uuid,
    vacancy_id: Uuid,
    resume_id: Option<Uuid>,
    match_score: u8,
) -> Result<bool, sqlx::Error> {
    let delay_seconds = rules::QUEUE_DELAY.whole_seconds() as f64;
    let id = Uuid::now_v7();
    let added = sqlx::query_scalar!(
        r#"insert into application_queue (id, user_id, vacancy_id, resume_id, match_score, scheduled_at)
           select $1, $2, $3,
                  coalesce($4, (select id from resumes where user_id = $2 and is_primary limit 1)),
                  $5, now() + make_interval(secs => $6)
            where not exists (select 1 from applications where candidate_id = $2 and vacancy_id = $3)
           on conflict (user_id, vacancy_id) where status = 'pending' do nothing
           returning true as "added!""#,
        id,
        user_id,
        vacancy_id,
        resume_id,
        i16::from(match_score),
        delay_seconds
    )
    .fetch_optional(&mut *conn)
    .await?
    .is_some();
    if added {
        log(&mut *conn, id, "info", "queued", "Queued after a like.").await?;
    }
    Ok(added)
}

async fn log(
    db: impl PgExecutor<'_>,
    queue_id: Uuid,
    level: &str,
    step: &str,
    message: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into automation_logs (id, queue_id, level, step, message) values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        queue_id,
        level,
        step,
        message
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Ends a pending entry without an application.
async fn end(
    conn: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update application_queue set status = $2, reason = $3, finished_at = now() where id = $1",
        id,
        status,
        reason
    )
    .execute(&mut *conn)
    .await?;
    log(&mut *conn, id, "info", status, reason).await?;
    if status == "skipped" {
        tell_candidate(conn, id, false, reason).await?;
    }
    Ok(())
}

/// Tells the job seeker what auto-apply did with one of their likes.
async fn tell_candidate(
    conn: &mut PgConnection,
    id: Uuid,
    sent: bool,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let entry = sqlx::query!(
        "select q.user_id, v.title from application_queue q join vacancies v on v.id = q.vacancy_id
          where q.id = $1",
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let title = if sent {
        format!("Auto-apply sent your application for {}", entry.title)
    } else {
        format!(
            "Auto-apply did not send your application for {}",
            entry.title
        )
    };
    let notice = Notice {
        kind: Kind::AutoApplySent,
        title,
        body: reason.to_string(),
        link: "/swipe/queue".into(),
    };
    notify(conn, entry.user_id, &notice).await
}

/// Ends every waiting entry for a vacancy with `reason`.
pub async fn end_for_vacancy(
    conn: &mut PgConnection,
    vacancy_id: Uuid,
    reason: &str,
) -> Result<(), sqlx::Error> {
    let waiting = sqlx::query_scalar!(
        "select id from application_queue where vacancy_id = $1 and status = 'pending' for update",
        vacancy_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for id in waiting {
        end(conn, id, "skipped", reason).await?;
    }
    Ok(())
}

/// The candidate cancels a waiting entry; `false` when it is not theirs
/// or no longer waiting.
pub async fn cancel(pool: &PgPool, user_id: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let waiting = sqlx::query_scalar!(
        r#"select true as "w!" from application_queue
            where id = $1 and user_id = $2 and status = 'pending' for update"#,
        id,
        user_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .is_some();
    if waiting {
        end(&mut tx, id, "cancelled", "You cancelled it.").await?;
    }
    tx.commit().await?;
    Ok(waiting)
}

/// The candidate asks for a waiting entry to go now: it becomes due.
pub async fn send_now(pool: &PgPool, user_id: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!(
        "update application_queue set scheduled_at = now()
          where id = $1 and user_id = $2 and status = 'pending'",
        id,
        user_id
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// The candidate's entries, newest first.
pub async fn list(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<super::QueueEntry>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select q.id, q.status, q.scheduled_at, q.reason, q.match_score, v.title,
                  v.slug as "slug?", case when v.is_confidential then null else c.name end as company
             from application_queue q
             join vacancies v on v.id = q.vacancy_id
             join companies c on c.id = v.company_id
            where q.user_id = $1
            order by q.created_at desc
            limit 100"#,
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| super::QueueEntry {
        id: r.id,
        title: r.title,
        slug: r.slug,
        company: r.company,
        status: r.status,
        scheduled_at: r.scheduled_at,
        reason: r.reason,
        match_score: r.match_score,
    })
    .collect())
}

/// A due entry with everything the send needs.
struct Due {
    id: Uuid,
    user_id: Uuid,
    vacancy_id: Uuid,
    resume_id: Option<Uuid>,
    match_score: i16,
    attempts: i32,
}

/// Sends the due entries, one transaction each, until none is left;
/// answers how many were handled.
pub async fn process_due(pool: &PgPool) -> Result<usize, sqlx::Error> {
    let mut handled = 0;
    loop {
        let mut tx = pool.begin().await?;
        let Some(due) = sqlx::query_as!(
            Due,
            "select id, user_id, vacancy_id, resume_id, match_score, attempts
               from application_queue
              where status = 'pending' and scheduled_at <= now()
              order by scheduled_at
              limit 1
              for update skip locked"
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(handled);
        };
        handled += 1;
        match send(&mut tx, &due).await {
            Ok(()) => tx.commit().await?,
            Err(error) => {
                // Transient trouble: try again later, or give up.
                tx.rollback().await?;
                retry_later(pool, &due, &error.to_string()).await?;
            }
        }
    }
}

async fn send(conn: &mut PgConnection, due: &Due) -> Result<(), sqlx::Error> {
    // One candidate's entries go one at a time, whichever worker has them.
    super::db::lock_candidate(conn, due.user_id).await?;
    // Applying needs a confirmed address, which a changed email undoes.
    let verified = sqlx::query_scalar!(
        r#"select email_verified_at is not null as "verified!" from users where id = $1"#,
        due.user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if !verified {
        return end(
            conn,
            due.id,
            "skipped",
            "Confirm your email address to send applications.",
        )
        .await;
    }
    // The job and the candidate's blocks as they are now, not as they were
    // when the card was liked.
    let vacancy = sqlx::query!(
        r#"select v.company_id, v.accepts_auto_apply,
                  (v.status = 'active' and v.expires_at > now()) as "open!",
                  candidate_blocks_company($2, v.company_id) as "blocked!"
             from vacancies v where v.id = $1"#,
        due.vacancy_id,
        due.user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if !vacancy.open {
        return end(
            conn,
            due.id,
            "skipped",
            "The job closed before it was sent.",
        )
        .await;
    }
    if vacancy.blocked {
        return end(
            conn,
            due.id,
            "skipped",
            "Not sent: you have since hidden from this company.",
        )
        .await;
    }
    if !vacancy.accepts_auto_apply {
        return end(
            conn,
            due.id,
            "skipped",
            "The employer does not take auto-applications for this job.",
        )
        .await;
    }
    let (_, settings) = super::db::preferences(&mut *conn, due.user_id).await?;
    let sent = sqlx::query!(
        r#"select count(*) filter (where a.created_at > now() - interval '1 day') as "today!",
                  count(*) filter (where v.company_id = $2) as "company!"
             from applications a join vacancies v on v.id = a.vacancy_id
            where a.candidate_id = $1 and a.source = 'auto_apply'
              and a.created_at > now() - interval '7 days'"#,
        due.user_id,
        vacancy.company_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let check = rules::check_caps(
        &settings,
        Sent {
            today: sent.today as u32,
            company_this_week: sent.company as u32,
        },
    );
    if let Some(reason) = check.reason() {
        return end(conn, due.id, "skipped", reason).await;
    }
    let score = due.match_score.clamp(0, 100) as u8;
    match apply(
        conn,
        due.vacancy_id,
        due.user_id,
        due.resume_id,
        "",
        score,
        "auto_apply",
    )
    .await?
    {
        Applied::Created(application) => {
            sqlx::query!(
                "update application_queue
                    set status = 'sent', application_id = $2, finished_at = now(),
                        attempts = attempts + 1
                  where id = $1",
                due.id,
                application
            )
            .execute(&mut *conn)
            .await?;
            log(&mut *conn, due.id, "info", "sent", "Application sent.").await?;
            tell_candidate(conn, due.id, true, "").await
        }
        Applied::AlreadyThere => end(conn, due.id, "skipped", "You had already applied.").await,
        Applied::Closed => {
            end(
                conn,
                due.id,
                "skipped",
                "The job closed before it was sent.",
            )
            .await
        }
    }
}

async fn retry_later(pool: &PgPool, due: &Due, error: &str) -> Result<(), sqlx::Error> {
    let attempt = due.attempts as u32 + 1;
    let mut tx = pool.begin().await?;
    match rules::retry_delay(attempt) {
        Some(delay) => {
            sqlx::query!(
                "update application_queue
                    set attempts = $2, scheduled_at = now() + make_interval(secs => $3)
                  where id = $1 and status = 'pending'",
                due.id,
                attempt as i32,
                delay.whole_seconds() as f64
            )
            .execute(&mut *tx)
            .await?;
            log(&mut *tx, due.id, "warn", "retry", error).await?;
        }
        None => {
            sqlx::query!(
                "update application_queue set attempts = $2 where id = $1",
                due.id,
                attempt as i32
            )
            .execute(&mut *tx)
            .await?;
            sqlx::query!(
                "update application_queue
                    set status = 'failed', finished_at = now(),
                        reason = 'We could not send it. Apply from the job page instead.'
                  where id = $1 and status = 'pending'",
                due.id
            )
            .execute(&mut *tx)
            .await?;
            log(&mut *tx, due.id, "error", "failed", error).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
