//! One person's admin page; each function starts with `require_admin`.

use super::Person;
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    crate::audit::{self, AuditEvent},
    crate::auth::CurrentUser,
    crate::auth::rules::AdminArea,
    crate::auth::session::require_admin,
    crate::notifications::rules::Kind,
    crate::notifications::{Notice, notify},
    crate::state::{RequestContext, app_state, respond},
    sqlx::PgConnection,
};

/// The person, read for an admin: the reading is audited.
#[server(endpoint = "admin/person")]
pub async fn admin_person(id: Uuid) -> Result<Person, AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::People).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let mut person = super::db::person(&mut tx, id)
            .await?
            .ok_or(AppError::NotFound)?;
        person.may_act = may_act_on(&admin, &person.account_type, id);
        person.may_open_cases = admin
            .admin_role
            .is_some_and(|role| role.may(AdminArea::Moderation));
        let event = AuditEvent::on_user(Some(admin.id), "admin.viewed_person", id);
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        Ok(person)
    })
    .await
}

/// Suspends (`standing` "suspended") or reinstates ("active") an account,
/// with a reason the person reads. Either way every session it has ends.
#[server(endpoint = "admin/person/standing")]
pub async fn set_standing(user_id: Uuid, standing: String, reason: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::People).await?;
        let suspend = match standing.as_str() {
            "suspended" => true,
            "active" => false,
            _ => return Err(AppError::field("standing", "Choose suspend or reinstate.")),
        };
        let reason =
            super::check_reason(&reason).map_err(|message| AppError::field("reason", message))?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        guard(&mut tx, &admin, user_id).await?;
        let notice = if suspend {
            Notice {
                kind: Kind::Moderation,
                title: "Your Hirewell account is suspended".into(),
                body: format!(
                    "You cannot log in, and your profile and applications are hidden, until our team reinstates the account. Why: {reason} If you think this is a mistake, reply to this email."
                ),
                link: "/login".into(),
            }
        } else {
            Notice {
                kind: Kind::Moderation,
                title: "Your Hirewell account is reinstated".into(),
                body: format!("You can log in again. {reason}"),
                link: "/login".into(),
            }
        };
        // Mail goes only to accounts in good standing: told before the
        // suspension, after the reinstatement.
        if suspend {
            notify(&mut tx, user_id, &notice).await?;
        }
        if super::db::set_standing(&mut tx, user_id, suspend, &reason, admin.id)
            .await?
            .is_none()
        {
            return Err(AppError::Refused(if suspend {
                "This account is suspended already.".into()
            } else {
                "This account is not suspended.".into()
            }));
        }
        if !suspend {
            notify(&mut tx, user_id, &notice).await?;
        }
        let action = if suspend {
            "account.suspended"
        } else {
            "account.reinstated"
        };
        let event = AuditEvent::on_user(Some(admin.id), action, user_id)
            .with_metadata(serde_json::json!({ "reason": reason }));
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/users/{user_id}?notice=standing_changed"));
        Ok(())
    })
    .await
}

/// Ends every session of the account.
#[server(endpoint = "admin/person/sign-out")]
pub async fn sign_out_everywhere(user_id: Uuid) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::People).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        guard(&mut tx, &admin, user_id).await?;
        super::db::sign_out_everywhere(&mut tx, user_id).await?;
        let event = AuditEvent::on_user(Some(admin.id), "sessions.ended_by_admin", user_id);
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/users/{user_id}?notice=signed_out"));
        Ok(())
    })
    .await
}

/// Marks a job seeker's identity as checked (`verified`, with a note of
/// how: a document over a video call, say) or withdraws the mark. The badge
/// shows on their profile and in talent search at once.
#[server(endpoint = "admin/person/identity")]
pub async fn set_identity(user_id: Uuid, verified: bool, note: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::People).await?;
        let note = match verified {
            true => Some(super::check_identity_note(&note).map_err(|m| AppError::field("note", m))?),
            false => None,
        };
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        guard(&mut tx, &admin, user_id).await?;
        if !super::db::set_identity(&mut tx, user_id, note.as_deref(), admin.id).await? {
            return Err(AppError::Refused(if verified {
                "Only a job seeker's identity is verified here, and only once.".into()
            } else {
                "Their identity is not marked as verified.".into()
            }));
        }
        if verified {
            notify(
                &mut tx,
                user_id,
                &Notice {
                    kind: Kind::Moderation,
                    title: "Your identity is verified".into(),
                    body: "Our team checked who you are: companies see a verified badge on your profile and in their searches.".into(),
                    link: "/profile".into(),
                },
            )
            .await?;
        }
        let action = if verified {
            "identity.verified"
        } else {
            "identity.verification_withdrawn"
        };
        let event = AuditEvent::on_user(Some(admin.id), action, user_id)
            .with_metadata(serde_json::json!({ "note": note }));
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/users/{user_id}?notice=identity_changed"));
        Ok(())
    })
    .await
}

/// Removes an administrator's authenticator and recovery codes (a lost
/// phone) and signs them out everywhere: they set up a new one at their
/// next sign-in with their password.
#[server(endpoint = "admin/person/reset-second-factor")]
pub async fn reset_second_factor(user_id: Uuid) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Admins).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        guard(&mut tx, &admin, user_id).await?;
        if !crate::auth::second_factor::db::reset(&mut *tx, user_id).await? {
            return Err(AppError::Refused(
                "This account has no two-step sign-in to reset.".into(),
            ));
        }
        super::db::sign_out_everywhere(&mut tx, user_id).await?;
        notify(
            &mut tx,
            user_id,
            &Notice {
                kind: Kind::AccountSecurity,
                title: "Your two-step sign-in was reset".into(),
                body: "An administrator removed your authenticator and recovery codes and signed you out. Set up your authenticator app again when you next log in. If you did not ask for this, tell another administrator at once.".into(),
                link: "/login".into(),
            },
        )
        .await?;
        let event = AuditEvent::on_user(Some(admin.id), "second_factor.reset", user_id);
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/users/{user_id}?notice=second_factor_reset"));
        Ok(())
    })
    .await
}

/// Whether `admin` may suspend or sign out this account: not their own,
/// and an administrator's only as a super admin.
#[cfg(feature = "ssr")]
fn may_act_on(admin: &CurrentUser, account_type: &str, id: Uuid) -> bool {
    id != admin.id
        && (account_type != crate::auth::rules::AccountType::Admin.as_str()
            || admin
                .admin_role
                .is_some_and(|role| role.may(AdminArea::Admins)))
}

#[cfg(feature = "ssr")]
async fn guard(conn: &mut PgConnection, admin: &CurrentUser, id: Uuid) -> Result<(), AppError> {
    let account_type = sqlx::query_scalar!(
        "select account_type from users where id = $1 and deleted_at is null",
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    if id == admin.id {
        return Err(AppError::Refused(
            "You cannot do this to your own account; ask another administrator.".into(),
        ));
    }
    if may_act_on(admin, &account_type, id) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
