//! The deck's server functions, for signed-in candidates only. Each works
//! as a plain form post too: without script it answers with a redirect
//! back to `/swipe`.

use super::{Deck, QueueEntry};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{Card, DECK_BATCH, db, rules},
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::board::api::{pay, place},
    crate::matching::match_score,
    crate::profiles::rules::{EMPLOYMENT_TYPES, REMOTE_PREFERENCES, label_of},
    crate::state::{app_state, is_plain_form_post, respond},
    crate::vacancies::rules::salary_label,
    uuid::Uuid,
};

/// The next cards, best match first, leaving out the `exclude`d ones the
/// page still holds.
#[server(endpoint = "swipe/deck")]
pub async fn get_deck(#[server(default)] exclude: Vec<String>) -> Result<Deck, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let exclude: Vec<Uuid> = exclude.iter().filter_map(|id| id.parse().ok()).collect();
        // PostgreSQL would plan the pool's query afresh on each call (its
        // custom plans cost 1.5 to 3 ms to make, the generic plan runs as
        // fast): this transaction's statements keep the generic one.
        let mut conn = app_state()?
            .pool
            .begin_with("begin read only; set local plan_cache_mode = force_generic_plan")
            .await?;
        let (filters, auto_apply) = db::preferences(&mut *conn, user.id).await?;
        let facts = crate::board::db::candidate_facts(&mut conn, user.id).await?;
        let rows = db::pool(&mut conn, user.id, &filters, &exclude).await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let skills = app_state()?
            .search
            .skills_by_vacancy(&mut conn, &ids)
            .await?;
        let skills_of = |id: &Uuid| skills.get(id).map(Vec::as_slice).unwrap_or_default();
        let candidate = facts.clone().unwrap_or_default();
        // Every row is scored; only the best few become cards.
        let mut scored: Vec<_> = rows
            .iter()
            .map(|r| {
                let facts = crate::board::db::vacancy_facts(r, skills_of(&r.id));
                (r, match_score(&candidate, &facts))
            })
            .collect();
        // Until the profile says enough, the newest come first.
        rules::rank(&mut scored, |(r, matching)| {
            (matching.shown().unwrap_or(0), r.published_at, r.id)
        });
        let cards = scored
            .into_iter()
            .take(DECK_BATCH)
            .map(|(r, matching)| Card {
                vacancy_id: r.id,
                slug: r.slug.clone(),
                title: r.title.clone(),
                company: (!r.is_confidential).then(|| r.company_name.clone()),
                place: place(r),
                remote_option: label_of(&r.remote_option, &REMOTE_PREFERENCES).to_string(),
                employment_type: label_of(&r.employment_type, &EMPLOYMENT_TYPES).to_string(),
                salary: pay(r).map(|(min, max, c, p)| salary_label(min, max, c, p)),
                skills: skills_of(&r.id)
                    .iter()
                    .take(6)
                    .map(|(_, name, _)| name.clone())
                    .collect(),
                summary: r.snippet.clone(),
                matching,
            })
            .collect();
        let (used, allowance) = db::super_likes(&mut *conn, user.id).await?;
        let (stats, queued) = db::tallies(&mut *conn, user.id).await?;
        let per_day = allowance.super_likes_per_day;
        let deck = Deck {
            cards,
            filters,
            super_likes_left: rules::super_likes_left(per_day, used),
            super_likes_per_day: per_day,
            plus: allowance.plus,
            auto_apply_cap: allowance.auto_applies_per_day,
            has_profile: facts.is_some(),
            stats,
            auto_apply,
            resumes: crate::applications::db::resumes(&mut *conn, user.id).await?,
            queued,
        };
        conn.commit().await?;
        Ok(deck)
    })
    .await
}

/// The kind of device from its user agent, for the deck's analytics.
#[cfg(feature = "ssr")]
fn device_type() -> &'static str {
    let agent = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::USER_AGENT).cloned())
        .and_then(|v| v.to_str().ok().map(str::to_lowercase))
        .unwrap_or_default();
    if agent.is_empty() {
        "unknown"
    } else if agent.contains("ipad") || agent.contains("tablet") {
        "tablet"
    } else if agent.contains("mobi") || agent.contains("android") {
        "phone"
    } else {
        "desktop"
    }
}

/// Swipes one card. `shown_at` (milliseconds since 1970) is when the page
/// showed it, for the time spent on it. A card swiped before is left as it
/// was and the answer is still success.
#[server(endpoint = "swipe/swipe")]
pub async fn swipe(
    vacancy_id: String,
    direction: String,
    #[server(default)] shown_at: Option<i64>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let direction = rules::Direction::parse(&direction)
            .ok_or_else(|| AppError::Refused("Choose pass, like or super-like.".into()))?;
        let vacancy_id: Uuid = vacancy_id.parse().map_err(|_| AppError::NotFound)?;
        let now = time::OffsetDateTime::now_utc();
        let time_spent_ms = shown_at
            .map(|ms| (now.unix_timestamp_nanos() / 1_000_000) as i64 - ms)
            .unwrap_or(0)
            .clamp(0, rules::MAX_TIME_ON_CARD_MS);
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        db::lock_candidate(&mut tx, user.id).await?;
        let row = db::open_vacancy(&mut tx, user.id, vacancy_id)
            .await?
            .ok_or_else(|| {
                AppError::Refused("This job is no longer open. Here is the next one.".into())
            })?;
        if direction == rules::Direction::SuperLike {
            let (used, allowance) = db::super_likes(&mut *tx, user.id).await?;
            let per_day = allowance.super_likes_per_day;
            if rules::super_likes_left(per_day, used) == 0 {
                return Err(AppError::Refused(format!(
                    "You have used today's {per_day} super-likes. Like it instead, or come back tomorrow."
                )));
            }
        }
        let skills = crate::board::db::skills_of(&mut tx, &[vacancy_id]).await?;
        let facts = crate::board::db::candidate_facts(&mut tx, user.id)
            .await?
            .unwrap_or_default();
        let matching = match_score(&facts, &crate::board::db::vacancy_facts(&row, &skills));
        let recorded = db::record(
            &mut tx,
            &db::NewSwipe {
                user_id: user.id,
                vacancy_id,
                direction,
                match_score: matching.score,
                match_factors: serde_json::to_value(&matching.factors).unwrap_or_default(),
                time_spent_ms: time_spent_ms as i32,
                device_type: device_type(),
            },
        )
        .await?;
        if recorded.is_some() && direction.is_like() {
            let (_, auto_apply) = db::preferences(&mut *tx, user.id).await?;
            // Never on a score made mostly of unknowns.
            if rules::queues_application(&auto_apply, matching.shown().unwrap_or(0)) {
                super::queue::enqueue(
                    &mut tx,
                    user.id,
                    vacancy_id,
                    auto_apply.resume_id,
                    matching.score,
                )
                .await?;
            }
        }
        tx.commit().await?;
        if is_plain_form_post() {
            leptos_axum::redirect("/swipe");
        }
        Ok(())
    })
    .await
}

/// Turns auto-apply on or off and sets its limits.
#[server(endpoint = "swipe/auto-apply")]
pub async fn save_auto_apply(
    #[server(default)] enabled: Option<String>,
    min_score: String,
    max_per_day: String,
    max_per_company_per_week: String,
    #[server(default)] resume_id: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        if enabled.is_some() && !user.email_verified {
            return Err(AppError::Refused(
                "Confirm your email address first: auto-apply sends applications in your name."
                    .into(),
            ));
        }
        let pool = app_state()?.pool;
        let resumes: Vec<Uuid> = crate::applications::db::resumes(&pool, user.id)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let (_, allowance) = db::super_likes(&pool, user.id).await?;
        let settings = rules::read_auto_apply(
            enabled.is_some(),
            &min_score,
            &max_per_day,
            &max_per_company_per_week,
            &resume_id,
            &resumes,
            allowance.auto_applies_per_day,
        )?;
        super::queue::save_settings(&pool, user.id, &settings).await?;
        if is_plain_form_post() {
            leptos_axum::redirect("/swipe");
        }
        Ok(())
    })
    .await
}

/// The candidate's auto-apply queue, newest first.
#[server(endpoint = "swipe/queue")]
pub async fn get_queue() -> Result<Vec<QueueEntry>, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        Ok(super::queue::list(&app_state()?.pool, user.id).await?)
    })
    .await
}

/// Cancels a waiting auto-application, or sends it now (`send` set): it is
/// then due at once and the worker picks it up within seconds.
#[server(endpoint = "swipe/queue/change")]
pub async fn change_queued(
    id: String,
    #[server(default)] send: Option<String>,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let state = app_state()?;
        let changed = if send.is_some() {
            let due = super::queue::send_now(&state.pool, user.id, id).await?;
            if due {
                // Do not wait for the worker's next round.
                super::queue::process_due(&state.pool).await?;
            }
            due
        } else {
            super::queue::cancel(&state.pool, user.id, id).await?
        };
        if !changed {
            return Err(AppError::Refused(
                "It is no longer waiting: it was sent or ended already.".into(),
            ));
        }
        if is_plain_form_post() {
            leptos_axum::redirect("/swipe/queue");
        }
        Ok(())
    })
    .await
}

/// Takes back the candidate's last swipe, within `rules::UNDO_WINDOW`, and
/// answers the vacancy so the page can put its card back on top.
#[server(endpoint = "swipe/undo")]
pub async fn undo_swipe() -> Result<String, AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        db::lock_candidate(&mut tx, user.id).await?;
        let last = db::last_swipe(&mut tx, user.id).await?;
        let Some((id, vacancy_id, direction, _, saved)) =
            last.filter(|(_, _, _, at, _)| rules::can_undo(*at, time::OffsetDateTime::now_utc()))
        else {
            return Err(AppError::Refused(
                "There is nothing to undo: a swipe can be taken back for 10 seconds.".into(),
            ));
        };
        db::remove(&mut tx, user.id, (id, vacancy_id, direction, saved)).await?;
        tx.commit().await?;
        if is_plain_form_post() {
            leptos_axum::redirect("/swipe");
        }
        Ok(vacancy_id.to_string())
    })
    .await
}

/// Changes the deck's filters (the chips on the page).
#[server(endpoint = "swipe/filters")]
pub async fn save_deck_filters(
    #[server(default)] remote_options: Vec<String>,
    #[server(default)] employment_types: Vec<String>,
    #[server(default)] locations: String,
    #[server(default)] min_salary: String,
    #[server(default)] currency: String,
) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let filters = super::rules::read_filters(
            &remote_options,
            &employment_types,
            &locations,
            &min_salary,
            &currency,
        )?;
        db::save_filters(&app_state()?.pool, user.id, &filters).await?;
        if is_plain_form_post() {
            leptos_axum::redirect("/swipe");
        }
        Ok(())
    })
    .await
}
