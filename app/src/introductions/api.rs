//! The server functions of introductions. The job seeker's work only on
//! requests sent to them; the company's only for members allowed to send
//! introductions, and only on their own company's requests. Anything else
//! is answered like a missing request.

use super::{AskForm, Received, SentOverview};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db::{self, Answer, AnswerRefusal, NewRequest, Refusal},
    super::rules::{self, DeclineReason, Outcome, Status},
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::error::Validator,
    crate::state::{RequestContext, app_state, respond},
    uuid::Uuid,
};

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.trim().parse().map_err(|_| AppError::NotFound)
}

/// The signed-in member and their company, if their team lets them send
/// introductions (and so search talent).
#[cfg(feature = "ssr")]
pub(crate) async fn sender() -> Result<(crate::auth::CurrentUser, Uuid), AppError> {
    crate::companies::api::permitted(crate::companies::db::Permission::SendIntroductions).await
}

/// The requests the signed-in job seeker received.
#[server(endpoint = "introductions/received")]
pub async fn get_received() -> Result<Vec<Received>, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        Ok(db::received(&app_state()?.pool, user.id, None).await?)
    })
    .await
}

/// One request the signed-in job seeker received; opening it marks it
/// viewed.
#[server(endpoint = "introductions/one")]
pub async fn get_received_one(id: String) -> Result<Received, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id = parse_id(&id)?;
        let pool = app_state()?.pool;
        db::mark_viewed(&pool, id, user.id).await?;
        db::received(&pool, user.id, Some(id))
            .await?
            .pop()
            .ok_or(AppError::NotFound)
    })
    .await
}

#[cfg(feature = "ssr")]
async fn answer_request(id: &str, answer: Answer<'_>, notice: &str) -> Result<(), AppError> {
    let user = require_role(AccountType::Candidate).await?;
    let id = parse_id(id)?;
    let state = app_state()?;
    let request = RequestContext::current(&state.config);
    match db::answer(&state.pool, id, user.id, answer, &request).await? {
        Ok(()) => {
            leptos_axum::redirect(&format!("/introductions/{id}?notice={notice}"));
            Ok(())
        }
        Err(AnswerRefusal::NotFound) => Err(AppError::NotFound),
        Err(AnswerRefusal::Moved(why)) => Err(AppError::Refused(why.into())),
    }
}

#[server(endpoint = "introductions/accept")]
pub async fn accept_introduction(
    id: String,
    #[server(default)] reply: String,
) -> Result<(), AppError> {
    respond(async move {
        let mut v = Validator::new();
        let reply = v.check("reply", rules::reply(&reply)).unwrap_or_default();
        v.finish()?;
        answer_request(
            &id,
            Answer::Accept { reply: &reply },
            "introduction_accepted",
        )
        .await
    })
    .await
}

#[server(endpoint = "introductions/decline")]
pub async fn decline_introduction(
    id: String,
    #[server(default)] reason: String,
    #[server(default)] text: String,
) -> Result<(), AppError> {
    respond(async move {
        let mut v = Validator::new();
        let reason = v.check(
            "reason",
            DeclineReason::parse(&reason).ok_or_else(|| "Choose a reason.".to_string()),
        );
        let text = v.check("text", rules::reply(&text)).unwrap_or_default();
        v.finish()?;
        let Some(reason) = reason else {
            return Err(AppError::field("reason", "Choose a reason."));
        };
        answer_request(
            &id,
            Answer::Decline {
                reason,
                text: &text,
            },
            "introduction_declined",
        )
        .await
    })
    .await
}

/// The company's requests, filtered by state (`""` for all) and vacancy.
#[server(endpoint = "company/introductions")]
pub async fn get_sent(
    #[server(default)] status: String,
    #[server(default)] vacancy: String,
) -> Result<SentOverview, AppError> {
    respond(async move {
        let (_, company_id) = sender().await?;
        let status = Status::parse(&status);
        let vacancy = vacancy.parse().ok();
        Ok(db::sent_overview(&app_state()?.pool, company_id, status, vacancy).await?)
    })
    .await
}

/// The form to ask `professional_id` for an introduction.
#[server(endpoint = "company/introductions/form")]
pub async fn get_ask_form(professional_id: String) -> Result<AskForm, AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let professional_id = parse_id(&professional_id)?;
        db::ask_form(&app_state()?.pool, company_id, user.id, professional_id)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}

#[server(endpoint = "company/introductions/send")]
pub async fn send_introduction(
    professional_id: String,
    #[server(default)] vacancy_id: String,
    #[server(default)] message: String,
    #[server(default)] key: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, _) = sender().await?;
        let professional_id = parse_id(&professional_id)?;
        let mut v = Validator::new();
        let vacancy_id = v.check(
            "vacancy_id",
            vacancy_id
                .parse::<Uuid>()
                .map_err(|_| "Choose the role you are asking about.".to_string()),
        );
        let message = v.check("message", rules::message(&message));
        // A key from the form makes a resent form harmless; without one
        // (a hand-made request) every send is its own.
        let key = match key.trim() {
            k if !k.is_empty() && k.len() <= 100 => format!("send:{}:{k}", user.id),
            _ => format!("send:{}", Uuid::now_v7()),
        };
        v.finish()?;
        let (Some(vacancy_id), Some(message)) = (vacancy_id, message) else {
            return Err(AppError::Internal);
        };
        let state = app_state()?;
        let new = NewRequest {
            sender_id: user.id,
            vacancy_id,
            professional_id,
            message: &message,
            key: &key,
        };
        let refusal =
            match db::send(&state.pool, &new, &RequestContext::current(&state.config)).await? {
                Ok(id) => {
                    leptos_axum::redirect(&format!(
                        "/company/introductions?notice=introduction_sent#request-{id}"
                    ));
                    return Ok(());
                }
                Err(refusal) => refusal,
            };
        Err(match refusal {
            Refusal::NotAllowed => AppError::Forbidden,
            Refusal::NotAvailable => AppError::NotFound,
            Refusal::VacancyNotOpen => {
                AppError::field("vacancy_id", "Choose one of your company's open vacancies.")
            }
            Refusal::AlreadyAsked => AppError::field(
                "vacancy_id",
                "You have already asked them about this role: a request is made once per role.",
            ),
            Refusal::TooManyPending => AppError::Refused(
                "They have too many requests waiting for an answer. Try again in a few days."
                    .into(),
            ),
            Refusal::NoCredit => AppError::PlanLimit(
                "Your company has no introduction credits left. Credits held by waiting \
                 requests come back when they are declined, withdrawn or expire."
                    .into(),
            ),
        })
    })
    .await
}

#[server(endpoint = "company/introductions/withdraw")]
pub async fn withdraw_introduction(id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let id = parse_id(&id)?;
        let state = app_state()?;
        let request = RequestContext::current(&state.config);
        match db::withdraw(&state.pool, id, company_id, user.id, &request).await? {
            None => Err(AppError::NotFound),
            Some(Err(why)) => Err(AppError::Refused(why.into())),
            Some(Ok(())) => {
                leptos_axum::redirect(&format!(
                    "/company/introductions?notice=introduction_withdrawn#request-{id}"
                ));
                Ok(())
            }
        }
    })
    .await
}

#[server(endpoint = "company/introductions/outcome")]
pub async fn record_outcome(
    id: String,
    #[server(default)] outcome: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let id = parse_id(&id)?;
        let mut v = Validator::new();
        let outcome = v.check(
            "outcome",
            Outcome::parse(&outcome).ok_or_else(|| "Choose what came of it.".to_string()),
        );
        let notes = v.check("notes", rules::reply(&notes)).unwrap_or_default();
        v.finish()?;
        let Some(outcome) = outcome else {
            return Err(AppError::field("outcome", "Choose what came of it."));
        };
        let state = app_state()?;
        let request = RequestContext::current(&state.config);
        match db::record_outcome(
            &state.pool,
            id,
            company_id,
            outcome,
            &notes,
            user.id,
            &request,
        )
        .await?
        {
            None => Err(AppError::NotFound),
            Some(Err(why)) => Err(AppError::Refused(why.into())),
            Some(Ok(())) => {
                leptos_axum::redirect(&format!(
                    "/company/introductions?notice=outcome_saved#request-{id}"
                ));
                Ok(())
            }
        }
    })
    .await
}
