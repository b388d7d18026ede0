//! The home page: an introduction for visitors; for members, what needs
//! them now (a job seeker's interviews and replies, an employer's new
//! applicants and interviews) and the next steps of a new account.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
mod db;

use crate::profiles::completeness::Completeness;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// An interview on a job seeker's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpcomingInterview {
    pub vacancy_title: String,
    pub vacancy_slug: String,
    pub company: String,
    pub at: OffsetDateTime,
    pub location: String,
}

/// Something a hiring team did on one of the job seeker's applications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub vacancy_title: String,
    pub company: String,
    /// "Moved to Interview", "Feedback"…
    pub title: String,
    pub at: OffsetDateTime,
}

/// A saved job whose listing ends soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosingJob {
    pub title: String,
    pub slug: String,
    /// Absent for a confidential vacancy.
    pub company: Option<String>,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateHome {
    pub first_name: String,
    pub completeness: Completeness,
    pub interviews: Vec<UpcomingInterview>,
    pub replies: Vec<Reply>,
    /// Open vacancies listed since the last swipe (or this week) that the
    /// job seeker has neither swiped nor applied to.
    pub new_matches: i64,
    pub closing_saved: Vec<ClosingJob>,
    /// Applications still in progress.
    pub active_applications: i64,
}

/// New applicants of one vacancy, waiting for a first look.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyApplicants {
    pub vacancy_id: Uuid,
    pub title: String,
    pub new_applicants: i64,
    pub total: i64,
}

/// An interview the team has scheduled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamInterview {
    pub vacancy_id: Uuid,
    pub application_id: Uuid,
    pub vacancy_title: String,
    pub candidate: String,
    pub at: OffsetDateTime,
    pub location: String,
}

/// A published vacancy whose listing ends soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpiringVacancy {
    pub vacancy_id: Uuid,
    pub title: String,
    pub expires_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerHome {
    /// `None` until the employer sets up or joins a company.
    pub company: Option<String>,
    pub first_name: String,
    pub new_applicants: Vec<VacancyApplicants>,
    pub interviews: Vec<TeamInterview>,
    pub expiring: Vec<ExpiringVacancy>,
    /// Invitations sent and not yet answered (shown to those who manage the team).
    pub pending_invitations: Option<i64>,
    pub vacancies: i64,
}

/// What the signed-in member's home shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MemberHome {
    Candidate(CandidateHome),
    Employer(EmployerHome),
    /// Admins work from the dashboard.
    Admin,
}

/// The member's home as of `now` (the server's clock, so relative days
/// read the same once the browser takes over).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    pub now: OffsetDateTime,
    pub member: MemberHome,
}

/// How far ahead the home looks for interviews and closing dates.
pub const LOOKAHEAD_DAYS: i64 = 7;
