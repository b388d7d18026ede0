//! The home page's one server function.

use super::Home;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{CandidateHome, EmployerHome, MemberHome, db},
    crate::auth::rules::AccountType,
    crate::auth::session::current_user,
    crate::state::{app_state, respond},
    sqlx::PgPool,
    uuid::Uuid,
};

/// What the signed-in member's home shows; `None` for a visitor.
#[server(endpoint = "home")]
pub async fn get_home() -> Result<Option<Home>, AppError> {
    respond(async {
        let Some(user) = current_user().await? else {
            return Ok(None);
        };
        let pool = &app_state()?.pool;
        let member = match user.account_type {
            AccountType::Admin => MemberHome::Admin,
            AccountType::Candidate => MemberHome::Candidate(candidate_home(pool, user.id).await?),
            AccountType::Employer => MemberHome::Employer(employer_home(pool, user.id).await?),
        };
        Ok(Some(Home {
            now: time::OffsetDateTime::now_utc(),
            member,
        }))
    })
    .await
}

#[cfg(feature = "ssr")]
async fn candidate_home(pool: &PgPool, user_id: Uuid) -> Result<CandidateHome, AppError> {
    let facts = crate::profiles::db::completeness_facts(pool, user_id).await?;
    let (new_matches, active_applications) = db::candidate_counts(pool, user_id).await?;
    Ok(CandidateHome {
        first_name: db::candidate_first_name(pool, user_id).await?,
        completeness: crate::profiles::completeness::completeness(&facts),
        interviews: db::upcoming_interviews(pool, user_id).await?,
        replies: db::replies(pool, user_id).await?,
        new_matches,
        closing_saved: db::closing_saved(pool, user_id).await?,
        active_applications,
    })
}

#[cfg(feature = "ssr")]
async fn employer_home(pool: &PgPool, user_id: Uuid) -> Result<EmployerHome, AppError> {
    let Some(membership) = crate::companies::db::membership(pool, user_id).await? else {
        return Ok(EmployerHome {
            company: None,
            first_name: String::new(),
            new_applicants: Vec::new(),
            interviews: Vec::new(),
            expiring: Vec::new(),
            pending_invitations: None,
            vacancies: 0,
        });
    };
    let company_id = membership.company_id;
    let (company, first_name) = db::company_and_member(pool, company_id, user_id).await?;
    let (vacancies, invitations) = db::company_counts(pool, company_id).await?;
    Ok(EmployerHome {
        company: Some(company),
        first_name,
        new_applicants: db::new_applicants(pool, company_id).await?,
        interviews: db::team_interviews(pool, company_id).await?,
        expiring: db::expiring_vacancies(pool, company_id).await?,
        pending_invitations: membership.role.manages().then_some(invitations),
        vacancies,
    })
}
