//! Settings server functions. None takes a user id: each acts on the
//! session's own account.

use super::Settings;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{db, rules},
    crate::audit::{self, AuditEvent},
    crate::auth::password::{hash_password, verify_password},
    crate::auth::rules::{Email, check_password_strength},
    crate::auth::session::{self, require_user},
    crate::error::Validator,
    crate::mail::{outbox, templates::Template},
    crate::notifications::{Notice, notify},
    crate::state::{RequestContext, app_state, respond},
};

pub const WRONG_PASSWORD: &str = "That is not your current password.";

/// Checks the caller's current password before a sensitive change. Wrong
/// guesses count toward the login lockout, so a session left open on a
/// shared computer cannot be used to guess the password.
#[cfg(feature = "ssr")]
async fn confirm_password(
    state: &crate::state::AppState,
    user: &crate::auth::CurrentUser,
    password: String,
    field: &str,
) -> Result<(), AppError> {
    use crate::auth::rules::{LOCKOUT_WINDOW, LoginGate, login_gate};
    let request = RequestContext::current(&state.config);
    let mut tx = state.pool.begin().await?;
    crate::auth::db::lock_login(&mut tx, &user.email).await?;
    let since = time::OffsetDateTime::now_utc() - LOCKOUT_WINDOW;
    let failures =
        crate::auth::db::login_failures(&mut *tx, &user.email, request.ip, since).await?;
    if login_gate(failures) == LoginGate::Locked {
        return Err(AppError::Refused(crate::auth::api::ACCOUNT_LOCKED.into()));
    }
    let hash = db::password_hash(&mut *tx, user.id).await?;
    if verify_password(Some(hash), password).await? {
        return Ok(());
    }
    crate::auth::db::record_login_attempt(&mut *tx, &user.email, Some(user.id), request.ip, false)
        .await?;
    audit::record(
        &mut tx,
        AuditEvent::on_user(Some(user.id), "password.confirm_failed", user.id),
        &request,
    )
    .await?;
    tx.commit().await?;
    Err(if login_gate(failures.plus_one()) == LoginGate::Locked {
        AppError::Refused(crate::auth::api::ACCOUNT_LOCKED.into())
    } else {
        AppError::field(field, WRONG_PASSWORD)
    })
}

#[server(endpoint = "settings")]
pub async fn get_settings() -> Result<Settings, AppError> {
    respond(async {
        let user = require_user().await?;
        let state = app_state()?;
        db::load(&state.pool, user.id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[server(endpoint = "settings/privacy")]
pub async fn save_privacy(
    profile_visibility: String,
    show_email: Option<String>,
    show_phone: Option<String>,
    marketing_consent: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let state = app_state()?;
        let visibility = rules::parse_visibility(&profile_visibility)
            .map_err(|m| AppError::field("profile_visibility", m))?;
        db::save_privacy(
            &state.pool,
            user.id,
            &visibility,
            show_email.is_some(),
            show_phone.is_some(),
            marketing_consent.is_some(),
        )
        .await?;
        leptos_axum::redirect("/settings?notice=settings_saved#privacy");
        Ok(())
    })
    .await
}

#[server(endpoint = "settings/locale")]
pub async fn save_locale(language: String, timezone: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let state = app_state()?;
        let mut v = Validator::new();
        let language = v.check("language", rules::parse_language(&language));
        let timezone = v.check("timezone", rules::parse_time_zone(&timezone));
        v.finish()?;
        let (Some(language), Some(timezone)) = (language, timezone) else {
            return Err(AppError::Internal);
        };
        db::save_locale(&state.pool, user.id, &language, &timezone).await?;
        super::zone::send_clock(&state.pool, user.id).await?;
        leptos_axum::redirect("/settings?notice=settings_saved#locale");
        Ok(())
    })
    .await
}

#[server(endpoint = "settings/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    new_password_confirm: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let state = app_state()?;
        let mut v = Validator::new();
        if current_password.is_empty() {
            v.add("current_password", "Enter your current password.");
        }
        v.check(
            "new_password",
            check_password_strength(&new_password, Some(&user.email)),
        );
        if new_password != new_password_confirm {
            v.add("new_password_confirm", "The two passwords do not match.");
        }
        v.finish()?;

        confirm_password(&state, &user, current_password, "current_password").await?;
        let new_hash = hash_password(new_password).await?;
        let mut tx = state.pool.begin().await?;
        let epoch = crate::auth::db::set_password(&mut tx, user.id, &new_hash).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(user.id), "password.changed", user.id)
                .with_metadata(serde_json::json!({ "via": "settings" })),
            &RequestContext::current(&state.config),
        )
        .await?;
        notify(&mut tx, user.id, &Notice::password_changed()).await?;
        tx.commit().await?;
        // Every other session ends with the new epoch; this one continues.
        session::start(&session::current_session().await?, user.id, epoch).await?;
        leptos_axum::redirect("/settings?notice=password_changed#password");
        Ok(())
    })
    .await
}

#[server(endpoint = "settings/email")]
pub async fn change_email(new_email: String, current_password: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let state = app_state()?;
        let mut v = Validator::new();
        let new_email = v.check("new_email", Email::parse(&new_email));
        if current_password.is_empty() {
            v.add("email_password", "Enter your current password.");
        }
        if new_email.as_ref().is_some_and(|e| e.as_str() == user.email) {
            v.add("new_email", "This is already your email address.");
        }
        v.finish()?;
        let Some(new_email) = new_email else {
            return Err(AppError::Internal);
        };

        confirm_password(&state, &user, current_password, "email_password").await?;
        let mut tx = state.pool.begin().await?;
        db::change_email(&mut *tx, user.id, new_email.as_str())
            .await
            .map_err(|error| {
                AppError::on_constraint(
                    error,
                    crate::auth::db::EMAIL_UNIQUE,
                    "new_email",
                    "Another account uses this email address.",
                )
            })?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(user.id), "email.changed", user.id)
                .with_metadata(serde_json::json!({ "from": user.email, "to": new_email.as_str() })),
            &RequestContext::current(&state.config),
        )
        .await?;
        notify(&mut tx, user.id, &Notice::email_changed(new_email.as_str())).await?;
        crate::auth::api::queue_verification_email(&mut tx, user.id, new_email.as_str()).await?;
        // The old address hears of it too, so a hijack does not go unnoticed.
        let to_old_address = outbox::Email {
            to: user.email.clone(),
            user_id: Some(user.id),
            template: Template::EmailChanged,
            variables: serde_json::json!({
                "new_address": new_email.as_str(),
                "reset_link": "/forgot-password",
            }),
            unsubscribe: None,
        };
        outbox::queue(&mut tx, &to_old_address).await?;
        tx.commit().await?;
        crate::auth::session::forget_reader();
        leptos_axum::redirect("/settings?notice=email_changed#email");
        Ok(())
    })
    .await
}

/// Days between deleting an account and erasing its personal data.
pub const ERASURE_GRACE_DAYS: i64 = 30;

/// Everything stored about the caller, as a JSON download (a GET, so a plain
/// link downloads it).
#[server(endpoint = "account/export", input = leptos::server_fn::codec::GetUrl)]
pub async fn export_my_data() -> Result<super::export::DataExport, AppError> {
    respond(async {
        let user = require_user().await?;
        let state = app_state()?;
        let is_candidate = user.account_type == crate::auth::rules::AccountType::Candidate;
        let (profile, profile_sections) = if is_candidate {
            let profile = crate::profiles::db::load(&state.pool, user.id).await?;
            let sections =
                crate::profiles::sections::db::load(&state.pool, Some(&state.cipher), user.id)
                    .await?;
            (
                Some(crate::profiles::ProfileForm {
                    industries: Vec::new(),
                    ..profile
                }),
                Some(sections),
            )
        } else {
            (None, None)
        };
        let (introductions_received, introductions_sent) =
            crate::introductions::db::export(&state.pool, user.id).await?;
        let mut conn = state.pool.acquire().await?;
        let export = super::export::DataExport {
            exported_at: time::OffsetDateTime::now_utc(),
            account: db::export_account(&state.pool, user.id).await?,
            settings: db::load(&state.pool, user.id)
                .await?
                .ok_or(AppError::NotFound)?,
            security_events: db::export_security_events(&state.pool, user.id).await?,
            login_attempts: db::export_login_attempts(&state.pool, user.id).await?,
            profile,
            profile_sections,
            profile_views: if is_candidate {
                Some(crate::profiles::views::db::load(&state.pool, user.id).await?)
            } else {
                None
            },
            company: crate::companies::db::my_company(&state.pool, user.id).await?,
            introductions_received,
            introductions_sent,
            messages_sent: crate::chat::db::export(&state.pool, user.id, &state.config.site_url)
                .await?,
            applications: crate::applications::db::export(&mut conn, user.id).await?,
            saved_jobs: crate::applications::db::saved(&mut *conn, user.id)
                .await?
                .into_iter()
                .map(|s| super::export::ExportSavedJob {
                    vacancy: s.title,
                    company: s.company,
                    note: s.note,
                    saved_at: s.saved_at,
                })
                .collect(),
            swipes: crate::swipe::db::export(&mut *conn, user.id).await?,
            searches: crate::board::db::export_searches(&mut conn, user.id).await?,
            files: {
                let site = &state.config.site_url;
                let photos = crate::media::db::photos(&state.pool, user.id).await?;
                let resumes = crate::media::db::resumes(&state.pool, user.id).await?;
                let video = crate::media::video::db::of_user(&state.pool, user.id, false).await?;
                photos
                    .into_iter()
                    .map(|p| format!("{site}{}", crate::media::PhotoItem::url(p.id)))
                    .chain(
                        resumes
                            .into_iter()
                            .map(|(r, _)| format!("{site}{}", crate::media::ResumeItem::url(r.id))),
                    )
                    .chain(
                        video.map(|v| {
                            format!("{site}{}", crate::media::video::VideoItem::url(v.id))
                        }),
                    )
                    .collect()
            },
        };
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            options.insert_header(
                http::header::CONTENT_DISPOSITION,
                http::HeaderValue::from_static("attachment; filename=\"hirewell-my-data.json\""),
            );
        }
        Ok(export)
    })
    .await
}

#[server(endpoint = "account/delete")]
pub async fn delete_account(
    current_password: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let state = app_state()?;
        let mut v = Validator::new();
        if current_password.is_empty() {
            v.add("delete_password", "Enter your current password.");
        }
        if confirm.is_none() {
            v.add(
                "confirm",
                "Tick the box to confirm that you want to delete your account.",
            );
        }
        v.finish()?;
        confirm_password(&state, &user, current_password, "delete_password").await?;

        let mut tx = state.pool.begin().await?;
        let member_photo = crate::companies::team::db::leave_on_account_deletion(&mut tx, user.id)
            .await?
            .map_err(AppError::Refused)?;
        db::soft_delete(&mut *tx, user.id).await?;
        crate::jobs::enqueue(
            &mut *tx,
            &crate::jobs::Job::EraseAccount { user_id: user.id },
            time::OffsetDateTime::now_utc() + time::Duration::days(ERASURE_GRACE_DAYS),
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(user.id), "account.deleted", user.id),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        crate::media::storage::remove_orphans(state.storage.as_ref(), member_photo).await;
        session::end(&session::current_session().await?).await?;
        leptos_axum::redirect("/?notice=account_deleted");
        Ok(())
    })
    .await
}
