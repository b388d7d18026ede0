//! SQL for accounts. Plain functions over a connection or transaction.

use super::rules::{AccountType, FailureOutcome};
use sqlx::types::ipnetwork::IpNetwork;
use sqlx::{PgConnection, PgExecutor};
use std::net::IpAddr;
use time::OffsetDateTime;
use uuid::Uuid;

pub const EMAIL_UNIQUE: &str = "users_email_key";

pub struct NewUser<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub account_type: AccountType,
    pub status: &'a str,
    pub email_verified_at: Option<OffsetDateTime>,
    pub terms_version: &'a str,
    pub marketing_consent: bool,
}

/// Inserts a user and their default settings.
pub async fn insert_user(conn: &mut PgConnection, user: &NewUser<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into users (id, email, password_hash, account_type, status, email_verified_at,
                              terms_accepted_at, terms_version, marketing_consent)
           values ($1, $2, $3, $4, $5, $6, now(), $7, $8)"#,
        user.id,
        user.email,
        user.password_hash,
        user.account_type.as_str(),
        user.status,
        user.email_verified_at,
        user.terms_version,
        user.marketing_consent,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("insert into user_settings (user_id) values ($1)", user.id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub struct LoginRow {
    pub id: Uuid,
    pub password_hash: String,
    pub status: String,
    pub locked_until: Option<OffsetDateTime>,
    pub session_epoch: i32,
}

/// The account that may log in with this email (deleted accounts are gone).
pub async fn find_for_login(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<LoginRow>, sqlx::Error> {
    sqlx::query_as!(
        LoginRow,
        "select id, password_hash, status, locked_until, session_epoch
           from users where lower(email) = lower($1) and deleted_at is null",
        email
    )
    .fetch_optional(db)
    .await
}

/// Counts one failed login under a row lock, so simultaneous failures all count.
pub async fn record_failed_login(
    conn: &mut PgConnection,
    user_id: Uuid,
    now: OffsetDateTime,
) -> Result<FailureOutcome, sqlx::Error> {
    let row = sqlx::query!(
        "select failed_login_count, last_failed_login_at from users where id = $1 for update",
        user_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let outcome =
        super::rules::register_failed_login(row.failed_login_count, row.last_failed_login_at, now);
    sqlx::query!(
        "update users
            set failed_login_count = $2, last_failed_login_at = $3,
                locked_until = coalesce($4, locked_until)
          where id = $1",
        user_id,
        outcome.failed_login_count,
        now,
        outcome.locked_until,
    )
    .execute(&mut *conn)
    .await?;
    Ok(outcome)
}

pub async fn record_successful_login(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users
            set failed_login_count = 0, last_failed_login_at = null, locked_until = null,
                last_login_at = now()
          where id = $1",
        user_id
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn record_login_attempt(
    db: impl PgExecutor<'_>,
    email: &str,
    user_id: Option<Uuid>,
    ip: Option<IpAddr>,
    succeeded: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into login_attempts (id, email, user_id, ip, succeeded) values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        email.chars().take(254).collect::<String>(),
        user_id,
        ip.map(IpNetwork::from),
        succeeded,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Failed logins from an address since a moment.
pub async fn failed_logins_from_ip(
    db: impl PgExecutor<'_>,
    ip: IpAddr,
    since: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from login_attempts
            where ip = $1 and not succeeded and created_at > $2"#,
        IpNetwork::from(ip),
        since
    )
    .fetch_one(db)
    .await
}

pub struct SessionUserRow {
    pub id: Uuid,
    pub email: String,
    pub account_type: String,
    pub status: String,
    pub email_verified: bool,
    pub session_epoch: i32,
}

pub async fn session_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<SessionUserRow>, sqlx::Error> {
    sqlx::query_as!(
        SessionUserRow,
        r#"select id, email, account_type, status,
                  email_verified_at is not null as "email_verified!", session_epoch
             from users where id = $1 and deleted_at is null"#,
        user_id
    )
    .fetch_optional(db)
    .await
}

/// The kinds of single-use token sent by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    EmailVerification,
    PasswordReset,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::EmailVerification => "email_verification",
            Self::PasswordReset => "password_reset",
        }
    }
}

pub async fn insert_token(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    purpose: TokenPurpose,
    token_hash: &[u8],
    expires_at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into user_tokens (id, user_id, purpose, token_hash, expires_at) values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        user_id,
        purpose.as_str(),
        token_hash,
        expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Uses a token: one statement marks it used only if it is unused and
/// unexpired, so two simultaneous uses cannot both succeed.
pub async fn consume_token(
    db: impl PgExecutor<'_>,
    purpose: TokenPurpose,
    token_hash: &[u8],
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "update user_tokens set used_at = now()
          where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()
          returning user_id",
        token_hash,
        purpose.as_str()
    )
    .fetch_optional(db)
    .await
}

/// Tokens of a purpose sent to a user since a moment (to slow down resends).
pub async fn tokens_sent_since(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    purpose: TokenPurpose,
    since: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from user_tokens
            where user_id = $1 and purpose = $2 and created_at > $3"#,
        user_id,
        purpose.as_str(),
        since
    )
    .fetch_one(db)
    .await
}

/// Marks the email verified; a pending account becomes active.
pub async fn mark_email_verified(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users
            set email_verified_at = coalesce(email_verified_at, now()),
                status = case when status = 'pending' then 'active' else status end
          where id = $1",
        user_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Sets a new password, lifts any lock, ends every other session (new epoch)
/// and voids outstanding reset links. Returns the new epoch.
pub async fn set_password(
    conn: &mut PgConnection,
    user_id: Uuid,
    password_hash: &str,
) -> Result<i32, sqlx::Error> {
    let epoch = sqlx::query_scalar!(
        "update users
            set password_hash = $2, session_epoch = session_epoch + 1,
                failed_login_count = 0, last_failed_login_at = null, locked_until = null
          where id = $1
          returning session_epoch",
        user_id,
        password_hash
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "update user_tokens set used_at = now()
          where user_id = $1 and purpose = 'password_reset' and used_at is null",
        user_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(epoch)
}

pub struct EmailRow {
    pub id: Uuid,
    pub email: String,
}

/// An account a reset link may be sent to.
pub async fn find_resettable(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<EmailRow>, sqlx::Error> {
    sqlx::query_as!(
        EmailRow,
        "select id, email from users
          where lower(email) = lower($1) and deleted_at is null
            and status in ('pending', 'active')",
        email
    )
    .fetch_optional(db)
    .await
}
