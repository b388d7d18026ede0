//! The swipe deck: open vacancies one card at a time, best match first,
//! within the candidate's filters. Pass, like (saves it) or super-like
//! (the employer sees it highlighted); the last swipe can be undone for ten
//! seconds.

pub mod api;
pub mod employer;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod queue;

use crate::matching::MatchScore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One vacancy as the deck shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub vacancy_id: Uuid,
    pub slug: String,
    pub title: String,
    /// `None` for a confidential company.
    pub company: Option<String>,
    pub place: String,
    pub remote_option: String,
    pub employment_type: String,
    pub salary: Option<String>,
    /// Required skills first.
    pub skills: Vec<String>,
    pub summary: String,
    pub matching: MatchScore,
}

/// The deck's filters, kept per candidate. Empty lists mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckFilters {
    pub remote_options: Vec<String>,
    pub employment_types: Vec<String>,
    pub locations: Vec<String>,
    /// Yearly, in whole units of `min_salary_currency`.
    pub min_salary_yearly: Option<i64>,
    pub min_salary_currency: Option<String>,
}

/// The candidate's own swiping, shown small on the deck.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwipeStats {
    pub today: i64,
    pub last_7_days: i64,
    /// Likes among all their swipes, in percent.
    pub like_rate: Option<u8>,
}

/// The next cards and what the page around them needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deck {
    /// Best first; the first is shown, the rest wait so a swipe is instant.
    pub cards: Vec<Card>,
    pub filters: DeckFilters,
    pub super_likes_left: u32,
    pub super_likes_per_day: u32,
    /// On Plus (more super-likes, a higher auto-apply cap).
    pub plus: bool,
    /// The most auto-applications a day the plan allows.
    pub auto_apply_cap: u32,
    /// The candidate has a profile to match against.
    pub has_profile: bool,
    pub stats: SwipeStats,
    pub auto_apply: rules::AutoApply,
    /// Their résumés, for the auto-apply choice.
    pub resumes: Vec<crate::applications::ResumeChoice>,
    /// Auto-applications waiting to be sent.
    pub queued: i64,
}

/// An entry of the auto-apply queue, as `/swipe/queue` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub id: Uuid,
    pub title: String,
    pub slug: Option<String>,
    /// `None` for a confidential company.
    pub company: Option<String>,
    /// pending, sent, cancelled, skipped or failed.
    pub status: String,
    pub scheduled_at: time::OffsetDateTime,
    /// Why it ended without an application.
    pub reason: String,
    pub match_score: i16,
}

/// How many cards one request hands over.
pub const DECK_BATCH: usize = 5;
