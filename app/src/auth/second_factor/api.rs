//! The second step of an administrator's sign-in.

use super::SecondStep;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{db, rules},
    crate::audit::{self, AuditEvent},
    crate::auth::api::{ACCOUNT_LOCKED, tell_of_new_device},
    crate::auth::db as accounts,
    crate::auth::rules::{LOCKOUT_WINDOW, LoginGate, login_gate, safe_next},
    crate::auth::session::{self, AwaitingSecondFactor},
    crate::crypto::FieldCipher,
    crate::error::{FieldError, Validator},
    crate::state::{RequestContext, app_state, respond},
    time::OffsetDateTime,
};

pub const SECOND_STEP_EXPIRED: &str =
    "Your sign-in has timed out. Log in again with your email and password.";
pub const WRONG_CODE: &str = "That code is not right. Enter the code your app shows now (it \
     changes every 30 seconds), or one of your recovery codes.";
pub const USED_CODE: &str = "That code has just been used. Wait for the next one in your app.";

#[cfg(feature = "ssr")]
async fn awaiting(session: &tower_sessions::Session) -> Result<AwaitingSecondFactor, AppError> {
    session::awaiting_second_factor(session, &app_state()?.pool)
        .await?
        .ok_or_else(|| AppError::Refused(SECOND_STEP_EXPIRED.into()))
}

#[cfg(feature = "ssr")]
fn decrypt(cipher: &FieldCipher, stored: &[u8]) -> Result<String, AppError> {
    cipher.decrypt(stored).map_err(|error| {
        tracing::error!(%error, "an authenticator secret could not be read");
        AppError::Internal
    })
}

#[cfg(feature = "ssr")]
fn secret_of(cipher: &FieldCipher, factor: &db::FactorRow) -> Result<Vec<u8>, AppError> {
    rules::secret_from_base32(&decrypt(cipher, &factor.secret)?).ok_or(AppError::Internal)
}

/// What the second step asks for; at an administrator's first sign-in it
/// makes their authenticator's key and recovery codes.
#[server(endpoint = "second-factor")]
pub async fn get_second_step() -> Result<SecondStep, AppError> {
    respond(async {
        let state = app_state()?;
        let admin = awaiting(&session::current_session().await?).await?;
        let mut tx = state.pool.begin().await?;
        if db::factor(&mut *tx, admin.user_id).await?.is_none() {
            let key = rules::base32_key(&rules::new_secret());
            let codes = rules::new_recovery_codes();
            let hashes: Vec<Vec<u8>> = codes.iter().map(|c| rules::recovery_code_hash(c)).collect();
            db::begin_setup(
                &mut tx,
                admin.user_id,
                &state.cipher.encrypt(&key),
                &state.cipher.encrypt(&codes.join("\n")),
                &hashes,
            )
            .await?;
        }
        let factor = db::factor(&mut *tx, admin.user_id)
            .await?
            .ok_or(AppError::Internal)?;
        tx.commit().await?;
        let Some(pending_recovery) = factor.pending_recovery.as_deref() else {
            return Ok(SecondStep::Enter { email: admin.email });
        };
        let secret = secret_of(&state.cipher, &factor)?;
        let uri = rules::setup_uri(&secret, &admin.email).ok_or(AppError::Internal)?;
        Ok(SecondStep::SetUp {
            key: rules::readable_key(&rules::base32_key(&secret)),
            qr_svg: rules::qr_svg(&uri).ok_or(AppError::Internal)?,
            uri,
            recovery_codes: decrypt(&state.cipher, pending_recovery)?
                .lines()
                .map(str::to_string)
                .collect(),
            email: admin.email,
        })
    })
    .await
}

/// Takes a code from the authenticator app (the first one confirms a new
/// authenticator) or a recovery code, and completes the sign-in. A wrong
/// code counts as a failed login, so guessing meets the same lockout as
/// guessing passwords.
#[server(endpoint = "second-factor/verify")]
pub async fn verify_second_factor(code: String, next: Option<String>) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let request = RequestContext::current(&state.config);
        let session = session::current_session().await?;
        let admin = awaiting(&session).await?;
        let mut v = Validator::new();
        if code.trim().is_empty() {
            v.add("code", "Enter the code from your authenticator app.");
        }
        v.finish()?;

        let mut tx = state.pool.begin().await?;
        accounts::lock_login(&mut tx, &admin.email).await?;
        let now = OffsetDateTime::now_utc();
        let failures =
            accounts::login_failures(&mut *tx, &admin.email, request.ip, now - LOCKOUT_WINDOW)
                .await?;
        if login_gate(failures) == LoginGate::Locked {
            session::end(&session).await?;
            return Err(AppError::Refused(ACCOUNT_LOCKED.into()));
        }
        let factor = db::factor(&mut *tx, admin.user_id)
            .await?
            .ok_or_else(|| AppError::Refused(SECOND_STEP_EXPIRED.into()))?;
        let set_up = factor.confirmed_at.is_some();
        let used_code = || AppError::Validation(vec![FieldError::new("code", USED_CODE)]);
        let via = if rules::is_authenticator_code(&code) {
            let secret = secret_of(&state.cipher, &factor)?;
            let unix_time = u64::try_from(now.unix_timestamp()).unwrap_or_default();
            match rules::check_code(&secret, &code, unix_time, factor.last_used_step) {
                rules::CodeCheck::Accepted { step } => {
                    let taken = if set_up {
                        db::take_step(&mut *tx, admin.user_id, step).await?
                    } else {
                        db::confirm(&mut *tx, admin.user_id, step).await?
                    };
                    if !taken {
                        return Err(used_code());
                    }
                    Some(if set_up {
                        "authenticator"
                    } else {
                        "new_authenticator"
                    })
                }
                rules::CodeCheck::Reused => return Err(used_code()),
                rules::CodeCheck::Wrong => None,
            }
        } else if set_up
            && db::take_recovery_code(&mut *tx, admin.user_id, &rules::recovery_code_hash(&code))
                .await?
        {
            Some("recovery_code")
        } else {
            None
        };

        let Some(via) = via else {
            accounts::record_login_attempt(
                &mut *tx,
                &admin.email,
                Some(admin.user_id),
                request.ip,
                false,
            )
            .await?;
            audit::record(
                &mut tx,
                AuditEvent::on_user(None, "login.failed", admin.user_id)
                    .with_metadata(serde_json::json!({ "step": "second_factor" })),
                &request,
            )
            .await?;
            let now_locked = login_gate(failures.plus_one()) == LoginGate::Locked;
            if now_locked {
                audit::record(
                    &mut tx,
                    AuditEvent::on_user(None, "account.locked", admin.user_id).with_metadata(
                        serde_json::json!({ "failed_logins": failures.account + 1 }),
                    ),
                    &request,
                )
                .await?;
            }
            tx.commit().await?;
            if now_locked {
                session::end(&session).await?;
                return Err(AppError::Refused(ACCOUNT_LOCKED.into()));
            }
            return Err(AppError::Validation(vec![FieldError::new(
                "code", WRONG_CODE,
            )]));
        };

        accounts::record_successful_login(&mut *tx, admin.user_id).await?;
        accounts::record_login_attempt(
            &mut *tx,
            &admin.email,
            Some(admin.user_id),
            request.ip,
            true,
        )
        .await?;
        tell_of_new_device(&mut tx, admin.user_id, &request).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(admin.user_id), "login.succeeded", admin.user_id)
                .with_metadata(serde_json::json!({ "second_factor": via })),
            &request,
        )
        .await?;
        tx.commit().await?;
        session::complete_second_factor(&session).await?;
        leptos_axum::redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}
