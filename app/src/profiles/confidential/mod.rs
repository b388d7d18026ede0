//! Confidential mode: a candidate hides their profile from chosen companies
//! (picked by name or email domain) and, while the mode is on, from their
//! current employer when it is on the platform. Hidden means "not found":
//! the rule lives in one SQL function every read path asks.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod rules;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedCompany {
    pub id: Uuid,
    /// The company's name, or the email domain.
    pub label: String,
    pub is_domain: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confidential {
    pub enabled: bool,
    pub blocked: Vec<BlockedCompany>,
    /// The current employer named on the profile, when it is a company here.
    pub current_employer: Option<String>,
}
