//! Server functions for the repeatable sections: for candidates only and
//! always on their own entries (ids are matched together with the user id).

#![expect(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field"
)]

use super::{ProfileSections, SectionKind};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{db, rules::*},
    crate::auth::rules::AccountType,
    crate::auth::session::{require_role, require_user},
    crate::error::Validator,
    crate::profiles::rules::{
        EMPLOYMENT_TYPES, one_of, optional_text, phone as phone_number, required_text, web_address,
        whole_number,
    },
    crate::state::{app_state, respond},
    uuid::Uuid,
};

/// An entry id from a form: empty for a new entry.
#[cfg(feature = "ssr")]
fn entry_id(value: &str) -> Result<Option<Uuid>, AppError> {
    match value.trim() {
        "" => Ok(None),
        id => id.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

/// Turns a write's outcome into the answer and sends the browser back to
/// the section.
#[cfg(feature = "ssr")]
fn finish(saved: db::Saved, kind: SectionKind, notice: &str) -> Result<(), AppError> {
    match saved {
        db::Saved::Done => {
            leptos_axum::redirect(&format!("/profile?notice={notice}#{}", kind.anchor()));
            Ok(())
        }
        db::Saved::NotFound => Err(AppError::NotFound),
        db::Saved::Full => Err(AppError::Refused(format!(
            "A section can hold at most {MAX_ENTRIES} entries. Remove one first."
        ))),
    }
}

#[server(endpoint = "profile/sections")]
pub async fn get_my_sections() -> Result<ProfileSections, AppError> {
    respond(async {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        Ok(db::load(&state.pool, Some(&state.cipher), user.id).await?)
    })
    .await
}

#[server(endpoint = "profile/work")]
pub async fn save_work(
    id: String,
    company_name: String,
    job_title: String,
    employment_type: String,
    location: String,
    start: String,
    end: String,
    is_current: Option<String>,
    description: String,
    achievements: String,
    team_size: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?;
        let mut v = Validator::new();
        let is_current = is_current.is_some();
        let start = v.check("start", month(&start, "the start")).flatten();
        if start.is_none() {
            v.add("start", "Enter the month you started.");
        }
        // A current job has no end, whatever the end field holds.
        let end = if is_current {
            None
        } else {
            v.check("end", month(&end, "the end")).flatten()
        };
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            v.add("end", "The end must not be before the start.");
        }
        let work = db::Work {
            company_name: v
                .check("company_name", required_text(&company_name, 150, "Company"))
                .unwrap_or_default(),
            job_title: v
                .check("job_title", required_text(&job_title, 150, "Job title"))
                .unwrap_or_default(),
            employment_type: v
                .check(
                    "employment_type",
                    one_of(
                        &employment_type,
                        &EMPLOYMENT_TYPES,
                        "Choose a kind of work.",
                    ),
                )
                .unwrap_or_default(),
            location: v
                .check("location", optional_text(&location, 100, "The location"))
                .flatten(),
            start: start.unwrap_or(time::Date::MIN),
            end,
            is_current,
            description: v
                .check(
                    "description",
                    optional_text(&description, 5000, "The description"),
                )
                .flatten(),
            achievements: v
                .check("achievements", lines(&achievements, 10, 300))
                .unwrap_or_default(),
            team_size: v
                .check(
                    "team_size",
                    whole_number(&team_size, 0, 1_000_000, "The team size"),
                )
                .flatten(),
        };
        v.finish()?;
        let saved = db::save_work(&app_state()?.pool, user.id, id, &work).await?;
        finish(saved, SectionKind::Work, "entry_saved")
    })
    .await
}

#[server(endpoint = "profile/education")]
pub async fn save_education(
    id: String,
    institution: String,
    degree_type: String,
    field_of_study: String,
    start_year: String,
    end_year: String,
    grade: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?;
        let mut v = Validator::new();
        let start_year = v
            .check(
                "start_year",
                whole_number(&start_year, 1940, 2100, "The start year"),
            )
            .flatten();
        if start_year.is_none() {
            v.add("start_year", "Enter the year you started.");
        }
        let end_year = v
            .check(
                "end_year",
                whole_number(&end_year, 1940, 2100, "The end year"),
            )
            .flatten();
        if let (Some(s), Some(e)) = (start_year, end_year)
            && e < s
        {
            v.add(
                "end_year",
                "The end year must not be before the start year.",
            );
        }
        let education = db::Education {
            institution: v
                .check(
                    "institution",
                    required_text(&institution, 200, "School or university"),
                )
                .unwrap_or_default(),
            degree_type: v
                .check(
                    "degree_type",
                    one_of(&degree_type, &DEGREE_TYPES, "Choose a qualification."),
                )
                .unwrap_or_default(),
            field_of_study: v
                .check(
                    "field_of_study",
                    required_text(&field_of_study, 150, "Field of study"),
                )
                .unwrap_or_default(),
            start_year: start_year.unwrap_or_default(),
            end_year,
            grade: v
                .check("grade", optional_text(&grade, 50, "The grade"))
                .flatten(),
        };
        v.finish()?;
        let saved = db::save_education(&app_state()?.pool, user.id, id, &education).await?;
        finish(saved, SectionKind::Education, "entry_saved")
    })
    .await
}

#[server(endpoint = "profile/certification")]
pub async fn save_certification(
    id: String,
    name: String,
    issuer: String,
    issued: String,
    expires: String,
    credential_id: String,
    credential_url: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?;
        let mut v = Validator::new();
        let issued = v
            .check("issued", month(&issued, "the issue date"))
            .flatten();
        if issued.is_none() {
            v.add("issued", "Enter the month you got it.");
        }
        let expires = v
            .check("expires", month(&expires, "the expiry date"))
            .flatten();
        if let (Some(i), Some(e)) = (issued, expires)
            && e < i
        {
            v.add("expires", "The expiry must not be before the issue date.");
        }
        let certification = db::Certification {
            name: v
                .check("name", required_text(&name, 200, "Certification name"))
                .unwrap_or_default(),
            issuer: v
                .check(
                    "issuer",
                    required_text(&issuer, 200, "Issuing organisation"),
                )
                .unwrap_or_default(),
            issued: issued.unwrap_or(time::Date::MIN),
            expires,
            credential_id: v
                .check(
                    "credential_id",
                    optional_text(&credential_id, 100, "The credential ID"),
                )
                .flatten(),
            credential_url: v
                .check(
                    "credential_url",
                    web_address(&credential_url, None, "A verification address"),
                )
                .flatten(),
        };
        v.finish()?;
        let saved = db::save_certification(&app_state()?.pool, user.id, id, &certification).await?;
        finish(saved, SectionKind::Certification, "entry_saved")
    })
    .await
}

/// Adds a skill by name (`id` empty), or changes the details of one the
/// person has. A name that is not in the taxonomy is added to it, unreviewed.
#[server(endpoint = "profile/skill")]
pub async fn save_skill(
    id: String,
    skill_name: String,
    proficiency: String,
    years: String,
    is_primary: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?;
        let mut v = Validator::new();
        let proficiency = v
            .check(
                "proficiency",
                one_of(&proficiency, &PROFICIENCIES, "Choose a level."),
            )
            .unwrap_or_default();
        let years = v
            .check("years", whole_number(&years, 0, 70, "Years"))
            .flatten();
        let name = match id {
            None => v.check("skill_name", normalise_skill_name(&skill_name)),
            Some(_) => None,
        };
        v.finish()?;
        let pool = app_state()?.pool;
        let saved = match (id, name) {
            (Some(id), _) => {
                db::update_skill(
                    &pool,
                    user.id,
                    id,
                    &proficiency,
                    years,
                    is_primary.is_some(),
                )
                .await?
            }
            (None, Some(name)) => {
                let mut tx = pool.begin().await?;
                let skill_id = db::resolve_skill(&mut tx, &name).await?;
                let skill = db::Skill {
                    skill_id,
                    proficiency,
                    years,
                    is_primary: is_primary.is_some(),
                };
                let saved = db::add_skill(&mut *tx, user.id, &skill).await?;
                tx.commit().await?;
                saved
            }
            (None, None) => return Err(AppError::Internal),
        };
        finish(saved, SectionKind::Skill, "entry_saved")
    })
    .await
}

/// Up to ten taxonomy skills matching what has been typed, for the picker.
#[server(endpoint = "skills/suggest")]
pub async fn suggest_skills(typed: String) -> Result<Vec<String>, AppError> {
    respond(async move {
        require_user().await?;
        let typed: String = typed.trim().chars().take(60).collect();
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        Ok(db::suggest_skills(&app_state()?.pool, &typed).await?)
    })
    .await
}

#[server(endpoint = "profile/reference")]
pub async fn save_reference(
    id: String,
    name: String,
    email: String,
    phone: String,
    company: String,
    job_title: String,
    relationship: String,
    permission_to_contact: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?;
        let mut v = Validator::new();
        let email = match email.trim() {
            "" => {
                v.add("email", "Enter the reference's email address.");
                None
            }
            typed => v.check(
                "email",
                crate::auth::rules::Email::parse(typed).map(|e| e.as_str().to_string()),
            ),
        };
        let reference = db::Reference {
            name: v
                .check("name", required_text(&name, 150, "Reference's name"))
                .unwrap_or_default(),
            email: email.unwrap_or_default(),
            phone: v.check("phone", phone_number(&phone)).flatten(),
            company: v
                .check("company", optional_text(&company, 150, "The company"))
                .flatten(),
            job_title: v
                .check("job_title", optional_text(&job_title, 150, "The job title"))
                .flatten(),
            relationship: v
                .check(
                    "relationship",
                    one_of(&relationship, &RELATIONSHIPS, "Choose how you know them."),
                )
                .unwrap_or_default(),
            permission_to_contact: permission_to_contact.is_some(),
        };
        v.finish()?;
        let state = app_state()?;
        let saved = db::save_reference(&state.pool, &state.cipher, user.id, id, &reference).await?;
        finish(saved, SectionKind::Reference, "entry_saved")
    })
    .await
}

#[server(endpoint = "profile/entry/delete")]
pub async fn delete_entry(kind: SectionKind, id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?.ok_or(AppError::NotFound)?;
        if !db::delete(&app_state()?.pool, kind, user.id, id).await? {
            return Err(AppError::NotFound);
        }
        finish(db::Saved::Done, kind, "entry_deleted")
    })
    .await
}

/// Moves an entry one place `up` or `down` in its section.
#[server(endpoint = "profile/entry/move")]
pub async fn move_entry(kind: SectionKind, id: String, direction: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = entry_id(&id)?.ok_or(AppError::NotFound)?;
        let up = match direction.as_str() {
            "up" => true,
            "down" => false,
            _ => return Err(AppError::NotFound),
        };
        if !db::move_entry(&app_state()?.pool, kind, user.id, id, up).await? {
            return Err(AppError::NotFound);
        }
        finish(db::Saved::Done, kind, "entry_moved")
    })
    .await
}
