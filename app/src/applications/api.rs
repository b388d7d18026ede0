//! The candidate's server functions: apply, save, the tracker, withdraw.
//! Each works only on the signed-in candidate's own rows.

use super::{MyApplicationsPage, SavedItem};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::APPLICATIONS_PER_PAGE,
    super::db::{self, Applied},
    super::rules::{self, Mover, Stage},
    crate::audit::{self, AuditEvent},
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::error::Validator,
    crate::state::{RequestContext, app_state, respond},
    uuid::Uuid,
};

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// Where a vacancy's page is, for the redirect after acting on it.
#[cfg(feature = "ssr")]
async fn vacancy_slug(conn: &mut sqlx::PgConnection, id: Uuid) -> Result<String, AppError> {
    sqlx::query_scalar!(
        r#"select slug as "slug!" from vacancies where id = $1 and slug is not null"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

#[server(endpoint = "applications/apply")]
pub async fn apply(
    vacancy_id: String,
    resume_id: String,
    cover_letter: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        if !user.email_verified {
            return Err(AppError::Refused(
                "Confirm your email address before applying: we sent you a link.".into(),
            ));
        }
        let vacancy_id = parse_id(&vacancy_id)?;
        let state = app_state()?;
        let mut v = Validator::new();
        let cover_letter = v
            .check(
                "cover_letter",
                crate::profiles::rules::optional_text(&cover_letter, 5000, "The cover letter"),
            )
            .flatten()
            .unwrap_or_default();
        let resumes = db::resumes(&state.pool, user.id).await?;
        let resume = match resume_id.parse::<Uuid>() {
            Ok(id) if resumes.iter().any(|r| r.id == id) => Some(id),
            _ if resumes.is_empty() => {
                v.add(
                    "resume_id",
                    "Upload a résumé on your profile first, then apply with it.",
                );
                None
            }
            _ => {
                v.add("resume_id", "Choose one of your résumés.");
                None
            }
        };
        v.finish()?;
        let mut tx = state.pool.begin().await?;
        let slug = vacancy_slug(&mut tx, vacancy_id).await?;
        let score = match crate::board::db::posting(&mut tx, &slug).await? {
            Some(row) => {
                let skills = crate::board::db::skills_of(&mut tx, &[vacancy_id]).await?;
                let facts = crate::board::db::candidate_facts(&mut tx, user.id)
                    .await?
                    .unwrap_or_default();
                crate::matching::match_score(
                    &facts,
                    &crate::board::db::vacancy_facts(&row.hit, &skills),
                )
                .score
            }
            None => return Err(AppError::NotFound),
        };
        match db::apply(
            &mut tx,
            vacancy_id,
            user.id,
            resume,
            &cover_letter,
            score,
            "direct",
        )
        .await?
        {
            Applied::Created(id) => {
                audit::record(
                    &mut tx,
                    AuditEvent {
                        actor: Some(user.id),
                        action: "application.submitted",
                        target_type: "application",
                        target_id: Some(id.to_string()),
                        metadata: serde_json::json!({ "vacancy_id": vacancy_id }),
                    },
                    &RequestContext::current(&state.config),
                )
                .await?;
            }
            // A repeat of the same application succeeds without a second row.
            Applied::AlreadyThere => {}
            Applied::Closed => {
                return Err(AppError::Refused(
                    "This vacancy is not taking applications any more.".into(),
                ));
            }
        }
        tx.commit().await?;
        leptos_axum::redirect(&format!("/jobs/{slug}?notice=applied#apply"));
        Ok(())
    })
    .await
}

#[server(endpoint = "saved/save")]
pub async fn save_vacancy_for_later(
    vacancy_id: String,
    #[server(default)] note: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let vacancy_id = parse_id(&vacancy_id)?;
        let mut v = Validator::new();
        let note = v
            .check(
                "note",
                crate::profiles::rules::optional_text(&note, 1000, "The note"),
            )
            .flatten()
            .unwrap_or_default();
        v.finish()?;
        let slug = keep_saved(user.id, vacancy_id, true, Some(&note)).await?;
        leptos_axum::redirect(&rules::return_after_saving(
            &back,
            &slug,
            "vacancy_saved_for_later",
        ));
        Ok(())
    })
    .await
}

/// Removes a vacancy from the saved list; `back` is where to go after
/// (`rules::return_after_saving`).
#[server(endpoint = "saved/remove")]
pub async fn unsave_vacancy(vacancy_id: String, back: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let slug = keep_saved(user.id, parse_id(&vacancy_id)?, false, None).await?;
        leptos_axum::redirect(&rules::return_after_saving(&back, &slug, "vacancy_unsaved"));
        Ok(())
    })
    .await
}

/// The search's bookmark: saves (keeping a note the vacancy has) or
/// removes, as `saved` asks, and answers the state the vacancy is in now;
/// `back` as above.
#[server(endpoint = "saved/set")]
pub async fn set_vacancy_saved(
    vacancy_id: String,
    saved: bool,
    back: String,
) -> Result<bool, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let slug = keep_saved(user.id, parse_id(&vacancy_id)?, saved, None).await?;
        let notice = if saved {
            "vacancy_saved_for_later"
        } else {
            "vacancy_unsaved"
        };
        leptos_axum::redirect(&rules::return_after_saving(&back, &slug, notice));
        Ok(saved)
    })
    .await
}

/// Saves a vacancy (with `note`, or keeping the one it has) or removes it
/// from the saved list; answers its slug for the redirect. A vacancy that
/// cannot be saved (a draft, hidden, unknown) is not found.
#[cfg(feature = "ssr")]
async fn keep_saved(
    user_id: Uuid,
    vacancy_id: Uuid,
    saved: bool,
    note: Option<&str>,
) -> Result<String, AppError> {
    let mut tx = app_state()?.pool.begin().await?;
    if saved {
        if !db::save(&mut tx, user_id, vacancy_id, note).await? {
            return Err(AppError::NotFound);
        }
    } else {
        db::unsave(&mut tx, user_id, vacancy_id).await?;
    }
    let slug = vacancy_slug(&mut tx, vacancy_id).await?;
    tx.commit().await?;
    Ok(slug)
}

#[server(endpoint = "saved")]
pub async fn get_saved() -> Result<Vec<SavedItem>, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        Ok(db::saved(&app_state()?.pool, user.id).await?)
    })
    .await
}

/// A `page` (from 1) of the candidate's applications, newest first.
#[server(endpoint = "applications/mine")]
pub async fn get_my_applications(
    #[server(default)] page: Option<i64>,
) -> Result<MyApplicationsPage, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let mut conn = app_state()?.pool.acquire().await?;
        let page = page.unwrap_or(1).max(1);
        let offset = (page - 1).saturating_mul(APPLICATIONS_PER_PAGE);
        let (applications, total) =
            db::mine(&mut conn, user.id, Some(APPLICATIONS_PER_PAGE), offset).await?;
        Ok(MyApplicationsPage {
            applications,
            total,
            page,
        })
    })
    .await
}

#[server(endpoint = "applications/withdraw")]
pub async fn withdraw_application(id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = parse_id(&id)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let from = db::lock_own(&mut tx, id, user.id)
            .await?
            .ok_or(AppError::NotFound)?;
        rules::move_to(from, Stage::Withdrawn, Mover::Candidate).map_err(AppError::Refused)?;
        db::set_stage(&mut tx, id, Stage::Withdrawn, "").await?;
        db::add_event(
            &mut tx,
            id,
            "withdrawn",
            Some(from),
            Some(Stage::Withdrawn),
            "",
            None,
            "",
            false,
            Some(user.id),
        )
        .await?;
        audit::record(
            &mut tx,
            AuditEvent {
                actor: Some(user.id),
                action: "application.withdrawn",
                target_type: "application",
                target_id: Some(id.to_string()),
                metadata: serde_json::json!({ "from": from.as_str() }),
            },
            &RequestContext::current(&state.config),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!(
            "/applications?notice=application_withdrawn#application-{id}"
        ));
        Ok(())
    })
    .await
}
