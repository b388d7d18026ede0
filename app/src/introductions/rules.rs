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
/// `Grant` is where credits come from and goes negative by what was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Account {
    Grant,
    Available,
    Held,
    Spent,
}

impl Account {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Grant => "grant",
            Self::Available => "available",
            Self::Held => "held",
            Self::Spent => "spent",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Grant, Self::Available, Self::Held, Self::Spent]
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
            Account::Grant => None,
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
}
