//! The audit log's server functions; each starts with `require_admin`.

use super::{AuditFilter, AuditPage, ChainCheck};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    auth::session::require_admin,
    state::{app_state, respond},
};

pub const ENTRIES_PER_PAGE: i64 = 50;

/// A page of the log with `filter`, the entries before place `before`.
#[server(endpoint = "admin/audit/entries")]
pub async fn audit_entries(
    #[server(default)] filter: AuditFilter,
    before: Option<i64>,
) -> Result<AuditPage, AppError> {
    respond(async move {
        require_admin(crate::auth::rules::AdminArea::Audit).await?;
        let state = app_state()?;
        let short = |text: &str| -> String { text.trim().chars().take(200).collect() };
        let (actor, action, target) = (
            short(&filter.actor),
            short(&filter.action),
            short(&filter.target),
        );
        let checked = super::db::Filter {
            actor: &actor,
            action: &action,
            target: &target,
            from: crate::input::optional_day("from", &filter.from)?,
            to: crate::input::optional_day("to", &filter.to)?,
        };
        let mut entries =
            super::db::entries(&state.pool, &checked, before, ENTRIES_PER_PAGE + 1).await?;
        let older = (entries.len() as i64 > ENTRIES_PER_PAGE).then(|| {
            entries.truncate(ENTRIES_PER_PAGE as usize);
            entries.last().map_or(0, |e| e.seq)
        });
        Ok(AuditPage { entries, older })
    })
    .await
}

/// Walks the whole chain and names the first broken link, if any. Posted
/// without script it walks nothing itself and leads to the page, which
/// makes the walk when its address asks for it ([`VERIFY_PARAM`]).
#[server(endpoint = "admin/audit/verify")]
pub async fn verify_audit_chain() -> Result<Option<ChainCheck>, AppError> {
    respond(async {
        require_admin(crate::auth::rules::AdminArea::Audit).await?;
        if crate::state::is_plain_form_post() {
            let (name, value) = VERIFY_PARAM;
            leptos_axum::redirect(&format!("/admin/audit?{name}={value}#chain-heading"));
            return Ok(None);
        }
        let state = app_state()?;
        let mut conn = state.pool.acquire().await?;
        Ok(Some(super::chain::verify(&mut conn).await?))
    })
    .await
}

/// In the audit page's address: show the chain's verification.
pub const VERIFY_PARAM: (&str, &str) = ("chain", "verify");
