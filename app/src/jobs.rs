//! Background jobs in PostgreSQL. Anything can enqueue a job inside its own
//! transaction; the server's worker loop runs due jobs one at a time per
//! instance, woken by a notification on the `jobs` channel when one is
//! added (a trigger on the table sends it at commit). A job that fails is
//! retried with a growing delay.

use crate::state::AppState;
use sqlx::PgExecutor;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// Attempts before a job is marked failed.
pub const MAX_ATTEMPTS: i32 = 5;

/// The kinds of job and what they carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Erase a deleted account's personal data once its grace period is over.
    EraseAccount { user_id: Uuid },
    /// Read an uploaded résumé's text into suggestions (in a contained child:
    /// a hostile PDF must not hold up a request or the server).
    ParseResume { resume_id: Uuid },
    /// Probe an uploaded video and cut its thumbnail (contained, like résumés).
    ProcessVideo { video_id: Uuid },
    /// Send a mail of the outbox (`mail::outbox`), queued in the
    /// transaction that caused it.
    SendEmail { email_id: Uuid },
    /// Tell a member who newly matches a talent search they saved with an
    /// alert (queued once a day per search by `talent::searches`).
    TalentAlert { search_id: Uuid },
    /// Tell a person of messages still unread ten minutes after the first
    /// (queued by `chat::db::send`).
    ChatReminder { chat_id: Uuid, user_id: Uuid },
    /// Take a subscription's next step as of `at`: end a trial, renew,
    /// retry a declined renewal, end the plan (`billing::lifecycle`).
    BillingStep {
        subscription_id: Uuid,
        at: OffsetDateTime,
    },
}

/// The channel a new job is announced on.
pub const CHANNEL: &str = "jobs";

/// The kind of `Job::ChatReminder`, which `chat::db::send` queues in SQL.
pub const CHAT_REMINDER: &str = "chat_reminder";

impl Job {
    fn kind(&self) -> &'static str {
        match self {
            Self::EraseAccount { .. } => "erase_account",
            Self::ParseResume { .. } => "parse_resume",
            Self::ProcessVideo { .. } => "process_video",
            Self::SendEmail { .. } => "send_email",
            Self::TalentAlert { .. } => "talent_alert",
            Self::ChatReminder { .. } => CHAT_REMINDER,
            Self::BillingStep { .. } => "billing_step",
        }
    }

    fn payload(&self) -> serde_json::Value {
        match self {
            Self::EraseAccount { user_id } => serde_json::json!({ "user_id": user_id }),
            Self::ParseResume { resume_id } => serde_json::json!({ "resume_id": resume_id }),
            Self::ProcessVideo { video_id } => serde_json::json!({ "video_id": video_id }),
            Self::SendEmail { email_id } => serde_json::json!({ "email_id": email_id }),
            Self::TalentAlert { search_id } => serde_json::json!({ "search_id": search_id }),
            Self::ChatReminder { chat_id, user_id } => {
                serde_json::json!({ "chat_id": chat_id, "user_id": user_id })
            }
            Self::BillingStep {
                subscription_id,
                at,
            } => serde_json::json!({
                "subscription_id": subscription_id,
                // In full: a step at a boundary must not fall before it.
                "at": at.unix_timestamp_nanos().to_string(),
            }),
        }
    }

    fn parse(kind: &str, payload: &serde_json::Value) -> Option<Self> {
        let id = |name: &str| payload[name].as_str().and_then(|id| id.parse().ok());
        match kind {
            "erase_account" => id("user_id").map(|user_id| Self::EraseAccount { user_id }),
            "parse_resume" => id("resume_id").map(|resume_id| Self::ParseResume { resume_id }),
            "process_video" => id("video_id").map(|video_id| Self::ProcessVideo { video_id }),
            "send_email" => id("email_id").map(|email_id| Self::SendEmail { email_id }),
            "talent_alert" => id("search_id").map(|search_id| Self::TalentAlert { search_id }),
            CHAT_REMINDER => Some(Self::ChatReminder {
                chat_id: id("chat_id")?,
                user_id: id("user_id")?,
            }),
            "billing_step" => Some(Self::BillingStep {
                subscription_id: id("subscription_id")?,
                at: payload["at"]
                    .as_str()
                    .and_then(|nanos| nanos.parse().ok())
                    .and_then(|nanos| OffsetDateTime::from_unix_timestamp_nanos(nanos).ok())?,
            }),
            _ => None,
        }
    }
}

/// What a sweep removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub notifications: u64,
    pub login_attempts: u64,
    pub captured_emails: u64,
    pub searches: u64,
    pub email_logs: u64,
    pub conversations: u64,
}

/// How long login attempts and captured emails are kept.
pub const KEEP_RECORDS_DAYS: i64 = 30;
/// How long the searches people ran are kept (seed 001's retention).
pub const KEEP_SEARCHES_DAYS: i64 = 90;
/// How long the log of a mail that is done with (sent, failed, suppressed)
/// is kept (seed 001's retention).
pub const KEEP_EMAIL_LOGS_DAYS: i64 = 365;

/// Housekeeping the worker runs every hour: read notifications and searches
/// go after 90 days, login attempts and captured emails after 30, the logs
/// of mails done with after a year, conversations of closed applications and
/// introductions after 180 (`chat::db::erase_closed`). What the searches
/// counted towards a plan's usage stays in `usage_records`.
pub async fn sweep(state: &AppState) -> Result<Swept, sqlx::Error> {
    let pool = &state.pool;
    let now = OffsetDateTime::now_utc();
    let row = sqlx::query!(
        r#"with notifications as (delete from notifications where read_at < $1 returning 1),
                attempts as (delete from login_attempts where created_at < $2 returning 1),
                emails as (delete from captured_emails where created_at < $2 returning 1),
                searches as (delete from search_queries where created_at < $3 returning 1),
                email_logs as (delete from email_logs
                                where created_at < $4 and status not in ('queued', 'sending')
                                returning 1)
           select (select count(*) from notifications) as "notifications!",
                  (select count(*) from attempts) as "login_attempts!",
                  (select count(*) from emails) as "captured_emails!",
                  (select count(*) from searches) as "searches!",
                  (select count(*) from email_logs) as "email_logs!""#,
        now - Duration::days(crate::notifications::rules::KEEP_READ_DAYS),
        now - Duration::days(KEEP_RECORDS_DAYS),
        now - Duration::days(KEEP_SEARCHES_DAYS),
        now - Duration::days(KEEP_EMAIL_LOGS_DAYS)
    )
    .fetch_one(pool)
    .await?;
    let (conversations, files) = crate::chat::db::erase_closed(pool, now).await?;
    crate::media::storage::remove_orphans(state.storage.as_ref(), files).await;
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    Ok(Swept {
        notifications: count(row.notifications),
        login_attempts: count(row.login_attempts),
        captured_emails: count(row.captured_emails),
        searches: count(row.searches),
        email_logs: count(row.email_logs),
        conversations,
    })
}

/// The delay before retry `attempt` (1-based): 1, 4, 9, 16 minutes.
pub fn retry_delay(attempt: i32) -> Duration {
    Duration::minutes(i64::from(attempt).pow(2))
}

pub async fn enqueue(
    db: impl PgExecutor<'_>,
    job: &Job,
    run_at: OffsetDateTime,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into jobs (id, kind, payload, run_at) values ($1, $2, $3, $4)",
        id,
        job.kind(),
        job.payload(),
        run_at
    )
    .execute(db)
    .await?;
    Ok(id)
}

/// Claims and runs one due job. Returns whether there was one. The row stays
/// locked while the job runs, so no other worker can take it.
pub async fn run_next(state: &AppState) -> Result<bool, sqlx::Error> {
    let pool = &state.pool;
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query!(
        "select id, kind, payload, attempts from jobs
          where done_at is null and failed_at is null and run_at <= now()
          order by run_at
          limit 1
          for update skip locked"
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(false);
    };

    let outcome = match Job::parse(&row.kind, &row.payload) {
        Some(job) => run(&mut tx, state, &job).await,
        None => Err(format!("unknown job {} {}", row.kind, row.payload)),
    };
    match outcome {
        Ok(files) => {
            sqlx::query!("update jobs set done_at = now() where id = $1", row.id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            // Files go once nothing points to them any more.
            crate::media::storage::remove_orphans(state.storage.as_ref(), files).await;
        }
        Err(error) => {
            // The job's own changes are rolled back; only the retry is recorded.
            tx.rollback().await?;
            let attempts = row.attempts + 1;
            tracing::warn!(job = %row.id, kind = %row.kind, attempts, %error, "job failed");
            sqlx::query!(
                "update jobs
                    set attempts = $2, last_error = $3, run_at = $4,
                        failed_at = case when $2::int >= $5::int then now() end
                  where id = $1",
                row.id,
                attempts,
                error,
                OffsetDateTime::now_utc() + retry_delay(attempts),
                MAX_ATTEMPTS
            )
            .execute(pool)
            .await?;
        }
    }
    Ok(true)
}

/// Runs a job's work in the job's transaction; returns the stored files to
/// delete once it has committed.
async fn run(
    conn: &mut sqlx::PgConnection,
    state: &AppState,
    job: &Job,
) -> Result<Vec<String>, String> {
    match job {
        Job::EraseAccount { user_id } => crate::settings::db::erase_account(conn, *user_id)
            .await
            .map_err(|e| e.to_string()),
        Job::ParseResume { resume_id } => {
            crate::media::api::parse_stored_resume(conn, state, *resume_id).await?;
            Ok(Vec::new())
        }
        Job::ProcessVideo { video_id } => {
            crate::media::video::process::process(state, *video_id)
                .await
                .map_err(|e| e.to_string())?;
            Ok(Vec::new())
        }
        Job::SendEmail { email_id } => {
            crate::mail::outbox::deliver(state, *email_id).await?;
            Ok(Vec::new())
        }
        Job::TalentAlert { search_id } => {
            crate::talent::searches::run_alert(conn, *search_id)
                .await
                .map_err(|e| e.to_string())?;
            Ok(Vec::new())
        }
        Job::ChatReminder { chat_id, user_id } => {
            crate::chat::db::remind(conn, *chat_id, *user_id)
                .await
                .map_err(|e| e.to_string())?;
            Ok(Vec::new())
        }
        Job::BillingStep {
            subscription_id,
            at,
        } => {
            crate::billing::lifecycle::step(conn, state, *subscription_id, *at).await?;
            Ok(Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_round_trip_through_their_stored_form() {
        for job in [
            Job::EraseAccount {
                user_id: Uuid::now_v7(),
            },
            Job::ParseResume {
                resume_id: Uuid::now_v7(),
            },
            Job::ProcessVideo {
                video_id: Uuid::now_v7(),
            },
            Job::SendEmail {
                email_id: Uuid::now_v7(),
            },
            Job::TalentAlert {
                search_id: Uuid::now_v7(),
            },
            Job::ChatReminder {
                chat_id: Uuid::now_v7(),
                user_id: Uuid::now_v7(),
            },
            Job::BillingStep {
                subscription_id: Uuid::now_v7(),
                at: OffsetDateTime::from_unix_timestamp_nanos(1_764_633_600_123_456_789).unwrap(),
            },
        ] {
            assert_eq!(Job::parse(job.kind(), &job.payload()), Some(job));
        }
        assert_eq!(Job::parse("erase_account", &serde_json::json!({})), None);
        assert_eq!(Job::parse("nonsense", &serde_json::json!({})), None);
    }

    #[test]
    fn retries_back_off() {
        assert_eq!(retry_delay(1), Duration::minutes(1));
        assert_eq!(retry_delay(3), Duration::minutes(9));
    }
}
