//! The audit log: every action that matters is written to it
//! (`audit::record`), the database refuses changes to it and seals each
//! entry into a hash chain at commit (migration 57), `chain` checks that
//! chain, and `/admin/audit` lets admins read and filter it and verify it.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod chain;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod write;

#[cfg(feature = "ssr")]
pub use write::{AuditEvent, record};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// The entry's place in the chain.
    pub seq: i64,
    pub id: Uuid,
    pub actor_email: Option<String>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    /// The target account's email, when the target is a user.
    pub target_email: Option<String>,
    pub ip: Option<String>,
    pub created_at: OffsetDateTime,
}

/// A page of the log, newest first, and where the next (older) one starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The `before` of the next page, when there are older entries.
    pub older: Option<i64>,
}

/// Where the chain stands and, once verified, whether it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainCheck {
    /// Entries walked from the first to the head.
    pub entries: i64,
    /// The head's hash in hex.
    pub head_hash: String,
    /// The recorded daily heads checked along the way.
    pub anchors: i64,
    /// The first broken link, if any.
    pub broken: Option<Break>,
}

/// The first place the chain does not hold, named by entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Break {
    /// The entry's content no longer gives the hash it was sealed with.
    Altered { seq: i64, id: Uuid },
    /// The entry does not carry the hash of the one before it.
    Relinked { seq: i64, id: Uuid },
    /// Entries between the one before and this one are gone.
    Missing { expected: i64, seq: i64, id: Uuid },
    /// The chain ends before the head the database recorded: the last
    /// entries are gone, or the head does not match the last entry.
    Truncated { last: i64, head: i64 },
    /// An entry that was never sealed: it was written with the triggers off.
    Unsealed { id: Uuid },
    /// A day's recorded head is not in the chain as it is now: the chain
    /// was rewritten from before that entry on.
    AnchorLost { day: time::Date, seq: i64 },
}

impl Break {
    /// The entry to look at first (its place), when there is one.
    pub fn seq(&self) -> Option<i64> {
        match self {
            Self::Altered { seq, .. } | Self::Relinked { seq, .. } | Self::Missing { seq, .. } => {
                Some(*seq)
            }
            Self::AnchorLost { seq, .. } => Some(*seq),
            Self::Truncated { last, .. } => Some(*last),
            Self::Unsealed { .. } => None,
        }
    }

    /// What broke, in a sentence.
    pub fn describe(&self) -> String {
        match self {
            Self::Altered { seq, id } => format!(
                "Entry #{seq} ({id}) was changed after it was written: its content no longer matches its hash."
            ),
            Self::Relinked { seq, id } => format!(
                "Entry #{seq} ({id}) does not carry the hash of the entry before it: an entry before it was replaced."
            ),
            Self::Missing { expected, seq, id } => format!(
                "Entries #{expected} to #{} are missing before entry #{seq} ({id}).",
                seq - 1
            ),
            Self::Truncated { last, head } => format!(
                "The chain ends at entry #{last} but its head was recorded at #{head}: the last entries are gone or were replaced."
            ),
            Self::Unsealed { id } => format!(
                "Entry {id} is not in the chain: it was written with the database's checks turned off."
            ),
            Self::AnchorLost { day, seq } => format!(
                "The head recorded on {day} (entry #{seq}) is no longer in the chain: the chain was rewritten before it."
            ),
        }
    }
}

/// The log's filters as they stand in the address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    /// Part of the acting account's email.
    pub actor: String,
    /// The action or its start (`billing.` finds every billing action).
    pub action: String,
    /// A target's id, or part of the target account's email.
    pub target: String,
    /// First and last day, as typed (year-month-day).
    pub from: String,
    pub to: String,
}
