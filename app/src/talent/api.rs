//! The server functions of talent search: each only for a member whose
//! team lets them send introductions, and only over people that member may
//! find.

use super::query::TalentQuery;
use super::{SavedProfessional, SavedSearch, TalentResults};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{db, query, rules, searches},
    crate::error::Validator,
    crate::introductions::api::sender,
    crate::state::{app_state, respond},
    uuid::Uuid,
};

/// The refusal of a search beyond the member's hourly limit.
#[cfg(feature = "ssr")]
fn searched_enough() -> AppError {
    AppError::PlanLimit(
        "You have run as many talent searches as your plan allows in an hour. \
         Saved people and your introductions are still here; search again in a while, \
         or upgrade for more."
            .into(),
    )
}

#[server(endpoint = "company/talent/search")]
pub async fn search_talent(
    #[server(default)] query: TalentQuery,
) -> Result<TalentResults, AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let (mut filters, mut problems) = query::parse(&query);
        let state = app_state()?;
        let pool = state.pool;
        if !db::may_search(&pool, user.id).await? {
            return Err(searched_enough());
        }
        let started = std::time::Instant::now();
        let vacancies = db::open_vacancies(&pool, &state.search, company_id).await?;
        let vacancy = filters
            .vacancy
            .and_then(|id| vacancies.iter().find(|(v, _, _)| *v == id));
        if filters.vacancy.is_some() && vacancy.is_none() {
            problems.push((
                "vacancy",
                "That vacancy is closed or not your company's; choose an open one.".into(),
            ));
            filters.vacancy = None;
        }
        let (hits, has_next, total, looks_like) = db::search(
            &pool,
            &filters,
            company_id,
            user.id,
            vacancy.map(|(_, _, facts)| facts),
        )
        .await?;
        let took = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
        let recorded = serde_json::to_value(&query).unwrap_or_default();
        let text = filters.text.clone().unwrap_or_default();
        if !db::record_search(&pool, user.id, &text, &recorded, total, took).await? {
            return Err(searched_enough());
        }
        Ok(TalentResults {
            hits,
            page: filters.page,
            has_next,
            total,
            looks_like,
            problems: problems
                .into_iter()
                .map(|(field, message)| (field.to_string(), message))
                .collect(),
            vacancies: vacancies
                .into_iter()
                .map(|(id, title, _)| (id, title))
                .collect(),
        })
    })
    .await
}

#[server(endpoint = "company/talent/save")]
pub async fn save_professional(
    professional_id: String,
    #[server(default)] note: String,
    #[server(default)] tags: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let professional: Uuid = professional_id.parse().map_err(|_| AppError::NotFound)?;
        let mut v = Validator::new();
        let note = v
            .check("note", crate::introductions::rules::reply(&note))
            .unwrap_or_default();
        let tags = v.check("tags", rules::tags(&tags)).unwrap_or_default();
        v.finish()?;
        let pool = app_state()?.pool;
        if !db::findable(&pool, user.id, professional).await? {
            return Err(AppError::NotFound);
        }
        db::save(&pool, company_id, user.id, professional, &note, &tags).await?;
        let back = rules::back_to(&back);
        leptos_axum::redirect(&crate::ui::add_query(back, "notice=professional_saved"));
        Ok(())
    })
    .await
}

#[server(endpoint = "company/talent/unsave")]
pub async fn unsave_professional(
    professional_id: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    respond(async move {
        let (user, _) = sender().await?;
        let professional: Uuid = professional_id.parse().map_err(|_| AppError::NotFound)?;
        if !db::unsave(&app_state()?.pool, user.id, professional).await? {
            return Err(AppError::NotFound);
        }
        let back = rules::back_to(&back);
        leptos_axum::redirect(&crate::ui::add_query(back, "notice=professional_unsaved"));
        Ok(())
    })
    .await
}

/// Everyone the team saved, optionally with one tag.
#[server(endpoint = "company/talent/saved")]
pub async fn get_saved_professionals(
    #[server(default)] tag: String,
) -> Result<Vec<SavedProfessional>, AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let tag = Some(tag.trim()).filter(|t| !t.is_empty());
        Ok(db::saved(&app_state()?.pool, company_id, user.id, tag).await?)
    })
    .await
}

/// The signed-in member's saved searches.
#[server(endpoint = "company/talent/searches")]
pub async fn get_saved_searches() -> Result<Vec<SavedSearch>, AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        Ok(searches::list(&app_state()?.pool, company_id, user.id).await?)
    })
    .await
}

/// Keeps the search `query` by `search_name`, with a daily alert when
/// `alert`.
#[server(endpoint = "company/talent/searches/save")]
pub async fn save_search(
    #[server(default)] search_name: String,
    #[server(default)] alert: String,
    #[server(default)] query: TalentQuery,
) -> Result<(), AppError> {
    respond(async move {
        let (user, company_id) = sender().await?;
        let mut v = Validator::new();
        let name = v.check("search_name", rules::search_name(&search_name));
        v.finish()?;
        let name = name.unwrap_or_default();
        let alert = alert == "on";
        let pool = app_state()?.pool;
        if let Err(reason) =
            searches::save(&pool, company_id, user.id, &name, &query, alert).await?
        {
            return Err(AppError::field("search_name", reason));
        }
        let notice = if alert {
            "notice=search_saved_alert"
        } else {
            "notice=search_saved"
        };
        leptos_axum::redirect(&crate::ui::add_query(&query.url(1), notice));
        Ok(())
    })
    .await
}

/// Turns the daily alert of one of the member's searches on or off.
#[server(endpoint = "company/talent/searches/alert")]
pub async fn set_search_alert(id: String, #[server(default)] on: String) -> Result<(), AppError> {
    respond(async move {
        let (user, _) = sender().await?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let on = on == "1";
        if !searches::set_alert(&app_state()?.pool, user.id, id, on).await? {
            return Err(AppError::NotFound);
        }
        let notice = if on { "alert_on" } else { "alert_off" };
        leptos_axum::redirect(&format!("/talent/saved?notice={notice}#searches"));
        Ok(())
    })
    .await
}

/// Deletes one of the member's saved searches.
#[server(endpoint = "company/talent/searches/delete")]
pub async fn delete_search(id: String) -> Result<(), AppError> {
    respond(async move {
        let (user, _) = sender().await?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        if !searches::delete(&app_state()?.pool, user.id, id).await? {
            return Err(AppError::NotFound);
        }
        leptos_axum::redirect("/talent/saved?notice=search_deleted#searches");
        Ok(())
    })
    .await
}
