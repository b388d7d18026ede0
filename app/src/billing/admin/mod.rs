//! What admins see of billing: the revenue, every invoice, and each
//! company's subscriptions, payments and introduction credits, which they
//! can adjust (saying why).

pub mod api;
pub mod pages;
pub mod plans;

#[cfg(feature = "ssr")]
pub mod db;

use super::rules::{Cycle, InvoiceStatus, Status};
use crate::introductions::rules::Balance;
use crate::money::Money;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// The revenue figures of `/admin/billing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revenue {
    /// What the active paid plans bring a month, before VAT (a year's
    /// price counts a twelfth).
    pub mrr: Money,
    pub plans: Vec<PlanCount>,
    /// Trials that ended in the last 90 days, and how many of those
    /// companies went on to pay for a plan.
    pub trials_ended: i64,
    pub trials_converted: i64,
    /// Payments that failed in the last 30 days, and what they were for.
    pub failed_payments: i64,
    pub failed_amount: Money,
    /// What paid invoices came to each month, the last twelve, oldest
    /// first.
    pub months: Vec<MonthPaid>,
}

/// The current subscriptions on one plan, by state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCount {
    pub plan: String,
    /// A job seekers' plan (Plus).
    pub for_seekers: bool,
    pub trial: i64,
    pub active: i64,
    pub past_due: i64,
    pub mrr: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthPaid {
    /// The month's first day.
    pub month: OffsetDateTime,
    pub invoices: i64,
    pub total: Money,
    /// Given back that month (by credit notes).
    pub refunded: Money,
}

/// An invoice in the admin's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub id: Uuid,
    pub number: String,
    /// None for a job seeker's invoice.
    pub company_id: Option<Uuid>,
    /// The company's name, or the job seeker's as invoiced.
    pub buyer: String,
    pub status: InvoiceStatus,
    pub total: Money,
    pub issued_at: OffsetDateTime,
}

/// A page of the invoices a filter finds, with their sum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePage {
    pub invoices: Vec<InvoiceRow>,
    pub total: i64,
    pub amount: Money,
    pub page: i64,
    pub per_page: i64,
}

/// An invoice as an admin sees it, with what can be given back of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceWithPayment {
    pub invoice: crate::billing::Invoice,
    /// The company billed; none for a job seeker.
    pub company_id: Option<Uuid>,
    /// The gateway that took its payment; none when it was not paid
    /// through one (nothing to refund).
    pub gateway: Option<String>,
}

/// One company's billing, as an admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyBilling {
    pub company_id: Uuid,
    pub company: String,
    /// Newest first; the first is the current one.
    pub subscriptions: Vec<SubscriptionRow>,
    pub payments: Vec<PaymentRow>,
    pub balance: Balance,
    /// The latest ledger entries, newest first.
    pub ledger: Vec<LedgerRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRow {
    pub plan: String,
    pub cycle: Cycle,
    pub status: Status,
    pub started_at: OffsetDateTime,
    pub period_end: OffsetDateTime,
    pub ended_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRow {
    pub created_at: OffsetDateTime,
    /// "Basic, monthly", "10 introduction credits".
    pub bought: String,
    pub renewal: bool,
    pub amount: Money,
    /// "Paid", "Failed", "Waiting".
    pub status: String,
    pub reason: Option<String>,
}

/// A movement of the company's introduction credits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRow {
    pub at: OffsetDateTime,
    /// What moved them: "Granted", "Held for a request", "Adjusted"…
    pub reason: String,
    /// Added to (positive) or taken from (negative) the available ones.
    pub change: i64,
    pub by: Option<String>,
    pub note: Option<String>,
}

/// How a ledger entry reads, and what it did to the available credits.
pub fn ledger_entry(reason: &str, from: &str, to: &str, amount: i64) -> (&'static str, i64) {
    let label = match reason {
        "grant" => "Granted",
        "hold" => "Held for a request",
        "settle" => "Spent on an accepted request",
        "release" => "Returned from a request",
        "lapse" => "Lapsed at the month's end",
        "adjustment" => "Adjusted by an admin",
        _ => "Moved",
    };
    let change = match (from, to) {
        (_, "available") => amount,
        ("available", _) => -amount,
        _ => 0,
    };
    (label, change)
}

/// Parses an admin's adjustment: a whole number of credits, 1 to 1,000,
/// added or taken; and why, 10 to 500 characters. Field errors otherwise.
pub fn adjustment(
    direction: &str,
    credits: &str,
    note: &str,
) -> Result<(i64, String), crate::error::AppError> {
    let mut errors = Vec::new();
    let sign = match direction {
        "add" => Some(1),
        "remove" => Some(-1),
        _ => {
            errors.push(crate::error::FieldError::new(
                "direction",
                "Choose whether to add or take credits.",
            ));
            None
        }
    };
    let amount = match credits.trim().parse::<i64>() {
        Ok(n) if (1..=1000).contains(&n) => Some(n),
        _ => {
            errors.push(crate::error::FieldError::new(
                "credits",
                "Enter a whole number of credits from 1 to 1,000.",
            ));
            None
        }
    };
    let note = note.trim();
    if !(10..=500).contains(&note.chars().count()) {
        errors.push(crate::error::FieldError::new(
            "note",
            "Say why in 10 to 500 characters: it is kept with the entry.",
        ));
    }
    match (sign, amount) {
        (Some(sign), Some(amount)) if errors.is_empty() => Ok((sign * amount, note.to_string())),
        _ => Err(crate::error::AppError::Validation(errors)),
    }
}

/// Parses an admin's refund: an amount in naira ("26,875" or
/// "26875.50"), more than nothing; and the reason the buyer reads, 10 to
/// 500 characters. Field errors otherwise. Whether the invoice has that
/// much left is the refund's own check.
pub fn refund_form(amount: &str, reason: &str) -> Result<(i64, String), crate::error::AppError> {
    use crate::error::{AppError, FieldError};
    let mut errors = Vec::new();
    let amount = match crate::profiles::rules::money_to_minor(amount) {
        Ok(Some(minor)) if minor > 0 => Some(minor),
        Ok(_) => {
            errors.push(FieldError::new("amount", "Enter the amount to give back."));
            None
        }
        Err(message) => {
            errors.push(FieldError::new("amount", message));
            None
        }
    };
    let reason = reason.trim();
    if !(10..=500).contains(&reason.chars().count()) {
        errors.push(FieldError::new(
            "reason",
            "Say why in 10 to 500 characters: the buyer reads it on the credit note.",
        ));
    }
    match amount {
        Some(amount) if errors.is_empty() => Ok((amount, reason.to_string())),
        _ => Err(AppError::Validation(errors)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refund_is_an_amount_in_naira_with_a_reason() {
        let why = "Charged twice for March";
        assert_eq!(
            refund_form(" 26,875.50 ", why),
            Ok((2_687_550, why.to_string()))
        );
        assert_eq!(refund_form("100", why), Ok((10_000, why.to_string())));
        for amount in ["", "0", "-5", "1.234", "ten"] {
            let error = refund_form(amount, why).unwrap_err();
            assert!(error.field_message("amount").is_some(), "{amount}");
        }
        let error = refund_form("100", "  short   ").unwrap_err();
        assert!(error.field_message("reason").is_some());
        assert!(error.field_message("amount").is_none());
    }

    #[test]
    fn ledger_entries_read_as_what_they_did_to_the_available_credits() {
        assert_eq!(
            ledger_entry("grant", "grant", "available", 20),
            ("Granted", 20)
        );
        assert_eq!(
            ledger_entry("hold", "available", "held", 1),
            ("Held for a request", -1)
        );
        assert_eq!(
            ledger_entry("settle", "held", "spent", 1),
            ("Spent on an accepted request", 0)
        );
        assert_eq!(
            ledger_entry("adjustment", "available", "grant", 3),
            ("Adjusted by an admin", -3)
        );
    }

    #[test]
    fn an_adjustment_is_a_bounded_number_of_credits_with_a_reason() {
        let why = "Goodwill after the outage";
        assert_eq!(adjustment("add", " 5 ", why), Ok((5, why.to_string())));
        assert_eq!(
            adjustment("remove", "1000", why),
            Ok((-1000, why.to_string()))
        );
        for credits in ["0", "1001", "-3", "2.5", ""] {
            let error = adjustment("add", credits, why).unwrap_err();
            assert!(error.field_message("credits").is_some(), "{credits}");
        }
        let error = adjustment("give", "5", "too short").unwrap_err();
        assert!(error.field_message("direction").is_some());
        assert!(error.field_message("note").is_some());
        assert!(error.field_message("credits").is_none());
    }
}
