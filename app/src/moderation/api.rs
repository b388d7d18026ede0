//! Reporting (anyone signed in), the queue and decisions (moderators), and
//! the owner's side of a decision with its one appeal.

use super::{Case, OwnerCase, Queue, ReportTarget};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    super::db,
    super::rules::{Action, Entity, Reason},
    crate::audit::{self, AuditEvent},
    crate::auth::rules::{AccountType, AdminArea},
    crate::auth::session::{require_admin, require_user},
    crate::notifications::rules::Kind,
    crate::notifications::{Notice, notify},
    crate::state::{RequestContext, app_state, respond},
    sqlx::PgConnection,
};

/// Reports a person may file in an hour.
#[cfg(feature = "ssr")]
const REPORTS_PER_HOUR: i64 = 20;

#[cfg(feature = "ssr")]
fn entity(value: &str) -> Result<Entity, AppError> {
    Entity::parse(value).ok_or(AppError::NotFound)
}

/// The item someone is about to report: only what the public sees now,
/// and not their own.
#[cfg(feature = "ssr")]
async fn reportable(
    conn: &mut PgConnection,
    user: &crate::auth::CurrentUser,
    entity: Entity,
    id: Uuid,
) -> Result<db::Found, AppError> {
    if user.account_type == AccountType::Admin {
        return Err(AppError::Refused(
            "Administrators handle reports in the moderation queue.".into(),
        ));
    }
    let found = db::find(conn, entity, id)
        .await?
        .filter(|f| f.item.link.is_some())
        .ok_or(AppError::NotFound)?;
    if found.owners.contains(&user.id) {
        return Err(AppError::Refused("You cannot report your own page.".into()));
    }
    Ok(found)
}

#[server(endpoint = "report/target")]
pub async fn reportable_item(entity: String, id: Uuid) -> Result<ReportTarget, AppError> {
    respond(async move {
        let user = require_user().await?;
        let entity = self::entity(&entity)?;
        let mut conn = app_state()?.pool.acquire().await?;
        let found = reportable(&mut conn, &user, entity, id).await?;
        let reported_at = db::open_report_at(&mut conn, user.id, entity, id).await?;
        // Reporters are told what it is, not whose: a confidential
        // vacancy's company stays unnamed.
        let item = super::Item {
            owner: String::new(),
            ..found.item
        };
        Ok(ReportTarget { item, reported_at })
    })
    .await
}

/// Files a report; the reporter goes back to the item with a thank-you.
#[server(endpoint = "report")]
pub async fn report_content(
    entity: String,
    id: Uuid,
    reason: String,
    details: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let entity = self::entity(&entity)?;
        let reason = Reason::parse(&reason)
            .ok_or_else(|| AppError::field("reason", "Choose what is wrong."))?;
        let details = super::rules::check_text(&details, reason == Reason::Other, 2000)
            .map_err(|message| AppError::field("details", message))?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let found = reportable(&mut tx, &user, entity, id).await?;
        let lately = sqlx::query_scalar!(
            r#"select count(*) as "n!" from content_reports
                where reporter_id = $1 and created_at > now() - interval '1 hour'"#,
            user.id
        )
        .fetch_one(&mut *tx)
        .await?;
        if lately >= REPORTS_PER_HOUR {
            return Err(AppError::RateLimited(
                "You have sent many reports in the last hour; please try again later.".into(),
            ));
        }
        let case_id = db::report(&mut tx, user.id, entity, id, reason, &details)
            .await?
            .ok_or_else(|| {
                AppError::Refused("You reported this already; our team is looking at it.".into())
            })?;
        let event = AuditEvent {
            actor: Some(user.id),
            action: "moderation.reported",
            target_type: entity.as_str(),
            target_id: Some(id.to_string()),
            metadata: serde_json::json!({ "case": case_id, "reason": reason.as_str() }),
        };
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        let back = found.item.link.unwrap_or_else(|| "/".into());
        leptos_axum::redirect(&crate::ui::add_query(&back, "notice=report_sent"));
        Ok(())
    })
    .await
}

#[server(endpoint = "admin/moderation")]
pub async fn admin_moderation_queue(
    view: String,
    #[server(default)] page: i64,
) -> Result<Queue, AppError> {
    respond(async move {
        require_admin(AdminArea::Moderation).await?;
        let mut conn = app_state()?.pool.acquire().await?;
        let page = page.clamp(1, 100_000);
        Ok(db::queue(&mut conn, view != "decided", page).await?)
    })
    .await
}

#[server(endpoint = "admin/moderation/case")]
pub async fn admin_moderation_case(id: Uuid) -> Result<Case, AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Moderation).await?;
        let mut conn = app_state()?.pool.acquire().await?;
        db::case(&mut conn, id, admin.id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Claims a case (`claim` "true") so no other moderator decides it at the
/// same time, or gives it back.
#[server(endpoint = "admin/moderation/claim")]
pub async fn claim_case(id: Uuid, claim: bool) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Moderation).await?;
        let mut conn = app_state()?.pool.acquire().await?;
        let done = if claim {
            db::claim(&mut conn, id, admin.id).await?
        } else {
            db::release(&mut conn, id, admin.id).await?
        };
        if !done {
            return Err(AppError::Refused(if claim {
                "Another moderator is handling this case, or it is decided already.".into()
            } else {
                "This case is not yours to give back.".into()
            }));
        }
        leptos_axum::redirect(&format!("/admin/moderation/{id}"));
        Ok(())
    })
    .await
}

/// The locked case, when `admin` holds its claim and it is in `status`.
#[cfg(feature = "ssr")]
async fn claimed(
    conn: &mut PgConnection,
    id: Uuid,
    admin: Uuid,
    status: &str,
) -> Result<db::CaseRow, AppError> {
    let row = db::case_row(conn, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != status {
        return Err(AppError::Refused(
            "This case was decided meanwhile; reload the page.".into(),
        ));
    }
    if row.claimed_by != Some(admin) {
        return Err(AppError::Refused(
            "Claim the case first, so nobody else decides it at the same time.".into(),
        ));
    }
    Ok(row)
}

#[cfg(feature = "ssr")]
fn check_reason(reason: &str) -> Result<String, AppError> {
    crate::admin::person::check_reason(reason).map_err(|message| AppError::field("reason", message))
}

/// The item as its owner is told of it: "your vacancy “Title”", or "your
/// message" (its title names its sender, who is the reader).
#[cfg(feature = "ssr")]
fn yours(item: &super::Item) -> String {
    match item.entity {
        Entity::Message => "your message".into(),
        entity => format!("your {} “{}”", entity.label().to_lowercase(), item.title),
    }
}

/// Tells everyone who answers for the item.
#[cfg(feature = "ssr")]
async fn tell_owners(
    conn: &mut PgConnection,
    owners: &[Uuid],
    case_id: Uuid,
    title: String,
    body: String,
) -> Result<(), sqlx::Error> {
    let notice = Notice {
        kind: Kind::Moderation,
        title,
        body,
        link: super::decision_path(case_id),
    };
    for owner in owners {
        notify(&mut *conn, *owner, &notice).await?;
    }
    Ok(())
}

/// Decides a claimed case: the item is hidden, removed or its owner's
/// account suspended at once, and the owner reads why.
#[server(endpoint = "admin/moderation/decide")]
pub async fn decide_case(id: Uuid, action: String, reason: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Moderation).await?;
        let action = Action::parse(&action)
            .ok_or_else(|| AppError::field("action", "Choose a decision."))?;
        let reason = check_reason(&reason)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let row = claimed(&mut tx, id, admin.id, "pending").await?;
        if !row.entity.actions().contains(&action) {
            return Err(AppError::field("action", "This decision does not fit this kind of item."));
        }
        let found = db::find(&mut tx, row.entity, row.entity_id)
            .await?
            .ok_or(AppError::NotFound)?;
        match action {
            Action::Hide | Action::Remove => {
                db::hide(&mut tx, id, row.entity, row.entity_id, action == Action::Remove, admin.id)
                    .await?
            }
            Action::Suspend => {
                let account = found.account.ok_or_else(|| {
                    AppError::Refused("Nobody's account stands behind this item any more.".into())
                })?;
                let is_admin = sqlx::query_scalar!(
                    "select account_type = 'admin' as \"admin!\" from users where id = $1",
                    account
                )
                .fetch_optional(&mut *tx)
                .await?
                .unwrap_or(false);
                if is_admin {
                    return Err(AppError::Refused("Administrators are not suspended here.".into()));
                }
                crate::admin::person::db::set_standing(&mut tx, account, true, &reason, admin.id)
                    .await?;
            }
            Action::Approve | Action::Warn => {}
        }
        db::record_decision(&mut tx, id, action, &reason, admin.id).await?;
        if action.against_owner() {
            let what = yours(&found.item);
            let title = match action {
                Action::Warn => format!("A warning about {what}"),
                Action::Suspend => "Your Hirewell account is suspended".to_string(),
                _ => format!("Our team {} {what}", if action == Action::Remove { "removed" } else { "hid" }),
            };
            let body = format!("Why: {reason} If you think this is a mistake, you can appeal once from the decision's page.");
            // A suspended account's owner is told before the suspension
            // ends their mail, through the notice itself.
            tell_owners(&mut tx, &found.owners, id, title, body).await?;
        }
        let event = AuditEvent {
            actor: Some(admin.id),
            action: "moderation.decided",
            target_type: row.entity.as_str(),
            target_id: Some(row.entity_id.to_string()),
            metadata: serde_json::json!({ "case": id, "decision": action.as_str(), "reason": reason }),
        };
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/moderation/{id}?notice=case_decided"));
        Ok(())
    })
    .await
}

/// Answers an owner's appeal: reinstate what the decision did, or keep it.
#[server(endpoint = "admin/moderation/appeal")]
pub async fn decide_appeal(id: Uuid, outcome: String, reason: String) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Moderation).await?;
        let reinstate = match outcome.as_str() {
            "reinstated" => true,
            "upheld" => false,
            _ => {
                return Err(AppError::field(
                    "outcome",
                    "Choose reinstate or keep the decision.",
                ));
            }
        };
        let reason = check_reason(&reason)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let row = claimed(&mut tx, id, admin.id, "appealed").await?;
        let found = db::find(&mut tx, row.entity, row.entity_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let decided = row.decision.as_ref().map(|d| d.action);
        if reinstate {
            db::reinstate(&mut tx, id, admin.id).await?;
            if decided == Some(Action::Suspend)
                && let Some(account) = found.account
            {
                crate::admin::person::db::set_standing(&mut tx, account, false, &reason, admin.id)
                    .await?;
            }
        }
        db::record_appeal_decision(&mut tx, id, reinstate, &reason, admin.id).await?;
        let what = yours(&found.item);
        let title = if reinstate {
            format!("Your appeal about {what} was granted")
        } else {
            format!("Your appeal about {what} was turned down")
        };
        tell_owners(
            &mut tx,
            &found.owners,
            id,
            title,
            format!("Our team's answer: {reason}"),
        )
        .await?;
        let event = AuditEvent {
            actor: Some(admin.id),
            action: "moderation.appeal_decided",
            target_type: row.entity.as_str(),
            target_id: Some(row.entity_id.to_string()),
            metadata: serde_json::json!({ "case": id, "reinstated": reinstate, "reason": reason }),
        };
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/admin/moderation/{id}?notice=appeal_decided"));
        Ok(())
    })
    .await
}

/// A decision about something the signed-in person answers for.
#[server(endpoint = "moderation/decision")]
pub async fn moderation_decision(id: Uuid) -> Result<OwnerCase, AppError> {
    respond(async move {
        let user = require_user().await?;
        let mut conn = app_state()?.pool.acquire().await?;
        db::owner_case(&mut conn, id, user.id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// The owner's one appeal against a decision.
#[server(endpoint = "moderation/appeal")]
pub async fn appeal_decision(id: Uuid, text: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_user().await?;
        let text = super::rules::check_text(&text, true, 2000)
            .map_err(|message| AppError::field("text", message))?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        db::case_row(&mut tx, id, true).await?;
        let case = db::owner_case(&mut tx, id, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let filed = match db::appeal(&mut tx, id, &text).await {
            Ok(filed) => filed,
            // The item has an open case again (new reports): one at a time.
            Err(e) if e.as_database_error().is_some_and(|d| d.is_unique_violation()) => {
                return Err(AppError::Refused(
                    "Our team is reviewing this item again already; appeal once that review is done.".into(),
                ));
            }
            Err(e) => return Err(e.into()),
        };
        if !filed {
            return Err(AppError::Refused("You have appealed this decision already.".into()));
        }
        let event = AuditEvent {
            actor: Some(user.id),
            action: "moderation.appealed",
            target_type: case.item.entity.as_str(),
            target_id: Some(case.item.id.to_string()),
            metadata: serde_json::json!({ "case": id }),
        };
        audit::record(&mut tx, event, &RequestContext::current(&state.config)).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("{}?notice=appeal_sent", super::decision_path(id)));
        Ok(())
    })
    .await
}
