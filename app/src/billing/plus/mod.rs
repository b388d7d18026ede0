//! Plus, the job seekers' paid plan (`/plus`): more super-likes a day and
//! a higher auto-apply cap, a month at a time. It is paid, renewed and
//! ended by the same payments and life cycle as the company plans.

pub mod api;
pub mod pages;

use super::rules::Status;
use super::{InvoiceSummary, PaymentNotice};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A job seekers' plan, as the Plus page compares them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerPlan {
    pub code: String,
    pub name: String,
    pub description: String,
    /// Before VAT; none for the free plan.
    pub monthly_price: Option<Money>,
    /// `None` is no limit.
    pub super_likes_per_day: Option<i32>,
    pub auto_applies_per_day: Option<i32>,
}

/// The job seeker's paid plan, while they have one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeekerSubscription {
    pub plan: String,
    pub status: Status,
    pub period_start: OffsetDateTime,
    pub period_end: OffsetDateTime,
    pub cancel_at_period_end: bool,
}

/// The Plus page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlusOverview {
    /// Free first, then Plus when it is on sale.
    pub plans: Vec<SeekerPlan>,
    /// Active or past due; none on the free plan.
    pub subscription: Option<SeekerSubscription>,
    /// Newest first.
    pub invoices: Vec<InvoiceSummary>,
    pub card: Option<String>,
    /// The payment the buyer just came back from.
    pub payment: Option<PaymentNotice>,
    pub this_month: SeekerUse,
}

/// What a job seeker used this month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeekerUse {
    pub super_likes: i64,
    pub auto_applications: i64,
}
