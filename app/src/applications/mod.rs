//! Applications: candidates apply with a résumé and follow their stage;
//! employers move applicants through the pipeline and keep a timeline.
//! Saved vacancies live here too: both are a candidate's list of jobs.

pub mod api;
pub mod pages;
pub mod pipeline;
pub mod pipeline_pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;

use rules::Stage;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A résumé to apply with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResumeChoice {
    pub id: Uuid,
    pub file_name: String,
    pub is_primary: bool,
}

/// What a signed-in candidate needs on a vacancy's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateSide {
    pub email_verified: bool,
    pub resumes: Vec<ResumeChoice>,
    /// Their application to this vacancy, if they applied.
    pub application: Option<(Uuid, Stage)>,
    /// Their private note, when they saved the vacancy.
    pub saved_note: Option<String>,
}

/// One entry of an application's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// "Interview scheduled", "Moved to Offer"…
    pub title: String,
    pub body: String,
    pub scheduled_at: Option<OffsetDateTime>,
    pub location: String,
    pub at: OffsetDateTime,
    /// Who wrote it (for the employer's view).
    pub by: Option<String>,
    /// Seen by the employer only.
    pub private: bool,
}

/// An application in the candidate's tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: Uuid,
    pub vacancy_title: String,
    pub vacancy_slug: String,
    pub company: String,
    pub stage: Stage,
    pub applied_at: OffsetDateTime,
    /// Sent by their auto-apply rather than by hand.
    pub auto_applied: bool,
    pub timeline: Vec<TimelineEntry>,
}

/// How many applications the candidate's tracker lists at a time.
pub const APPLICATIONS_PER_PAGE: i64 = 20;

/// A page of the candidate's tracker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplicationsPage {
    pub applications: Vec<MyApplication>,
    /// How many they have in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
}

/// A vacancy on the candidate's saved list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedItem {
    pub vacancy_id: Uuid,
    pub slug: String,
    pub title: String,
    pub company: Option<String>,
    pub salary: Option<String>,
    pub open: bool,
    pub note: String,
    pub saved_at: OffsetDateTime,
}
