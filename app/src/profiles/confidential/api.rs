//! Confidential-mode server functions: candidates only, on their own list.

use super::Confidential;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db,
    super::rules::{BlockTarget, MAX_BLOCKED, parse_block_target},
    crate::audit::{self, AuditEvent},
    crate::auth::rules::AccountType,
    crate::auth::session::{require_role, require_user},
    crate::state::{RequestContext, app_state, respond},
};

#[cfg(feature = "ssr")]
fn back_to_settings(notice: &str) {
    leptos_axum::redirect(&format!("/settings?notice={notice}#confidential"));
}

/// The candidate's confidential mode; `None` for other accounts.
#[server(endpoint = "privacy/confidential")]
pub async fn get_confidential() -> Result<Option<Confidential>, AppError> {
    respond(async {
        let user = require_user().await?;
        if user.account_type != AccountType::Candidate {
            return Ok(None);
        }
        Ok(Some(db::load(&app_state()?.pool, user.id).await?))
    })
    .await
}

#[server(endpoint = "privacy/confidential/save")]
pub async fn save_confidential_mode(enabled: Option<String>) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        let enabled = enabled.is_some();
        let mut tx = state.pool.begin().await?;
        db::set_enabled(&mut *tx, user.id, enabled).await?;
        audit::record(
            &mut tx,
            AuditEvent::on_user(Some(user.id), "privacy.confidential_mode", user.id)
                .with_metadata(serde_json::json!({ "enabled": enabled })),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        back_to_settings("settings_saved");
        Ok(())
    })
    .await
}

#[server(endpoint = "privacy/block")]
pub async fn block_company(company: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let pool = app_state()?.pool;
        let target = parse_block_target(&company).map_err(|m| AppError::field("company", m))?;
        if db::count_blocked(&pool, user.id).await? >= MAX_BLOCKED {
            return Err(AppError::field(
                "company",
                format!("You can hide from at most {MAX_BLOCKED} companies. Remove one first."),
            ));
        }
        let added = match &target {
            BlockTarget::Domain(domain) => db::add_block(&pool, user.id, None, Some(domain)).await,
            BlockTarget::CompanyName(name) => {
                let Some(id) = db::company_named(&pool, name).await? else {
                    return Err(AppError::field(
                        "company",
                        format!(
                            "No company called “{name}” is on Hirewell yet. Enter its email \
                             domain instead, like acme.com: that also covers it if it joins later."
                        ),
                    ));
                };
                db::add_block(&pool, user.id, Some(id), None).await
            }
        };
        added.map_err(|e| {
            let constraint = crate::error::violated_constraint(&e);
            if constraint == Some(db::BLOCKED_COMPANY_UNIQUE)
                || constraint == Some(db::BLOCKED_DOMAIN_UNIQUE)
            {
                AppError::field("company", "This is already on your list.")
            } else {
                e.into()
            }
        })?;
        back_to_settings("company_blocked");
        Ok(())
    })
    .await
}

#[server(endpoint = "privacy/unblock")]
pub async fn unblock_company(id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = id.parse().map_err(|_| AppError::NotFound)?;
        if !db::remove_block(&app_state()?.pool, user.id, id).await? {
            return Err(AppError::NotFound);
        }
        back_to_settings("company_unblocked");
        Ok(())
    })
    .await
}

/// Company names for the picker, as the candidate types.
#[server(endpoint = "companies/suggest")]
pub async fn suggest_companies(typed: String) -> Result<Vec<String>, AppError> {
    respond(async move {
        require_role(AccountType::Candidate).await?;
        if typed.trim().chars().count() < 2 {
            return Ok(Vec::new());
        }
        Ok(db::company_names_like(&app_state()?.pool, &typed).await?)
    })
    .await
}
