//! Job board server functions. Anyone may search and read open vacancies;
//! a confidential vacancy's company stays hidden from everyone outside it.

use super::query::JobQuery;
use super::{JobPosting, JobResults};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db::{self, HitRow, ResultRow},
    super::highlight::{self, SearchedWords},
    super::query,
    super::{JobHit, schema},
    crate::auth::rules::AccountType,
    crate::auth::session::current_user,
    crate::matching::{CandidateFacts, match_score, says_enough},
    crate::profiles::rules::{EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SENIORITIES, label_of},
    crate::state::{RequestContext, app_state, respond},
    crate::vacancies::rules::{VacancyStatus, salary_label},
    uuid::Uuid,
};

/// "Lagos, Lagos State, Nigeria".
#[cfg(feature = "ssr")]
pub(crate) fn place(row: &HitRow) -> String {
    [&row.city, &row.region, &row.country]
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pay range of a row, when it has one: (min, max, currency, period).
#[cfg(feature = "ssr")]
pub(crate) fn pay(row: &HitRow) -> Option<(i64, i64, &str, &str)> {
    match (
        row.salary_min_minor,
        row.salary_max_minor,
        &row.salary_currency,
        &row.salary_period,
    ) {
        (Some(min), Some(max), Some(currency), Some(period)) => Some((min, max, currency, period)),
        _ => None,
    }
}

/// The candidate signed in, if it is one, and what their profile says.
#[cfg(feature = "ssr")]
async fn reader_facts(
    conn: &mut sqlx::PgConnection,
    user: Option<&crate::auth::CurrentUser>,
) -> Result<Option<CandidateFacts>, AppError> {
    match user {
        // Without a profile yet, the score shows what is missing.
        Some(u) if u.account_type == AccountType::Candidate => Ok(Some(
            db::candidate_facts(conn, u.id).await?.unwrap_or_default(),
        )),
        _ => Ok(None),
    }
}

/// Which of these vacancies the reader saved, for a job seeker; `None` for
/// anyone else (their cards have no save button).
#[cfg(feature = "ssr")]
async fn saved_by_reader(
    conn: &mut sqlx::PgConnection,
    user: Option<&crate::auth::CurrentUser>,
    reader: &Option<CandidateFacts>,
    ids: impl Iterator<Item = Uuid>,
) -> Result<Option<std::collections::HashSet<Uuid>>, AppError> {
    match (user, reader) {
        (Some(u), Some(_)) => {
            let ids: Vec<Uuid> = ids.collect();
            Ok(Some(db::saved_among(conn, u.id, &ids).await?))
        }
        _ => Ok(None),
    }
}

/// A result row as its card shows it.
#[cfg(feature = "ssr")]
fn job_hit(
    ResultRow {
        hit: r,
        skills,
        logo_url,
    }: ResultRow,
    match_score: Option<u8>,
    saved: Option<bool>,
    searched: &SearchedWords,
) -> JobHit {
    JobHit {
        vacancy_id: r.id,
        logo_url,
        saved,
        place: place(&r),
        remote: label_of(&r.remote_option, &REMOTE_PREFERENCES).to_string(),
        employment_type: label_of(&r.employment_type, &EMPLOYMENT_TYPES).to_string(),
        seniority: r
            .seniority
            .as_deref()
            .map(|s| label_of(s, &SENIORITIES).to_string()),
        salary: pay(&r).map(|(min, max, c, p)| salary_label(min, max, c, p)),
        company: (!r.is_confidential).then_some(r.company_name),
        published_at: r.published_at,
        featured: r.is_featured,
        snippet: query::snippet_parts(&query::excerpt(
            &highlight::snippet(&r.snippet, searched),
            SNIPPET_CHARS,
        )),
        skills: skills
            .into_iter()
            .filter(|(_, _, required)| *required)
            .take(6)
            .map(|(_, name, _)| name)
            .collect(),
        slug: r.slug,
        title: r.title,
        match_score,
    }
}

/// A page (from 1) of a company's open roles as its page lists them
/// (`db::open_roles`), with the reader's fit and saves as in search, and
/// how many there are.
#[cfg(feature = "ssr")]
pub(crate) async fn company_roles(
    conn: &mut sqlx::PgConnection,
    user: Option<&crate::auth::CurrentUser>,
    company_id: Uuid,
    page: i64,
) -> Result<(Vec<JobHit>, i64), AppError> {
    let per_page = crate::companies::ROLES_PER_PAGE;
    let offset = (page.max(1) - 1).saturating_mul(per_page);
    let (rows, total) = db::open_roles(conn, company_id, per_page, offset).await?;
    let reader = reader_facts(conn, user).await?;
    let ids = rows.iter().map(|r| r.hit.id);
    let saved = saved_by_reader(conn, user, &reader, ids).await?;
    let nothing_searched = SearchedWords::default();
    let hits = rows
        .into_iter()
        .map(|row| {
            let facts = db::vacancy_facts(&row.hit, &row.skills);
            let score = reader.as_ref().and_then(|c| match_score(c, &facts).shown());
            let saved = saved.as_ref().map(|s| s.contains(&row.hit.id));
            job_hit(row, score, saved, &nothing_searched)
        })
        .collect();
    Ok((hits, total))
}

/// Page `page` of `items` in job search's "best match" order: the best
/// fit first (`key` gives the score shown, none counting as 0), then the
/// newest, then by id.
#[cfg(feature = "ssr")]
pub fn rank_by_fit<T, D: Ord>(
    mut items: Vec<T>,
    page: i64,
    key: impl Fn(&T) -> (Option<u8>, D, Uuid),
) -> Vec<T> {
    crate::swipe::rules::rank(&mut items, |item| {
        let (score, published, id) = key(item);
        (score.unwrap_or(0), published, id)
    });
    let skip = usize::try_from((page - 1) * query::PAGE_SIZE).unwrap_or(usize::MAX);
    items
        .into_iter()
        .skip(skip)
        .take(query::PAGE_SIZE as usize)
        .collect()
}

/// How much of a description a result shows when no words were searched.
#[cfg(feature = "ssr")]
const SNIPPET_CHARS: usize = 200;
#[server(endpoint = "jobs/search")]
pub async fn search_jobs(#[server(default)] query: JobQuery) -> Result<JobResults, AppError> {
    respond(async move {
        let started = std::time::Instant::now();
        let (filters, problems) = query::parse(&query);
        let state = app_state()?;
        let user = current_user().await?;
        // No transaction: every statement stands alone (the typo search
        // makes its own), and an anonymous search is one round trip.
        let mut conn = state.pool.acquire().await?;
        let reader = reader_facts(&mut conn, user.as_ref()).await?;
        let best_match = reader.as_ref().is_some_and(says_enough);
        let by_match = best_match && filters.order() == query::SortOrder::Match;
        let score_of = |r: &db::ResultRow| {
            let facts = db::vacancy_facts(&r.hit, &r.skills);
            reader.as_ref().and_then(|c| match_score(c, &facts).shown())
        };
        let (rows, total) = match reader.as_ref().filter(|_| by_match) {
            Some(reader) => match state
                .search
                .search_by_fit(&mut conn, &filters, reader)
                .await?
            {
                Some(found) => found,
                // Ranking the database's matches by fit reads every one (up
                // to the count cap) and cuts the page here.
                None => {
                    let (rows, total) = state
                        .search
                        .search(&mut conn, &filters, db::Window::all())
                        .await?;
                    let scored = rows.into_iter().map(|r| (score_of(&r), r)).collect();
                    let page = rank_by_fit(scored, filters.page, |(score, r)| {
                        (*score, r.hit.published_at, r.hit.id)
                    });
                    (page.into_iter().map(|(_, r)| r).collect(), total)
                }
            },
            None => {
                let window = db::Window::page(filters.page);
                state.search.search(&mut conn, &filters, window).await?
            }
        };
        let page: Vec<_> = rows
            .into_iter()
            .map(|r| {
                let score = score_of(&r);
                (r, score)
            })
            .collect();
        let page_ids = page.iter().map(|(r, _)| r.hit.id);
        let saved = saved_by_reader(&mut conn, user.as_ref(), &reader, page_ids).await?;
        let searched = filters
            .text
            .as_deref()
            .map(SearchedWords::new)
            .unwrap_or_default();
        let hits = page
            .into_iter()
            .map(|(row, match_score)| {
                let saved = saved.as_ref().map(|s| s.contains(&row.hit.id));
                job_hit(row, match_score, saved, &searched)
            })
            .collect();
        let industries = state.industries.get(&mut *conn).await?;
        if let Some(user) = &user {
            db::log_search(
                &mut conn,
                user.id,
                &query.q,
                serde_json::to_value(&filters).unwrap_or_default(),
                total,
                started.elapsed().as_millis() as i64,
            )
            .await?;
        }
        Ok(JobResults {
            now: time::OffsetDateTime::now_utc(),
            hits,
            total,
            page: filters.page,
            problems: problems
                .into_iter()
                .map(|(field, message)| (field.to_string(), message))
                .collect(),
            industries,
            sort: filters.order().as_str().to_string(),
            best_match,
        })
    })
    .await
}

/// Who is reading, for counting views once per half hour: the account, or
/// for visitors a salted hash of address and browser made by the database
/// (`anonymous_viewer_key`), so every instance counts a visitor alike.
#[cfg(feature = "ssr")]
async fn viewer_key(
    conn: &mut sqlx::PgConnection,
    user: Option<&crate::auth::CurrentUser>,
    request: &RequestContext,
) -> Result<String, sqlx::Error> {
    match user {
        Some(u) => Ok(u.id.to_string()),
        None => db::anonymous_viewer_key(conn, &request.fingerprint()).await,
    }
}

/// Counts a visitor's view of the vacancy at `slug` when its page came from
/// the public pages' copies (`public_pages`), as rendering it would have;
/// returns when their next view counts.
#[cfg(feature = "ssr")]
pub async fn count_visitor_view(
    state: &crate::state::AppState,
    slug: &str,
    fingerprint: &str,
) -> Result<Option<time::OffsetDateTime>, sqlx::Error> {
    let mut conn = state.pool.acquire().await?;
    let Some(id) = db::published_id(&mut conn, slug).await? else {
        return Ok(None);
    };
    let key = db::anonymous_viewer_key(&mut conn, fingerprint).await?;
    db::count_view(&mut conn, id, &key).await.map(Some)
}

#[server(endpoint = "jobs/posting")]
pub async fn get_job(slug: String) -> Result<JobPosting, AppError> {
    respond(async move {
        let state = app_state()?;
        let user = current_user().await?;
        let mut conn = state.pool.acquire().await?;
        let row = db::posting(&mut conn, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let own_company = match &user {
            Some(u) => crate::vacancies::db::creator(&mut *conn, u.id)
                .await?
                .is_some_and(|(company, _)| company == row.company_id),
            None => false,
        };
        if !own_company {
            let request = RequestContext::current(&state.config);
            let key = viewer_key(&mut conn, user.as_ref(), &request).await?;
            db::count_view(&mut conn, row.hit.id, &key).await?;
        }
        let status = VacancyStatus::parse(&row.status).unwrap_or(VacancyStatus::Closed);
        let open = status.accepts_applications()
            && row
                .expires_at
                .is_none_or(|e| e > time::OffsetDateTime::now_utc());
        let (_, _, _, form) =
            crate::vacancies::db::editor_row(&mut conn, row.company_id, row.hit.id)
                .await?
                .ok_or(AppError::NotFound)?;
        let candidate = match &user {
            Some(u) if u.account_type == AccountType::Candidate => Some(
                crate::applications::db::candidate_side(
                    &mut conn,
                    u.id,
                    u.email_verified,
                    row.hit.id,
                )
                .await?,
            ),
            _ => None,
        };
        // Applying reveals a confidential vacancy's company.
        let applied = candidate.as_ref().is_some_and(|c| c.application.is_some());
        let shows_company = !row.hit.is_confidential || own_company || applied;
        let company = shows_company.then(|| row.card.clone());
        let display = crate::vacancies::VacancyDisplay::from_form(
            &form,
            company.as_ref().map(|c| c.name.clone()),
        );
        let skills = db::skills_of(&mut conn, &[row.hit.id]).await?;
        let matching = reader_facts(&mut conn, user.as_ref())
            .await?
            .map(|c| match_score(&c, &db::vacancy_facts(&row.hit, &skills)));
        let url = format!("{}/jobs/{}", state.config.site_url, row.hit.slug);
        let h = &row.hit;
        let json_ld = open.then(|| {
            schema::job_posting_json_ld(&schema::PostingFacts {
                title: &h.title,
                description: &display.description,
                url: &url,
                company: company.as_ref().map(|c| c.name.as_str()),
                date_posted: h.published_at,
                valid_through: row.expires_at,
                employment_type: &h.employment_type,
                remote_option: &h.remote_option,
                city: &h.city,
                region: &h.region,
                country: &h.country,
                salary: pay(h),
            })
        });
        Ok(JobPosting {
            id: row.hit.id,
            slug: row.hit.slug.clone(),
            status,
            open,
            published_at: row.hit.published_at,
            expires_at: row.expires_at,
            display,
            company,
            json_ld,
            matching,
            own_company,
            featured: row.hit.is_featured,
            can_feature: user
                .as_ref()
                .is_some_and(|u| u.account_type == AccountType::Admin),
            candidate,
            visitor: user.is_none(),
        })
    })
    .await
}
