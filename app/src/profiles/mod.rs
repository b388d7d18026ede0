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

/// The editor's one-line summaries of its sections: what each holds, or
/// what to add (shown while a section is folded).
impl ProfileForm {
    pub fn identity_status(&self) -> String {
        let name = [self.first_name.trim(), self.last_name.trim()].join(" ");
        match (name.trim(), self.headline.trim()) {
            ("", _) => "Add your name, headline and summary".into(),
            (name, "") => format!("{name} · add a headline"),
            (name, headline) => format!("{name} · {headline}"),
        }
    }

    pub fn current_role_status(&self) -> String {
        match (self.current_title.trim(), self.current_company.trim()) {
            ("", _) => "Add your job title and experience".into(),
            (title, "") => title.to_string(),
            (title, company) => format!("{title} at {company}"),
        }
    }

    pub fn location_status(&self) -> String {
        let place: Vec<&str> = [self.city.trim(), self.country.trim()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        match (place.is_empty(), self.willing_to_relocate) {
            (true, _) => "Add where you live".into(),
            (false, true) => format!("{} · open to relocating", place.join(", ")),
            (false, false) => place.join(", "),
        }
    }

    pub fn preferences_status(&self) -> String {
        use rules::{EMPLOYMENT_TYPES, REMOTE_PREFERENCES, label_of};
        let mut parts: Vec<String> = self
            .employment_types
            .iter()
            .map(|t| label_of(t, &EMPLOYMENT_TYPES).to_string())
            .collect();
        if !self.remote_preference.is_empty() && self.remote_preference != "no_preference" {
            parts.push(label_of(&self.remote_preference, &REMOTE_PREFERENCES).to_string());
        }
        // The amount as typed ("45000000" too) reads with its thousands grouped.
        if let Ok(Some(minor)) = rules::money_to_minor(&self.salary_min) {
            parts.push(
                format!(
                    "from {} {}",
                    crate::money::grouped_minor(minor),
                    self.salary_currency
                )
                .trim()
                .to_string(),
            );
        }
        if parts.is_empty() {
            "Add the work and pay you want".into()
        } else {
            parts.join(" · ")
        }
    }

    pub fn links_status(&self) -> String {
        match (
            self.linkedin_url.trim().is_empty(),
            self.portfolio_url.trim().is_empty(),
        ) {
            (true, true) => "Add LinkedIn or a website".into(),
            (false, true) => "LinkedIn".into(),
            (true, false) => "Website".into(),
            (false, false) => "LinkedIn and website".into(),
        }
    }
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
    /// An administrator checked who they are (the badge).
    pub identity_verified: bool,
    pub employment_types: Vec<String>,
    pub remote_preference: String,
    pub linkedin_url: Option<String>,
    pub portfolio_url: Option<String>,
    /// Shown only when the owner switched it on.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: String,
    pub is_owner: bool,
    /// The viewer is a company member who may ask them for an
    /// introduction.
    pub can_ask_introduction: bool,
    /// Work history, education, certifications and skills; references stay
    /// private to the owner.
    pub sections: sections::ProfileSections,
    /// The main photo, if any.
    pub photo_id: Option<Uuid>,
    /// The video introduction, once processed.
    pub video: Option<crate::media::video::VideoItem>,
}

#[cfg(test)]
mod status_tests {
    use super::ProfileForm;

    #[test]
    fn folded_sections_say_what_they_hold_or_lack() {
        let empty = ProfileForm::default();
        assert_eq!(
            empty.identity_status(),
            "Add your name, headline and summary"
        );
        assert_eq!(
            empty.current_role_status(),
            "Add your job title and experience"
        );
        assert_eq!(empty.location_status(), "Add where you live");
        assert_eq!(empty.preferences_status(), "Add the work and pay you want");
        assert_eq!(empty.links_status(), "Add LinkedIn or a website");
        let ada = ProfileForm {
            first_name: "Ada".into(),
            last_name: "Obi".into(),
            headline: "Data analyst".into(),
            current_title: "Analyst".into(),
            current_company: "Acme".into(),
            city: "Lagos".into(),
            country: "Nigeria".into(),
            willing_to_relocate: true,
            employment_types: vec!["full_time".into()],
            remote_preference: "remote".into(),
            salary_min: "500,000".into(),
            salary_currency: "NGN".into(),
            linkedin_url: "https://linkedin.com/in/ada".into(),
            ..ProfileForm::default()
        };
        assert_eq!(ada.identity_status(), "Ada Obi · Data analyst");
        assert_eq!(ada.current_role_status(), "Analyst at Acme");
        assert_eq!(ada.location_status(), "Lagos, Nigeria · open to relocating");
        assert_eq!(
            ada.preferences_status(),
            "Full time · Remote · from 500,000 NGN"
        );
        assert_eq!(ada.links_status(), "LinkedIn");
        // As typed: digits only, perhaps with cents.
        let saved = ProfileForm {
            salary_min: "45000000".into(),
            salary_currency: "NGN".into(),
            ..ProfileForm::default()
        };
        assert_eq!(saved.preferences_status(), "from 45,000,000 NGN");
        let with_cents = ProfileForm {
            salary_min: "85000.5".into(),
            ..saved
        };
        assert_eq!(with_cents.preferences_status(), "from 85,000.50 NGN");
    }
}
