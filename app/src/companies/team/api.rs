//! Team server functions. Each runs in one transaction that first locks the
//! company row, then checks the rule against what it reads under the lock.

use super::{InvitePreview, MyInvite, Team};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db,
    crate::audit,
    crate::auth::rules::{Email, hash_token, new_token},
    crate::billing::db::lock_allowance,
    crate::companies::api::{company_event, employer, manager, member},
    crate::companies::db::{insert_member, lock_company, membership},
    crate::companies::rules::{self, INVITE_DAYS, TeamRole},
    crate::error::Validator,
    crate::state::{RequestContext, app_state, respond},
    uuid::Uuid,
};

#[cfg(feature = "ssr")]
fn parse_role(value: &str) -> Result<TeamRole, AppError> {
    TeamRole::parse(value).ok_or_else(|| AppError::field("role", "Choose a role."))
}

#[cfg(feature = "ssr")]
fn parse_id(value: &str) -> Result<Uuid, AppError> {
    value.parse().map_err(|_| AppError::NotFound)
}

/// Locks the company, then reads the caller's role, the target's role and
/// the number of owners: read under the lock, as another change may have
/// just altered them.
#[cfg(feature = "ssr")]
async fn locked_roles(
    tx: &mut sqlx::PgConnection,
    company_id: Uuid,
    actor: Uuid,
    target: Uuid,
) -> Result<(TeamRole, TeamRole, i64), AppError> {
    lock_company(tx, company_id).await?;
    let actor = db::role_in(tx, company_id, actor)
        .await?
        .ok_or(AppError::Forbidden)?;
    let target = db::role_in(tx, company_id, target)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((actor, target, db::count_owners(tx, company_id).await?))
}

#[cfg(feature = "ssr")]
fn back_to_team(notice: &str, anchor: &str) {
    leptos_axum::redirect(&format!("/company/team?notice={notice}#{anchor}"));
}

#[server(endpoint = "company/team")]
pub async fn get_team() -> Result<Team, AppError> {
    respond(async {
        let (user, m) = member().await?;
        Ok(db::team(&app_state()?.pool, m.company_id, user.id, m.role).await?)
    })
    .await
}

#[server(endpoint = "company/invite")]
pub async fn invite_member(email: String, role: String) -> Result<(), AppError> {
    respond(async move {
        let (user, m) = manager().await?;
        let state = app_state()?;
        let mut v = Validator::new();
        let email = v.check("email", Email::parse(&email));
        let role = v.check(
            "role",
            parse_role(&role)
                .map_err(|_| "Choose a role.".to_string())
                .and_then(|r| rules::check_invite(m.role, r).map(|()| r)),
        );
        v.finish()?;
        let (Some(email), Some(role)) = (email, role) else {
            return Err(AppError::Internal);
        };
        let mut tx = state.pool.begin().await?;
        let allowance = lock_allowance(&mut tx, m.company_id).await?;
        if db::is_member_email(&mut tx, m.company_id, email.as_str()).await? {
            return Err(AppError::field(
                "email",
                "This person is already on your team.",
            ));
        }
        allowance.invite()?;
        let token = new_token();
        db::insert_invite(
            &mut tx,
            &db::NewInvite {
                id: Uuid::now_v7(),
                company_id: m.company_id,
                email: email.as_str(),
                role,
                token_hash: &hash_token(&token),
                invited_by: user.id,
                expires_at: time::OffsetDateTime::now_utc() + time::Duration::days(INVITE_DAYS),
            },
        )
        .await
        .map_err(|e| {
            AppError::on_constraint(
                e,
                db::INVITE_OPEN_UNIQUE,
                "email",
                "This address already has an open invitation. Revoke it to send a new one.",
            )
        })?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.member_invited", m.company_id).with_metadata(
                serde_json::json!({ "email": email.as_str(), "role": role.as_str() }),
            ),
            &RequestContext::current(&state.config),
        )
        .await?;
        let company_name: String =
            sqlx::query_scalar!("select name from companies where id = $1", m.company_id)
                .fetch_one(&mut *tx)
                .await?;
        // The mail goes with the invitation or not at all.
        let mail = crate::mail::outbox::Email {
            to: email.as_str().to_string(),
            user_id: None,
            template: crate::mail::templates::Template::CompanyInvite,
            variables: serde_json::json!({
                "company": company_name,
                "role": role.label().to_lowercase(),
                "link": format!("/company/join?token={token}"),
            }),
            unsubscribe: Some(crate::mail::unsubscribe::Subscription::Invitations {
                address: email.as_str().to_string(),
            }),
        };
        crate::mail::outbox::queue(&mut tx, &mail).await?;
        // Someone who already has an employer account hears of it in the
        // app too, with the invitation waiting on the join page.
        let invited = sqlx::query_scalar!(
            "select id from users
              where lower(email) = lower($1) and account_type = 'employer'
                and email_verified_at is not null and deleted_at is null",
            email.as_str()
        )
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(invited) = invited {
            let notice = crate::notifications::Notice::team_invitation(&company_name, role.label());
            crate::notifications::notify(&mut tx, invited, &notice).await?;
        }
        tx.commit().await?;
        back_to_team("invite_sent", "invites");
        Ok(())
    })
    .await
}

#[server(endpoint = "company/invite/revoke")]
pub async fn revoke_invite(id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, m) = manager().await?;
        let state = app_state()?;
        let id = parse_id(&id)?;
        let mut tx = state.pool.begin().await?;
        let email = db::revoke_invite(&mut tx, m.company_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.invite_revoked", m.company_id)
                .with_metadata(serde_json::json!({ "email": email })),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        back_to_team("invite_revoked", "invites");
        Ok(())
    })
    .await
}

#[server(endpoint = "company/member/role")]
pub async fn change_role(user_id: String, role: String) -> Result<(), AppError> {
    respond(async move {
        let (user, m) = member().await?;
        let state = app_state()?;
        let target = parse_id(&user_id)?;
        let new_role = parse_role(&role)?;
        let mut tx = state.pool.begin().await?;
        let (actor, current, owners) = locked_roles(&mut tx, m.company_id, user.id, target).await?;
        rules::check_role_change(actor, current, new_role, owners).map_err(AppError::Refused)?;
        db::set_role(&mut tx, target, new_role).await?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.role_changed", m.company_id).with_metadata(
                serde_json::json!({ "member": target, "from": current.as_str(), "to": new_role.as_str() }),
            ),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        back_to_team("team_role_changed", "members");
        Ok(())
    })
    .await
}

#[server(endpoint = "company/member/remove")]
pub async fn remove_member(user_id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, m) = member().await?;
        let state = app_state()?;
        let target = parse_id(&user_id)?;
        let is_self = target == user.id;
        let mut tx = state.pool.begin().await?;
        let (actor, current, owners) = locked_roles(&mut tx, m.company_id, user.id, target).await?;
        rules::check_removal(actor, current, is_self, owners).map_err(AppError::Refused)?;
        let photo = db::remove_member(&mut tx, target).await?;
        audit::record(
            &mut tx,
            company_event(
                user.id,
                if is_self {
                    "company.member_left"
                } else {
                    "company.member_removed"
                },
                m.company_id,
            )
            .with_metadata(serde_json::json!({ "member": target, "role": current.as_str() })),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        crate::media::storage::remove_orphans(state.storage.as_ref(), photo).await;
        if is_self {
            leptos_axum::redirect("/company?notice=left_company");
        } else {
            back_to_team("member_removed", "members");
        }
        Ok(())
    })
    .await
}

/// Makes another member the owner; the caller stays on as an admin.
#[server(endpoint = "company/transfer")]
pub async fn transfer_ownership(user_id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, m) = member().await?;
        let state = app_state()?;
        let target = parse_id(&user_id)?;
        if target == user.id {
            return Err(AppError::Refused(
                "Choose someone else on your team.".into(),
            ));
        }
        let mut tx = state.pool.begin().await?;
        let (actor, current, _) = locked_roles(&mut tx, m.company_id, user.id, target).await?;
        if actor != TeamRole::Owner {
            return Err(AppError::Refused(
                "Only an owner can hand over ownership.".into(),
            ));
        }
        db::set_role(&mut tx, target, TeamRole::Owner).await?;
        db::set_role(&mut tx, user.id, TeamRole::Admin).await?;
        audit::record(
            &mut tx,
            company_event(user.id, "company.ownership_transferred", m.company_id).with_metadata(
                serde_json::json!({ "to": target, "their_previous_role": current.as_str() }),
            ),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        back_to_team("ownership_transferred", "members");
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
const INVALID_INVITE: &str = "This invitation link is not valid any more: it was used, revoked or is older than 7 days. Ask for a new one.";

/// What an invitation link offers; anyone holding the link may see it.
#[server(endpoint = "company/invite/preview")]
pub async fn preview_invite(token: String) -> Result<InvitePreview, AppError> {
    respond(async move {
        let pool = app_state()?.pool;
        let (_, preview) = db::open_invite(&pool, &hash_token(&token))
            .await?
            .ok_or_else(|| AppError::Refused(INVALID_INVITE.into()))?;
        Ok(preview)
    })
    .await
}

#[server(endpoint = "company/invite/accept")]
pub async fn accept_invite(token: String) -> Result<(), AppError> {
    respond(async move {
        let (user, current) = employer().await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let (invite, _) = db::open_invite(&mut *tx, &hash_token(&token))
            .await?
            .ok_or_else(|| AppError::Refused(INVALID_INVITE.into()))?;
        join(&mut tx, &state, &user, current.is_some(), &invite).await?;
        tx.commit().await?;
        leptos_axum::redirect("/company?notice=joined_company");
        Ok(())
    })
    .await
}

/// The open invitations to the signed-in employer's confirmed address (an
/// unconfirmed one could be anybody's).
#[server(endpoint = "company/invites/mine")]
pub async fn my_invites() -> Result<Vec<MyInvite>, AppError> {
    respond(async move {
        let (user, _) = employer().await?;
        if !user.email_verified {
            return Ok(Vec::new());
        }
        let invites = db::invites_to(&app_state()?.pool, &user.email).await?;
        Ok(invites
            .into_iter()
            .map(|(invite, company_name)| MyInvite {
                id: invite.id,
                company_name,
                role: invite.role,
            })
            .collect())
    })
    .await
}

/// Accepts an invitation to the signed-in employer's confirmed address,
/// from the list on `/company/join` (the notification leads there).
#[server(endpoint = "company/invites/accept")]
pub async fn accept_my_invite(id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, current) = employer().await?;
        let id = parse_id(&id)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let invite = match user.email_verified {
            true => db::invites_to(&mut *tx, &user.email).await?,
            false => Vec::new(),
        }
        .into_iter()
        .map(|(invite, _)| invite)
        .find(|invite| invite.id == id)
        .ok_or_else(|| AppError::Refused(INVALID_INVITE.into()))?;
        join(&mut tx, &state, &user, current.is_some(), &invite).await?;
        tx.commit().await?;
        leptos_axum::redirect("/company?notice=joined_company");
        Ok(())
    })
    .await
}

/// Makes `user` a member through `invite`: it must be to their address,
/// and they in no company yet (read under the company's lock).
#[cfg(feature = "ssr")]
async fn join(
    tx: &mut sqlx::PgConnection,
    state: &crate::state::AppState,
    user: &crate::auth::CurrentUser,
    in_a_company: bool,
    invite: &db::OpenInvite,
) -> Result<(), AppError> {
    if !invite.email.eq_ignore_ascii_case(&user.email) {
        return Err(AppError::Refused(format!(
            "This invitation is for {}. Log in with that address to accept it.",
            invite.email
        )));
    }
    let allowance = lock_allowance(tx, invite.company_id).await?;
    if in_a_company || membership(&mut *tx, user.id).await?.is_some() {
        return Err(AppError::Refused(
            "You already belong to a company. Leave it before you join another.".into(),
        ));
    }
    // The invitation holds its seat, unless the plan has shrunk since.
    if allowance
        .limits
        .team_seats
        .is_some_and(|seats| allowance.seats > i64::from(seats))
    {
        return Err(AppError::Refused(
            "This team's plan has no free seat for you just now. Ask whoever invited you \
             to make room, then accept again."
                .into(),
        ));
    }
    if !db::consume_invite(tx, invite.id, user.id).await? {
        return Err(AppError::Refused(INVALID_INVITE.into()));
    }
    insert_member(tx, user.id, invite.company_id, invite.role).await?;
    audit::record(
        tx,
        company_event(user.id, "company.member_joined", invite.company_id)
            .with_metadata(serde_json::json!({ "role": invite.role.as_str() })),
        &RequestContext::current(&state.config),
    )
    .await?;
    Ok(())
}
