//! The pure rules of billing: subscription states, billing cycles and how
//! use compares with a limit.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Trial,
    Active,
    /// A renewal failed; the plan stays during the grace period.
    PastDue,
    Cancelled,
    Expired,
}

impl Status {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "trial" => Self::Trial,
            "active" => Self::Active,
            "past_due" => Self::PastDue,
            "cancelled" => Self::Cancelled,
            "expired" => Self::Expired,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Trial => "trial",
            Self::Active => "active",
            Self::PastDue => "past_due",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Trial => "Trial",
            Self::Active => "Active",
            Self::PastDue => "Payment due",
            Self::Cancelled => "Cancelled",
            Self::Expired => "Expired",
        }
    }

    /// Whether the plan's limits are in force (otherwise the trial's).
    pub fn grants_plan(self) -> bool {
        matches!(self, Self::Trial | Self::Active | Self::PastDue)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cycle {
    Monthly,
    Annual,
}

impl Cycle {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "monthly" => Some(Self::Monthly),
            "annual" => Some(Self::Annual),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Annual => "annual",
        }
    }

    /// "a month", "a year": after a price.
    pub fn per(self) -> &'static str {
        match self {
            Self::Monthly => "a month",
            Self::Annual => "a year",
        }
    }
}

/// Use against a limit, as the billing page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meter {
    /// "3 of 5", "3 (no limit)".
    pub text: String,
    /// How full, 0 to 100; `None` without a limit.
    pub percent: Option<u8>,
    pub at_limit: bool,
    /// How far past the limit (after a plan with less).
    pub over: i64,
}

impl Meter {
    /// What reaching or passing the limit means, if it did.
    pub fn limit_note(&self) -> Option<String> {
        if self.over > 0 {
            Some(format!(
                "{} over your plan's limit: nothing is removed, but no more can be added.",
                self.over
            ))
        } else {
            self.at_limit
                .then(|| "You have reached your plan's limit.".to_string())
        }
    }
}

pub fn meter(used: i64, limit: Option<i32>) -> Meter {
    match limit {
        None => Meter {
            text: format!("{used} (no limit)"),
            percent: None,
            at_limit: false,
            over: 0,
        },
        Some(limit) => {
            let limit = i64::from(limit.max(0));
            let percent = if limit == 0 {
                100
            } else {
                (used.clamp(0, limit) * 100 / limit) as u8
            };
            Meter {
                text: format!("{used} of {limit}"),
                percent: Some(percent),
                at_limit: used >= limit,
                over: (used - limit).max(0),
            }
        }
    }
}

/// A limit on the pricing page: "5", "Unlimited".
pub fn limit_label(limit: Option<i32>) -> String {
    limit.map_or_else(|| "Unlimited".to_string(), |n| n.to_string())
}

/// Whole days from `now` until `end`, rounding up (a trial ending later
/// today has 1 day left), never below zero.
pub fn days_left(now: OffsetDateTime, end: OffsetDateTime) -> i64 {
    let seconds = (end - now).whole_seconds();
    if seconds <= 0 {
        0
    } else {
        (seconds + 86_399) / 86_400
    }
}

/// The saving of paying for a year at once against twelve months, in whole
/// percent (rounded down): Basic's ₦540,000 against 12 × ₦50,000 is 10%.
pub fn yearly_saving_percent(monthly_minor: i64, yearly_minor: i64) -> i64 {
    let twelve = monthly_minor.saturating_mul(12);
    if twelve <= 0 || yearly_minor >= twelve {
        0
    } else {
        (twelve - yearly_minor) * 100 / twelve
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvoiceStatus {
    Draft,
    /// Issued, waiting to be paid.
    Open,
    Paid,
    Void,
    Refunded,
}

impl InvoiceStatus {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "draft" => Self::Draft,
            "open" => Self::Open,
            "paid" => Self::Paid,
            "void" => Self::Void,
            "refunded" => Self::Refunded,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Open => "Due",
            Self::Paid => "Paid",
            Self::Void => "Void",
            Self::Refunded => "Refunded",
        }
    }
}

/// "HW-2026-000001": the site's prefix, the year and the year's number.
pub fn invoice_number(year: i32, number: i32) -> String {
    format!("HW-{year}-{number:06}")
}

/// An invoice's subtotal, VAT and total from its lines' amounts: VAT once
/// on the subtotal, rounded half up.
pub fn invoice_totals(amounts: &[i64], vat_basis_points: i64) -> (i64, i64, i64) {
    let subtotal: i64 = amounts.iter().sum();
    let vat = crate::money::vat(subtotal, vat_basis_points);
    (subtotal, vat, subtotal + vat)
}

/// A tax identification number as typed: letters, digits, spaces, dashes
/// and slashes, at most 50 characters; empty for none.
pub fn tax_id(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.chars().count() > 50 {
        return Err("A tax ID can be at most 50 characters long.".into());
    }
    if !value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '/'))
    {
        return Err("Use letters, digits, spaces, dashes and slashes only.".into());
    }
    Ok(value.to_string())
}

/// "7.5%" from basis points.
pub fn percent_label(basis_points: i32) -> String {
    let whole = basis_points / 100;
    match basis_points % 100 {
        0 => format!("{whole}%"),
        rest if rest % 10 == 0 => format!("{whole}.{}%", rest / 10),
        rest => format!("{whole}.{rest:02}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    #[test]
    fn meters_show_use_against_the_limit() {
        assert_eq!(
            meter(3, Some(5)),
            Meter {
                text: "3 of 5".into(),
                percent: Some(60),
                at_limit: false,
                over: 0,
            }
        );
        assert_eq!(meter(3, Some(5)).limit_note(), None);
        let full = meter(5, Some(5));
        assert!(full.at_limit);
        assert_eq!(full.percent, Some(100));
        assert_eq!(
            full.limit_note().as_deref(),
            Some("You have reached your plan's limit.")
        );
        // Over the limit (a plan that shrank): full, not beyond.
        let over = meter(7, Some(5));
        assert_eq!((over.text.as_str(), over.percent), ("7 of 5", Some(100)));
        assert!(over.at_limit);
        assert_eq!(
            over.limit_note().as_deref(),
            Some("2 over your plan's limit: nothing is removed, but no more can be added.")
        );
        assert!(meter(0, Some(0)).at_limit);
        let free = meter(40, None);
        assert_eq!((free.text.as_str(), free.percent), ("40 (no limit)", None));
        assert!(!free.at_limit);
    }

    #[test]
    fn statuses_that_keep_the_plan() {
        assert!(Status::Trial.grants_plan());
        assert!(Status::Active.grants_plan());
        assert!(Status::PastDue.grants_plan());
        assert!(!Status::Cancelled.grants_plan());
        assert!(!Status::Expired.grants_plan());
        for s in ["trial", "active", "past_due", "cancelled", "expired"] {
            assert_eq!(Status::parse(s).map(Status::as_str), Some(s));
        }
        assert_eq!(Status::parse("paid"), None);
    }

    #[test]
    fn days_left_round_up_and_stop_at_zero() {
        let now = OffsetDateTime::UNIX_EPOCH;
        assert_eq!(days_left(now, now + Duration::days(14)), 14);
        assert_eq!(days_left(now, now + Duration::hours(1)), 1);
        assert_eq!(days_left(now, now + Duration::hours(25)), 2);
        assert_eq!(days_left(now, now), 0);
        assert_eq!(days_left(now, now - Duration::days(3)), 0);
    }

    #[test]
    fn yearly_saving() {
        assert_eq!(yearly_saving_percent(5_000_000, 54_000_000), 10);
        assert_eq!(yearly_saving_percent(15_000_000, 162_000_000), 10);
        assert_eq!(yearly_saving_percent(5_000_000, 60_000_000), 0);
        assert_eq!(yearly_saving_percent(0, 0), 0);
    }

    #[test]
    fn limits_read_plainly() {
        assert_eq!(limit_label(Some(5)), "5");
        assert_eq!(limit_label(None), "Unlimited");
    }
    #[test]
    fn invoice_numbers_read_year_then_six_digits() {
        assert_eq!(invoice_number(2026, 1), "HW-2026-000001");
        assert_eq!(invoice_number(2026, 123_456), "HW-2026-123456");
        assert_eq!(invoice_number(2027, 1_234_567), "HW-2027-1234567");
    }

    #[test]
    fn vat_is_taken_once_on_the_subtotal() {
        assert_eq!(
            invoice_totals(&[5_000_000], crate::money::VAT_BASIS_POINTS),
            (5_000_000, 375_000, 5_375_000)
        );
        // Per line 0.45 + 0.45 kobo would round to nothing twice; once on
        // the subtotal, 0.9 rounds to 1.
        assert_eq!(
            invoice_totals(&[6, 6], crate::money::VAT_BASIS_POINTS),
            (12, 1, 13)
        );
        // A proration credit lowers the subtotal before VAT.
        assert_eq!(
            invoice_totals(&[15_000_000, -2_500_000], crate::money::VAT_BASIS_POINTS),
            (12_500_000, 937_500, 13_437_500)
        );
        assert_eq!(invoice_totals(&[], 750), (0, 0, 0));
    }

    #[test]
    fn vat_rates_read_as_percent() {
        assert_eq!(percent_label(750), "7.5%");
        assert_eq!(percent_label(1000), "10%");
        assert_eq!(percent_label(725), "7.25%");
        assert_eq!(percent_label(0), "0%");
    }

    #[test]
    fn tax_ids_keep_to_letters_digits_and_separators() {
        assert_eq!(tax_id(" 12345678-0001 ").as_deref(), Ok("12345678-0001"));
        assert_eq!(tax_id("").as_deref(), Ok(""));
        assert_eq!(tax_id("TIN/2024 77").as_deref(), Ok("TIN/2024 77"));
        assert!(tax_id("<b>1</b>").is_err());
        assert!(tax_id(&"1".repeat(51)).is_err());
    }
}
