//! The notification centre's server functions; each acts on the session's
//! own notifications only.

use super::{NotificationList, Preference};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    super::db,
    super::rules::{self, Delivery, Kind},
    crate::auth::session::require_user,
    crate::state::{app_state, respond},
    uuid::Uuid,
};

pub const UNKNOWN_CHOICE: &str = "That choice is not available for your account.";

/// Notifications on a page of the centre.
pub const PAGE_SIZE: i64 = 30;

#[server(endpoint = "notifications")]
pub async fn get_notifications(
    #[server(default)] before: Option<String>,
) -> Result<NotificationList, AppError> {
    respond(async move {
        let user = require_user().await?;
        let pool = &app_state()?.pool;
        let before = before.and_then(|b| b.parse::<Uuid>().ok());
        let mut items = db::page(pool, user.id, before, PAGE_SIZE + 1).await?;
        let older = (items.len() as i64 > PAGE_SIZE).then(|| {
            items.truncate(PAGE_SIZE as usize);
            items.last().map(|n| n.id)
        });
        Ok(NotificationList {
            items,
            older: older.flatten(),
            unread: db::unread_count(pool, user.id).await?,
            now: time::OffsetDateTime::now_utc(),
        })
    })
    .await
}

#[server(endpoint = "notifications/read")]
pub async fn mark_notification_read(id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let id = id.parse::<Uuid>().map_err(|_| AppError::NotFound)?;
        db::open(&app_state()?.pool, user.id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        leptos_axum::redirect(&format!("/notifications#notification-{id}"));
        Ok(())
    })
    .await
}

#[server(endpoint = "notifications/read-all")]
pub async fn mark_all_notifications_read() -> Result<(), AppError> {
    respond(async {
        let user = require_user().await?;
        db::mark_all_read(&app_state()?.pool, user.id).await?;
        leptos_axum::redirect("/notifications?notice=notifications_read");
        Ok(())
    })
    .await
}

/// The person's delivery for each kind they can receive.
#[server(endpoint = "notifications/preferences")]
pub async fn get_notification_preferences() -> Result<Vec<Preference>, AppError> {
    respond(async {
        let user = require_user().await?;
        let choices = db::choices(&app_state()?.pool, user.id).await?;
        Ok(Kind::for_account(user.account_type)
            .into_iter()
            .map(|kind| {
                let chosen = choices.iter().find(|(k, _)| *k == kind).map(|(_, d)| *d);
                Preference {
                    kind,
                    delivery: rules::delivery(kind, chosen),
                }
            })
            .collect())
    })
    .await
}

/// Saves the choices of the settings' notification section: `choices` maps
/// a kind's name to a delivery's (`choices[stage_changed]=off`).
#[server(endpoint = "notifications/preferences/save")]
pub async fn save_notification_preferences(
    #[server(default)] choices: BTreeMap<String, String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let allowed = Kind::for_account(user.account_type);
        let mut parsed = Vec::new();
        for (kind, delivery) in &choices {
            let (Some(kind), Some(delivery)) = (Kind::parse(kind), Delivery::parse(delivery))
            else {
                return Err(AppError::Refused(UNKNOWN_CHOICE.into()));
            };
            if !allowed.contains(&kind)
                || kind.is_fixed()
                || !kind.deliveries().any(|d| d == delivery)
            {
                return Err(AppError::Refused(UNKNOWN_CHOICE.into()));
            }
            parsed.push((kind, delivery));
        }
        let mut tx = app_state()?.pool.begin().await?;
        for (kind, delivery) in parsed {
            db::choose(&mut *tx, user.id, kind, delivery).await?;
        }
        tx.commit().await?;
        leptos_axum::redirect("/settings?notice=settings_saved#notifications");
        Ok(())
    })
    .await
}

/// `GET /notifications/{id}/open`: marks the notification read and goes to
/// what it is about (a link, so it opens in a new tab and without script).
#[cfg(feature = "ssr")]
pub async fn open(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> axum::response::Redirect {
    use axum::response::Redirect;
    let Ok(Some(user)) = crate::auth::session::user_of_session(&session, &state.pool).await else {
        return Redirect::to("/login?next=/notifications");
    };
    let Ok(id) = id.parse::<Uuid>() else {
        return Redirect::to("/notifications");
    };
    match db::open(&state.pool, user.id, id).await {
        Ok(Some(link)) => Redirect::to(&link),
        Ok(None) => Redirect::to("/notifications"),
        Err(error) => {
            tracing::warn!(%error, "notification not opened");
            Redirect::to("/notifications")
        }
    }
}
