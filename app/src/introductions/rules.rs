//! Pure rules of introductions: the states a request moves through, what
//! each move does to the company's credits, and the arithmetic of the
//! credit ledger.

use serde::{Deserialize, Serialize};

/// Where an introduction request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Pending,
    Accepted,
    Declined,
    Expired,
    Withdrawn,
}

impl Status {
    pub const ALL: [Self; 5] = [
        Self::Pending,
        Self::Accepted,
        Self::Declined,
        Self::Expired,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Expired => "expired",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// What an answer does to the credit the request holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditMove {
    /// Accepted: the company has had what it paid for.
    Settle,
    /// Declined, expired or withdrawn: the credit goes back to the company.
    Release,
}

/// Whether a request may move from `from` to `to`, and what that does to
/// its credit. Only a pending request moves, and only once.
pub fn transition(from: Status, to: Status) -> Result<CreditMove, &'static str> {
    match (from, to) {
        (Status::Pending, Status::Accepted) => Ok(CreditMove::Settle),
        (Status::Pending, Status::Declined | Status::Expired | Status::Withdrawn) => {
            Ok(CreditMove::Release)
        }
        (Status::Pending, Status::Pending) => Err("The request is already waiting."),
        (Status::Expired, _) => Err("The request has expired."),
        (Status::Withdrawn, _) => Err("The request was withdrawn."),
        _ => Err("The request has already been answered."),
    }
}

/// An account in a company's credit ledger. Every transfer takes credits
/// from one account and puts them in another, so the books balance:
/// `Grant` is where credits come from and goes negative by what was given;
/// monthly credits left at the month's end go to `Lapsed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    Grant,
    Available,
    Held,
    Spent,
    Lapsed,
}

impl Account {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Grant => "grant",
            Self::Available => "available",
            Self::Held => "held",
            Self::Spent => "spent",
            Self::Lapsed => "lapsed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            Self::Grant,
            Self::Available,
            Self::Held,
            Self::Spent,
            Self::Lapsed,
        ]
        .into_iter()
        .find(|a| a.as_str() == value)
    }
}

impl CreditMove {
    /// The accounts the move takes the held credit from and to.
    pub fn accounts(self) -> (Account, Account) {
        match self {
            Self::Settle => (Account::Held, Account::Spent),
            Self::Release => (Account::Held, Account::Available),
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            Self::Settle => "settle",
            Self::Release => "release",
        }
    }
}

/// A company's credits by account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub available: i64,
    pub held: i64,
    pub spent: i64,
}

impl Balance {
    /// The balances a ledger's transfers `(from, to, amount)` leave.
    pub fn of(transfers: impl IntoIterator<Item = (Account, Account, i64)>) -> Self {
        let mut balance = Self::default();
        for (from, to, amount) in transfers {
            if let Some(slot) = balance.slot(from) {
                *slot -= amount;
            }
            if let Some(slot) = balance.slot(to) {
                *slot += amount;
            }
        }
        balance
    }

    /// The company's side of `account`; what was granted is not a balance
    /// the company holds.
    fn slot(&mut self, account: Account) -> Option<&mut i64> {
        match account {
            Account::Grant | Account::Lapsed => None,
            Account::Available => Some(&mut self.available),
            Account::Held => Some(&mut self.held),
            Account::Spent => Some(&mut self.spent),
        }
    }
}

/// The personal message of a request, trimmed: 50 to 2,000 characters.
pub fn message(value: &str) -> Result<String, String> {
    let value = value.trim();
    match value.chars().count() {
        0 => Err("Write a personal message: why them, for this role.".to_string()),
        n if n < 50 => Err(format!(
            "Write a little more: at least 50 characters ({n} so far)."
        )),
        n if n > 2000 => Err(format!("Keep it to 2,000 characters ({n} now).")),
        _ => Ok(value.to_string()),
    }
}

/// Why a job seeker said no, from a short list (the text is optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeclineReason {
    NotLooking,
    NotAFit,
    Pay,
    Location,
    Company,
    Other,
}

impl DeclineReason {
    pub const ALL: [Self; 6] = [
        Self::NotLooking,
        Self::NotAFit,
        Self::Pay,
        Self::Location,
        Self::Company,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotLooking => "not_looking",
            Self::NotAFit => "not_a_fit",
            Self::Pay => "pay",
            Self::Location => "location",
            Self::Company => "company",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotLooking => "I am not looking right now",
            Self::NotAFit => "The role is not a fit for me",
            Self::Pay => "The pay is too low",
            Self::Location => "The location or way of working",
            Self::Company => "Not this company",
            Self::Other => "Something else",
        }
    }
}

/// What came of an accepted introduction, as the company records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Hired,
    Rejected,
    Withdrew,
    NoResponse,
}

impl Outcome {
    pub const ALL: [Self; 4] = [
        Self::Hired,
        Self::Rejected,
        Self::Withdrew,
        Self::NoResponse,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hired => "hired",
            Self::Rejected => "rejected",
            Self::Withdrew => "withdrew",
            Self::NoResponse => "no_response",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Hired => "Hired",
            Self::Rejected => "Not taken further",
            Self::Withdrew => "They withdrew",
            Self::NoResponse => "No response after accepting",
        }
    }
}

/// How people answer a company's requests over the last 90 days: shown
/// only once there are enough to say something (`MIN_DECIDED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseFigures {
    /// Answered (accepted or declined) out of those decided, in percent.
    pub answered_percent: i64,
    /// The median time from sending to an answer, in hours.
    pub median_hours: Option<i64>,
}

/// Requests that must have been answered or have expired before figures
/// are shown: fewer say nothing about a company.
pub const MIN_DECIDED: i64 = 5;

impl ResponseFigures {
    /// From the company's `decided` requests (answered or expired), of
    /// which `answered` got an answer, the median after `median_seconds`.
    pub fn of(decided: i64, answered: i64, median_seconds: Option<f64>) -> Option<Self> {
        if decided < MIN_DECIDED {
            return None;
        }
        let answered = answered.clamp(0, decided);
        Some(Self {
            answered_percent: (answered * 100 + decided / 2) / decided,
            median_hours: median_seconds
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| (s / 3600.0).round() as i64),
        })
    }

    /// "80% answered, usually within 2 days".
    pub fn summary(self) -> String {
        let answered = format!("{}% answered", self.answered_percent);
        match self.median_hours {
            None => answered,
            Some(h) if h < 1 => format!("{answered}, usually within the hour"),
            Some(h) if h < 48 => format!("{answered}, usually within {h} hours"),
            Some(h) => format!("{answered}, usually within {} days", (h + 12) / 24),
        }
    }
}

/// Whole days left before `expires_at` (0 on the last day), from `now`.
pub fn days_left(expires_at: time::OffsetDateTime, now: time::OffsetDateTime) -> i64 {
    (expires_at - now).whole_days().max(0)
}

/// "Expires today", "1 day left", "5 days left".
pub fn days_left_label(days: i64) -> String {
    match days {
        ..=0 => "Expires today".to_string(),
        1 => "1 day left".to_string(),
        n => format!("{n} days left"),
    }
}

/// The optional text with an answer: up to 2,000 characters.
pub fn reply(value: &str) -> Result<String, String> {
    let value = value.trim();
    match value.chars().count() {
        n if n > 2000 => Err(format!("Keep it to 2,000 characters ({n} now).")),
        _ => Ok(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_pending_request_moves_and_only_once() {
        use Status::*;
        assert_eq!(transition(Pending, Accepted), Ok(CreditMove::Settle));
        for to in [Declined, Expired, Withdrawn] {
            assert_eq!(transition(Pending, to), Ok(CreditMove::Release));
        }
        assert!(transition(Pending, Pending).is_err());
        for from in [Accepted, Declined, Expired, Withdrawn] {
            for to in Status::ALL {
                assert!(transition(from, to).is_err(), "{from:?} -> {to:?}");
            }
        }
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("maybe"), None);
    }

    #[test]
    fn the_ledger_balances_and_every_credit_is_somewhere() {
        use Account::*;
        let grant = (Grant, Available, 3);
        let hold = (Available, Held, 1);
        let settle = CreditMove::Settle.accounts();
        let release = CreditMove::Release.accounts();
        let balance = Balance::of([
            grant,
            hold,
            hold,
            hold,
            (settle.0, settle.1, 1),
            (release.0, release.1, 1),
        ]);
        assert_eq!(
            balance,
            Balance {
                available: 1,
                held: 1,
                spent: 1
            }
        );
        // Nothing is made or lost: the company's accounts add up to the grant.
        assert_eq!(balance.available + balance.held + balance.spent, 3);
        for account in [Grant, Available, Held, Spent] {
            assert_eq!(Account::parse(account.as_str()), Some(account));
        }
    }

    #[test]
    fn a_message_is_personal_but_not_a_letter() {
        assert!(message("   ").is_err());
        assert!(message("Hello, are you open to a chat?").is_err());
        let fine =
            "We are building the payments team in Lagos and your work at PayRiver stands out.";
        assert_eq!(message(&format!("  {fine}  ")), Ok(fine.to_string()));
        assert!(message(&"a".repeat(2001)).is_err());
    }

    #[test]
    fn figures_wait_for_enough_requests_and_round_sensibly() {
        assert_eq!(ResponseFigures::of(4, 4, Some(3600.0)), None);
        let figures = ResponseFigures::of(6, 4, Some(5.0 * 3600.0)).unwrap();
        assert_eq!(figures.answered_percent, 67);
        assert_eq!(figures.median_hours, Some(5));
        assert_eq!(figures.summary(), "67% answered, usually within 5 hours");
        let none_answered = ResponseFigures::of(5, 0, None).unwrap();
        assert_eq!(none_answered.summary(), "0% answered");
        let slow = ResponseFigures::of(10, 10, Some(80.0 * 3600.0)).unwrap();
        assert_eq!(slow.summary(), "100% answered, usually within 3 days");
        let quick = ResponseFigures::of(10, 9, Some(600.0)).unwrap();
        assert_eq!(quick.summary(), "90% answered, usually within the hour");
        // Nonsense from the database does not become a figure.
        assert_eq!(
            ResponseFigures::of(5, 9, Some(f64::NAN))
                .unwrap()
                .median_hours,
            None
        );
        assert_eq!(
            ResponseFigures::of(5, 9, None).unwrap().answered_percent,
            100
        );
    }

    #[test]
    fn days_left_count_whole_days_and_never_go_below_zero() {
        let now = time::macros::datetime!(2026-12-01 10:00 UTC);
        assert_eq!(days_left(now + time::Duration::hours(47), now), 1);
        assert_eq!(days_left(now + time::Duration::days(7), now), 7);
        assert_eq!(days_left(now - time::Duration::hours(1), now), 0);
        assert_eq!(days_left_label(0), "Expires today");
        assert_eq!(days_left_label(1), "1 day left");
        assert_eq!(days_left_label(6), "6 days left");
    }

    #[test]
    fn answers_and_outcomes_round_trip_through_their_stored_names() {
        for reason in DeclineReason::ALL {
            assert_eq!(DeclineReason::parse(reason.as_str()), Some(reason));
        }
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.as_str()), Some(outcome));
        }
        assert_eq!(DeclineReason::parse("rude"), None);
        assert!(reply(&"a".repeat(2001)).is_err());
        assert_eq!(reply("  Thanks!  "), Ok("Thanks!".to_string()));
    }
}
