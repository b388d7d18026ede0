//! The server functions of billing. The price list is public; a company's
//! billing only for its members with the billing permission (the owner, and
//! those the owner allowed).

use super::{BillingOverview, Invoice, Pricing};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::Party,
    super::db,
    super::rules,
    crate::audit::{self, AuditEvent},
    crate::auth::rules::AccountType,
    crate::auth::session::current_user,
    crate::companies::api::permitted,
    crate::companies::db::Permission,
    crate::error::Validator,
    crate::profiles::rules::optional_text,
    crate::state::{RequestContext, app_state, respond},
};

/// The company plans on sale, and the signed-in member's company's plan.
#[server(endpoint = "pricing")]
pub async fn get_pricing() -> Result<Pricing, AppError> {
    respond(async move {
        let pool = app_state()?.pool;
        let current = match current_user().await? {
            Some(user) if user.account_type == AccountType::Employer => sqlx::query_scalar!(
                "select v.plan_code from company_members m
                   join company_subscriptions s on s.company_id = m.company_id and s.ended_at is null
                   join plan_versions v on v.id = s.plan_version_id
                  where m.user_id = $1",
                user.id
            )
            .fetch_optional(&pool)
            .await?,
            _ => None,
        };
        Ok(Pricing {
            plans: db::company_plans(&pool).await?,
            current,
        })
    })
    .await
}

/// The billing page of the signed-in member's company.
#[server(endpoint = "company/billing")]
pub async fn get_billing() -> Result<BillingOverview, AppError> {
    respond(async move {
        let (user, company_id) = permitted(Permission::ManageBilling).await?;
        let pool = app_state()?.pool;
        let company = sqlx::query_scalar!("select name from companies where id = $1", company_id)
            .fetch_one(&pool)
            .await?;
        Ok(BillingOverview {
            company,
            subscription: db::subscription(&pool, company_id)
                .await?
                .ok_or(AppError::NotFound)?,
            limits: db::limits(&pool, company_id).await?,
            usage: db::usage(&pool, company_id, user.id).await?,
            invoices: db::invoices(&pool, company_id).await?,
            buyer: db::buyer_details(&pool, company_id).await?,
            now: time::OffsetDateTime::now_utc(),
        })
    })
    .await
}

/// One of the company's invoices, for its printable page; another
/// company's is not found.
#[server(endpoint = "company/billing/invoice")]
pub async fn get_invoice(id: String) -> Result<Invoice, AppError> {
    respond(async move {
        let (_, company_id) = permitted(Permission::ManageBilling).await?;
        let id: uuid::Uuid = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let mut conn = app_state()?.pool.acquire().await?;
        db::invoice(&mut conn, company_id, id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Saves the company's details for its invoices; they appear on invoices
/// issued from now on (issued ones keep theirs).
#[server(endpoint = "company/billing/details")]
pub async fn save_billing_details(
    #[server(default)] legal_name: String,
    #[server(default)] billing_address: String,
    #[server(default)] tax_id: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = permitted(Permission::ManageBilling).await?;
        let mut v = Validator::new();
        let name = v.check(
            "legal_name",
            optional_text(&legal_name, 200, "The legal name"),
        );
        let address = v.check(
            "billing_address",
            optional_text(&billing_address, 500, "The address"),
        );
        let tax_id = v.check("tax_id", rules::tax_id(&tax_id));
        v.finish()?;
        let details = Party {
            name: name.flatten().unwrap_or_default(),
            address: address.flatten().unwrap_or_default(),
            tax_id: tax_id.unwrap_or_default(),
        };
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        db::save_buyer_details(&mut *tx, company_id, &details).await?;
        audit::record(
            &mut tx,
            AuditEvent {
                actor: Some(user.id),
                action: "billing.details_saved",
                target_type: "company",
                target_id: Some(company_id.to_string()),
                metadata: serde_json::json!({}),
            },
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect("/company/billing?notice=billing_details_saved#invoice-details");
        Ok(())
    })
    .await
}
