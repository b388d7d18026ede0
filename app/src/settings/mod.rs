//! `/settings`: privacy, notifications, language and time zone, password and
//! email address. Every function acts on the session's own account only.

pub mod api;
pub mod export;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod zone;

use serde::{Deserialize, Serialize};

/// Everything the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub email: String,
    pub email_verified: bool,
    pub profile_visibility: String,
    pub show_email: bool,
    pub show_phone: bool,
    /// Agreed to news and offers by email (at sign-up); withdrawn or given
    /// again in the privacy settings.
    pub marketing_consent: bool,
    pub language: String,
    pub timezone: String,
}
