//! Talent search (theNexus): company members who may send introductions
//! search job seekers' profiles (`/talent`), keep the people they like with
//! private notes and tags shared in their team (`/talent/saved`), and ask
//! them for an introduction. A result shows what the person's privacy
//! settings allow, never their email or phone.

pub mod api;
pub mod pages;
pub mod query;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod searches;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A person a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalentHit {
    pub user_id: Uuid,
    pub name: String,
    pub headline: String,
    /// "Head of Finance at Lagos Growth Bank".
    pub role: Option<String>,
    pub place: Option<String>,
    pub years: Option<i32>,
    pub seniority: Option<String>,
    pub remote: String,
    pub open_to_opportunities: bool,
    /// An administrator checked who they are.
    pub identity_verified: bool,
    /// Their first few skills, main ones first.
    pub skills: Vec<String>,
    /// Someone in the team saved them.
    pub saved: bool,
    /// How well they fit the chosen vacancy, once enough is known.
    pub match_score: Option<u8>,
}

/// One page of a talent search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalentResults {
    pub hits: Vec<TalentHit>,
    pub page: i64,
    pub has_next: bool,
    /// Matches, counted up to `query::COUNT_CAP`.
    pub total: i64,
    /// The words found nothing, and these are titles that look like them.
    pub looks_like: bool,
    /// Fields that could not be read, with their message.
    pub problems: Vec<(String, String)>,
    /// The company's open vacancies people can be ranked for: (id, title).
    pub vacancies: Vec<(Uuid, String)>,
}

/// Someone the team saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProfessional {
    pub professional_id: Uuid,
    pub name: String,
    pub headline: String,
    pub note: String,
    pub tags: Vec<String>,
    /// The member who saved them.
    pub saved_by: String,
    /// Saved by the reader (only they change or remove it).
    pub mine: bool,
    pub saved_at: OffsetDateTime,
}

/// A search a member kept by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSearch {
    pub id: Uuid,
    pub name: String,
    /// Where it runs: `/talent?…`.
    pub url: String,
    /// New matches are announced once a day.
    pub alert: bool,
    pub created_at: OffsetDateTime,
}
