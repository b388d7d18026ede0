//! Billing: the plans (what each costs and allows, kept as versions so a
//! change never rewrites what a company bought), every company's
//! subscription, and its use of what the plan allows.

pub mod admin;
pub mod api;
pub mod pages;
pub mod plus;
pub mod rules;
pub mod test_checkout;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod gateway;
#[cfg(feature = "ssr")]
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod payments;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod refunds;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod webhooks;

use crate::money::Money;
use rules::{Cycle, Status};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// Who pays and holds a subscription: a company (its plan, seats and
/// credits) or a job seeker (Plus).
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payer {
    Company(uuid::Uuid),
    Seeker(uuid::Uuid),
}

#[cfg(feature = "ssr")]
impl Payer {
    /// From a row's two columns, exactly one of which is set.
    pub fn of(company_id: Option<uuid::Uuid>, user_id: Option<uuid::Uuid>) -> Option<Self> {
        match (company_id, user_id) {
            (Some(company), None) => Some(Self::Company(company)),
            (None, Some(user)) => Some(Self::Seeker(user)),
            _ => None,
        }
    }

    pub fn company_id(self) -> Option<uuid::Uuid> {
        match self {
            Self::Company(id) => Some(id),
            Self::Seeker(_) => None,
        }
    }

    pub fn user_id(self) -> Option<uuid::Uuid> {
        match self {
            Self::Seeker(id) => Some(id),
            Self::Company(_) => None,
        }
    }

    /// What the audit log names as the target.
    pub fn audit_target(self) -> (&'static str, String) {
        match self {
            Self::Company(id) => ("company", id.to_string()),
            Self::Seeker(id) => ("user", id.to_string()),
        }
    }

    /// The page where the payer's plan and invoices are.
    pub fn billing_page(self) -> &'static str {
        match self {
            Self::Company(_) => "/company/billing",
            Self::Seeker(_) => "/plus",
        }
    }

    /// The payer whose invoices `viewer` may see: a job seeker's own, or
    /// the company of a member with the billing permission.
    pub async fn of_viewer(
        conn: &mut sqlx::PgConnection,
        viewer: &crate::auth::CurrentUser,
    ) -> sqlx::Result<Option<Self>> {
        use crate::auth::rules::AccountType;
        use crate::companies::db::Permission;
        Ok(match viewer.account_type {
            AccountType::Candidate => Some(Self::Seeker(viewer.id)),
            AccountType::Employer => crate::companies::db::member_rights(conn, viewer.id)
                .await?
                .filter(|r| r.allows(Permission::ManageBilling))
                .map(|r| Self::Company(r.company_id)),
            AccountType::Admin => None,
        })
    }
}

/// Whose invoices and credit notes a reader may see: one payer's, or,
/// for an admin, everyone's.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentScope {
    Of(Payer),
    All,
}

#[cfg(feature = "ssr")]
impl DocumentScope {
    /// An admin's, or the payer whose documents `viewer` may see.
    pub async fn of_viewer(
        conn: &mut sqlx::PgConnection,
        viewer: &crate::auth::CurrentUser,
    ) -> sqlx::Result<Option<Self>> {
        if viewer.account_type == crate::auth::rules::AccountType::Admin {
            return Ok(Some(Self::All));
        }
        Ok(Payer::of_viewer(conn, viewer).await?.map(Self::Of))
    }

    /// For a query's filter: everyone, or the payer's company and person.
    pub fn bounds(self) -> (bool, Option<uuid::Uuid>, Option<uuid::Uuid>) {
        match self {
            Self::All => (true, None, None),
            Self::Of(payer) => (false, payer.company_id(), payer.user_id()),
        }
    }
}

/// What a plan allows; `None` is no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Limits {
    pub introduction_credits_monthly: Option<i32>,
    pub team_seats: Option<i32>,
    pub active_vacancies: Option<i32>,
    pub talent_searches_per_hour: Option<i32>,
}

/// A plan as offered, at one of its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub code: String,
    /// Its place in the price list: a higher rank is a bigger plan.
    pub rank: i32,
    pub name: String,
    pub description: String,
    /// Priced by agreement: "contact us".
    pub contact_sales: bool,
    pub monthly_price: Option<Money>,
    pub yearly_price: Option<Money>,
    pub trial_days: Option<i32>,
    pub limits: Limits,
}

/// A company's current subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub plan: Plan,
    pub cycle: Cycle,
    pub status: Status,
    pub period_start: OffsetDateTime,
    pub period_end: OffsetDateTime,
    pub cancel_at_period_end: bool,
    /// The plan that takes over when the period ends.
    pub scheduled: Option<ScheduledChange>,
}

/// A smaller plan, or monthly billing, waiting for the period's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledChange {
    pub plan: String,
    pub cycle: rules::Cycle,
}

/// How much of what the plan allows a company uses now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Usage {
    pub active_vacancies: i64,
    /// Members, and invitations not yet answered (each takes a seat).
    pub seats: i64,
    pub credits_available: i64,
    pub credits_held: i64,
    /// The viewer's own talent searches in the last hour.
    pub searches_this_hour: i64,
    /// The whole team's use this month (UTC), from `usage_records`.
    pub searches_this_month: i64,
    pub introductions_this_month: i64,
    pub published_this_month: i64,
}

/// The billing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingOverview {
    pub company: String,
    pub subscription: Subscription,
    /// The limits in force: the plan's, or the trial's once it lapsed.
    pub limits: Limits,
    pub usage: Usage,
    /// Newest first.
    pub invoices: Vec<InvoiceSummary>,
    /// The company's details for its invoices (`name` is the legal name,
    /// empty for the company's own name).
    pub buyer: Party,
    /// The card renewals are charged to.
    pub card: Option<String>,
    /// The payment the buyer just came back from.
    pub payment: Option<PaymentNotice>,
    pub credit_packs: Vec<CreditPack>,
    pub now: OffsetDateTime,
}

/// A company whose renewal could not be charged, as its members are told
/// on every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingAlert {
    pub plan: String,
    /// When the renewal was due.
    pub due: OffsetDateTime,
    /// Whether this member may pay (the billing permission).
    pub can_pay: bool,
}

/// How a payment went, for the buyer back from the gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentNotice {
    pub state: PaymentState,
    pub bought: Bought,
}

/// What a payment buys, as its buyer is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bought {
    /// The plan's name.
    Plan(String),
    /// How many introduction credits.
    Credits(i64),
}

/// A pack of introduction credits on sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditPack {
    pub code: String,
    pub credits: i32,
    /// Before VAT.
    pub price: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentState {
    /// The gateway has not said yet.
    Waiting,
    Paid,
    /// Declined or not taken, and why.
    Failed(String),
}

/// The public pricing page: the company plans on sale, and the plan of
/// the signed-in member's company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pricing {
    pub plans: Vec<Plan>,
    pub current: Option<CurrentPlan>,
}

/// The plan of the signed-in member's company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentPlan {
    pub code: String,
    pub standing: rules::Standing,
    /// Whether the member may change it (the billing permission).
    pub can_buy: bool,
    /// The plan and cycle scheduled for the period's end, if any.
    pub scheduled: Option<(String, rules::Cycle)>,
}

/// One side of an invoice as printed on it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub address: String,
    pub tax_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: i32,
    pub unit_amount: Money,
    pub amount: Money,
}

/// An issued invoice, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: uuid::Uuid,
    pub number: String,
    pub status: rules::InvoiceStatus,
    pub seller: Party,
    pub buyer: Party,
    pub lines: Vec<InvoiceLine>,
    pub subtotal: Money,
    /// In basis points: 750 is 7.5%.
    pub vat_basis_points: i32,
    pub vat: Money,
    pub total: Money,
    pub issued_at: OffsetDateTime,
    pub due_at: Option<OffsetDateTime>,
    pub paid_at: Option<OffsetDateTime>,
    /// What was given back of it, oldest first.
    pub credit_notes: Vec<CreditNoteSummary>,
}

impl Invoice {
    /// What is left to give back: the total less the credit notes.
    pub fn refundable(&self) -> Money {
        let credited: i64 = self.credit_notes.iter().map(|n| n.total.minor).sum();
        Money::new(self.total.minor - credited, self.total.currency)
    }
}

/// A refund of an invoice, as its credit note records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditNoteSummary {
    pub id: uuid::Uuid,
    pub number: String,
    /// Given back, VAT included.
    pub total: Money,
    pub reason: String,
    pub issued_at: OffsetDateTime,
}

/// A credit note as printed: the parties and VAT as on its invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditNote {
    pub number: String,
    pub invoice_number: String,
    pub seller: Party,
    pub buyer: Party,
    pub subtotal: Money,
    pub vat_basis_points: i32,
    pub vat: Money,
    pub total: Money,
    pub reason: String,
    /// Introduction credits of a pack taken back with the money.
    pub credits_taken_back: i32,
    pub issued_at: OffsetDateTime,
}

/// An invoice in the billing page's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: uuid::Uuid,
    pub number: String,
    pub status: rules::InvoiceStatus,
    pub total: Money,
    pub issued_at: OffsetDateTime,
}
