//! The plans editor (`/admin/billing/plans`). A plan's price, limits and
//! features change by adding a version, which new buyers get from then on;
//! a company (or job seeker) keeps the version it bought.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod db;

use crate::error::{AppError, FieldError};
use crate::profiles::rules::{money_to_minor, whole_number};
use serde::{Deserialize, Serialize};

/// The features a company plan can include, as the editor names them.
pub const FEATURES: &[(&str, &str)] = &[
    ("basic_search", "Basic talent search"),
    ("advanced_filters", "Advanced filters"),
    ("advanced_search", "Advanced talent search"),
    ("ai_matching", "Matching suggestions"),
    ("confidential_roles", "Confidential vacancies"),
    ("bulk_introductions", "Bulk introductions"),
    ("analytics_basic", "Basic analytics"),
    ("analytics_advanced", "Advanced analytics"),
    ("email_support", "Email support"),
    ("priority_support", "Priority support"),
    ("dedicated_account_manager", "A dedicated account manager"),
    ("custom_integration", "Custom integration"),
    ("api_access", "API access"),
    ("white_label", "White label"),
    ("all_features", "Every feature"),
];

/// What a plan allows; `None` is no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanLimits {
    pub introduction_credits_monthly: Option<i32>,
    pub team_seats: Option<i32>,
    pub active_vacancies: Option<i32>,
    pub talent_searches_per_hour: Option<i32>,
    pub super_likes_per_day: Option<i32>,
    pub auto_applies_per_day: Option<i32>,
}

/// A plan at its current version, as the editor lists and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditablePlan {
    pub code: String,
    /// A job seekers' plan (else a company plan).
    pub for_seekers: bool,
    /// Priced by agreement ("contact us").
    pub contact_sales: bool,
    pub version: i32,
    /// The number saving gives (after the versions agreed with single
    /// companies, too).
    pub next_version: i32,
    #[serde(flatten)]
    pub terms: PlanTerms,
    /// Current subscriptions on the plan, and how many of them are on
    /// this version.
    pub subscribers: i64,
    pub on_this_version: i64,
}

/// What an admin sets of a plan; saving makes them its next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTerms {
    pub name: String,
    pub description: String,
    /// Offered to new buyers.
    pub on_sale: bool,
    /// Kobo, before VAT.
    pub monthly_price: Option<i64>,
    pub yearly_price: Option<i64>,
    /// Set for the trial, which is free for that many days.
    pub trial_days: Option<i32>,
    pub limits: PlanLimits,
    pub features: Vec<String>,
}

impl EditablePlan {
    /// Free for good (the job seekers' free plan) or for its days (the
    /// trial): it has no price to set.
    pub fn is_free(&self) -> bool {
        let t = &self.terms;
        t.trial_days.is_some() || (t.monthly_price == Some(0) && !self.contact_sales)
    }
}

/// The editor's form as typed.
#[derive(Debug, Clone, Default)]
pub struct PlanForm<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub on_sale: bool,
    pub monthly_price: &'a str,
    pub yearly_price: &'a str,
    pub trial_days: &'a str,
    pub introduction_credits_monthly: &'a str,
    pub team_seats: &'a str,
    pub active_vacancies: &'a str,
    pub talent_searches_per_hour: &'a str,
    pub super_likes_per_day: &'a str,
    pub auto_applies_per_day: &'a str,
    pub features: &'a [String],
}

/// The most a limit can be set to.
const MOST: i32 = 1_000_000;

/// Reads the form for `plan`: only the fields that apply to it count (a
/// free plan has no price, a job seekers' plan no company limits); the
/// others keep what the plan has. Field errors otherwise.
pub fn read_plan_form(plan: &EditablePlan, form: &PlanForm) -> Result<PlanTerms, AppError> {
    let current = &plan.terms;
    let mut errors = Vec::new();
    let mut check = |field: &str, read: Result<Option<i32>, String>| match read {
        Ok(n) => n,
        Err(message) => {
            errors.push(FieldError::new(field, message));
            None
        }
    };
    let name = form.name.trim().to_string();
    let description = form.description.trim().to_string();
    let limit = |value: &str, min: i32, what: &str| whole_number(value, min, MOST, what);
    let (mut limits, mut trial_days) = (current.limits, current.trial_days);
    if plan.for_seekers {
        limits.super_likes_per_day = check(
            "super_likes_per_day",
            limit(form.super_likes_per_day, 0, "Super-likes a day"),
        );
        limits.auto_applies_per_day = check(
            "auto_applies_per_day",
            limit(form.auto_applies_per_day, 1, "Auto-applications a day"),
        );
    } else {
        limits.introduction_credits_monthly = check(
            "introduction_credits_monthly",
            limit(form.introduction_credits_monthly, 0, "Introduction credits"),
        );
        limits.team_seats = check("team_seats", limit(form.team_seats, 1, "Recruiters"));
        limits.active_vacancies = check(
            "active_vacancies",
            limit(form.active_vacancies, 0, "Active vacancies"),
        );
        limits.talent_searches_per_hour = check(
            "talent_searches_per_hour",
            limit(form.talent_searches_per_hour, 0, "Talent searches"),
        );
    }
    if current.trial_days.is_some() {
        trial_days = check(
            "trial_days",
            whole_number(form.trial_days, 1, 90, "The trial"),
        );
        if trial_days.is_none() && !errors.iter().any(|e| e.field == "trial_days") {
            errors.push(FieldError::new(
                "trial_days",
                "Say how many days the trial lasts.",
            ));
        }
    }
    let (mut monthly_price, mut yearly_price) = (current.monthly_price, current.yearly_price);
    if !plan.is_free() && !plan.contact_sales {
        let mut price = |field: &str, value: &str| match money_to_minor(value) {
            Ok(Some(0)) => {
                errors.push(FieldError::new(
                    field,
                    "A price is more than nothing; leave it empty to not sell it so.",
                ));
                None
            }
            Ok(price) => price,
            Err(message) => {
                errors.push(FieldError::new(field, message));
                None
            }
        };
        monthly_price = price("monthly_price", form.monthly_price);
        yearly_price = price("yearly_price", form.yearly_price);
        if monthly_price.is_none() && !errors.iter().any(|e| e.field == "monthly_price") {
            errors.push(FieldError::new("monthly_price", "Enter the monthly price."));
        }
    }
    let mut features = current.features.clone();
    if !plan.for_seekers {
        features = FEATURES
            .iter()
            .map(|(code, _)| *code)
            .filter(|code| form.features.iter().any(|f| f == code))
            .map(str::to_string)
            .collect();
        if form
            .features
            .iter()
            .any(|f| !FEATURES.iter().any(|(code, _)| code == f))
        {
            errors.push(FieldError::new(
                "features",
                "Choose features from the list.",
            ));
        }
    }
    if !(1..=60).contains(&name.chars().count()) {
        errors.push(FieldError::new(
            "name",
            "Give the plan a name of up to 60 characters.",
        ));
    }
    if description.chars().count() > 500 {
        errors.push(FieldError::new(
            "description",
            "Keep the description to 500 characters.",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(PlanTerms {
        name,
        description,
        on_sale: form.on_sale,
        monthly_price,
        yearly_price,
        trial_days,
        limits,
        features,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn basic() -> EditablePlan {
        EditablePlan {
            code: "basic".into(),
            for_seekers: false,
            contact_sales: false,
            version: 1,
            next_version: 2,
            terms: PlanTerms {
                name: "Basic".into(),
                description: "For a small team.".into(),
                on_sale: true,
                monthly_price: Some(5_000_000),
                yearly_price: Some(54_000_000),
                trial_days: None,
                limits: PlanLimits {
                    introduction_credits_monthly: Some(20),
                    team_seats: Some(3),
                    active_vacancies: Some(5),
                    talent_searches_per_hour: Some(100),
                    ..PlanLimits::default()
                },
                features: vec!["basic_search".into()],
            },
            subscribers: 0,
            on_this_version: 0,
        }
    }

    fn filled<'a>(features: &'a [String]) -> PlanForm<'a> {
        PlanForm {
            name: " Basic ",
            description: "For a small team.",
            on_sale: true,
            monthly_price: "55,000",
            yearly_price: "",
            trial_days: "",
            introduction_credits_monthly: "25",
            team_seats: "3",
            active_vacancies: "",
            talent_searches_per_hour: "100",
            super_likes_per_day: "7",
            auto_applies_per_day: "",
            features,
        }
    }

    fn fields(error: AppError) -> Vec<String> {
        match error {
            AppError::Validation(errors) => errors.into_iter().map(|e| e.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_company_plans_form_makes_its_next_version() {
        let features = vec!["confidential_roles".to_string(), "basic_search".to_string()];
        let change = read_plan_form(&basic(), &filled(&features)).unwrap();
        assert_eq!(change.name, "Basic");
        assert_eq!(change.monthly_price, Some(5_500_000));
        // Left empty: not sold yearly; no limit on vacancies.
        assert_eq!(change.yearly_price, None);
        assert_eq!(change.limits.active_vacancies, None);
        assert_eq!(change.limits.introduction_credits_monthly, Some(25));
        // A job seekers' limit is not a company plan's to set.
        assert_eq!(change.limits.super_likes_per_day, None);
        // In the list's order.
        assert_eq!(change.features, ["basic_search", "confidential_roles"]);
    }

    #[test]
    fn bad_prices_limits_and_features_are_named() {
        let features = vec!["free_lunch".to_string()];
        let form = PlanForm {
            name: "",
            monthly_price: "0",
            yearly_price: "12.345",
            team_seats: "0",
            talent_searches_per_hour: "-1",
            ..filled(&features)
        };
        assert_eq!(
            fields(read_plan_form(&basic(), &form).unwrap_err()),
            [
                "team_seats",
                "talent_searches_per_hour",
                "monthly_price",
                "yearly_price",
                "features",
                "name"
            ]
        );
        let form = PlanForm {
            monthly_price: " ",
            ..filled(&[])
        };
        assert_eq!(
            fields(read_plan_form(&basic(), &form).unwrap_err()),
            ["monthly_price"]
        );
    }

    #[test]
    fn free_plans_keep_no_price_and_the_trial_its_days() {
        let mut trial = basic();
        trial.terms.monthly_price = Some(0);
        trial.terms.yearly_price = Some(0);
        trial.terms.trial_days = Some(14);
        let form = PlanForm {
            monthly_price: "99",
            trial_days: "30",
            ..filled(&[])
        };
        let change = read_plan_form(&trial, &form).unwrap();
        assert_eq!(
            (change.monthly_price, change.trial_days),
            (Some(0), Some(30))
        );
        for days in ["", "0", "91"] {
            let form = PlanForm {
                trial_days: days,
                ..filled(&[])
            };
            assert_eq!(
                fields(read_plan_form(&trial, &form).unwrap_err()),
                ["trial_days"]
            );
        }
    }

    #[test]
    fn a_job_seekers_plan_sets_its_own_limits_only() {
        let mut plus = EditablePlan {
            for_seekers: true,
            ..basic()
        };
        plus.terms.monthly_price = Some(250_000);
        plus.terms.yearly_price = None;
        plus.terms.limits = PlanLimits {
            super_likes_per_day: Some(10),
            auto_applies_per_day: Some(50),
            ..PlanLimits::default()
        };
        plus.terms.features = vec!["plus_badge".into()];
        let features = vec!["confidential_roles".to_string()];
        let change = read_plan_form(&plus, &filled(&features)).unwrap();
        assert_eq!(change.limits.super_likes_per_day, Some(7));
        // Empty: no daily cap.
        assert_eq!(change.limits.auto_applies_per_day, None);
        assert_eq!(change.limits.team_seats, None);
        assert_eq!(change.features, ["plus_badge"]);
        let form = PlanForm {
            auto_applies_per_day: "0",
            ..filled(&[])
        };
        assert_eq!(
            fields(read_plan_form(&plus, &form).unwrap_err()),
            ["auto_applies_per_day"]
        );
    }
}
