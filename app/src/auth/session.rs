//! A typed view of the session cookie and the role guards.

use super::CurrentUser;
use super::rules::{AccountStatus, AccountType, SessionUse, session_use};
use crate::auth::second_factor::rules::second_step_open;
use crate::error::AppError;
use crate::state::app_state;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;
use tokio::sync::OnceCell;
use tower_sessions::Session;
use uuid::Uuid;

/// The session cookie's name.
pub const COOKIE: &str = "hirewell_session";

const AUTH_KEY: &str = "auth";

/// What the session stores about its user. `epoch` must match the user's
/// current `session_epoch`, so a password change ends older sessions.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SessionAuth {
    user_id: Uuid,
    epoch: i32,
    /// When the password (or sign-in link) was accepted, Unix seconds.
    #[serde(default)]
    started_at: i64,
    /// An administrator gave their second factor: without it an
    /// administrator's session signs no one in.
    #[serde(default)]
    second_factor: bool,
    /// An administrator's last request, Unix seconds: the session ends
    /// after 30 idle minutes.
    #[serde(default)]
    seen_at: i64,
}

fn unix_now() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|error| {
        tracing::error!(%error, "session layer missing");
        AppError::Internal
    })
}

/// Starts an authenticated session under a fresh id (no session fixation),
/// with the clock of the user's time zone for the pages. An administrator's
/// is only a first step until `complete_second_factor`.
pub async fn start(session: &Session, user_id: Uuid, epoch: i32) -> Result<(), AppError> {
    forget_reader();
    session.cycle_id().await?;
    let now = unix_now();
    session
        .insert(
            AUTH_KEY,
            SessionAuth {
                user_id,
                epoch,
                started_at: now,
                second_factor: false,
                seen_at: now,
            },
        )
        .await?;
    crate::settings::zone::send_clock(&app_state()?.pool, user_id).await
}

/// An administrator who gave their password in this session less than ten
/// minutes ago and has yet to give the second factor.
pub struct AwaitingSecondFactor {
    pub user_id: Uuid,
    pub email: String,
}

pub async fn awaiting_second_factor(
    session: &Session,
    pool: &sqlx::PgPool,
) -> Result<Option<AwaitingSecondFactor>, AppError> {
    let Some(auth) = session.get::<SessionAuth>(AUTH_KEY).await? else {
        return Ok(None);
    };
    if auth.second_factor || !second_step_open(auth.started_at, unix_now()) {
        return Ok(None);
    }
    let Some(row) = super::db::session_user(pool, auth.user_id).await? else {
        return Ok(None);
    };
    let may_log_in = AccountStatus::parse(&row.status).is_some_and(AccountStatus::may_log_in);
    let is_admin = AccountType::parse(&row.account_type) == Some(AccountType::Admin);
    Ok(
        (may_log_in && is_admin && row.session_epoch == auth.epoch).then_some(
            AwaitingSecondFactor {
                user_id: row.id,
                email: row.email,
            },
        ),
    )
}

/// The second factor was given: the administrator is signed in, under a
/// fresh session id once more.
pub async fn complete_second_factor(session: &Session) -> Result<(), AppError> {
    let Some(auth) = session.get::<SessionAuth>(AUTH_KEY).await? else {
        return Err(AppError::Unauthenticated);
    };
    forget_reader();
    session.cycle_id().await?;
    session
        .insert(
            AUTH_KEY,
            SessionAuth {
                second_factor: true,
                seen_at: unix_now(),
                ..auth
            },
        )
        .await?;
    Ok(())
}

/// Ends the session: its row is deleted and the next visit gets a new id.
pub async fn end(session: &Session) -> Result<(), AppError> {
    forget_reader();
    session.flush().await?;
    crate::settings::zone::clear_clock();
    Ok(())
}

/// The logged-in user of this request, if the session is still valid.
/// Read once per request where the server provides a [`RequestReader`].
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    let read = || async {
        let session = current_session().await?;
        user_of_session(&session, &app_state()?.pool).await
    };
    match leptos::prelude::use_context::<RequestReader>() {
        Some(reader) => reader.read_once().get_or_try_init(read).await.cloned(),
        None => read().await,
    }
}

/// The reader of one request as first read: a page's frame and its content
/// both ask, at the same time, and each read was a query. Provided anew
/// for every request (`server::routes`); whatever changes who signs the
/// request in, or what the frame shows of them, calls [`forget_reader`].
#[derive(Clone, Default)]
pub struct RequestReader(Arc<Mutex<Arc<OnceCell<Option<CurrentUser>>>>>);

impl RequestReader {
    /// The read the next ask shares (a failed read is tried again).
    fn read_once(&self) -> Arc<OnceCell<Option<CurrentUser>>> {
        self.0.lock().map(|cell| cell.clone()).unwrap_or_default()
    }

    fn forget(&self) {
        if let Ok(mut cell) = self.0.lock() {
            *cell = Arc::default();
        }
    }
}

/// The reader is read again on the next ask in this request.
pub fn forget_reader() {
    if let Some(reader) = leptos::prelude::use_context::<RequestReader>() {
        reader.forget();
    }
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
    let is_admin = account_type == Some(AccountType::Admin);
    if is_admin && !auth.second_factor {
        // Half-way through signing in: not signed in yet.
        return Ok(None);
    }
    let valid = status.is_some_and(AccountStatus::may_log_in)
        && row.session_epoch == auth.epoch
        && still_active(session, auth, is_admin).await?;
    match account_type {
        Some(account_type) if valid => Ok(Some(CurrentUser {
            id: row.id,
            email: row.email,
            account_type,
            email_verified: row.email_verified,
            admin_role: row
                .admin_role
                .as_deref()
                .and_then(super::rules::AdminRole::parse),
        })),
        _ => {
            // Suspended, deleted, password changed since, or an
            // administrator's idle for too long: the session is void.
            end(session).await?;
            Ok(None)
        }
    }
}

/// Whether the session may go on (an administrator's ends after 30 idle
/// minutes); notes this use now and then (`session_use`), which keeps it
/// for another 14 days.
async fn still_active(
    session: &Session,
    auth: SessionAuth,
    administrator: bool,
) -> Result<bool, AppError> {
    let now = unix_now();
    match session_use(administrator, auth.seen_at, now) {
        SessionUse::Expired => Ok(false),
        SessionUse::Active { note } => {
            if note {
                session
                    .insert(
                        AUTH_KEY,
                        SessionAuth {
                            seen_at: now,
                            ..auth
                        },
                    )
                    .await?;
            }
            Ok(true)
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

#[cfg(test)]
mod tests {
    use super::*;
    use leptos::prelude::{Owner, provide_context};

    #[tokio::test]
    async fn a_request_reads_its_reader_once_until_told_to_forget() {
        let owner = Owner::new();
        let reader = RequestReader::default();
        owner.with(|| provide_context(reader.clone()));
        let reads = std::sync::atomic::AtomicUsize::new(0);
        let read = || async {
            reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok::<_, AppError>(None)
        };
        // Two asks at once, as a page's frame and its content make them.
        let (cell, same_cell) = (reader.read_once(), reader.read_once());
        let (first, second) =
            tokio::join!(cell.get_or_try_init(read), same_cell.get_or_try_init(read));
        assert_eq!((first.ok(), second.ok()), (Some(&None), Some(&None)));
        assert_eq!(reads.load(std::sync::atomic::Ordering::SeqCst), 1);
        owner.with(forget_reader);
        assert_eq!(reader.read_once().get(), None);
    }
}
