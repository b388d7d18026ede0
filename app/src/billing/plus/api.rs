//! The server functions of Plus, for job seekers only.

use super::PlusOverview;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::billing::api::pay_at_checkout,
    crate::billing::{Payer, db, payments},
    crate::state::{app_state, respond},
};

/// The job seeker's plan, the plans to compare, and their invoices.
/// `payment` is the payment the buyer comes back from, if any.
#[server(endpoint = "plus")]
pub async fn get_plus(#[server(default)] payment: String) -> Result<PlusOverview, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let payer = Payer::Seeker(user.id);
        let pool = app_state()?.pool;
        let payment = match payment.trim().parse::<uuid::Uuid>() {
            Ok(id) => payments::notice(&pool, payer, id).await?,
            Err(_) => None,
        };
        Ok(PlusOverview {
            plans: db::seeker_plans(&pool).await?,
            subscription: db::seeker_subscription(&pool, user.id).await?,
            invoices: db::invoices(&pool, payer).await?,
            card: payments::card(&pool, payer).await?,
            payment,
            this_month: db::seeker_use_this_month(&pool, user.id).await?,
        })
    })
    .await
}

/// Starts paying for a month of Plus: the buyer is sent to the gateway's
/// checkout and comes back to `/plus`.
#[server(endpoint = "plus/checkout")]
pub async fn start_plus() -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        let mut conn = state.pool.acquire().await?;
        let quote = payments::plus_quote(&mut conn, user.id)
            .await?
            .map_err(|why| AppError::Refused(why.into()))?;
        drop(conn);
        let description = format!("Hirewell {}, one month", quote.name);
        pay_at_checkout(&state, &user, Payer::Seeker(user.id), &quote, &description).await
    })
    .await
}
