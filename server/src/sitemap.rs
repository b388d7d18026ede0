//! `/robots.txt` and the sitemaps search engines read: the public pages,
//! every open vacancy and every company page. They are read from the
//! database at each request, so whatever a moderator hides (a vacancy's
//! status becomes `hidden`, a company's `suspended`) leaves them at once.
//! People's profiles are never listed: being found by a search engine is
//! not something a job seeker chose.

use app::state::AppState;
use app::ui::escape_html;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Addresses per sitemap file (the format allows up to 50,000).
const PER_FILE: i64 = 10_000;

/// The pages anyone may open that are worth a search engine's visit.
const PUBLIC_PAGES: [&str; 3] = ["/", "/jobs", "/pricing"];

pub async fn robots(State(state): State<AppState>) -> Response {
    let site = &state.config.site_url;
    let body = format!(
        "User-agent: *\n\
         Disallow: /admin\n\
         Disallow: /account\n\
         Disallow: /messages\n\
         Disallow: /api/\n\
         Disallow: /dev/\n\
         Disallow: /p/\n\
         Allow: /\n\
         \n\
         Sitemap: {site}/sitemap.xml\n"
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// What a sitemap file lists.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Part {
    Pages,
    Jobs(i64),
    Companies(i64),
}

impl Part {
    /// `pages.xml`, `jobs-1.xml`, `companies-2.xml` (numbered from 1).
    fn parse(file: &str) -> Option<Self> {
        let stem = file.strip_suffix(".xml")?;
        if stem == "pages" {
            return Some(Self::Pages);
        }
        let (kind, number) = stem.rsplit_once('-')?;
        let number: i64 = number.parse().ok().filter(|n| *n >= 1)?;
        match kind {
            "jobs" => Some(Self::Jobs(number)),
            "companies" => Some(Self::Companies(number)),
            _ => None,
        }
    }
}

/// How many files a list of `count` addresses takes (at least one).
fn files_for(count: i64) -> i64 {
    ((count + PER_FILE - 1) / PER_FILE).max(1)
}

fn xml(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            // Read afresh each time, so hidden pages leave it at once.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

fn failed(error: sqlx::Error) -> Response {
    tracing::error!(%error, "sitemap");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// The sitemap index: one file of pages, and as many of vacancies and of
/// companies as their numbers need.
pub async fn index(State(state): State<AppState>) -> Response {
    let counts = sqlx::query!(
        r#"select (select count(*) from vacancies where status = 'active' and slug is not null) as "jobs!",
                  (select count(*) from companies where status = 'active') as "companies!""#
    )
    .fetch_one(&state.pool)
    .await;
    let counts = match counts {
        Ok(counts) => counts,
        Err(error) => return failed(error),
    };
    let site = escape_html(&state.config.site_url);
    let mut files = vec!["pages.xml".to_string()];
    files.extend((1..=files_for(counts.jobs)).map(|n| format!("jobs-{n}.xml")));
    files.extend((1..=files_for(counts.companies)).map(|n| format!("companies-{n}.xml")));
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for file in files {
        body.push_str(&format!(
            "<sitemap><loc>{site}/sitemaps/{file}</loc></sitemap>\n"
        ));
    }
    body.push_str("</sitemapindex>\n");
    xml(body)
}

/// A listed page and when it last changed.
struct Listed {
    path: String,
    updated_at: OffsetDateTime,
}

impl Listed {
    fn entries(rows: Vec<Self>) -> Vec<(String, Option<OffsetDateTime>)> {
        rows.into_iter()
            .map(|r| (r.path, Some(r.updated_at)))
            .collect()
    }
}

/// One sitemap file.
pub async fn part(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(part) = Part::parse(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let entries: Result<Vec<(String, Option<OffsetDateTime>)>, sqlx::Error> = match part {
        Part::Pages => Ok(PUBLIC_PAGES.iter().map(|p| (p.to_string(), None)).collect()),
        Part::Jobs(n) => sqlx::query_as!(
            Listed,
            r#"select '/jobs/' || slug as "path!", updated_at from vacancies
                where status = 'active' and slug is not null
                order by published_at, id offset $1 limit $2"#,
            (n - 1) * PER_FILE,
            PER_FILE
        )
        .fetch_all(&state.pool)
        .await
        .map(Listed::entries),
        Part::Companies(n) => sqlx::query_as!(
            Listed,
            r#"select '/companies/' || slug as "path!", updated_at from companies
                where status = 'active'
                order by created_at, id offset $1 limit $2"#,
            (n - 1) * PER_FILE,
            PER_FILE
        )
        .fetch_all(&state.pool)
        .await
        .map(Listed::entries),
    };
    let entries = match entries {
        Ok(entries) => entries,
        Err(error) => return failed(error),
    };
    // A numbered file past the end does not exist (the first always does).
    if entries.is_empty() && !matches!(part, Part::Pages | Part::Jobs(1) | Part::Companies(1)) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let site = escape_html(&state.config.site_url);
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, changed) in entries {
        let lastmod = changed
            .and_then(|at| at.format(&Rfc3339).ok())
            .map(|at| format!("<lastmod>{at}</lastmod>"))
            .unwrap_or_default();
        body.push_str(&format!(
            "<url><loc>{site}{}</loc>{lastmod}</url>\n",
            escape_html(&path)
        ));
    }
    body.push_str("</urlset>\n");
    xml(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_parse_to_their_parts() {
        assert_eq!(Part::parse("pages.xml"), Some(Part::Pages));
        assert_eq!(Part::parse("jobs-3.xml"), Some(Part::Jobs(3)));
        assert_eq!(Part::parse("companies-1.xml"), Some(Part::Companies(1)));
        for wrong in [
            "jobs-0.xml",
            "jobs-x.xml",
            "jobs.xml",
            "people-1.xml",
            "pages",
            "jobs--1.xml",
        ] {
            assert_eq!(Part::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn every_address_has_a_file() {
        assert_eq!(files_for(0), 1);
        assert_eq!(files_for(PER_FILE), 1);
        assert_eq!(files_for(PER_FILE + 1), 2);
    }
}
