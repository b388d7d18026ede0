//! `/admin/users/{id}`: one person's account as admins see it, with
//! suspension (seed 001 moderation: the person reads the reason) and
//! signing them out everywhere, and resetting an administrator's two-step
//! sign-in. Reading it is itself audited: admins see
//! private data only with a trace.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Uuid,
    pub email: String,
    pub account_type: String,
    pub admin_role: Option<String>,
    pub status: String,
    pub email_verified: bool,
    pub created_at: OffsetDateTime,
    pub last_login_at: Option<OffsetDateTime>,
    /// Why and when they were suspended, and by whom, while they are.
    pub suspension: Option<Suspension>,
    /// The companies they belong to, with their role there.
    pub companies: Vec<(String, String)>,
    pub applications: i64,
    /// Their latest security events (logins, failures, changes).
    pub events: Vec<SecurityEvent>,
    /// An administrator's two-step sign-in; none for everyone else.
    pub two_step: Option<TwoStep>,
    /// The viewer may suspend or sign them out (an administrator only by a
    /// super admin, and nobody themselves).
    pub may_act: bool,
}

/// How an administrator's authenticator stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TwoStep {
    /// When they set it up; none until they do at their next sign-in.
    pub set_up_at: Option<OffsetDateTime>,
    pub recovery_codes_left: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suspension {
    pub reason: String,
    pub at: OffsetDateTime,
    pub by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SecurityEvent {
    pub action: String,
    pub ip: Option<String>,
    pub created_at: OffsetDateTime,
}

/// What a reason for suspending or reinstating must be: the person reads it.
pub fn check_reason(reason: &str) -> Result<String, String> {
    let reason = reason.trim();
    if let Some(problem) = crate::input::text_problem(reason) {
        return Err(problem);
    }
    match reason.chars().count() {
        0..10 => Err("Say why in a sentence or two: the person reads it.".into()),
        10..=1000 => Ok(reason.to_string()),
        _ => Err("Keep it to 1000 characters.".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_a_sentence_the_person_can_read() {
        assert_eq!(
            check_reason("  Posted the same scam vacancy five times.  "),
            Ok("Posted the same scam vacancy five times.".into())
        );
        assert!(check_reason("spam").is_err());
        assert!(check_reason(&"x".repeat(1001)).is_err());
        assert!(check_reason("bad \u{7} reason text").is_err());
    }
}
