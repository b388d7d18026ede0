//! Server functions for accounts. Each one that changes state is a POST
//! (the server additionally checks the Origin of every POST).

#![expect(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field"
)]

use super::SessionInfo;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db::{self, TokenPurpose},
    super::password::{hash_password, verify_password},
    super::rules::{self, AccountStatus, AccountType, Email, LoginGate},
    super::session,
    crate::audit::{self, AuditEvent},
    crate::error::Validator,
    crate::mail::{outbox, templates::Template},
    crate::notifications::{Notice, notify},
    crate::state::{RequestContext, app_state, respond},
    time::OffsetDateTime,
    uuid::Uuid,
};

pub const INVALID_CREDENTIALS: &str = "Incorrect email or password.";
pub const ACCOUNT_LOCKED: &str = "Too many failed attempts to log in to this account: wait 15 \
     minutes, or reset your password to unlock it now.";
pub const NETWORK_THROTTLED: &str = "Too many failed logins from your network. If the email and \
     password are right, we have sent a one-time sign-in link to that address: open it to log in.";
pub const ACCOUNT_SUSPENDED: &str =
    "This account is suspended. Contact support if you think this is a mistake.";
pub const INVALID_SIGN_IN_LINK: &str =
    "This sign-in link is invalid or has expired. Log in with your password instead.";
pub const INVALID_RESET_LINK: &str =
    "This reset link is invalid or has expired. Request a new one below.";
pub const INVALID_VERIFY_LINK: &str =
    "This confirmation link is invalid or has expired. Log in and send a new one.";

pub const SIGN_UPS_PAUSED: &str = "New sign-ups are paused for now. Please come back later; if you already have an account, you can log in.";

/// Who is logged in, for the page shell.
#[server(endpoint = "session")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    respond(async {
        let state = app_state()?;
        let user = session::current_user().await?;
        // A clock lost with the browser's cookies, or near its end, is
        // written again (without a query on every page otherwise).
        if let Some(user) = &user
            && crate::settings::zone::needs_clock(None, OffsetDateTime::now_utc())
        {
            crate::settings::zone::send_clock(&state.pool, user.id).await?;
        }
        let (unread, unread_chats) = match &user {
            Some(user) => crate::notifications::header_counts(&state.pool, user.id).await?,
            None => (0, 0),
        };
        let billing_alert = match &user {
            Some(user) if user.account_type == crate::auth::rules::AccountType::Employer => {
                crate::billing::db::alert(&state.pool, user.id).await?
            }
            _ => None,
        };
        let settings = state.settings.get(&state.pool).await?;
        Ok(SessionInfo {
            user,
            dev_mailbox: state.config.dev_mailbox && crate::state::from_loopback(),
            unread,
            unread_chats,
            billing_alert,
            banner: settings.maintenance_banner.clone(),
            sign_ups_paused: !settings.registrations_open,
        })
    })
    .await
}

/// Creates a verification token and queues the mail with the link, in the
/// caller's transaction.
#[cfg(feature = "ssr")]
pub(crate) async fn queue_verification_email(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    email: &str,
) -> Result<(), AppError> {
    let token = rules::new_token();
    db::insert_token(
        &mut *conn,
        user_id,
        email,
        TokenPurpose::EmailVerification,
        &rules::hash_token(&token),
        OffsetDateTime::now_utc() + rules::EMAIL_VERIFICATION_TTL,
    )
    .await?;
    let mail = outbox::Email {
        to: email.to_string(),
        user_id: Some(user_id),
        template: Template::EmailVerification,
        variables: serde_json::json!({ "link": format!("/verify-email?token={token}") }),
        unsubscribe: None,
    };
    outbox::queue(conn, &mail).await?;
    Ok(())
}

#[server(endpoint = "register")]
pub async fn register(
    email: String,
    password: String,
    password_confirm: String,
    account_type: Option<String>,
    accept_terms: Option<String>,
    marketing_consent: Option<String>,
    next: Option<String>,
    timezone: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let request = RequestContext::current(&state.config);
        if !state.settings.get(&state.pool).await?.registrations_open {
            return Err(AppError::Refused(SIGN_UPS_PAUSED.into()));
        }

        let mut v = Validator::new();
        let email = v.check("email", Email::parse(&email));
        v.check(
            "password",
            rules::check_password_strength(&password, email.as_ref().map(Email::as_str)),
        );
        if password_confirm.is_empty() {
            v.add("password_confirm", "Type the password again.");
        } else if password != password_confirm {
            v.add("password_confirm", "The two passwords do not match.");
        }
        let account_type = v.check(
            "account_type",
            AccountType::parse_self_service(account_type.as_deref().unwrap_or("")),
        );
        if accept_terms.is_none() {
            v.add(
                "accept_terms",
                "You need to accept the terms to create an account.",
            );
        }
        v.finish()?;
        let (Some(email), Some(account_type)) = (email, account_type) else {
            return Err(AppError::Internal);
        };

        let password_hash = hash_password(password).await?;
        let user_id = Uuid::now_v7();
        let mut tx = state.pool.begin().await?;
        let inserted = db::insert_user(
            &mut tx,
            &db::NewUser {
                id: user_id,
                email: email.as_str(),
                password_hash: &password_hash,
                account_type,
                status: AccountStatus::Pending.as_str(),
                email_verified_at: None,
                terms_version: rules::TERMS_VERSION,
                marketing_consent: marketing_consent.is_some(),
                admin_role: None,
                // The browser's zone (filled in by the page's script).
                timezone: crate::settings::zone::listed_zone_for(timezone.as_deref().unwrap_or("")),
            },
        )
        .await;
        inserted.map_err(|error| {
            AppError::on_constraint(
                error,
                db::EMAIL_UNIQUE,
                "email",
                "An account with this email already exists. Log in or reset your password.",
            )
        })?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(user_id), "account.registered", user_id)
                .with_metadata(serde_json::json!({ "account_type": account_type.as_str() })),
            &request,
        )
        .await?;
        queue_verification_email(&mut tx, user_id, email.as_str()).await?;
        tx.commit().await?;

        session::start(&session::current_session().await?, user_id, 0).await?;
        leptos_axum::redirect(&crate::ui::add_query(
            &rules::safe_next(next.as_deref()),
            "notice=registered",
        ));
        Ok(())
    })
    .await
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let request = RequestContext::current(&state.config);

        let mut v = Validator::new();
        if email.trim().is_empty() {
            v.add("email", "Enter your email address.");
        }
        if password.is_empty() {
            v.add("password", "Enter your password.");
        }
        v.finish()?;
        let email: String = email.trim().to_lowercase().chars().take(254).collect();

        // Every attempt for this address waits its turn, so simultaneous
        // guesses are counted before any is let through.
        let mut tx = state.pool.begin().await?;
        db::lock_login(&mut tx, &email).await?;
        let since = OffsetDateTime::now_utc() - rules::LOCKOUT_WINDOW;
        let failures = db::login_failures(&mut *tx, &email, request.ip, since).await?;
        let gate = rules::login_gate(failures);
        // Unknown and known addresses are answered alike from here on.
        if gate == LoginGate::Locked {
            return Err(AppError::Refused(ACCOUNT_LOCKED.into()));
        }
        let account = db::find_for_login(&mut *tx, &email).await?;
        let password_ok =
            verify_password(account.as_ref().map(|a| a.password_hash.clone()), password).await?;
        let may_log_in = account.as_ref().is_some_and(|a| {
            AccountStatus::parse(&a.status).is_some_and(AccountStatus::may_log_in)
        });

        if !password_ok || account.is_none() {
            let account_id = account.as_ref().map(|a| a.id);
            db::record_login_attempt(&mut *tx, &email, account_id, request.ip, false).await?;
            let now_locked = rules::login_gate(failures.plus_one()) == LoginGate::Locked;
            if let Some(id) = account_id {
                audit::record(
                    &mut tx,
                    AuditEvent::on_user(None, "login.failed", id),
                    &request,
                )
                .await?;
                if now_locked {
                    audit::record(
                        &mut tx,
                        AuditEvent::on_user(None, "account.locked", id).with_metadata(
                            serde_json::json!({ "failed_logins": failures.account + 1 }),
                        ),
                        &request,
                    )
                    .await?;
                }
            }
            tx.commit().await?;
            return Err(if gate == LoginGate::LinkOnly {
                AppError::RateLimited(NETWORK_THROTTLED.into())
            } else if now_locked {
                AppError::Refused(ACCOUNT_LOCKED.into())
            } else {
                AppError::Refused(INVALID_CREDENTIALS.into())
            });
        }
        let Some(account) = account else {
            return Err(AppError::Internal);
        };

        if gate == LoginGate::LinkOnly {
            // The same answer as a wrong password gets: only the owner of
            // the mailbox learns that the password was right.
            if may_log_in {
                queue_sign_in_link(&mut tx, &account, &request).await?;
            }
            tx.commit().await?;
            return Err(AppError::RateLimited(NETWORK_THROTTLED.into()));
        }
        if !may_log_in {
            return Err(AppError::Refused(ACCOUNT_SUSPENDED.into()));
        }
        if AccountType::parse(&account.account_type) == Some(AccountType::Admin) {
            // The password alone neither signs an administrator in nor
            // clears the failed attempts: a wrong code counts as one too.
            tx.commit().await?;
            return ask_for_second_factor(account.id, account.session_epoch, next.as_deref()).await;
        }
        db::record_successful_login(&mut *tx, account.id).await?;
        db::record_login_attempt(&mut *tx, &email, Some(account.id), request.ip, true).await?;
        tell_of_new_device(&mut tx, account.id, &request).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(account.id), "login.succeeded", account.id),
            &request,
        )
        .await?;
        tx.commit().await?;

        session::start(
            &session::current_session().await?,
            account.id,
            account.session_epoch,
        )
        .await?;
        leptos_axum::redirect(&rules::safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

/// Takes an administrator whose password (or link) was accepted to the
/// second step of signing in.
#[cfg(feature = "ssr")]
async fn ask_for_second_factor(
    user_id: Uuid,
    epoch: i32,
    next: Option<&str>,
) -> Result<(), AppError> {
    session::start(&session::current_session().await?, user_id, epoch).await?;
    let next = rules::safe_next(next);
    leptos_axum::redirect(&format!(
        "{}?next={}",
        crate::auth::second_factor::PATH,
        crate::ui::urlencode(&next)
    ));
    Ok(())
}

/// Queues a one-time sign-in link (at most a few in a quarter hour).
#[cfg(feature = "ssr")]
async fn queue_sign_in_link(
    tx: &mut sqlx::PgConnection,
    account: &db::LoginRow,
    request: &RequestContext,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let recent = db::tokens_sent_since(
        &mut *tx,
        account.id,
        TokenPurpose::SignIn,
        now - rules::SIGN_IN_LINK_TTL,
    )
    .await?;
    if recent >= 3 {
        return Ok(());
    }
    let token = rules::new_token();
    db::insert_token(
        &mut *tx,
        account.id,
        &account.email,
        TokenPurpose::SignIn,
        &rules::hash_token(&token),
        now + rules::SIGN_IN_LINK_TTL,
    )
    .await?;
    audit::record(
        &mut *tx,
        AuditEvent::on_user(None, "login.link_sent", account.id),
        request,
    )
    .await?;
    let mail = outbox::Email {
        to: account.email.clone(),
        user_id: Some(account.id),
        template: Template::SignInLink,
        variables: serde_json::json!({
            "link": format!("/sign-in?token={token}"),
            "reset_link": "/forgot-password",
        }),
        unsubscribe: None,
    };
    outbox::queue(tx, &mail).await?;
    Ok(())
}

/// Tells the person of a sign-in from a browser the account has not used
/// before (in the sign-in's transaction, before it is recorded).
#[cfg(feature = "ssr")]
pub(in crate::auth) async fn tell_of_new_device(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    request: &RequestContext,
) -> Result<(), AppError> {
    let Some(agent) = request.user_agent.as_deref() else {
        return Ok(());
    };
    if db::is_new_device(&mut *conn, user_id, agent).await? {
        let notice = Notice::new_sign_in(&rules::describe_device(agent), request.ip);
        notify(conn, user_id, &notice).await?;
    }
    Ok(())
}

/// Logs in with a one-time link sent by email.
#[server(endpoint = "sign-in-link")]
pub async fn sign_in_with_link(token: String) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let request = RequestContext::current(&state.config);
        let mut tx = state.pool.begin().await?;
        let user_id = db::consume_token(&mut *tx, TokenPurpose::SignIn, &rules::hash_token(&token))
            .await?
            .ok_or_else(|| AppError::Refused(INVALID_SIGN_IN_LINK.into()))?;
        let account = db::session_user(&mut *tx, user_id)
            .await?
            .filter(|a| AccountStatus::parse(&a.status).is_some_and(AccountStatus::may_log_in))
            .ok_or_else(|| AppError::Refused(INVALID_SIGN_IN_LINK.into()))?;
        if AccountType::parse(&account.account_type) == Some(AccountType::Admin) {
            tx.commit().await?;
            return ask_for_second_factor(account.id, account.session_epoch, None).await;
        }
        db::record_successful_login(&mut *tx, account.id).await?;
        db::record_login_attempt(&mut *tx, &account.email, Some(account.id), request.ip, true)
            .await?;
        tell_of_new_device(&mut tx, account.id, &request).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(account.id), "login.succeeded", account.id)
                .with_metadata(serde_json::json!({ "via": "sign_in_link" })),
            &request,
        )
        .await?;
        tx.commit().await?;
        session::start(
            &session::current_session().await?,
            account.id,
            account.session_epoch,
        )
        .await?;
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    respond(async {
        let state = app_state()?;
        let session = session::current_session().await?;
        if let Some(user) = session::current_user().await? {
            let request = RequestContext::current(&state.config);
            let mut conn = state.pool.acquire().await?;
            audit::record(
                &mut conn,
                AuditEvent::on_user(Some(user.id), "logout", user.id),
                &request,
            )
            .await?;
        }
        session::end(&session).await?;
        leptos_axum::redirect("/?notice=logged_out");
        Ok(())
    })
    .await
}

#[server(endpoint = "forgot-password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let email = Email::parse(&email).map_err(|m| AppError::field("email", m))?;
        // The answer is the same whether or not the account exists.
        if let Some(account) = db::find_resettable(&state.pool, email.as_str()).await? {
            let recent = db::tokens_sent_since(
                &state.pool,
                account.id,
                TokenPurpose::PasswordReset,
                OffsetDateTime::now_utc() - time::Duration::minutes(15),
            )
            .await?;
            if recent < 5 {
                let token = rules::new_token();
                let request = RequestContext::current(&state.config);
                let mut tx = state.pool.begin().await?;
                db::insert_token(
                    &mut *tx,
                    account.id,
                    &account.email,
                    TokenPurpose::PasswordReset,
                    &rules::hash_token(&token),
                    OffsetDateTime::now_utc() + rules::PASSWORD_RESET_TTL,
                )
                .await?;
                audit::record(
                    &mut tx,
                    AuditEvent::on_user(None, "password.reset_requested", account.id),
                    &request,
                )
                .await?;
                let mail = outbox::Email {
                    to: account.email.clone(),
                    user_id: Some(account.id),
                    template: Template::PasswordReset,
                    variables: serde_json::json!({
                        "link": format!("/reset-password?token={token}"),
                    }),
                    unsubscribe: None,
                };
                outbox::queue(&mut tx, &mail).await?;
                tx.commit().await?;
            }
        }
        leptos_axum::redirect("/forgot-password?notice=reset_sent");
        Ok(())
    })
    .await
}

#[server(endpoint = "reset-password")]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirm: String,
) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let mut v = Validator::new();
        v.check("password", rules::check_password_strength(&password, None));
        if password != password_confirm {
            v.add("password_confirm", "The two passwords do not match.");
        }
        v.finish()?;

        let password_hash = hash_password(password).await?;
        let mut tx = state.pool.begin().await?;
        let user_id = db::consume_token(
            &mut *tx,
            TokenPurpose::PasswordReset,
            &rules::hash_token(&token),
        )
        .await?
        .ok_or_else(|| AppError::Refused(INVALID_RESET_LINK.into()))?;
        db::set_password(&mut tx, user_id, &password_hash).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(None, "password.changed", user_id)
                .with_metadata(serde_json::json!({ "via": "reset_link" })),
            &RequestContext::current(&state.config),
        )
        .await?;
        let notice = crate::notifications::Notice::password_changed();
        crate::notifications::notify(&mut tx, user_id, &notice).await?;
        tx.commit().await?;

        // Whoever was logged in here logs in afresh with the new password.
        session::end(&session::current_session().await?).await?;
        leptos_axum::redirect("/login?notice=password_reset");
        Ok(())
    })
    .await
}

#[server(endpoint = "verify-email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    respond(async move {
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let user_id = db::consume_token(
            &mut *tx,
            TokenPurpose::EmailVerification,
            &rules::hash_token(&token),
        )
        .await?
        .ok_or_else(|| AppError::Refused(INVALID_VERIFY_LINK.into()))?;
        db::mark_email_verified(&mut *tx, user_id).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(None, "email.verified", user_id),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        session::forget_reader();
        leptos_axum::redirect("/?notice=email_verified");
        Ok(())
    })
    .await
}

#[server(endpoint = "resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    respond(async {
        let state = app_state()?;
        let user = session::require_user().await?;
        if user.email_verified {
            leptos_axum::redirect("/?notice=email_verified");
            return Ok(());
        }
        let recent = db::tokens_sent_since(
            &state.pool,
            user.id,
            TokenPurpose::EmailVerification,
            OffsetDateTime::now_utc() - time::Duration::minutes(10),
        )
        .await?;
        if recent >= 3 {
            return Err(AppError::RateLimited(
                "We have sent several links already. Check your inbox, or try again in 10 minutes."
                    .into(),
            ));
        }
        let mut tx = state.pool.begin().await?;
        queue_verification_email(&mut tx, user.id, &user.email).await?;
        tx.commit().await?;
        leptos_axum::redirect("/?notice=verification_sent");
        Ok(())
    })
    .await
}
