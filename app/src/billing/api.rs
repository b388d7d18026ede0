//! The server functions of billing. The price list is public; a company's
//! billing only for its members with the billing permission (the owner, and
//! those the owner allowed).

use super::{BillingOverview, Invoice, Pricing};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db,
    super::gateway::Checkout,
    super::payments,
    super::rules,
    super::{CurrentPlan, Party, Payer},
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
            Some(user) if user.account_type == AccountType::Employer => sqlx::query!(
                r#"select v.plan_code, p.sort_order as rank, s.billing_cycle, s.status,
                          m.can_manage_billing, sv.plan_code as "scheduled_plan?", s.scheduled_cycle
                     from company_members m
                     join subscriptions s on s.company_id = m.company_id and s.ended_at is null
                     join plan_versions v on v.id = s.plan_version_id
                     join plans p on p.code = v.plan_code
                     left join plan_versions sv on sv.id = s.scheduled_version_id
                    where m.user_id = $1"#,
                user.id
            )
            .fetch_optional(&pool)
            .await?
            .map(|r| CurrentPlan {
                code: r.plan_code,
                standing: rules::Standing::read(r.rank, &r.billing_cycle, &r.status),
                can_buy: r.can_manage_billing,
                scheduled: r
                    .scheduled_plan
                    .zip(r.scheduled_cycle.as_deref().and_then(rules::Cycle::parse)),
            }),
            _ => None,
        };
        Ok(Pricing {
            plans: db::company_plans(&pool).await?,
            current,
        })
    })
    .await
}

/// Starts paying for `plan` billed `cycle` (monthly or annual): the buyer
/// is sent to the gateway's checkout, and comes back to the billing page.
/// A bigger plan or a longer cycle starts once paid, the unused part of
/// the current period credited on the invoice.
#[server(endpoint = "company/billing/checkout")]
pub async fn start_checkout(plan: String, cycle: String) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = permitted(Permission::ManageBilling).await?;
        let state = app_state()?;
        let cycle = rules::Cycle::parse(cycle.trim()).ok_or(AppError::NotFound)?;
        let now = time::OffsetDateTime::now_utc();
        let mut conn = state.pool.acquire().await?;
        let quote = payments::quote(&mut conn, company_id, plan.trim(), cycle, now)
            .await?
            .map_err(|why| AppError::Refused(why.into()))?;
        let description = format!("Hirewell {} plan, {}", quote.name, cycle.one());
        pay_at_checkout(
            &state,
            &user,
            Payer::Company(company_id),
            &quote,
            &description,
        )
        .await
    })
    .await
}

/// Buys a pack of introduction credits through the gateway's checkout;
/// they are added once it is paid, and never lapse.
#[server(endpoint = "company/billing/credits")]
pub async fn buy_credits(pack: String) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = permitted(Permission::ManageBilling).await?;
        let state = app_state()?;
        let mut conn = state.pool.acquire().await?;
        let quote = payments::credits_quote(&mut conn, pack.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let description = format!("Hirewell, {}", quote.name);
        pay_at_checkout(
            &state,
            &user,
            Payer::Company(company_id),
            &quote,
            &description,
        )
        .await
    })
    .await
}

/// Records a pending payment of `quote` and sends the buyer to the
/// gateway's checkout, from which they come back to the payer's billing
/// page.
#[cfg(feature = "ssr")]
pub(super) async fn pay_at_checkout(
    state: &crate::state::AppState,
    user: &crate::auth::CurrentUser,
    payer: Payer,
    quote: &payments::Quote,
    description: &str,
) -> Result<(), AppError> {
    let Some(gateway) = state.payments.clone() else {
        return Err(AppError::Refused(
            "Plans cannot be bought online on this site yet. Talk to us and we will set it up."
                .into(),
        ));
    };
    let mut tx = state.pool.begin().await?;
    let (payment_id, reference) =
        payments::start(&mut tx, payer, gateway.name(), quote, Some(user.id), None).await?;
    let bought = match &quote.product {
        payments::Product::Plan { cycle, .. } => {
            serde_json::json!({ "plan": quote.name, "cycle": cycle.as_str() })
        }
        payments::Product::Credits { pack } => serde_json::json!({ "pack": pack }),
    };
    let (target_type, target_id) = payer.audit_target();
    audit::record(
        &mut tx,
        AuditEvent {
            actor: Some(user.id),
            action: "billing.checkout_started",
            target_type,
            target_id: Some(target_id),
            metadata: serde_json::json!({
                "payment": payment_id,
                "bought": bought,
                "amount": quote.total,
            }),
        },
        &RequestContext::current(&state.config),
    )
    .await?;
    tx.commit().await?;
    let return_url = format!(
        "{}{}?payment={payment_id}",
        state.config.site_url,
        payer.billing_page()
    );
    let checkout = Checkout {
        reference: &reference,
        amount: crate::money::Money::new(quote.total, crate::money::Currency::Ngn),
        email: &user.email,
        description,
        return_url: &return_url,
    };
    match gateway.checkout(&checkout).await {
        Ok(url) => {
            leptos_axum::redirect(&url);
            Ok(())
        }
        Err(error) => {
            tracing::error!(gateway = gateway.name(), %error, "checkout not started");
            let mut conn = state.pool.acquire().await?;
            let now = time::OffsetDateTime::now_utc();
            payments::fail(
                &mut conn,
                payment_id,
                "The payment provider could not be reached.",
                now,
            )
            .await?;
            Err(AppError::Refused(
                "The payment provider could not be reached. Nothing was charged: please try again in a minute."
                    .into(),
            ))
        }
    }
}

/// The billing page of the signed-in member's company.
/// `payment` is the payment the buyer comes back from, if any.
#[server(endpoint = "company/billing")]
pub async fn get_billing(#[server(default)] payment: String) -> Result<BillingOverview, AppError> {
    respond(async move {
        let (user, company_id) = permitted(Permission::ManageBilling).await?;
        let payer = Payer::Company(company_id);
        let pool = app_state()?.pool;
        let payment = match payment.trim().parse::<uuid::Uuid>() {
            Ok(id) => payments::notice(&pool, payer, id).await?,
            Err(_) => None,
        };
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
            invoices: db::invoices(&pool, payer).await?,
            buyer: db::buyer_details(&pool, company_id).await?,
            card: payments::card(&pool, payer).await?,
            payment,
            credit_packs: db::credit_packs(&pool).await?,
            now: time::OffsetDateTime::now_utc(),
        })
    })
    .await
}

/// One of the buyer's invoices (a job seeker's own, or their company's),
/// for its printable page; anyone else's is not found.
#[server(endpoint = "billing/invoice")]
pub async fn get_invoice(id: String) -> Result<Invoice, AppError> {
    respond(async move {
        let (_, payer) = paying_for().await?;
        let id: uuid::Uuid = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let mut conn = app_state()?.pool.acquire().await?;
        db::invoice(&mut conn, super::DocumentScope::Of(payer), id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

/// Schedules a smaller plan, or monthly billing after a paid year, for the
/// end of the period paid for: nothing is paid now, and the first renewal
/// after it is at the new price.
#[server(endpoint = "company/billing/schedule")]
pub async fn schedule_plan(plan: String, cycle: String) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = permitted(Permission::ManageBilling).await?;
        let state = app_state()?;
        let cycle = rules::Cycle::parse(cycle.trim()).ok_or(AppError::NotFound)?;
        let mut tx = state.pool.begin().await?;
        let (name, starts) = payments::schedule(&mut tx, company_id, plan.trim(), cycle)
            .await?
            .map_err(|why| AppError::Refused(why.into()))?;
        audit::record(
            &mut tx,
            AuditEvent {
                actor: Some(user.id),
                action: "billing.change_scheduled",
                target_type: "company",
                target_id: Some(company_id.to_string()),
                metadata: serde_json::json!({
                    "plan": name,
                    "cycle": cycle.as_str(),
                    "starts": starts.unix_timestamp(),
                }),
            },
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect("/company/billing?notice=plan_change_scheduled");
        Ok(())
    })
    .await
}

/// Stops the buyer's paid plan (their company's, or a job seeker's Plus)
/// from renewing: it stays until the end of the period paid for, then the
/// trial's limits (a company) or the free plan's (a job seeker) apply.
#[server(endpoint = "billing/cancel")]
pub async fn cancel_plan(#[server(default)] reason: String) -> Result<(), AppError> {
    respond(async move {
        let reason = cancellation_reason(&reason)?;
        let (user, payer) = paying_for().await?;
        change_renewal(&user, payer, true, reason).await
    })
    .await
}

/// Takes back a cancellation before the period ends: the plan renews.
#[server(endpoint = "billing/resume")]
pub async fn resume_plan() -> Result<(), AppError> {
    respond(async move {
        let (user, payer) = paying_for().await?;
        change_renewal(&user, payer, false, None).await
    })
    .await
}

/// The signed-in buyer and whom they pay for: a job seeker for
/// themselves; an employer for their company, when they manage its
/// billing (others are told whom to ask).
#[cfg(feature = "ssr")]
pub(crate) async fn paying_for() -> Result<(crate::auth::CurrentUser, Payer), AppError> {
    let user = crate::auth::session::require_user().await?;
    match user.account_type {
        AccountType::Candidate => {
            let payer = Payer::Seeker(user.id);
            Ok((user, payer))
        }
        AccountType::Employer => {
            let (user, company_id) = permitted(Permission::ManageBilling).await?;
            Ok((user, Payer::Company(company_id)))
        }
        AccountType::Admin => Err(AppError::Forbidden),
    }
}

/// The optional reason given for cancelling, checked.
#[cfg(feature = "ssr")]
fn cancellation_reason(reason: &str) -> Result<Option<String>, AppError> {
    let mut v = Validator::new();
    let reason = v.check("reason", optional_text(reason, 1000, "The reason"));
    v.finish()?;
    Ok(reason.flatten())
}

/// Cancels the payer's plan for its period's end (`cancel`) or takes that
/// back, and sends the buyer back to the billing page.
#[cfg(feature = "ssr")]
async fn change_renewal(
    user: &crate::auth::CurrentUser,
    payer: Payer,
    cancel: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let mut tx = state.pool.begin().await?;
    if !db::set_cancel_at_period_end(&mut *tx, payer, cancel, reason.as_deref()).await? {
        return Err(AppError::Refused(
            if cancel {
                "Only a paid plan that renews can be cancelled."
            } else {
                "There is no cancelled or changed plan to keep."
            }
            .into(),
        ));
    }
    let (target_type, target_id) = payer.audit_target();
    audit::record(
        &mut tx,
        AuditEvent {
            actor: Some(user.id),
            action: if cancel {
                "billing.plan_cancelled"
            } else {
                "billing.plan_resumed"
            },
            target_type,
            target_id: Some(target_id),
            metadata: serde_json::json!({ "reason": reason }),
        },
        &RequestContext::current(&state.config),
    )
    .await?;
    tx.commit().await?;
    let notice = if cancel {
        "plan_cancelled"
    } else {
        "plan_resumed"
    };
    leptos_axum::redirect(&format!("{}?notice={notice}", payer.billing_page()));
    Ok(())
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
