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

    /// "monthly", "yearly": how often it is billed.
    pub fn billed(self) -> &'static str {
        match self {
            Self::Monthly => "monthly",
            Self::Annual => "yearly",
        }
    }

    /// "one month", "one year": what an invoice line bills.
    pub fn one(self) -> &'static str {
        match self {
            Self::Monthly => "one month",
            Self::Annual => "one year",
        }
    }

    /// The end of a period of this cycle that starts at `start`: the same
    /// day a month or a year on, or that month's last day when it is
    /// shorter (31 January gives 28 or 29 February).
    pub fn period_end(self, start: OffsetDateTime) -> OffsetDateTime {
        add_months(
            start,
            match self {
                Self::Monthly => 1,
                Self::Annual => 12,
            },
        )
    }
}

/// `start` moved on by `months` calendar months: the same day, or that
/// month's last day when it is shorter.
pub fn add_months(start: OffsetDateTime, months: i32) -> OffsetDateTime {
    {
        let date = start.date();
        let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months;
        let year = index.div_euclid(12);
        let month = u8::try_from(index.rem_euclid(12) + 1)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok())
            .unwrap_or(time::Month::January);
        let day = date.day().min(month.length(year));
        time::Date::from_calendar_date(year, month, day)
            .map(|end| start.replace_date(end))
            .unwrap_or(start + time::Duration::days(30 * i64::from(months)))
    }
}

/// Which month of its period `at` falls in (0 for the first), counted from
/// the period's start: a plan's monthly credits come and lapse by these
/// months, also in a paid year.
pub fn credit_month(period_start: OffsetDateTime, at: OffsetDateTime) -> i32 {
    (0..1200)
        .find(|k| add_months(period_start, k + 1) > at)
        .unwrap_or(1200)
}

/// The ledger key of a subscription's monthly credits for the month that
/// starts at `month`: a grant retried adds nothing.
pub fn credit_grant_key(subscription_id: uuid::Uuid, month: OffsetDateTime) -> String {
    format!("plan:{subscription_id}:{}", month.unix_timestamp())
}

/// Days a plan stays after its renewal could not be charged.
pub const GRACE_DAYS: i64 = 7;

/// The last day of the grace period of a renewal that failed at `due`.
pub fn grace_end(due: OffsetDateTime) -> OffsetDateTime {
    due + time::Duration::days(GRACE_DAYS)
}

/// Days after a failed renewal when the card is tried again; the buyer is
/// told each time (day 0, 3 and 6), and the plan ends after the grace.
pub const RETRY_DAYS: [i64; 2] = [3, 6];

/// When the lifecycle next looks at a renewal that failed at `due`, as of
/// `now`: its next retry, or the end of the grace period.
pub fn next_dunning_step(due: OffsetDateTime, now: OffsetDateTime) -> OffsetDateTime {
    RETRY_DAYS
        .iter()
        .map(|days| due + time::Duration::days(*days))
        .find(|at| *at > now)
        .unwrap_or_else(|| grace_end(due))
}

/// When the lifecycle first looks at a subscription that starts in
/// `status` from `start` to `end`: at its end, or at a failed renewal's
/// first retry; never once it is over.
pub fn first_action(
    status: Status,
    start: OffsetDateTime,
    end: OffsetDateTime,
) -> Option<OffsetDateTime> {
    match status {
        Status::Trial => Some(end),
        // A paid year is looked at each month, for its credits.
        Status::Active => Some(end.min(add_months(start, 1))),
        Status::PastDue => Some(next_dunning_step(start, start)),
        Status::Cancelled | Status::Expired => None,
    }
}

/// Where a company stands, for what it may buy now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The plan's place in the price list (higher is bigger).
    pub rank: i32,
    pub cycle: Cycle,
    pub status: Status,
}

impl Standing {
    /// From a subscription's stored columns (an unknown status reads as
    /// lapsed, an unknown cycle as monthly).
    pub fn read(rank: i32, cycle: &str, status: &str) -> Self {
        Self {
            rank,
            cycle: Cycle::parse(cycle).unwrap_or(Cycle::Monthly),
            status: Status::parse(status).unwrap_or(Status::Expired),
        }
    }
}

/// What buying a plan does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Purchase {
    /// Paid now and in force at once; `credit` when the unused part of the
    /// period already paid is taken off the price.
    Now { credit: bool },
    /// Nothing is paid now: it takes over when the period paid for ends.
    AtPeriodEnd,
}

/// What buying the plan of `rank` for `cycle` does from where the company
/// stands. The bigger plan or the longer cycle starts now; a smaller plan
/// or monthly billing after a paid year waits for the period's end.
pub fn purchase(current: Standing, rank: i32, cycle: Cycle) -> Result<Purchase, &'static str> {
    let paying = matches!(current.status, Status::Active | Status::PastDue);
    if !paying {
        return Ok(Purchase::Now { credit: false });
    }
    // A renewal that could not be charged is paid for at the same plan.
    if current.status == Status::PastDue && rank == current.rank && cycle == current.cycle {
        return Ok(Purchase::Now { credit: false });
    }
    // A period that was not paid (past due) has nothing to credit, and is
    // paid before anything waits for its end.
    let credit = current.status == Status::Active;
    let later = match credit {
        true => Ok(Purchase::AtPeriodEnd),
        false => Err("Pay what is due first: a smaller plan can start when that period ends."),
    };
    let longer = current.cycle == Cycle::Monthly && cycle == Cycle::Annual;
    let shorter = current.cycle == Cycle::Annual && cycle == Cycle::Monthly;
    match rank.cmp(&current.rank) {
        std::cmp::Ordering::Greater if shorter => {
            Err("Your plan is paid yearly: choose the yearly price to move up now.")
        }
        std::cmp::Ordering::Greater => Ok(Purchase::Now { credit }),
        std::cmp::Ordering::Equal if longer => Ok(Purchase::Now { credit }),
        std::cmp::Ordering::Equal if shorter => later,
        std::cmp::Ordering::Equal => Err("This is your plan already."),
        std::cmp::Ordering::Less => later,
    }
}

/// What a company's plan allows it now, and what it already uses: read
/// under the company's lock where an action is about to add to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowance {
    /// The plan is in trial, paid, or in its grace period after a failed renewal.
    pub in_force: bool,
    /// Our team verified the company, or a member confirmed an address at its domain.
    pub domain_confirmed: bool,
    pub domain: Option<String>,
    pub active_vacancies: i64,
    /// Members and invitations not yet answered.
    pub seats: i64,
    pub limits: super::Limits,
    pub features: Vec<String>,
}

/// A plan feature an action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    ConfidentialRoles,
}

impl Feature {
    fn code(self) -> &'static str {
        match self {
            Self::ConfidentialRoles => "confidential_roles",
        }
    }
}

/// Why the plan does not allow an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitRefusal {
    /// The plan ended (trial over, cancelled, expired): nothing new is posted.
    PlanEnded,
    DomainUnconfirmed(Option<String>),
    Vacancies(i64),
    Seats(i64),
    Missing(Feature),
}

impl LimitRefusal {
    /// Choosing a plan is the way out (not so for an unconfirmed domain).
    pub fn plan_helps(&self) -> bool {
        !matches!(self, Self::DomainUnconfirmed(_))
    }

    pub fn message(&self) -> String {
        match self {
            Self::PlanEnded => "Your company's plan has ended, so nothing new can be published. \
                                Choose a plan to open vacancies again."
                .into(),
            Self::DomainUnconfirmed(Some(domain)) => format!(
                "Before publishing, your company's domain needs confirming: a member with a \
                 confirmed email address at {domain} is enough, or our team verifies the company."
            ),
            Self::DomainUnconfirmed(None) => "Before publishing, your company's domain needs \
                 confirming: add your website on the company page so a member with an email \
                 address there can confirm it, or wait for our team to verify the company."
                .into(),
            Self::Vacancies(limit) => format!(
                "Your plan allows {} open at once. Pause or close one, or upgrade for more.",
                crate::ui::count(*limit, "vacancy", "vacancies")
            ),
            Self::Seats(limit) => format!(
                "Your plan has {} on the team, invitations waiting included. \
                 Revoke an invitation, or upgrade for more.",
                crate::ui::count(*limit, "seat", "seats")
            ),
            Self::Missing(Feature::ConfidentialRoles) => {
                "Confidential vacancies come with the Professional plan and above.".into()
            }
        }
    }
}

impl From<LimitRefusal> for crate::error::AppError {
    fn from(refusal: LimitRefusal) -> Self {
        if refusal.plan_helps() {
            Self::PlanLimit(refusal.message())
        } else {
            Self::Refused(refusal.message())
        }
    }
}

impl Allowance {
    /// Whether one more vacancy may open now.
    pub fn publish(&self) -> Result<(), LimitRefusal> {
        if !self.in_force {
            return Err(LimitRefusal::PlanEnded);
        }
        if !self.domain_confirmed {
            return Err(LimitRefusal::DomainUnconfirmed(self.domain.clone()));
        }
        match self.limits.active_vacancies {
            Some(limit) if meter(self.active_vacancies, Some(limit)).at_limit => {
                Err(LimitRefusal::Vacancies(i64::from(limit)))
            }
            _ => Ok(()),
        }
    }

    /// Whether one more person may be invited now.
    pub fn invite(&self) -> Result<(), LimitRefusal> {
        match self.limits.team_seats {
            Some(limit) if meter(self.seats, Some(limit)).at_limit => {
                Err(LimitRefusal::Seats(i64::from(limit)))
            }
            _ => Ok(()),
        }
    }

    /// Whether the plan has `feature` (an agreement with every feature has it).
    pub fn feature(&self, feature: Feature) -> Result<(), LimitRefusal> {
        let has = |code: &str| self.features.iter().any(|f| f == code);
        if has(feature.code()) || has("all_features") {
            Ok(())
        } else {
            Err(LimitRefusal::Missing(feature))
        }
    }
}

/// The text with its first letter in capitals.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "Visa ending in 4242"; the brand as the gateway names it.
pub fn card_label(brand: Option<&str>, last4: Option<&str>) -> String {
    let brand = brand
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map_or_else(|| "Card".to_string(), capitalised);
    match last4 {
        Some(last4) => format!("{brand} ending in {last4}"),
        None => format!("{brand} on file"),
    }
}

/// A line of an invoice to issue, in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceItem {
    pub description: String,
    pub quantity: i32,
    pub unit_amount: i64,
}

impl InvoiceItem {
    pub fn amount(&self) -> i64 {
        i64::from(self.quantity) * self.unit_amount
    }
}

/// The lines of a plan bought for a cycle at `price`, less the unused part
/// of the plan it replaces.
pub fn plan_items(
    plan_name: &str,
    cycle: Cycle,
    price: i64,
    credit: Option<(&str, i64)>,
) -> Vec<InvoiceItem> {
    let mut items = vec![InvoiceItem {
        description: format!("{plan_name} plan, {}", cycle.one()),
        quantity: 1,
        unit_amount: price,
    }];
    if let Some((replaced, amount)) = credit.filter(|(_, amount)| *amount > 0) {
        items.push(InvoiceItem {
            description: format!("Unused time on the {replaced} plan"),
            quantity: 1,
            unit_amount: -amount,
        });
    }
    items
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

/// A numbered series of billing documents, each without gaps per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Invoice,
    CreditNote,
}

impl Series {
    /// The series' prefix, in its numbers and in `document_numbers`.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Invoice => "HW",
            Self::CreditNote => "CN",
        }
    }

    /// "HW-2026-000001": the series' prefix, the year and the year's
    /// number.
    pub fn number(self, year: i32, number: i32) -> String {
        format!("{}-{year}-{number:06}", self.prefix())
    }
}

/// What a refund of `amount` (with VAT) gives back of an invoice's
/// subtotal and VAT: the VAT's share of the amount, rounded half up, so
/// that refunding everything gives back exactly the invoice's VAT.
pub fn credit_note_split(amount: i64, invoice_vat: i64, invoice_total: i64) -> (i64, i64) {
    if invoice_total <= 0 {
        return (amount, 0);
    }
    let scaled = i128::from(amount) * i128::from(invoice_vat);
    let total = i128::from(invoice_total);
    let vat = (scaled * 2 + total) / (total * 2);
    let vat = i64::try_from(vat).unwrap_or(0).clamp(0, amount);
    (amount - vat, vat)
}

/// The introduction credits of a pack that a refund takes back, once
/// `refunded` of the `paid` amount is given back in all: the pack's share
/// for all of it, rounded up (a full refund takes every credit), less what
/// earlier refunds took, never more than the company still has available.
pub fn credits_taken_back(
    pack_credits: i64,
    refunded: i64,
    paid: i64,
    taken_before: i64,
    available: i64,
) -> i64 {
    if paid <= 0 || pack_credits <= 0 {
        return 0;
    }
    let share = i128::from(pack_credits) * i128::from(refunded);
    let share = (share + i128::from(paid) - 1) / i128::from(paid);
    let share = i64::try_from(share)
        .unwrap_or(pack_credits)
        .min(pack_credits);
    (share - taken_before).clamp(0, available.max(0))
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
    fn document_numbers_read_series_year_then_six_digits() {
        assert_eq!(Series::Invoice.number(2026, 1), "HW-2026-000001");
        assert_eq!(Series::Invoice.number(2026, 123_456), "HW-2026-123456");
        assert_eq!(Series::Invoice.number(2027, 1_234_567), "HW-2027-1234567");
        assert_eq!(Series::CreditNote.number(2026, 42), "CN-2026-000042");
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

    fn standing(rank: i32, cycle: Cycle, status: Status) -> Standing {
        Standing {
            rank,
            cycle,
            status,
        }
    }

    #[test]
    fn bigger_plans_and_longer_cycles_start_now() {
        use Cycle::{Annual, Monthly};
        let basic_monthly = standing(2, Monthly, Status::Active);
        let now = |credit| Ok(Purchase::Now { credit });
        // Up, credited for the month paid; down waits for the month's end.
        assert_eq!(purchase(basic_monthly, 3, Monthly), now(true));
        assert_eq!(purchase(basic_monthly, 3, Annual), now(true));
        assert_eq!(purchase(basic_monthly, 2, Annual), now(true));
        assert!(purchase(basic_monthly, 2, Monthly).is_err());
        assert_eq!(
            purchase(basic_monthly, 1, Monthly),
            Ok(Purchase::AtPeriodEnd)
        );
        // After a paid year, up only yearly; monthly waits for the year's end.
        let basic_yearly = standing(2, Annual, Status::Active);
        assert_eq!(purchase(basic_yearly, 3, Annual), now(true));
        assert!(purchase(basic_yearly, 3, Monthly).is_err());
        assert_eq!(
            purchase(basic_yearly, 2, Monthly),
            Ok(Purchase::AtPeriodEnd)
        );
        assert_eq!(purchase(basic_yearly, 1, Annual), Ok(Purchase::AtPeriodEnd));
        // An unpaid renewal has nothing to credit, is paid again as it
        // was, and nothing waits for the end of a period not paid.
        let past_due = standing(2, Monthly, Status::PastDue);
        assert_eq!(purchase(past_due, 3, Monthly), now(false));
        assert_eq!(purchase(past_due, 2, Monthly), now(false));
        assert_eq!(purchase(past_due, 2, Annual), now(false));
        assert!(purchase(past_due, 1, Monthly).is_err());
        // A trial, or a plan that lapsed, buys any plan without credit.
        for status in [Status::Trial, Status::Cancelled, Status::Expired] {
            assert_eq!(
                purchase(standing(2, Monthly, status), 2, Monthly),
                now(false)
            );
            assert_eq!(
                purchase(standing(3, Annual, status), 2, Monthly),
                now(false)
            );
        }
    }

    #[test]
    fn a_failed_renewal_is_tried_on_days_three_and_six_then_ends_on_day_seven() {
        let due = OffsetDateTime::UNIX_EPOCH;
        let day = |n: i64| due + Duration::days(n);
        assert_eq!(next_dunning_step(due, due), day(3));
        assert_eq!(next_dunning_step(due, day(3)), day(6));
        assert_eq!(next_dunning_step(due, day(5)), day(6));
        assert_eq!(next_dunning_step(due, day(6)), day(7));
        assert_eq!(grace_end(due), day(7));
        assert_eq!(first_action(Status::PastDue, due, day(30)), Some(day(3)));
        assert_eq!(first_action(Status::Active, due, day(30)), Some(day(30)));
        assert_eq!(first_action(Status::Trial, due, day(14)), Some(day(14)));
        assert_eq!(first_action(Status::Expired, due, day(30)), None);
    }

    #[test]
    fn periods_end_on_the_same_day_or_the_months_last() {
        use time::macros::datetime;
        let monthly = Cycle::Monthly;
        assert_eq!(
            monthly.period_end(datetime!(2026-12-02 10:30 UTC)),
            datetime!(2027-01-02 10:30 UTC)
        );
        assert_eq!(
            monthly.period_end(datetime!(2027-01-31 00:00 UTC)),
            datetime!(2027-02-28 00:00 UTC)
        );
        assert_eq!(
            monthly.period_end(datetime!(2028-01-31 00:00 UTC)),
            datetime!(2028-02-29 00:00 UTC)
        );
        assert_eq!(
            Cycle::Annual.period_end(datetime!(2028-02-29 08:00 UTC)),
            datetime!(2029-02-28 08:00 UTC)
        );
    }

    #[test]
    fn a_plan_bought_part_way_credits_the_unused_plan() {
        let items = plan_items(
            "Professional",
            Cycle::Monthly,
            15_000_000,
            Some(("Basic", 1_666_666)),
        );
        assert_eq!(
            items
                .iter()
                .map(|i| (i.description.as_str(), i.amount()))
                .collect::<Vec<_>>(),
            [
                ("Professional plan, one month", 15_000_000),
                ("Unused time on the Basic plan", -1_666_666)
            ]
        );
        let amounts: Vec<i64> = items.iter().map(InvoiceItem::amount).collect();
        assert_eq!(
            invoice_totals(&amounts, crate::money::VAT_BASIS_POINTS),
            (13_333_334, 1_000_000, 14_333_334)
        );
        // Nothing to credit adds no line.
        assert_eq!(
            plan_items("Basic", Cycle::Annual, 54_000_000, Some(("Trial", 0))).len(),
            1
        );
        assert_eq!(
            plan_items("Basic", Cycle::Annual, 54_000_000, None)[0].description,
            "Basic plan, one year"
        );
    }

    #[test]
    fn cards_read_by_brand_and_last_digits() {
        assert_eq!(
            card_label(Some("visa"), Some("4081")),
            "Visa ending in 4081"
        );
        assert_eq!(
            card_label(Some("Mastercard"), Some("5555")),
            "Mastercard ending in 5555"
        );
        assert_eq!(card_label(None, Some("4242")), "Card ending in 4242");
        assert_eq!(card_label(None, None), "Card on file");
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

    fn allowance(active: i64, seats: i64) -> Allowance {
        Allowance {
            in_force: true,
            domain_confirmed: true,
            domain: Some("acme.example.com".into()),
            active_vacancies: active,
            seats,
            limits: crate::billing::Limits {
                active_vacancies: Some(5),
                team_seats: Some(3),
                ..Default::default()
            },
            features: vec!["basic_search".into()],
        }
    }

    #[test]
    fn a_vacancy_opens_below_the_limit_and_not_at_it() {
        assert_eq!(allowance(4, 1).publish(), Ok(()));
        assert_eq!(allowance(5, 1).publish(), Err(LimitRefusal::Vacancies(5)));
        // Over it after a smaller plan: still refused, nothing else changes.
        assert_eq!(allowance(7, 1).publish(), Err(LimitRefusal::Vacancies(5)));
        let mut unlimited = allowance(500, 1);
        unlimited.limits.active_vacancies = None;
        assert_eq!(unlimited.publish(), Ok(()));
        let mut none_allowed = allowance(0, 1);
        none_allowed.limits.active_vacancies = Some(0);
        assert_eq!(none_allowed.publish(), Err(LimitRefusal::Vacancies(0)));
    }

    #[test]
    fn publishing_needs_a_plan_in_force_and_a_confirmed_domain() {
        let mut ended = allowance(0, 1);
        ended.in_force = false;
        assert_eq!(ended.publish(), Err(LimitRefusal::PlanEnded));
        let mut unconfirmed = allowance(0, 1);
        unconfirmed.domain_confirmed = false;
        let refusal = unconfirmed.publish().unwrap_err();
        assert!(!refusal.plan_helps());
        assert!(
            refusal.message().contains("acme.example.com"),
            "{}",
            refusal.message()
        );
        assert!(ended.publish().unwrap_err().plan_helps());
    }

    #[test]
    fn an_invitation_needs_a_free_seat() {
        assert_eq!(allowance(0, 2).invite(), Ok(()));
        assert_eq!(allowance(0, 3).invite(), Err(LimitRefusal::Seats(3)));
        assert_eq!(
            LimitRefusal::Seats(1).message(),
            "Your plan has 1 seat on the team, invitations waiting included. \
             Revoke an invitation, or upgrade for more."
        );
    }

    #[test]
    fn features_come_by_name_or_with_every_feature() {
        let basic = allowance(0, 1);
        assert_eq!(
            basic.feature(Feature::ConfidentialRoles),
            Err(LimitRefusal::Missing(Feature::ConfidentialRoles))
        );
        let mut professional = allowance(0, 1);
        professional.features.push("confidential_roles".into());
        assert_eq!(professional.feature(Feature::ConfidentialRoles), Ok(()));
        let mut enterprise = allowance(0, 1);
        enterprise.features = vec!["all_features".into()];
        assert_eq!(enterprise.feature(Feature::ConfidentialRoles), Ok(()));
    }

    #[test]
    fn credit_months_count_from_the_periods_start() {
        use time::macros::datetime;
        let start = datetime!(2026-01-31 09:00 UTC);
        assert_eq!(add_months(start, 1), datetime!(2026-02-28 09:00 UTC));
        // From the start each time, so the 31st comes back in March.
        assert_eq!(add_months(start, 2), datetime!(2026-03-31 09:00 UTC));
        assert_eq!(credit_month(start, start), 0);
        assert_eq!(credit_month(start, datetime!(2026-02-28 08:59 UTC)), 0);
        assert_eq!(credit_month(start, datetime!(2026-02-28 09:00 UTC)), 1);
        assert_eq!(credit_month(start, datetime!(2026-03-30 00:00 UTC)), 1);
        assert_eq!(credit_month(start, datetime!(2027-01-30 00:00 UTC)), 11);
        // A paid year is next looked at after a month, a month at its end.
        assert_eq!(
            first_action(Status::Active, start, Cycle::Annual.period_end(start)),
            Some(datetime!(2026-02-28 09:00 UTC))
        );
        assert_eq!(
            first_action(Status::Active, start, Cycle::Monthly.period_end(start)),
            Some(datetime!(2026-02-28 09:00 UTC))
        );
    }

    #[test]
    fn a_refund_gives_back_the_vat_in_proportion() {
        // ₦53,750.00: ₦50,000.00 and ₦3,750.00 VAT.
        assert_eq!(
            credit_note_split(5_375_000, 375_000, 5_375_000),
            (5_000_000, 375_000)
        );
        // Half of it.
        assert_eq!(
            credit_note_split(2_687_500, 375_000, 5_375_000),
            (2_500_000, 187_500)
        );
        // 1 kobo of 10.75 (VAT 0.75 → 0.07 rounds to 0; 0.5 would round up).
        assert_eq!(credit_note_split(1, 75, 1_075), (1, 0));
        assert_eq!(credit_note_split(1_075, 75, 1_075), (1_000, 75));
        // 2 of 3 kobo where 1 is VAT: 0.666… rounds up to 1.
        assert_eq!(credit_note_split(2, 1, 3), (1, 1));
        // Exactly half a kobo of VAT rounds up.
        assert_eq!(credit_note_split(1, 1, 2), (0, 1));
        // No VAT on the invoice: none given back.
        assert_eq!(credit_note_split(500, 0, 1_000), (500, 0));
    }

    #[test]
    fn refunding_a_pack_takes_back_its_share_of_the_credits() {
        // All of a 10-credit pack paid ₦10,750.00.
        assert_eq!(credits_taken_back(10, 1_075_000, 1_075_000, 0, 25), 10);
        // A third of the money: 3.33… credits, rounded up to 4.
        assert_eq!(credits_taken_back(10, 358_334, 1_075_000, 0, 25), 4);
        // Then the rest: the other 6, not 7 (rounding once, on the whole).
        assert_eq!(credits_taken_back(10, 1_075_000, 1_075_000, 4, 25), 6);
        // Only what is still available.
        assert_eq!(credits_taken_back(10, 1_075_000, 1_075_000, 0, 6), 6);
        assert_eq!(credits_taken_back(10, 1_075_000, 1_075_000, 0, 0), 0);
        // Not a pack.
        assert_eq!(credits_taken_back(0, 1_075_000, 1_075_000, 0, 6), 0);
    }
}
