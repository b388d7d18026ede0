//! The public job board: `/jobs` searches open vacancies (no login
//! needed) and `/jobs/{slug}` shows one, with the reader's match score.

pub mod api;
pub mod pages;
pub mod query;
pub mod schema;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod highlight;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod text_match;

use crate::matching::MatchScore;
use crate::vacancies::VacancyDisplay;
use crate::vacancies::rules::VacancyStatus;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobHit {
    pub slug: String,
    pub title: String,
    /// `None` for a confidential vacancy.
    pub company: Option<String>,
    pub place: String,
    pub remote: String,
    pub employment_type: String,
    pub seniority: Option<String>,
    pub salary: Option<String>,
    pub published_at: OffsetDateTime,
    pub featured: bool,
    /// The description around the words searched for; marked runs matched.
    pub snippet: Vec<(String, bool)>,
    pub skills: Vec<String>,
    /// For a signed-in candidate: how well they fit, 0 to 100.
    pub match_score: Option<u8>,
    pub vacancy_id: Uuid,
    /// The company's logo (never a confidential vacancy's).
    pub logo_url: Option<String>,
    /// For a signed-in candidate: whether they saved it.
    pub saved: Option<bool>,
}

/// A page of results and what the form needs to show the search again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobResults {
    pub hits: Vec<JobHit>,
    /// Matches counted up to `query::COUNT_CAP`.
    pub total: i64,
    pub page: i64,
    /// Fields that could not be read, with their messages.
    pub problems: Vec<(String, String)>,
    pub industries: Vec<(Uuid, String)>,
    /// The order the results are in (a `query::SortOrder` as in the address).
    pub sort: String,
    /// The reader's profile says enough to offer "Best match".
    pub best_match: bool,
    /// The server's clock, for "posted 3 days ago" alike on both sides.
    pub now: time::OffsetDateTime,
}

/// The company as a vacancy's reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyCard {
    pub name: String,
    pub slug: String,
    pub logo_url: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub headquarters: String,
    pub verified: bool,
    pub description: String,
}

/// Everything the vacancy page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobPosting {
    pub id: Uuid,
    pub slug: String,
    pub status: VacancyStatus,
    /// Open for applications: active and not past its listing period.
    pub open: bool,
    pub published_at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
    pub display: VacancyDisplay,
    /// `None` while a confidential vacancy's company is hidden.
    pub company: Option<CompanyCard>,
    /// schema.org JobPosting, only while the vacancy is open.
    pub json_ld: Option<String>,
    /// The signed-in candidate's fit.
    pub matching: Option<MatchScore>,
    /// The reader belongs to the company that posted it.
    pub own_company: bool,
    /// Chosen by the site's admins to stand out.
    pub featured: bool,
    /// The reader is an admin (who may feature it).
    pub can_feature: bool,
    /// For a signed-in candidate: their résumés, application and saved note.
    pub candidate: Option<crate::applications::CandidateSide>,
    /// Nobody is signed in: the page invites them to sign up and apply.
    pub visitor: bool,
}
