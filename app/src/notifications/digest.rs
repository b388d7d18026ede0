//! The daily summary. Notifications of a kind the person gets "in the app
//! and a daily summary by email" wait in the app; once a day, at 8 in the
//! morning on the person's own clock, one email lists what came.

use super::db;
use crate::mail::outbox::{self, Email};
use crate::mail::templates::Template;
use crate::mail::unsubscribe::Subscription;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// The hour of the person's day the summary goes out.
pub const HOUR: i8 = 8;
/// At most one summary in this many hours, however often the workers look.
const GAP_HOURS: i64 = 20;
/// A summary whose hour was missed (the site was down) goes once its
/// oldest item has waited this long.
const OVERDUE_HOURS: i64 = 26;
/// Items listed in one email; the rest are counted.
const LISTED: usize = 20;

/// Sends the summaries due at `now`; returns how many went out. The
/// workers call it every pass; several instances may run it at once.
pub async fn send_due(pool: &PgPool, now: OffsetDateTime) -> Result<usize, sqlx::Error> {
    let waiting = sqlx::query!(
        r#"select n.user_id, coalesce(s.timezone, 'UTC') as "zone!",
                  min(n.created_at) as "oldest!"
             from notifications n
             left join user_settings s on s.user_id = n.user_id
             left join notification_digests d on d.user_id = n.user_id
            where n.digest_pending and (d.sent_at is null or d.sent_at < $1)
            group by n.user_id, s.timezone"#,
        now - Duration::hours(GAP_HOURS)
    )
    .fetch_all(pool)
    .await?;
    let mut sent = 0;
    for person in waiting {
        let due = local_hour(&person.zone, now) == Some(HOUR)
            || person.oldest < now - Duration::hours(OVERDUE_HOURS);
        if due && send_one(pool, person.user_id, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The hour on `zone`'s clock at `now`.
fn local_hour(zone: &str, now: OffsetDateTime) -> Option<i8> {
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let at = jiff::Timestamp::from_second(now.unix_timestamp()).ok()?;
    Some(tz.to_datetime(at).hour())
}

/// Takes the waiting items and records the send in one transaction, so an
/// instance running at the same moment finds nothing left to send.
async fn send_one(pool: &PgPool, user_id: Uuid, now: OffsetDateTime) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let claimed = sqlx::query_scalar!(
        "insert into notification_digests (user_id, sent_at) values ($1, $2)
         on conflict (user_id) do update set sent_at = excluded.sent_at
          where notification_digests.sent_at < $3
         returning user_id",
        user_id,
        now,
        now - Duration::hours(GAP_HOURS)
    )
    .fetch_optional(&mut *tx)
    .await?;
    if claimed.is_none() {
        return Ok(false);
    }
    let mut items = sqlx::query!(
        "update notifications set digest_pending = false
          where user_id = $1 and digest_pending
         returning id, title, body",
        user_id
    )
    .fetch_all(&mut *tx)
    .await?;
    if items.is_empty() {
        return Ok(false);
    }
    // Newest first (ids are time-ordered).
    items.sort_by_key(|item| std::cmp::Reverse(item.id));
    if let Some(to) = db::email_address(&mut *tx, user_id).await? {
        let listed: Vec<_> = items
            .iter()
            .take(LISTED)
            .map(|item| {
                serde_json::json!({
                    "title": item.title,
                    "body": item.body,
                    // Opening it marks it read, as from the centre.
                    "link": format!("/notifications/{}/open", item.id),
                })
            })
            .collect();
        let email = Email {
            to,
            user_id: Some(user_id),
            template: Template::Digest,
            variables: serde_json::json!({
                "count": items.len(),
                "items": listed,
                "more": items.len().saturating_sub(LISTED),
                "link": "/notifications",
                "settings_link": "/settings#notifications",
            }),
            unsubscribe: Some(Subscription::Digest { user_id }),
        };
        outbox::queue(&mut tx, &email).await?;
    }
    tx.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hour_is_read_on_the_persons_clock() {
        let now = time::macros::datetime!(2026-12-01 07:30 UTC);
        assert_eq!(local_hour("Africa/Lagos", now), Some(8));
        assert_eq!(local_hour("UTC", now), Some(7));
        assert_eq!(local_hour("Asia/Kolkata", now), Some(13));
        assert_eq!(local_hour("Not/AZone", now), None);
    }
}
