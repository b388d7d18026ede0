//! Employer server functions for vacancies. Each starts from the session's
//! member and their company; another company's vacancy is answered like a
//! missing one.

#![expect(
    clippy::too_many_arguments,
    reason = "a server function takes one argument per form field"
)]

use super::{VacancyEditor, VacancyList};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::VacancyForm,
    super::db::{self, VacancyFields},
    super::rules::{self, StatusAction, VacancyStatus},
    crate::audit::{self, AuditEvent},
    crate::auth::CurrentUser,
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::billing::db::lock_allowance,
    crate::billing::rules::Feature,
    crate::error::Validator,
    crate::profiles::rules::{
        CURRENCIES, EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SALARY_PERIODS, SENIORITIES,
        calendar_date, money_to_minor, one_of, optional_text, required_text, whole_number,
    },
    crate::state::{RequestContext, app_state, respond},
    uuid::Uuid,
};

/// The signed-in employer, their company, and whether they may create and
/// change vacancies.
#[cfg(feature = "ssr")]
async fn member() -> Result<(CurrentUser, Uuid, bool), AppError> {
    let user = require_role(AccountType::Employer).await?;
    match db::creator(&app_state()?.pool, user.id).await? {
        Some((company_id, may_create)) => Ok((user, company_id, may_create)),
        None => Err(AppError::NoCompany),
    }
}

/// A member who may create and change vacancies.
#[cfg(feature = "ssr")]
async fn creator() -> Result<(CurrentUser, Uuid), AppError> {
    match member().await? {
        (user, company_id, true) => Ok((user, company_id)),
        _ => Err(AppError::Forbidden),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn vacancy_event(actor: Uuid, action: &'static str, id: Uuid) -> AuditEvent<'static> {
    AuditEvent {
        actor: Some(actor),
        action,
        target_type: "vacancy",
        target_id: Some(id.to_string()),
        metadata: serde_json::json!({}),
    }
}

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Checks the typed fields; a vacancy that is (or is about to be) published
/// must also meet `rules::publish_problems`.
#[cfg(feature = "ssr")]
pub(crate) fn validate(f: &VacancyForm, published: bool) -> Result<VacancyFields, AppError> {
    let mut v = Validator::new();
    let text = |v: &mut Validator, field: &str, value: &str, max: usize, what: &str| {
        v.check(field, optional_text(value, max, what))
            .flatten()
            .unwrap_or_default()
    };
    let list = |v: &mut Validator, field: &str, value: &str, what: &str| {
        v.check(field, rules::list_lines(value, 30, what))
            .unwrap_or_default()
    };
    let choice = |v: &mut Validator, field: &str, value: &str, allowed, message: &str| {
        v.check(field, one_of(value, allowed, message))
            .unwrap_or_default()
    };
    let mut fields = VacancyFields {
        title: v
            .check("title", required_text(&f.title, 200, "The job title"))
            .unwrap_or_default(),
        description: text(
            &mut v,
            "description",
            &f.description,
            20_000,
            "The description",
        ),
        responsibilities: list(
            &mut v,
            "responsibilities",
            &f.responsibilities,
            "Responsibilities",
        ),
        requirements: list(&mut v, "requirements", &f.requirements, "Requirements"),
        benefits: list(&mut v, "benefits", &f.benefits, "Benefits"),
        preferred_qualifications: text(
            &mut v,
            "preferred_qualifications",
            &f.preferred_qualifications,
            5_000,
            "Preferred qualifications",
        ),
        seniority: match f.seniority.as_str() {
            "" => None,
            s => v.check("seniority", one_of(s, &SENIORITIES, "Choose a level.")),
        },
        department: text(&mut v, "department", &f.department, 100, "The department"),
        employment_type: choice(
            &mut v,
            "employment_type",
            &f.employment_type,
            &EMPLOYMENT_TYPES[..],
            "Choose the kind of work.",
        ),
        work_schedule: text(
            &mut v,
            "work_schedule",
            &f.work_schedule,
            100,
            "The schedule",
        ),
        remote_option: choice(
            &mut v,
            "remote_option",
            &f.remote_option,
            // "No preference" is for candidates; a role is one of the three.
            &REMOTE_PREFERENCES[1..],
            "Choose on site, hybrid or remote.",
        ),
        country: text(&mut v, "country", &f.country, 100, "The country"),
        region: text(&mut v, "region", &f.region, 100, "The state or region"),
        city: text(&mut v, "city", &f.city, 100, "The city"),
        address: text(&mut v, "address", &f.address, 300, "The address"),
        salary_min_minor: v
            .check("salary_min", money_to_minor(&f.salary_min))
            .flatten(),
        salary_max_minor: v
            .check("salary_max", money_to_minor(&f.salary_max))
            .flatten(),
        salary_currency: match f.salary_currency.as_str() {
            "" => None,
            c if CURRENCIES.contains(&c) => Some(c.to_string()),
            _ => {
                v.add("salary_currency", "Choose a currency from the list.");
                None
            }
        },
        salary_period: match f.salary_period.as_str() {
            "" => None,
            p => v.check(
                "salary_period",
                one_of(p, &SALARY_PERIODS, "Choose a period."),
            ),
        },
        years_min: v
            .check(
                "years_min",
                whole_number(&f.years_min, 0, 60, "The minimum"),
            )
            .flatten(),
        years_max: v
            .check(
                "years_max",
                whole_number(&f.years_max, 0, 60, "The maximum"),
            )
            .flatten(),
        education_required: text(
            &mut v,
            "education_required",
            &f.education_required,
            200,
            "The education",
        ),
        required_skills: v
            .check(
                "required_skills",
                rules::skill_names(&f.required_skills, "Required skills"),
            )
            .unwrap_or_default(),
        preferred_skills: v
            .check(
                "preferred_skills",
                rules::skill_names(&f.preferred_skills, "Preferred skills"),
            )
            .unwrap_or_default(),
        is_confidential: f.is_confidential,
        application_deadline: v
            .check(
                "application_deadline",
                calendar_date(&f.application_deadline)
                    .and_then(|day| rules::apply_by(day, time::OffsetDateTime::now_utc().date())),
            )
            .flatten(),
        expected_start_date: v
            .check("expected_start_date", calendar_date(&f.expected_start_date))
            .flatten(),
    };
    if let (Some(min), Some(max)) = (fields.salary_min_minor, fields.salary_max_minor)
        && min > max
    {
        v.add("salary_max", "The maximum must not be below the minimum.");
    }
    let any_salary = fields.salary_min_minor.is_some() || fields.salary_max_minor.is_some();
    if any_salary && fields.salary_currency.is_none() {
        v.add("salary_currency", "Choose the currency of the salary.");
    }
    if any_salary && fields.salary_period.is_none() {
        v.add(
            "salary_period",
            "Choose whether the salary is per year, month or hour.",
        );
    }
    if let (Some(min), Some(max)) = (fields.years_min, fields.years_max)
        && min > max
    {
        v.add("years_max", "The maximum must not be below the minimum.");
    }
    // Skills needed and wanted are different lists.
    fields.preferred_skills.retain(|p| {
        !f.required_skills
            .split(',')
            .any(|r| r.trim().eq_ignore_ascii_case(p))
    });
    if published {
        for (field, message) in rules::publish_problems(&rules::PublishCheck {
            description: &fields.description,
            has_salary: fields.has_salary(),
            remote_option: &fields.remote_option,
            city: &fields.city,
            // Checked with the field above.
            apply_by_passed: false,
        }) {
            v.add(field, message);
        }
    }
    v.finish()?;
    Ok(fields)
}

/// The form fields as the editor sends them.
#[cfg(feature = "ssr")]
fn form_of(
    title: String,
    description: String,
    responsibilities: String,
    requirements: String,
    benefits: String,
    preferred_qualifications: String,
    seniority: String,
    department: String,
    employment_type: String,
    work_schedule: String,
    remote_option: String,
    country: String,
    region: String,
    city: String,
    address: String,
    salary_min: String,
    salary_max: String,
    salary_currency: String,
    salary_period: String,
    years_min: String,
    years_max: String,
    education_required: String,
    required_skills: String,
    preferred_skills: String,
    is_confidential: Option<String>,
    application_deadline: String,
    expected_start_date: String,
) -> VacancyForm {
    VacancyForm {
        title,
        description,
        responsibilities,
        requirements,
        benefits,
        preferred_qualifications,
        seniority,
        department,
        employment_type,
        work_schedule,
        remote_option,
        country,
        region,
        city,
        address,
        salary_min,
        salary_max,
        salary_currency,
        salary_period,
        years_min,
        years_max,
        education_required,
        required_skills,
        preferred_skills,
        is_confidential: is_confidential.is_some(),
        application_deadline,
        expected_start_date,
    }
}

#[server(endpoint = "employer/vacancies")]
pub async fn get_vacancies(status: String) -> Result<VacancyList, AppError> {
    respond(async move {
        let (_, company_id, may_create) = member().await?;
        let pool = app_state()?.pool;
        let status = match status.as_str() {
            "" => None,
            s => Some(VacancyStatus::parse(s).ok_or(AppError::NotFound)?),
        };
        let company_name =
            sqlx::query_scalar!("select name from companies where id = $1", company_id)
                .fetch_one(&pool)
                .await?;
        Ok(VacancyList {
            company_name,
            may_create,
            vacancies: db::list(&pool, company_id, status).await?,
            counts: db::counts(&pool, company_id).await?,
        })
    })
    .await
}

#[server(endpoint = "employer/vacancy")]
pub async fn get_vacancy(id: String) -> Result<VacancyEditor, AppError> {
    respond(async move {
        let (_, company_id) = creator().await?;
        let id = parse_id(&id)?;
        let pool = app_state()?.pool;
        let (status, slug, expires_at, form) =
            db::editor_row(&mut *pool.acquire().await?, company_id, id)
                .await?
                .ok_or(AppError::NotFound)?;
        let company_name =
            sqlx::query_scalar!("select name from companies where id = $1", company_id)
                .fetch_one(&pool)
                .await?;
        Ok(VacancyEditor {
            id,
            status,
            slug,
            company_name,
            form,
            expires_at,
            actions: rules::actions(status),
            history: db::history(&pool, id).await?,
        })
    })
    .await
}

/// The company's name, for the preview of a new vacancy.
#[server(endpoint = "employer/vacancy/company")]
pub async fn get_company_name() -> Result<String, AppError> {
    respond(async move {
        let (_, company_id) = creator().await?;
        Ok(
            sqlx::query_scalar!("select name from companies where id = $1", company_id)
                .fetch_one(&app_state()?.pool)
                .await?,
        )
    })
    .await
}

/// Saves a vacancy: a new draft when `id` is empty, else the company's
/// vacancy with that id. With `publish` set, a draft is published in the
/// same step (and must then meet what publishing needs).
#[server(endpoint = "employer/vacancy/save")]
pub async fn save_vacancy(
    id: String,
    title: String,
    description: String,
    responsibilities: String,
    requirements: String,
    benefits: String,
    preferred_qualifications: String,
    seniority: String,
    department: String,
    employment_type: String,
    work_schedule: String,
    remote_option: String,
    country: String,
    region: String,
    city: String,
    address: String,
    salary_min: String,
    salary_max: String,
    salary_currency: String,
    salary_period: String,
    years_min: String,
    years_max: String,
    education_required: String,
    required_skills: String,
    preferred_skills: String,
    is_confidential: Option<String>,
    application_deadline: String,
    expected_start_date: String,
    publish: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = creator().await?;
        let state = app_state()?;
        let form = form_of(
            title,
            description,
            responsibilities,
            requirements,
            benefits,
            preferred_qualifications,
            seniority,
            department,
            employment_type,
            work_schedule,
            remote_option,
            country,
            region,
            city,
            address,
            salary_min,
            salary_max,
            salary_currency,
            salary_period,
            years_min,
            years_max,
            education_required,
            required_skills,
            preferred_skills,
            is_confidential,
            application_deadline,
            expected_start_date,
        );
        let publish = publish.is_some();
        let mut tx = state.pool.begin().await?;
        let request = RequestContext::current(&state.config);
        // The company first, then the vacancy: the order every action that
        // adds to the plan's use locks in.
        let allowance = match publish || form.is_confidential {
            true => Some(lock_allowance(&mut tx, company_id).await?),
            false => None,
        };
        let confidential_feature = || {
            allowance
                .as_ref()
                .map_or(Ok(()), |a| a.feature(Feature::ConfidentialRoles))
        };
        let (id, status) = if id.is_empty() {
            let fields = validate(&form, publish)?;
            if fields.is_confidential {
                confidential_feature()?;
            }
            let id = Uuid::now_v7();
            db::insert(&mut tx, id, company_id, user.id, &fields).await?;
            audit::record(
                &mut tx,
                vacancy_event(user.id, "vacancy.created", id),
                &request,
            )
            .await?;
            (id, VacancyStatus::Draft)
        } else {
            let id = parse_id(&id)?;
            let status = db::lock_status(&mut tx, company_id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if status == VacancyStatus::Archived {
                return Err(AppError::Refused(
                    "An archived vacancy cannot be changed. Duplicate it to use it again.".into(),
                ));
            }
            let fields = validate(&form, publish || status != VacancyStatus::Draft)?;
            if fields.is_confidential && !db::is_confidential(&mut tx, id).await? {
                confidential_feature()?;
            }
            db::update(&mut tx, company_id, id, &fields).await?;
            (id, status)
        };
        let notice = if publish && status == VacancyStatus::Draft {
            if let Some(allowance) = &allowance {
                allowance.publish()?;
            }
            move_status(
                &mut tx,
                &request,
                user.id,
                id,
                status,
                VacancyStatus::Active,
            )
            .await?;
            "vacancy_active"
        } else {
            "vacancy_saved"
        };
        tx.commit().await?;
        leptos_axum::redirect(&format!("/employer/vacancies/{id}/edit?notice={notice}"));
        Ok(())
    })
    .await
}

/// Records a status change of a locked vacancy, in its history and the
/// audit log.
#[cfg(feature = "ssr")]
async fn move_status(
    tx: &mut sqlx::PgConnection,
    request: &RequestContext,
    actor: Uuid,
    id: Uuid,
    from: VacancyStatus,
    to: VacancyStatus,
) -> Result<(), AppError> {
    db::set_status(tx, id, from, to, Some(actor)).await?;
    audit::record(
        tx,
        vacancy_event(actor, "vacancy.status_changed", id)
            .with_metadata(serde_json::json!({ "from": from.as_str(), "to": to.as_str() })),
        request,
    )
    .await?;
    Ok(())
}

/// Publishes, pauses, reopens, fills, closes or archives one of the
/// company's vacancies.
#[server(endpoint = "employer/vacancy/status")]
pub async fn change_vacancy_status(id: String, action: String) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = creator().await?;
        let id = parse_id(&id)?;
        let action = StatusAction::parse(&action).ok_or(AppError::NotFound)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let opens = matches!(action, StatusAction::Publish | StatusAction::Resume);
        let allowance = match opens {
            true => Some(lock_allowance(&mut tx, company_id).await?),
            false => None,
        };
        let from = db::lock_status(&mut tx, company_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let to = rules::transition(from, action).map_err(AppError::Refused)?;
        if opens && crate::moderation::db::company_hidden(&mut tx, company_id).await? {
            return Err(AppError::Refused(
                "Our team has hidden your company's page, so nothing can be published until it is reinstated. See the decision in your notifications.".into(),
            ));
        }
        if action == StatusAction::Publish {
            let (description, has_salary, remote_option, city, apply_by_passed) =
                db::publish_facts(&mut tx, id).await?;
            let problems = rules::publish_problems(&rules::PublishCheck {
                description: &description,
                has_salary,
                remote_option: &remote_option,
                city: &city,
                apply_by_passed,
            });
            if !problems.is_empty() {
                return Err(AppError::Refused(format!(
                    "Not published yet: {}",
                    problems
                        .iter()
                        .map(|(_, m)| *m)
                        .collect::<Vec<_>>()
                        .join(" ")
                )));
            }
            // Published all the same; a moderator takes a look.
            if let Some(why) = crate::moderation::rules::screen_vacancy(&description) {
                let entity = crate::moderation::rules::Entity::Vacancy;
                crate::moderation::db::flag(&mut tx, entity, id, &why).await?;
            }
        }
        if let Some(allowance) = &allowance {
            allowance.publish()?;
        }
        let request = RequestContext::current(&state.config);
        move_status(&mut tx, &request, user.id, id, from, to).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/employer/vacancies/{id}/edit?notice=vacancy_{}#status",
            to.as_str()
        ));
        Ok(())
    })
    .await
}

/// Copies one of the company's vacancies into a new draft.
#[server(endpoint = "employer/vacancy/duplicate")]
pub async fn duplicate_vacancy(id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = creator().await?;
        let id = parse_id(&id)?;
        let state = app_state()?;
        let new_id = Uuid::now_v7();
        let mut tx = state.pool.begin().await?;
        if !db::duplicate(&mut tx, company_id, id, new_id, user.id).await? {
            return Err(AppError::NotFound);
        }
        audit::record(
            &mut tx,
            vacancy_event(user.id, "vacancy.created", new_id)
                .with_metadata(serde_json::json!({ "copied_from": id })),
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/employer/vacancies/{new_id}/edit?notice=vacancy_duplicated"
        ));
        Ok(())
    })
    .await
}
