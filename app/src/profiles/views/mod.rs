//! "Who viewed your profile": each view by an employer is recorded (one per
//! viewer per 30 minutes) and the candidate sees the companies and a count.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use serde::{Deserialize, Serialize};

/// How long repeated views by the same person count as one.
pub const DEDUPE_MINUTES: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewItem {
    /// The viewer's company, or a stand-in when they have none.
    pub company: String,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProfileViews {
    pub last_30_days: i64,
    pub recent: Vec<ViewItem>,
}
