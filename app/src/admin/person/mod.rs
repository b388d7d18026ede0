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
    /// A job seeker's identity check; none for everyone else.
    pub identity: Option<IdentityCheck>,
    /// Moderation cases about their profile, vacancies and companies.
    pub cases: Vec<crate::moderation::QueueRow>,
    /// Reports they filed about others.
    pub reports_filed: i64,
    /// The viewer may open those cases (a moderator or a super admin).
    pub may_open_cases: bool,
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

/// Whether an administrator checked a professional's identity, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityCheck {
    /// When, by whom and how; none until someone does.
    pub verified: Option<(OffsetDateTime, Option<String>, String)>,
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
    crate::input::sentence(
        reason,
        10,
        "Say why in a sentence or two: the person reads it.",
        1000,
    )
}

/// How an administrator checked someone's identity, in a line.
pub fn check_identity_note(note: &str) -> Result<String, String> {
    crate::input::sentence(
        note,
        10,
        "Say how you checked who they are (a passport over a video call, say).",
        500,
    )
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
        assert!(check_identity_note("ok").is_err());
        assert_eq!(
            check_identity_note(" Passport seen on a video call. "),
            Ok("Passport seen on a video call.".into())
        );
    }
}
