//! Candidate profiles: the `/profile` editor, one section at a time.

pub mod api;
pub mod completeness;
pub mod confidential;
pub mod onboarding;
pub mod pages;
pub mod rules;
pub mod sections;
pub mod views;

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The editor's view of a profile: every field as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ProfileForm {
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: String,
    pub headline: String,
    pub summary: String,
    pub phone: String,
    pub current_title: String,
    pub current_company: String,
    pub industry_id: String,
    pub years_of_experience: String,
    pub seniority: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub willing_to_relocate: bool,
    pub employment_types: Vec<String>,
    pub remote_preference: String,
    pub salary_min: String,
    pub salary_max: String,
    pub salary_currency: String,
    pub salary_period: String,
    pub notice_period_days: String,
    pub open_to_opportunities: bool,
    pub linkedin_url: String,
    pub portfolio_url: String,
    /// The industries to choose from: (id, name); left out of data exports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub industries: Vec<(Uuid, String)>,
}

/// A profile as others see it (what the owner chose to show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicProfile {
    pub user_id: Uuid,
    pub display_name: String,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub industry: Option<String>,
    pub years_of_experience: Option<i32>,
    pub seniority: Option<String>,
    pub location: Option<String>,
    pub willing_to_relocate: bool,
    pub open_to_opportunities: bool,
    pub employment_types: Vec<String>,
    pub remote_preference: String,
    pub linkedin_url: Option<String>,
    pub portfolio_url: Option<String>,
    /// Shown only when the owner switched it on.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: String,
    pub is_owner: bool,
    /// Work history, education, certifications and skills; references stay
    /// private to the owner.
    pub sections: sections::ProfileSections,
    /// The main photo, if any.
    pub photo_id: Option<Uuid>,
    /// The video introduction, once processed.
    pub video: Option<crate::media::video::VideoItem>,
}
