//! Profile server functions: for candidates only, always on their own
//! profile (no function takes a user id).

#![expect(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field"
)]

use super::{ProfileForm, PublicProfile};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{db, rules},
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::error::Validator,
    crate::state::{app_state, respond},
};

#[cfg(feature = "ssr")]
/// Back to the section saved (or to the onboarding step it came from).
fn saved(section: &str) {
    super::onboarding::return_after_change("profile_saved", section);
}

#[server(endpoint = "profile")]
pub async fn get_my_profile() -> Result<ProfileForm, AppError> {
    respond(async {
        let user = require_role(AccountType::Candidate).await?;
        Ok(db::load(&app_state()?.pool, user.id).await?)
    })
    .await
}

#[server(endpoint = "profile/identity")]
pub async fn save_identity(
    first_name: String,
    last_name: String,
    preferred_name: String,
    headline: String,
    summary: String,
    phone: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let mut v = Validator::new();
        let identity = db::Identity {
            first_name: v
                .check(
                    "first_name",
                    rules::required_text(&first_name, 100, "First name"),
                )
                .unwrap_or_default(),
            last_name: v
                .check(
                    "last_name",
                    rules::required_text(&last_name, 100, "Last name"),
                )
                .unwrap_or_default(),
            preferred_name: v
                .check(
                    "preferred_name",
                    rules::optional_text(&preferred_name, 100, "A preferred name"),
                )
                .flatten(),
            headline: v
                .check(
                    "headline",
                    rules::optional_text(&headline, 200, "The headline"),
                )
                .flatten(),
            summary: v
                .check(
                    "summary",
                    rules::optional_text(&summary, 5000, "The summary"),
                )
                .flatten(),
            phone: v.check("phone", rules::phone(&phone)).flatten(),
        };
        v.finish()?;
        db::save_identity(&app_state()?.pool, user.id, &identity).await?;
        saved("identity");
        Ok(())
    })
    .await
}

#[server(endpoint = "profile/current-role")]
pub async fn save_current_role(
    current_title: String,
    current_company: String,
    industry_id: String,
    years_of_experience: String,
    seniority: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let pool = app_state()?.pool;
        let mut v = Validator::new();
        let industry_id = match industry_id.trim() {
            "" => None,
            id => match id.parse() {
                Ok(id) if db::industry_exists(&pool, id).await? => Some(id),
                _ => {
                    v.add("industry_id", "Choose an industry from the list.");
                    None
                }
            },
        };
        let role = db::CurrentRole {
            title: v
                .check(
                    "current_title",
                    rules::optional_text(&current_title, 150, "The job title"),
                )
                .flatten(),
            company: v
                .check(
                    "current_company",
                    rules::optional_text(&current_company, 150, "The company"),
                )
                .flatten(),
            industry_id,
            years_of_experience: v
                .check(
                    "years_of_experience",
                    rules::whole_number(&years_of_experience, 0, 70, "Years of experience"),
                )
                .flatten(),
            seniority: match seniority.as_str() {
                "" => None,
                s => v.check(
                    "seniority",
                    rules::one_of(s, &rules::SENIORITIES, "Choose a level from the list."),
                ),
            },
        };
        v.finish()?;
        db::save_current_role(&pool, user.id, &role).await?;
        saved("current-role");
        Ok(())
    })
    .await
}

#[server(endpoint = "profile/location")]
pub async fn save_location(
    country: String,
    region: String,
    city: String,
    willing_to_relocate: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let mut v = Validator::new();
        let location = db::Location {
            country: v
                .check(
                    "country",
                    rules::optional_text(&country, 100, "The country"),
                )
                .flatten(),
            region: v
                .check(
                    "region",
                    rules::optional_text(&region, 100, "The state or region"),
                )
                .flatten(),
            city: v
                .check("city", rules::optional_text(&city, 100, "The city"))
                .flatten(),
            willing_to_relocate: willing_to_relocate.is_some(),
        };
        v.finish()?;
        db::save_location(&app_state()?.pool, user.id, &location).await?;
        saved("location");
        Ok(())
    })
    .await
}

/// One checkbox per employment type (plain form posts cannot send a list
/// in the shape the server function decoder reads).
#[server(endpoint = "profile/preferences")]
pub async fn save_preferences(
    full_time: Option<String>,
    part_time: Option<String>,
    contract: Option<String>,
    consulting: Option<String>,
    internship: Option<String>,
    remote_preference: String,
    salary_min: String,
    salary_max: String,
    salary_currency: String,
    salary_period: String,
    notice_period_days: String,
    open_to_opportunities: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let mut v = Validator::new();
        let chosen = [full_time, part_time, contract, consulting, internship];
        let employment_types = rules::EMPLOYMENT_TYPES
            .iter()
            .zip(chosen)
            .filter(|(_, on)| on.is_some())
            .map(|((value, _), _)| value.to_string())
            .collect();
        let remote = v
            .check(
                "remote_preference",
                rules::one_of(
                    &remote_preference,
                    &rules::REMOTE_PREFERENCES,
                    "Choose a way of working.",
                ),
            )
            .unwrap_or_default();
        let min = v
            .check("salary_min", rules::money_to_minor(&salary_min))
            .flatten();
        let max = v
            .check("salary_max", rules::money_to_minor(&salary_max))
            .flatten();
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            v.add("salary_max", "The maximum must not be below the minimum.");
        }
        let has_salary = min.is_some() || max.is_some();
        let currency = match salary_currency.as_str() {
            "" if has_salary => {
                v.add("salary_currency", "Choose the currency of your salary.");
                None
            }
            "" => None,
            c if rules::CURRENCIES.contains(&c) => Some(c.to_string()),
            _ => {
                v.add("salary_currency", "Choose a currency from the list.");
                None
            }
        };
        let period = match salary_period.as_str() {
            "" if has_salary => {
                v.add(
                    "salary_period",
                    "Choose whether the salary is per year, month or hour.",
                );
                None
            }
            "" => None,
            p => v.check(
                "salary_period",
                rules::one_of(p, &rules::SALARY_PERIODS, "Choose a period from the list."),
            ),
        };
        let notice = v
            .check(
                "notice_period_days",
                rules::whole_number(&notice_period_days, 0, 365, "The notice period"),
            )
            .flatten();
        v.finish()?;
        let preferences = db::Preferences {
            employment_types,
            remote_preference: remote,
            salary_min_minor: min,
            salary_max_minor: max,
            salary_currency: currency,
            salary_period: period,
            notice_period_days: notice,
            open_to_opportunities: open_to_opportunities.is_some(),
        };
        db::save_preferences(&app_state()?.pool, user.id, &preferences).await?;
        saved("preferences");
        Ok(())
    })
    .await
}

#[server(endpoint = "profile/links")]
pub async fn save_links(linkedin_url: String, portfolio_url: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let mut v = Validator::new();
        let linkedin = v
            .check(
                "linkedin_url",
                rules::web_address(&linkedin_url, Some("linkedin.com"), "A LinkedIn address"),
            )
            .flatten();
        let portfolio = v
            .check(
                "portfolio_url",
                rules::web_address(&portfolio_url, None, "A website address"),
            )
            .flatten();
        v.finish()?;
        let flagged = crate::moderation::rules::screen_links(
            &[linkedin.as_deref(), portfolio.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        );
        let mut tx = app_state()?.pool.begin().await?;
        db::save_links(&mut *tx, user.id, linkedin, portfolio).await?;
        if let Some(why) = flagged {
            let entity = crate::moderation::rules::Entity::Profile;
            crate::moderation::db::flag(&mut tx, entity, user.id, &why).await?;
        }
        tx.commit().await?;
        saved("links");
        Ok(())
    })
    .await
}

/// A profile as the current visitor may see it. Anyone the owner's
/// visibility excludes gets "not found", as for a profile that does not exist.
#[server(endpoint = "profile/public")]
pub async fn get_public_profile(user_id: uuid::Uuid) -> Result<PublicProfile, AppError> {
    respond(async move {
        let viewer = crate::auth::session::current_user().await?;
        let pool = app_state()?.pool;
        let row = db::public_row(&pool, user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let may_see = super::confidential::db::may_see_profile(
            &pool,
            row.user_id,
            &row.profile_visibility,
            viewer.as_ref(),
        )
        .await?;
        if !may_see {
            return Err(AppError::NotFound);
        }
        let mut can_ask_introduction = false;
        if let Some(v) = &viewer
            && v.account_type == AccountType::Employer
        {
            super::views::db::record(&pool, row.user_id, v.id, "profile").await?;
            can_ask_introduction = sqlx::query_scalar!(
                "select can_send_introductions from company_members where user_id = $1",
                v.id
            )
            .fetch_optional(&pool)
            .await?
            .unwrap_or(false);
        }
        let location = [row.city, row.region, row.country]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        Ok(PublicProfile {
            user_id: row.user_id,
            display_name: match row.preferred_name {
                Some(preferred) => format!("{preferred} {}", row.last_name),
                None => format!("{} {}", row.first_name, row.last_name),
            }
            .trim()
            .to_string(),
            headline: row.headline,
            summary: row.summary,
            current_title: row.current_title,
            current_company: row.current_company,
            industry: row.industry,
            years_of_experience: row.years_of_experience,
            seniority: row
                .seniority
                .map(|s| rules::label_of(&s, &rules::SENIORITIES).to_string()),
            location: (!location.is_empty()).then_some(location),
            willing_to_relocate: row.willing_to_relocate,
            open_to_opportunities: row.open_to_opportunities,
            identity_verified: row.identity_verified,
            employment_types: row
                .employment_types
                .iter()
                .map(|t| rules::label_of(t, &rules::EMPLOYMENT_TYPES).to_string())
                .collect(),
            remote_preference: rules::label_of(&row.remote_preference, &rules::REMOTE_PREFERENCES)
                .to_string(),
            linkedin_url: row.linkedin_url,
            portfolio_url: row.portfolio_url,
            email: row.show_email.then_some(row.email),
            phone: row.phone.filter(|_| row.show_phone),
            visibility: row.profile_visibility,
            is_owner: viewer.as_ref().is_some_and(|v| v.id == row.user_id),
            can_ask_introduction,
            sections: super::sections::db::load(&pool, None, row.user_id).await?,
            photo_id: crate::media::db::primary_photo(&pool, row.user_id).await?,
            video: crate::media::video::db::of_user(&pool, row.user_id, true).await?,
        })
    })
    .await
}

#[server(endpoint = "profile/completeness")]
pub async fn get_completeness() -> Result<super::completeness::Completeness, AppError> {
    respond(async {
        let user = require_role(AccountType::Candidate).await?;
        let facts = db::completeness_facts(&app_state()?.pool, user.id).await?;
        Ok(super::completeness::completeness(&facts))
    })
    .await
}
