//! The "download my data" file: everything stored about a person, in a
//! readable JSON document. Later features add their own sections.

use super::Settings;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DataExport {
    #[serde(with = "time::serde::rfc3339")]
    pub exported_at: OffsetDateTime,
    pub account: ExportAccount,
    pub settings: Settings,
    pub security_events: Vec<ExportEvent>,
    pub login_attempts: Vec<ExportLoginAttempt>,
    /// The candidate profile and its sections (candidates only).
    pub profile: Option<crate::profiles::ProfileForm>,
    pub profile_sections: Option<crate::profiles::sections::ProfileSections>,
    /// Who viewed the candidate's profile (candidates only).
    pub profile_views: Option<crate::profiles::views::ProfileViews>,
    /// The employer's company and their details and role in its team.
    pub company: Option<crate::companies::MyCompany>,
    /// Introduction requests the person received (job seekers).
    pub introductions_received: Vec<crate::introductions::ExportedIntroduction>,
    /// Introduction requests the person sent for their company.
    pub introductions_sent: Vec<crate::introductions::ExportedIntroduction>,
    /// The messages the person wrote in conversations.
    pub messages_sent: Vec<crate::chat::ExportedMessage>,
    /// Their applications as they see them, with what they wrote (job
    /// seekers).
    pub applications: Vec<ExportApplication>,
    /// The jobs they saved, with their notes (job seekers).
    pub saved_jobs: Vec<ExportSavedJob>,
    /// Their way through the swipe deck (job seekers).
    pub swipes: Vec<ExportSwipe>,
    /// The searches they made while signed in: jobs, or talent for
    /// employers.
    pub searches: Vec<ExportSearch>,
    /// Uploaded files, as links to download them.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportAccount {
    pub id: Uuid,
    pub email: String,
    pub account_type: String,
    pub status: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub email_verified_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub terms_accepted_at: OffsetDateTime,
    pub terms_version: String,
    pub marketing_consent: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportEvent {
    pub action: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportLoginAttempt {
    pub ip: Option<String>,
    pub succeeded: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportApplication {
    pub vacancy: String,
    pub company: String,
    pub stage: String,
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    /// Sent by their auto-apply.
    pub auto_applied: bool,
    pub cover_letter: String,
    /// The steps they were shown.
    pub timeline: Vec<ExportStep>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportStep {
    pub title: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportSavedJob {
    pub vacancy: String,
    /// Unnamed for a confidential vacancy.
    pub company: Option<String>,
    pub note: String,
    #[serde(with = "time::serde::rfc3339")]
    pub saved_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportSwipe {
    pub vacancy: String,
    /// "pass", "like" or "super-like".
    pub choice: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportSearch {
    /// "jobs" or "talent".
    pub kind: String,
    pub words: String,
    pub filters: serde_json::Value,
    pub results: i32,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}
