//! The employer's pipeline of one vacancy: applicants by stage, moving one
//! or many, and the timeline of interviews, calls, notes and feedback.
//! Every function starts from the member's company; another company's
//! vacancy or application is answered like a missing one.

use super::TimelineEntry;
use super::rules::Stage;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[cfg(feature = "ssr")]
use {
    super::db,
    super::rules::{self, Mover},
    crate::audit::{self, AuditEvent},
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::error::Validator,
    crate::notifications::{Notice, notify},
    crate::state::{RequestContext, app_state, respond},
};

/// An applicant in the pipeline list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantRow {
    pub id: Uuid,
    pub name: String,
    pub headline: String,
    pub match_score: i16,
    pub stage: Stage,
    pub applied_at: OffsetDateTime,
    /// Sent by the candidate's auto-apply rather than by hand.
    pub auto_applied: bool,
}

/// One vacancy's pipeline: one page of one stage (or all), or the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub vacancy_id: Uuid,
    pub title: String,
    pub slug: Option<String>,
    /// Applicants at each stage, in `Stage::ALL` order.
    pub counts: Vec<(Stage, i64)>,
    /// One page of applicants, best match first; on the board, the best
    /// `BOARD_COLUMN_SIZE` of each stage.
    pub applicants: Vec<ApplicantRow>,
    /// Whether it takes applications sent by candidates' auto-apply.
    pub accepts_auto_apply: bool,
    /// Which page (from 1) and whether another follows.
    pub page: i64,
    pub has_next: bool,
}

/// Everything about one applicant the employer may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicantDetail {
    pub id: Uuid,
    pub vacancy_id: Uuid,
    pub candidate_id: Uuid,
    pub name: String,
    pub email: String,
    pub headline: String,
    pub place: String,
    pub skills: Vec<String>,
    pub cover_letter: String,
    /// (address, file name) of the résumé they applied with.
    pub resume: Option<(String, String)>,
    pub match_score: i16,
    pub stage: Stage,
    pub rejection_reason: String,
    pub applied_at: OffsetDateTime,
    pub timeline: Vec<TimelineEntry>,
}

/// How many applicants one page of the pipeline lists.
pub const PIPELINE_PAGE_SIZE: i64 = 50;

/// How many cards a column of the board shows; the list has the rest.
pub const BOARD_COLUMN_SIZE: i64 = 30;

/// What the pipeline page shows, as its address keeps it: the board or the
/// list (of one stage, one page), and the open applicant. Forms send it
/// back so a change returns to the same view; anything unknown or malformed
/// in it is dropped, so it can only ever lead back to this page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PipelineAddress {
    pub list: bool,
    pub stage: Option<Stage>,
    /// From 1.
    pub page: i64,
    pub application: Option<Uuid>,
}

impl PipelineAddress {
    /// Read through `get` (a query's value by name).
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            list: get("view").as_deref() == Some("list"),
            stage: get("stage").and_then(|s| Stage::parse(&s)),
            page: get("page")
                .and_then(|p| p.parse::<i64>().ok())
                .unwrap_or(1)
                .clamp(1, 100_000),
            application: get("application").and_then(|a| a.parse().ok()),
        }
    }

    /// Read from a query string (`view=list&stage=offer`).
    pub fn from_query(query: &str) -> Self {
        let pairs: Vec<(&str, &str)> = query.split('&').filter_map(|p| p.split_once('=')).collect();
        Self::read(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        })
    }

    /// The board, unless the list or one stage of it was asked for.
    pub fn is_board(&self) -> bool {
        !self.list && self.stage.is_none()
    }

    /// The query string, without `?`; empty for the board's first view.
    pub fn query(&self) -> String {
        let page = (self.page > 1 && !self.is_board()).then(|| self.page.to_string());
        [
            (
                "view",
                (self.list && self.stage.is_none()).then(|| "list".to_string()),
            ),
            ("stage", self.stage.map(|s| s.as_str().to_string())),
            ("page", page),
            ("application", self.application.map(|a| a.to_string())),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={v}")))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// The page's address for `vacancy_id`, with a `notice` to show if any.
    pub fn href(&self, vacancy_id: Uuid, notice: Option<&str>) -> String {
        let mut query = self.query();
        if let Some(notice) = notice {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str("notice=");
            query.push_str(notice);
        }
        let base = format!("/employer/vacancies/{vacancy_id}/pipeline");
        if query.is_empty() {
            base
        } else {
            format!("{base}?{query}")
        }
    }

    /// The same view with `application` open (or none).
    pub fn opening(&self, application: Option<Uuid>) -> Self {
        Self {
            application,
            ..self.clone()
        }
    }
}

/// The member's company.
#[cfg(feature = "ssr")]
async fn company_of_member() -> Result<(crate::auth::CurrentUser, Uuid), AppError> {
    let user = require_role(AccountType::Employer).await?;
    match crate::vacancies::db::creator(&app_state()?.pool, user.id).await? {
        Some((company_id, _)) => Ok((user, company_id)),
        None => Err(AppError::NotFound),
    }
}

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

#[server(endpoint = "pipeline")]
pub async fn get_pipeline(
    vacancy_id: String,
    stage: String,
    page: Option<i64>,
    #[server(default)] board: bool,
) -> Result<Pipeline, AppError> {
    respond(async move {
        let (_, company_id) = company_of_member().await?;
        let vacancy_id = parse_id(&vacancy_id)?;
        let stage = match stage.as_str() {
            "" => None,
            s => Some(Stage::parse(s).ok_or(AppError::NotFound)?),
        };
        let page = page.unwrap_or(1).clamp(1, 100_000);
        let pool = app_state()?.pool;
        // The vacancy with its count of applicants in each stage.
        let vacancy = sqlx::query!(
            r#"select v.title, v.slug, v.accepts_auto_apply,
                      c.statuses as "statuses!", c.counts as "counts!"
                 from vacancies v
                 cross join lateral (
                       select coalesce(array_agg(g.status), '{}') as statuses,
                              coalesce(array_agg(g.n), '{}') as counts
                         from (select status, count(*) as n from applications
                                where vacancy_id = v.id group by status) g) c
                where v.id = $1 and v.company_id = $2"#,
            vacancy_id,
            company_id
        )
        .fetch_optional(&pool)
        .await?
        .ok_or(AppError::NotFound)?;
        let listed = if board {
            let stages: Vec<String> = Stage::employer_targets()
                .iter()
                .map(|s| s.as_str().to_string())
                .collect();
            db::board_applicants(&pool, vacancy_id, &stages, BOARD_COLUMN_SIZE).await?
        } else {
            db::applicants_page(
                &pool,
                vacancy_id,
                stage,
                PIPELINE_PAGE_SIZE + 1,
                (page - 1) * PIPELINE_PAGE_SIZE,
            )
            .await?
        };
        let mut applicants: Vec<ApplicantRow> = listed
            .into_iter()
            .filter_map(|r| {
                Some(ApplicantRow {
                    id: r.id,
                    name: r.name,
                    headline: r.headline,
                    match_score: r.match_score,
                    stage: Stage::parse(&r.status)?,
                    applied_at: r.created_at,
                    auto_applied: r.source == "auto_apply",
                })
            })
            .collect();
        let has_next = !board && applicants.len() as i64 > PIPELINE_PAGE_SIZE;
        if !board {
            applicants.truncate(PIPELINE_PAGE_SIZE as usize);
        }
        Ok(Pipeline {
            vacancy_id,
            title: vacancy.title,
            slug: vacancy.slug,
            accepts_auto_apply: vacancy.accepts_auto_apply,
            counts: Stage::ALL
                .into_iter()
                .map(|s| {
                    let at = vacancy
                        .statuses
                        .iter()
                        .position(|status| status == s.as_str());
                    (
                        s,
                        at.and_then(|at| vacancy.counts.get(at).copied())
                            .unwrap_or(0),
                    )
                })
                .collect(),
            applicants,
            page,
            has_next,
        })
    })
    .await
}

#[server(endpoint = "pipeline/applicant")]
pub async fn get_applicant(id: String) -> Result<ApplicantDetail, AppError> {
    respond(async move {
        let (_, company_id) = company_of_member().await?;
        let id = parse_id(&id)?;
        let pool = app_state()?.pool;
        let r = sqlx::query!(
            r#"select a.id, a.vacancy_id, a.candidate_id, a.status, a.match_score, a.cover_letter,
                      a.rejection_reason, a.created_at, a.resume_id, r.file_name as "file_name?",
                      u.email, p.first_name as "first_name?", p.last_name as "last_name?",
                      p.headline as "headline?", p.city as "city?", p.country as "country?"
                 from applications a
                 join vacancies v on v.id = a.vacancy_id
                 join users u on u.id = a.candidate_id
                 left join candidate_profiles p on p.user_id = a.candidate_id
                 left join resumes r on r.id = a.resume_id
                where a.id = $1 and v.company_id = $2"#,
            id,
            company_id
        )
        .fetch_optional(&pool)
        .await?
        .ok_or(AppError::NotFound)?;
        let skills = sqlx::query_scalar!(
            "select s.name from candidate_skills cs join skills s on s.id = cs.skill_id
              where cs.user_id = $1 order by cs.is_primary desc, cs.position",
            r.candidate_id
        )
        .fetch_all(&pool)
        .await?;
        let name = [
            r.first_name.unwrap_or_default(),
            r.last_name.unwrap_or_default(),
        ]
        .join(" ")
        .trim()
        .to_string();
        Ok(ApplicantDetail {
            id: r.id,
            vacancy_id: r.vacancy_id,
            candidate_id: r.candidate_id,
            name: if name.is_empty() {
                r.email.clone()
            } else {
                name
            },
            email: r.email,
            headline: r.headline.unwrap_or_default(),
            place: [r.city.unwrap_or_default(), r.country.unwrap_or_default()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            skills,
            cover_letter: r.cover_letter,
            resume: r
                .resume_id
                .zip(r.file_name)
                .map(|(id, name)| (crate::media::ResumeItem::url(id), name)),
            match_score: r.match_score,
            stage: Stage::parse(&r.status).unwrap_or(Stage::Submitted),
            rejection_reason: r.rejection_reason,
            applied_at: r.created_at,
            timeline: db::timeline(&pool, id, true).await?,
        })
    })
    .await
}

/// Moves the given applications of one vacancy to `to`. All or nothing:
/// one that cannot move stops the whole change with the reason. `back` is
/// the pipeline's query to return to (a `PipelineAddress`).
#[server(endpoint = "pipeline/move")]
pub async fn move_applications(
    vacancy_id: String,
    ids: Vec<String>,
    to: String,
    reason: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = company_of_member().await?;
        let vacancy_id = parse_id(&vacancy_id)?;
        let to = Stage::parse(&to)
            .ok_or_else(|| AppError::field("to", "Choose the stage to move to."))?;
        let ids: Vec<Uuid> = ids.iter().filter_map(|id| id.parse().ok()).collect();
        if ids.is_empty() {
            return Err(AppError::Refused("Choose at least one applicant.".into()));
        }
        let mut v = Validator::new();
        let reason = v
            .check(
                "reason",
                crate::profiles::rules::optional_text(&reason, 1000, "The reason"),
            )
            .flatten()
            .unwrap_or_default();
        v.finish()?;
        let state = app_state()?;
        let request = RequestContext::current(&state.config);
        let mut tx = state.pool.begin().await?;
        let rows = sqlx::query!(
            "select a.id, a.status, a.candidate_id, v.title, c.name as company
               from applications a
               join vacancies v on v.id = a.vacancy_id
               join companies c on c.id = v.company_id
              where a.id = any($1) and a.vacancy_id = $2 and v.company_id = $3
              order by a.id for update of a",
            &ids,
            vacancy_id,
            company_id
        )
        .fetch_all(&mut *tx)
        .await?;
        if rows.len() != ids.len() {
            return Err(AppError::NotFound);
        }
        for row in rows {
            let from = Stage::parse(&row.status).unwrap_or(Stage::Submitted);
            rules::move_to(from, to, Mover::Employer).map_err(AppError::Refused)?;
            db::set_stage(&mut tx, row.id, to, &reason).await?;
            db::add_event(
                &mut tx,
                row.id,
                "stage_changed",
                Some(from),
                Some(to),
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
                    action: "application.stage_changed",
                    target_type: "application",
                    target_id: Some(row.id.to_string()),
                    metadata: serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
                },
                &request,
            )
            .await?;
            let notice = Notice::stage_changed(&row.title, to.label(), &row.company);
            notify(&mut tx, row.candidate_id, &notice).await?;
        }
        tx.commit().await?;
        leptos_axum::redirect(
            &PipelineAddress::from_query(&back).href(vacancy_id, Some("applicants_moved")),
        );
        Ok(())
    })
    .await
}

/// Adds an interview, call, note or feedback to an application's timeline.
#[server(endpoint = "pipeline/interaction")]
pub async fn add_interaction(
    application_id: String,
    kind: String,
    body: String,
    scheduled_at: String,
    location: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = company_of_member().await?;
        let id = parse_id(&application_id)?;
        let mut v = Validator::new();
        let kind = v
            .check(
                "kind",
                crate::profiles::rules::one_of(
                    &kind,
                    &rules::INTERACTIONS,
                    "Choose what happened.",
                ),
            )
            .unwrap_or_default();
        let body = v
            .check(
                "body",
                crate::profiles::rules::optional_text(&body, 5000, "The text"),
            )
            .flatten()
            .unwrap_or_default();
        let location = v
            .check(
                "location",
                crate::profiles::rules::optional_text(&location, 300, "The place or link"),
            )
            .flatten()
            .unwrap_or_default();
        let scheduled_at = v
            .check(
                "scheduled_at",
                rules::local_date_time(&scheduled_at, &crate::ui::viewer_clock()),
            )
            .flatten();
        if kind == "interview"
            && let Err(problem) =
                rules::interview_time(scheduled_at, time::OffsetDateTime::now_utc())
        {
            v.add("scheduled_at", problem);
        }
        if kind != "interview" && body.is_empty() {
            v.add("body", "Write what happened.");
        }
        v.finish()?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let application = sqlx::query!(
            "select a.vacancy_id, a.candidate_id, v.title, c.name as company
               from applications a
               join vacancies v on v.id = a.vacancy_id
               join companies c on c.id = v.company_id
              where a.id = $1 and v.company_id = $2",
            id,
            company_id
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let vacancy_id = application.vacancy_id;
        db::add_event(
            &mut tx,
            id,
            &kind,
            None,
            None,
            &body,
            scheduled_at,
            &location,
            rules::is_private_interaction(&kind),
            Some(user.id),
        )
        .await?;
        if kind == "interview" {
            let notice = Notice::interview_scheduled(&application.title, &application.company);
            notify(&mut tx, application.candidate_id, &notice).await?;
        }
        tx.commit().await?;
        let back = PipelineAddress::from_query(&back).opening(Some(id));
        leptos_axum::redirect(&back.href(vacancy_id, Some("interaction_added")));
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_round_trips_and_drops_what_it_does_not_know() {
        let id = Uuid::from_u128(7);
        let list = PipelineAddress {
            list: true,
            stage: Some(Stage::Offer),
            page: 3,
            application: Some(id),
        };
        assert_eq!(list.query(), format!("stage=offer&page=3&application={id}"));
        let back = PipelineAddress::from_query(&list.query());
        assert_eq!(back.stage, Some(Stage::Offer));
        assert_eq!((back.page, back.application), (3, Some(id)));
        assert!(!back.is_board());

        let board =
            PipelineAddress::from_query("view=board&page=x&application=nope&next=//evil.example");
        assert!(board.is_board());
        assert_eq!(board.query(), "");
        assert_eq!(
            board.href(id, Some("applicants_moved")),
            format!("/employer/vacancies/{id}/pipeline?notice=applicants_moved")
        );
        assert_eq!(
            PipelineAddress::from_query("view=list&page=2").query(),
            "view=list&page=2"
        );
    }
}
