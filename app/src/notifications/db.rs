use super::Notification;
use super::rules::{Delivery, Kind};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// The person's choice for `kind`, if they made one.
pub async fn chosen_delivery(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    kind: Kind,
) -> Result<Option<Delivery>, sqlx::Error> {
    let chosen = sqlx::query_scalar!(
        "select delivery from notification_preferences where user_id = $1 and kind = $2",
        user_id,
        kind.as_str()
    )
    .fetch_optional(db)
    .await?;
    Ok(chosen.as_deref().and_then(Delivery::parse))
}

/// Every choice the person made.
pub async fn choices(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<(Kind, Delivery)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select kind, delivery from notification_preferences where user_id = $1",
        user_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| Some((Kind::parse(&r.kind)?, Delivery::parse(&r.delivery)?)))
        .collect())
}

pub async fn choose(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    kind: Kind,
    delivery: Delivery,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into notification_preferences (user_id, kind, delivery) values ($1, $2, $3)
         on conflict (user_id, kind) do update set delivery = excluded.delivery",
        user_id,
        kind.as_str(),
        delivery.as_str()
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn insert(
    conn: &mut PgConnection,
    user_id: Uuid,
    kind: Kind,
    title: &str,
    body: &str,
    link: &str,
    // Also to go out in the next daily summary.
    digest: bool,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into notifications (id, user_id, kind, title, body, link, digest_pending)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id,
        user_id,
        kind.as_str(),
        title,
        body,
        link,
        digest
    )
    .execute(conn)
    .await?;
    Ok(id)
}

pub async fn unread_count(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select unread_notifications($1) as "n!""#, user_id)
        .fetch_one(db)
        .await
}

/// The header's two badges in one statement: unread notifications, and
/// conversations with unread messages (as `chat::db::unread_count`).
pub async fn header_counts(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(i64, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"select unread_notifications($1) as "notifications!",
                  unread_conversations($1) as "conversations!""#,
        user_id
    )
    .fetch_one(db)
    .await?;
    Ok((r.notifications, r.conversations))
}

/// Up to `limit` of the person's notifications older than `before` (ids are
/// time-ordered), newest first.
pub async fn page(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    before: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Notification>, sqlx::Error> {
    sqlx::query_as!(
        Notification,
        r#"select id, title, body, read_at is not null as "read!", created_at
             from notifications
            where user_id = $1 and ($2::uuid is null or id < $2)
            order by id desc
            limit $3"#,
        user_id,
        before,
        limit
    )
    .fetch_all(db)
    .await
}

/// The title of one of the person's notifications.
pub async fn title(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select title from notifications where id = $1 and user_id = $2",
        id,
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Marks one of the person's notifications read; returns where it leads
/// (`None`: not theirs, or gone).
pub async fn open(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "update notifications set read_at = coalesce(read_at, now())
          where id = $1 and user_id = $2
          returning link",
        id,
        user_id
    )
    .fetch_optional(db)
    .await
}

pub async fn mark_all_read(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!(
        "update notifications set read_at = now() where user_id = $1 and read_at is null",
        user_id
    )
    .execute(db)
    .await?
    .rows_affected())
}

/// The account's address, if it is confirmed and the account in use.
pub async fn email_address(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select email from users
          where id = $1 and status in ('pending', 'active') and email_verified_at is not null",
        user_id
    )
    .fetch_optional(db)
    .await
}
