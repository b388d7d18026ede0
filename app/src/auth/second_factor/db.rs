//! SQL for administrators' authenticators and recovery codes. Each use of
//! a code is one conditional update, so two requests with the same code
//! cannot both be let through.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

pub struct FactorRow {
    /// Encrypted with the field key.
    pub secret: Vec<u8>,
    /// The recovery codes to show again, encrypted, until the setup is
    /// confirmed.
    pub pending_recovery: Option<Vec<u8>>,
    pub confirmed_at: Option<OffsetDateTime>,
    pub last_used_step: Option<i64>,
}

pub async fn factor(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<FactorRow>, sqlx::Error> {
    sqlx::query_as!(
        FactorRow,
        "select secret, pending_recovery, confirmed_at, last_used_step
           from admin_second_factors where user_id = $1",
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Stores a new, unconfirmed authenticator with its recovery codes, unless
/// one is there already (two setup pages opened at once keep the first).
pub async fn begin_setup(
    conn: &mut PgConnection,
    user_id: Uuid,
    secret: &[u8],
    pending_recovery: &[u8],
    recovery_hashes: &[Vec<u8>],
) -> Result<(), sqlx::Error> {
    let inserted = sqlx::query_scalar!(
        "insert into admin_second_factors (user_id, secret, pending_recovery)
         values ($1, $2, $3) on conflict (user_id) do nothing returning user_id",
        user_id,
        secret,
        pending_recovery
    )
    .fetch_optional(&mut *conn)
    .await?;
    if inserted.is_some() {
        sqlx::query!(
            "insert into admin_recovery_codes (user_id, code_hash)
             select $1, hash from unnest($2::bytea[]) as hash",
            user_id,
            recovery_hashes
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Confirms an authenticator with its first code; false when it was
/// confirmed meanwhile.
pub async fn confirm(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query!(
        "update admin_second_factors
            set confirmed_at = now(), pending_recovery = null, last_used_step = $2
          where user_id = $1 and confirmed_at is null",
        user_id,
        step
    )
    .execute(db)
    .await?;
    Ok(row.rows_affected() == 1)
}

/// Takes a code's time step: false if it or a later one was taken already.
pub async fn take_step(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    step: i64,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query!(
        "update admin_second_factors set last_used_step = $2
          where user_id = $1 and confirmed_at is not null
            and (last_used_step is null or last_used_step < $2)",
        user_id,
        step
    )
    .execute(db)
    .await?;
    Ok(row.rows_affected() == 1)
}

/// Uses up a recovery code of a confirmed authenticator; false if there is
/// no such unused code.
pub async fn take_recovery_code(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    code_hash: &[u8],
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query!(
        "update admin_recovery_codes c set used_at = now()
           from admin_second_factors f
          where c.user_id = $1 and c.code_hash = $2 and c.used_at is null
            and f.user_id = c.user_id and f.confirmed_at is not null",
        user_id,
        code_hash
    )
    .execute(db)
    .await?;
    Ok(row.rows_affected() == 1)
}

/// How an administrator's second factor stands, for their page.
pub struct FactorState {
    pub confirmed_at: Option<OffsetDateTime>,
    pub recovery_codes_left: i64,
}

pub async fn state(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<FactorState>, sqlx::Error> {
    sqlx::query_as!(
        FactorState,
        r#"select f.confirmed_at,
                  (select count(*) from admin_recovery_codes c
                    where c.user_id = f.user_id and c.used_at is null) as "recovery_codes_left!"
             from admin_second_factors f where f.user_id = $1"#,
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Removes an administrator's authenticator and recovery codes: they set up
/// a new one at their next sign-in.
pub async fn reset(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<bool, sqlx::Error> {
    let row = sqlx::query!(
        "delete from admin_second_factors where user_id = $1",
        user_id
    )
    .execute(db)
    .await?;
    Ok(row.rows_affected() == 1)
}
