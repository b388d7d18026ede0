//! Candidate profiles: the `/profile` editor, one section at a time.

pub mod api;
pub mod completeness;
pub mod pages;
pub mod rules;
pub mod sections;

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
    pub date_of_birth: String,
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
}

/// Bumped after every successful change on `/profile`, so the parts that
/// depend on others (lists, completeness) load again.
#[derive(Clone, Copy)]
pub struct ProfileVersion(leptos::prelude::RwSignal<u32>);

impl ProfileVersion {
    pub fn provide() {
        leptos::prelude::provide_context(Self(leptos::prelude::RwSignal::new(0)));
    }

    /// The current version (tracked). Panics outside the profile page.
    pub fn get() -> leptos::prelude::Signal<u32> {
        use leptos::prelude::*;
        let version = expect_context::<Self>().0;
        Signal::derive(move || version.get())
    }

    /// A function that bumps the version. The context is looked up here, at
    /// creation: browser callbacks (an upload finishing) run outside any
    /// reactive owner, where a lookup would find nothing.
    pub fn bumper() -> impl Fn() + Clone + 'static {
        use leptos::prelude::*;
        let version = use_context::<Self>();
        move || {
            if let Some(Self(version)) = version {
                version.update(|n| *n += 1);
            }
        }
    }
}

/// Reloads the profile's lists once the action has succeeded.
pub fn reload_on_success<T: Clone + Send + Sync + 'static>(
    value: impl Into<leptos::prelude::Signal<Option<Result<T, crate::error::AppError>>>>,
) {
    use leptos::prelude::*;
    let value = value.into();
    let bump = ProfileVersion::bumper();
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            bump();
        }
    });
}
