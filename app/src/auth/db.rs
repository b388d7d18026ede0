//! SQL for accounts. Plain functions over a connection or transaction.

use super::rules::{AccountType, LoginFailures};
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
    /// An administrator's role (the database gives one without it the
    /// narrowest, support).
    pub admin_role: Option<super::rules::AdminRole>,
    /// One of `settings::rules::TIME_ZONES`.
    pub timezone: &'a str,
}

/// Inserts a user and their default settings.
pub async fn insert_user(conn: &mut PgConnection, user: &NewUser<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into users (id, email, password_hash, account_type, status, email_verified_at,
                              terms_accepted_at, terms_version, marketing_consent, admin_role)
           values ($1, $2, $3, $4, $5, $6, now(), $7, $8, $9)"#,
        user.id,
        user.email,
        user.password_hash,
        user.account_type.as_str(),
        user.status,
        user.email_verified_at,
        user.terms_version,
        user.marketing_consent,
        user.admin_role.map(super::rules::AdminRole::as_str),
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into user_settings (user_id, timezone) values ($1, $2)",
        user.id,
        user.timezone
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub struct LoginRow {
    pub id: Uuid,
    pub email: String,
    pub password_hash: String,
    pub status: String,
    pub account_type: String,
    pub session_epoch: i32,
}

/// The account that may log in with this email (deleted accounts are gone).
pub async fn find_for_login(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Option<LoginRow>, sqlx::Error> {
    sqlx::query_as!(
        LoginRow,
        "select id, email, password_hash, status, account_type, session_epoch
           from users where lower(email) = lower($1) and deleted_at is null",
        email
    )
    .fetch_optional(db)
    .await
}

/// Takes turns with other logins for the same address until the
/// transaction ends, so simultaneous guesses are all counted before any of
/// them is let through.
pub async fn lock_login(conn: &mut PgConnection, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('login:' || lower($1), 0))",
        email
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The failed logins since `since` that bear on an attempt for `email`
/// from `ip`. Failures before the account's last successful login or new
/// password do not count; an address without an account counts the same.
pub async fn login_failures(
    db: impl PgExecutor<'_>,
    email: &str,
    ip: Option<IpAddr>,
    since: OffsetDateTime,
) -> Result<LoginFailures, sqlx::Error> {
    let ip = ip.map(IpNetwork::from);
    let row = sqlx::query!(
        r#"with account as (
               select greatest($3, coalesce(max(login_failures_cleared_at), $3)) as since
                 from users where lower(email) = lower($1) and deleted_at is null
           )
           select count(*) filter (where a.ip = $2) as "account_here!",
                  count(*) as "account!",
                  (select count(*) from login_attempts n
                    where n.ip = $2 and not n.succeeded and n.created_at > $3) as "network!"
             from login_attempts a, account
            where a.email = lower($1) and not a.succeeded
              and a.created_at > coalesce(account.since, $3)"#,
        email,
        ip,
        since
    )
    .fetch_one(db)
    .await?;
    Ok(LoginFailures {
        account_here: row.account_here,
        account: row.account,
        network: row.network,
    })
}

/// Whether a sign-in with `user_agent` comes from a browser the account has
/// not used: it signed in or registered before, never with this one.
/// (An account with no such history, made by the seed or an operator, has
/// no devices to compare with.)
pub async fn is_new_device(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    user_agent: &str,
) -> Result<bool, sqlx::Error> {
    // Each stops at the first row found, however long the history.
    let row = sqlx::query!(
        r#"with history as (
               select user_agent from audit_log
                where target_type = 'user' and target_id = $1::uuid::text
                  and action in ('login.succeeded', 'account.registered'))
           select exists (select 1 from history) as "known_any!",
                  exists (select 1 from history where user_agent = $2) as "known_device!""#,
        user_id,
        user_agent
    )
    .fetch_one(db)
    .await?;
    Ok(row.known_any && !row.known_device)
}

/// A successful login: failures so far stop counting.
pub async fn record_successful_login(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users set login_failures_cleared_at = now(), last_login_at = now() where id = $1",
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
        email.to_lowercase().chars().take(254).collect::<String>(),
        user_id,
        ip.map(IpNetwork::from),
        succeeded,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub struct SessionUserRow {
    pub id: Uuid,
    pub email: String,
    pub account_type: String,
    pub status: String,
    pub email_verified: bool,
    pub session_epoch: i32,
    pub admin_role: Option<String>,
}

pub async fn session_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<SessionUserRow>, sqlx::Error> {
    sqlx::query_as!(
        SessionUserRow,
        r#"select id, email, account_type, status,
                  email_verified_at is not null as "email_verified!", session_epoch, admin_role
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
    /// A one-time login, when the network is throttled.
    SignIn,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::EmailVerification => "email_verification",
            Self::PasswordReset => "password_reset",
            Self::SignIn => "sign_in",
        }
    }
}

/// Stores a token sent to `email`: it works only while that is still the
/// account's address.
pub async fn insert_token(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    email: &str,
    purpose: TokenPurpose,
    token_hash: &[u8],
    expires_at: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into user_tokens (id, user_id, email, purpose, token_hash, expires_at)
         values ($1, $2, $3, $4, $5, $6)",
        Uuid::now_v7(),
        user_id,
        email,
        purpose.as_str(),
        token_hash,
        expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Uses a token: one statement marks it used only if it is unused,
/// unexpired and was sent to the account's current address, so two
/// simultaneous uses cannot both succeed.
pub async fn consume_token(
    db: impl PgExecutor<'_>,
    purpose: TokenPurpose,
    token_hash: &[u8],
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "update user_tokens t set used_at = now()
           from users u
          where t.token_hash = $1 and t.purpose = $2 and t.used_at is null
            and t.expires_at > now()
            and u.id = t.user_id and lower(u.email) = lower(t.email)
          returning t.user_id",
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

/// Sets a new password, lifts any lock (failures so far stop counting),
/// ends every other session (new epoch) and voids outstanding reset and
/// sign-in links. Returns the new epoch.
pub async fn set_password(
    conn: &mut PgConnection,
    user_id: Uuid,
    password_hash: &str,
) -> Result<i32, sqlx::Error> {
    let epoch = sqlx::query_scalar!(
        "update users
            set password_hash = $2, session_epoch = session_epoch + 1,
                login_failures_cleared_at = now()
          where id = $1
          returning session_epoch",
        user_id,
        password_hash
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "update user_tokens set used_at = now()
          where user_id = $1 and purpose in ('password_reset', 'sign_in') and used_at is null",
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
