//! A typed view of the session cookie and the role guards.

use super::CurrentUser;
use super::rules::{AccountStatus, AccountType};
use crate::error::AppError;
use crate::state::app_state;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use uuid::Uuid;

const AUTH_KEY: &str = "auth";

/// What the session stores about its user. `epoch` must match the user's
/// current `session_epoch`, so a password change ends older sessions.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SessionAuth {
    user_id: Uuid,
    epoch: i32,
}

pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// Starts an authenticated session under a fresh id (no session fixation),
/// with the clock of the user's time zone for the pages.
pub async fn start(session: &Session, user_id: Uuid, epoch: i32) -> Result<(), AppError> {
    session.cycle_id().await?;
    session
        .insert(AUTH_KEY, SessionAuth { user_id, epoch })
        .await?;
    crate::settings::zone::send_clock(&app_state()?.pool, user_id).await
}

/// Ends the session: its row is deleted and the next visit gets a new id.
pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await?;
    crate::settings::zone::clear_clock();
    Ok(())
}

/// The logged-in user of this request, if the session is still valid.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let session = current_session().await?;
    user_of_session(&session, &app_state()?.pool).await
}

/// The user a session belongs to, if it is still valid (for handlers that
/// are not server functions, such as file downloads).
pub async fn user_of_session(
    session: &Session,
    pool: &sqlx::PgPool,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(auth) = session.get::<SessionAuth>(AUTH_KEY).await? else {
        return Ok(None);
    };
    let Some(row) = super::db::session_user(pool, auth.user_id).await? else {
        return Ok(None);
    };
    let status = AccountStatus::parse(&row.status);
    let account_type = AccountType::parse(&row.account_type);
    match (status, account_type) {
        (Some(status), Some(account_type))
            if status.may_log_in() && row.session_epoch == auth.epoch =>
        {
            Ok(Some(CurrentUser {
                id: row.id,
                email: row.email,
                account_type,
                email_verified: row.email_verified,
                admin_role: row
                    .admin_role
                    .as_deref()
                    .and_then(super::rules::AdminRole::parse),
            }))
        }
        _ => {
            // Suspended, deleted or password changed since: the session is void.
            end(session).await?;
            Ok(None)
        }
    }
}

/// The logged-in user, or `Unauthenticated`.
pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// The logged-in user if they have this account type, else `Forbidden`.
pub async fn require_role(account_type: AccountType) -> Result<CurrentUser, AppError> {
    let user = require_user().await?;
    if user.account_type == account_type {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The logged-in administrator if their role opens `area`, else `Forbidden`.
pub async fn require_admin(area: super::rules::AdminArea) -> Result<CurrentUser, AppError> {
    let user = require_role(AccountType::Admin).await?;
    if user.admin_role.is_some_and(|role| role.may(area)) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}
