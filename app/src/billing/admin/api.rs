//! The admin's billing server functions; each starts with `require_admin`.

use super::{CompanyBilling, InvoicePage, InvoiceWithPayment, Revenue};
use crate::error::AppError;
use leptos::prelude::*;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use crate::{
    auth::session::require_admin,
    state::{RequestContext, app_state, respond},
};

pub const INVOICES_PER_PAGE: i64 = 25;

/// The invoice states an admin can filter by.
pub const INVOICE_STATES: &[(&str, &str)] = &[
    ("paid", "Paid"),
    ("open", "Due"),
    ("void", "Void"),
    ("refunded", "Refunded"),
];

#[server(endpoint = "admin/billing/revenue")]
pub async fn admin_revenue() -> Result<Revenue, AppError> {
    respond(async {
        require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let mut conn = state.pool.acquire().await?;
        Ok(super::db::revenue(&mut conn, time::OffsetDateTime::now_utc()).await?)
    })
    .await
}

#[server(endpoint = "admin/billing/invoices")]
pub async fn admin_invoices(
    status: String,
    search: String,
    from: String,
    to: String,
    page: i64,
) -> Result<InvoicePage, AppError> {
    respond(async move {
        require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let status = INVOICE_STATES
            .iter()
            .map(|(value, _)| *value)
            .find(|value| *value == status);
        let search: String = search.trim().chars().take(200).collect();
        let filter = super::db::InvoiceFilter {
            status,
            search: &search,
            from: crate::input::optional_day("from", &from)?,
            to: crate::input::optional_day("to", &to)?,
        };
        let page = page.clamp(1, 100_000);
        let mut conn = state.pool.acquire().await?;
        let (invoices, total, amount) = super::db::invoices(
            &mut conn,
            &filter,
            INVOICES_PER_PAGE,
            (page - 1) * INVOICES_PER_PAGE,
        )
        .await?;
        Ok(InvoicePage {
            invoices,
            total,
            amount,
            page,
            per_page: INVOICES_PER_PAGE,
        })
    })
    .await
}

/// Any issued invoice, with who it bills and whether it can be refunded.
#[server(endpoint = "admin/billing/invoice")]
pub async fn admin_invoice(id: Uuid) -> Result<InvoiceWithPayment, AppError> {
    respond(async move {
        require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let mut conn = state.pool.acquire().await?;
        let invoice =
            crate::billing::db::invoice(&mut conn, crate::billing::DocumentScope::All, id)
                .await?
                .ok_or(AppError::NotFound)?;
        let (company_id, gateway) = super::db::invoice_payer(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(InvoiceWithPayment {
            invoice,
            company_id,
            gateway,
        })
    })
    .await
}

/// Gives back all or part of a paid invoice through its gateway, with a
/// credit note (`billing::refunds`).
#[server(endpoint = "admin/billing/refund")]
pub async fn refund_invoice(
    invoice_id: Uuid,
    amount: String,
    reason: String,
) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let (amount, reason) = super::refund_form(&amount, &reason)?;
        let request = crate::billing::refunds::RefundRequest {
            invoice_id,
            amount,
            reason: &reason,
        };
        crate::billing::refunds::refund(
            &state,
            admin.id,
            &request,
            &RequestContext::current(&state.config),
            time::OffsetDateTime::now_utc(),
        )
        .await?;
        leptos_axum::redirect(&format!(
            "/admin/billing/invoices/{invoice_id}?notice=refunded#refunds-heading"
        ));
        Ok(())
    })
    .await
}

#[server(endpoint = "admin/billing/company")]
pub async fn admin_company_billing(company_id: Uuid) -> Result<CompanyBilling, AppError> {
    respond(async move {
        require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let mut conn = state.pool.acquire().await?;
        super::db::company(&mut conn, company_id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Adds introduction credits to a company or takes back available ones,
/// with the admin's reason: a ledger entry, audited.
#[server(endpoint = "admin/billing/adjust-credits")]
pub async fn adjust_credits(
    company_id: Uuid,
    direction: String,
    credits: String,
    note: String,
) -> Result<(), AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Billing).await?;
        let state = app_state()?;
        let (credits, note) = super::adjustment(&direction, &credits, &note)?;
        let mut tx = state.pool.begin().await?;
        if !crate::companies::db::exists(&mut *tx, company_id).await? {
            return Err(AppError::NotFound);
        }
        let request = RequestContext::current(&state.config);
        let adjusted = crate::introductions::db::adjust(
            &mut tx, company_id, credits, &note, admin.id, &request,
        )
        .await?;
        if !adjusted {
            let available =
                crate::introductions::db::balance(&mut *state.pool.acquire().await?, company_id)
                    .await?
                    .available;
            return Err(AppError::field(
                "credits",
                format!(
                    "Only {} can be taken back.",
                    crate::ui::count(available, "available credit", "available credits")
                ),
            ));
        }
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/admin/companies/{company_id}/billing?notice=credits_adjusted#credits"
        ));
        Ok(())
    })
    .await
}
