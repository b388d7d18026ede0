//! The plans editor's server functions; each starts with `require_admin`.

#![expect(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field"
)]

use super::EditablePlan;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::{
    audit::{self, AuditEvent},
    auth::session::require_admin,
    state::{RequestContext, app_state, respond},
};

/// Every plan at its current version.
#[server(endpoint = "admin/billing/plans")]
pub async fn admin_plans() -> Result<Vec<EditablePlan>, AppError> {
    respond(async {
        require_admin(crate::auth::rules::AdminArea::Billing).await?;
        Ok(super::db::plans(&app_state()?.pool, None).await?)
    })
    .await
}

/// One plan at its current version, to edit.
#[server(endpoint = "admin/billing/plan")]
pub async fn admin_plan(code: String) -> Result<EditablePlan, AppError> {
    respond(async move {
        require_admin(crate::auth::rules::AdminArea::Billing).await?;
        super::db::plans(&app_state()?.pool, Some(code.trim()))
            .await?
            .pop()
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Saves the plan as its next version, which new buyers get from now on;
/// those on an earlier version keep it. Audited with what changed.
#[server(endpoint = "admin/billing/plan/save")]
pub async fn save_plan(
    code: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] on_sale: Option<String>,
    #[server(default)] monthly_price: String,
    #[server(default)] yearly_price: String,
    #[server(default)] trial_days: String,
    #[server(default)] introduction_credits_monthly: String,
    #[server(default)] team_seats: String,
    #[server(default)] active_vacancies: String,
    #[server(default)] talent_searches_per_hour: String,
    #[server(default)] super_likes_per_day: String,
    #[server(default)] auto_applies_per_day: String,
    #[server(default)] features: Vec<String>,
) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        if !super::db::lock(&mut tx, code.trim()).await? {
            return Err(AppError::NotFound);
        }
        let before = super::db::plans(&mut *tx, Some(code.trim()))
            .await?
            .pop()
            .ok_or(AppError::NotFound)?;
        let change = super::read_plan_form(
            &before,
            &super::PlanForm {
                name: &name,
                description: &description,
                on_sale: on_sale.is_some(),
                monthly_price: &monthly_price,
                yearly_price: &yearly_price,
                trial_days: &trial_days,
                introduction_credits_monthly: &introduction_credits_monthly,
                team_seats: &team_seats,
                active_vacancies: &active_vacancies,
                talent_searches_per_hour: &talent_searches_per_hour,
                super_likes_per_day: &super_likes_per_day,
                auto_applies_per_day: &auto_applies_per_day,
                features: &features,
            },
        )?;
        let version = super::db::add_version(&mut tx, &before.code, &change, admin.id).await?;
        audit::record(
            &mut tx,
            AuditEvent {
                actor: Some(admin.id),
                action: "billing.plan_changed",
                target_type: "plan",
                target_id: Some(before.code.clone()),
                metadata: serde_json::json!({
                    "version": version,
                    "from_version": before.version,
                    "before": before.terms,
                    "after": change,
                }),
            },
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect("/admin/billing/plans?notice=plan_saved");
        Ok(())
    })
    .await
}
