//! The search index (`app::board::index`): on a generated set it gives the
//! database's results (the same vacancies in the same order, the same
//! counts and snippets), and it follows every change to what it holds.

use crate::common::TestApp;
use crate::job_board::publish;
use crate::vacancies::change;
use app::board::api::rank_by_fit;
use app::board::db::{self, Window};
use app::board::query::{JobQuery, parse};
use app::matching::{CandidateFacts, match_score};
use axum::http::StatusCode;
use sqlx::PgPool;
use std::time::Duration;

/// The test app with its index loaded and following changes.
async fn indexed_app(pool: PgPool) -> TestApp {
    let app = TestApp::new(pool.clone());
    tokio::spawn(app.state.search.clone().follow(pool));
    for _ in 0..500 {
        if app.state.search.is_ready() {
            return app;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the search index never loaded");
}

/// The small demo data and `more` generated vacancies, indexed.
async fn generated_set(pool: PgPool, more: usize) -> TestApp {
    let app = TestApp::new(pool.clone());
    server::seed::seed(&app.state, server::seed::Scale::Small)
        .await
        .unwrap();
    server::seed::more_vacancies(&pool, more).await.unwrap();
    indexed_app(pool).await
}

/// Runs `step`, then waits until the index has taken in every change made
/// so far: a marker sent after it has been taken in, and nothing more for a
/// while (an earlier change may have been the one taken in first).
async fn indexed<T>(app: &TestApp, step: impl Future<Output = T>) -> T {
    let out = step.await;
    let before = app.state.search.generation();
    // A vacancy that does not exist: reloading it changes nothing.
    sqlx::query("select pg_notify($1, 'v' || gen_random_uuid())")
        .bind(app::board::index::CHANNEL)
        .execute(&app.pool)
        .await
        .unwrap();
    let mut seen = before;
    for _ in 0..100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = app.state.search.generation();
        if now > before && now == seen {
            return out;
        }
        seen = now;
    }
    panic!("the index never took the changes in");
}

/// A search as the page's form sends it.
fn query(fields: &[(&str, &str)]) -> JobQuery {
    let mut query = JobQuery::default();
    for (name, value) in fields {
        let value = value.to_string();
        match *name {
            "q" => query.q = value,
            "location" => query.location = value,
            "remote" => query.remote = value,
            "seniority" => query.seniority = value,
            "employment_type" => query.employment_type = value,
            "industry" => query.industry = value,
            "skills" => query.skills = value,
            "company" => query.company = value,
            "posted" => query.posted = value,
            "currency" => query.currency = value,
            "salary_min" => query.salary_min = value,
            "salary_max" => query.salary_max = value,
            "period" => query.period = value,
            "sort" => query.sort = value,
            "page" => query.page = value,
            other => panic!("no field {other}"),
        }
    }
    query
}

/// A result's id, title, snippet, skills and logo.
type Found = (
    String,
    String,
    String,
    Vec<(uuid::Uuid, String, bool)>,
    Option<String>,
);

/// What a search shows: each result as `Found`, and the count.
async fn results(
    app: &TestApp,
    fields: &[(&str, &str)],
    window: Window,
    from_index: bool,
) -> (Vec<Found>, i64) {
    let (filters, problems) = parse(&query(fields));
    assert!(problems.is_empty(), "{problems:?}");
    let mut conn = app.pool.acquire().await.unwrap();
    let (rows, total) = if from_index {
        app.state.search.search(&mut conn, &filters, window).await
    } else {
        db::search(&mut conn, &filters, window).await
    }
    .unwrap();
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                r.hit.id.to_string(),
                r.hit.title,
                r.hit.snippet,
                r.skills,
                r.logo_url,
            )
        })
        .collect();
    (rows, total)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_index_finds_what_the_database_finds(pool: PgPool) {
    let app = generated_set(pool.clone(), 3_000).await;
    let industry: String =
        sqlx::query_scalar("select id::text from industries where name = 'Technology'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let searches: [&[(&str, &str)]; 20] = [
        // One word matching most vacancies, one matching a few, a skill and
        // a company's name.
        &[("q", "senior")],
        &[("q", "engineer")],
        &[("q", "kafka")],
        &[("q", "baobab")],
        // Several words, either of two, and without one.
        &[("q", "data analyst")],
        &[("q", "product or design")],
        &[("q", "engineer -frontend")],
        &[("q", "team"), ("page", "3")],
        // Words with each filter.
        &[
            ("q", "engineer"),
            ("location", "lagos"),
            ("remote", "hybrid"),
        ],
        &[
            ("q", "manager"),
            ("seniority", "senior"),
            ("employment_type", "full_time"),
        ],
        &[("q", "analyst"), ("industry", &industry)],
        &[("q", "engineer"), ("company", "harmattan")],
        &[("q", "engineer"), ("skills", "Rust, Docker")],
        &[("q", "data"), ("posted", "7")],
        &[
            ("q", "engineer"),
            ("currency", "NGN"),
            ("salary_min", "600000"),
            ("period", "month"),
        ],
        &[
            ("q", "engineer"),
            ("currency", "GBP"),
            ("salary_max", "50000"),
        ],
        // The other orders, and a page past the end.
        &[("q", "analyst"), ("sort", "newest")],
        &[("q", "engineer"), ("sort", "salary"), ("page", "2")],
        &[("q", "kafka"), ("page", "400")],
        // A word in no vacancy, and stop words only.
        &[("q", "zyzzyva the")],
    ];
    let mut found = 0;
    for fields in searches {
        let page: i64 = fields
            .iter()
            .find(|(k, _)| *k == "page")
            .map_or(1, |(_, v)| v.parse().unwrap());
        for window in [Window::page(page), Window::all()] {
            let from_database = results(&app, fields, window, false).await;
            let from_index = results(&app, fields, window, true).await;
            assert_eq!(from_index, from_database, "{fields:?} {window:?}");
            found += from_index.0.len();
        }
    }
    assert!(found > 5_000, "the searches found {found}");
    // Browsing without words: the index counts, the database gives the page.
    let browsing: [&[(&str, &str)]; 6] = [
        &[],
        &[("remote", "hybrid"), ("page", "2")],
        &[("location", "lagos"), ("seniority", "senior")],
        &[("industry", &industry), ("sort", "salary")],
        &[("skills", "Rust"), ("posted", "7")],
        &[("company", "harmattan")],
    ];
    let mut counts = Vec::new();
    for fields in browsing {
        let from_database = results(&app, fields, Window::page(1), false).await;
        let from_index = results(&app, fields, Window::page(1), true).await;
        assert_eq!(from_index, from_database, "{fields:?}");
        counts.push(from_index.1);
    }
    // Capped, many, a few.
    assert_eq!(counts[0], 1_000);
    assert!(counts.iter().any(|&n| n > 20 && n < 1_000), "{counts:?}");
    assert!(counts.iter().any(|&n| n > 0 && n <= 20), "{counts:?}");

    // The index answered: a pause the triggers did not announce (so the
    // index never heard of it) is seen only by the database.
    let (engineers, _) = results(&app, &[("q", "kafka")], Window::page(1), true).await;
    let first = &engineers[0].0;
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("set local session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("update vacancies set status = 'paused' where id = $1::uuid")
        .bind(first)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let database = results(&app, &[("q", "kafka")], Window::page(1), false).await;
    let index = results(&app, &[("q", "kafka")], Window::page(1), true).await;
    assert_eq!(database.1 + 1, index.1);
    // Its row is read from the database, which no longer lists it.
    assert!(!index.0.iter().any(|(id, ..)| id == first));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_index_ranks_by_fit_as_the_database_matches_are_ranked(pool: PgPool) {
    let app = generated_set(pool, 2_000).await;
    let lagos_engineer = CandidateFacts {
        skills: ["Rust", "Docker", "SQL", "Python"].map(String::from).into(),
        years_experience: Some(5),
        seniority: Some("senior".into()),
        salary_min_minor: Some(50_000_000),
        salary_currency: Some("NGN".into()),
        salary_period: Some("month".into()),
        remote_preference: "hybrid".into(),
        country: "Nigeria".into(),
        city: "Lagos".into(),
        employment_types: vec!["full_time".into()],
        ..CandidateFacts::default()
    };
    let moving_designer = CandidateFacts {
        skills: ["Figma", "Kafka", "Excel"].map(String::from).into(),
        years_experience: Some(1),
        seniority: Some("junior".into()),
        salary_min_minor: Some(4_000_000),
        salary_currency: Some("GBP".into()),
        remote_preference: "remote".into(),
        country: "Kenya".into(),
        city: "Nairobi".into(),
        willing_to_relocate: true,
        ..CandidateFacts::default()
    };
    let searches: [&[(&str, &str)]; 8] = [
        // Browsing without words, then words.
        &[("sort", "match")],
        &[("remote", "hybrid"), ("sort", "match"), ("page", "3")],
        &[("q", "senior")],
        &[("q", "engineer"), ("page", "2")],
        &[("q", "data analyst")],
        &[("q", "product or design"), ("remote", "remote")],
        &[("q", "engineer"), ("skills", "Docker")],
        &[("q", "kafka"), ("page", "400")],
    ];
    let mut reordered = 0;
    for candidate in [&lagos_engineer, &moving_designer] {
        for fields in searches {
            let (filters, _) = parse(&query(fields));
            let mut conn = app.pool.acquire().await.unwrap();
            let (rows, total) = app
                .state
                .search
                .search_by_fit(&mut conn, &filters, candidate)
                .await
                .unwrap()
                .expect("the index answers");
            let from_index: Vec<_> = rows.into_iter().map(|r| r.hit.id).collect();
            // The database's first 1,000 matches, ranked by fit here.
            let (matches, counted) = db::search(&mut conn, &filters, Window::all())
                .await
                .unwrap();
            let relevance: Vec<_> = matches.iter().map(|r| r.hit.id).collect();
            let scored = matches
                .into_iter()
                .map(|r| {
                    let facts = db::vacancy_facts(&r.hit, &r.skills);
                    (match_score(candidate, &facts).shown(), r.hit)
                })
                .collect();
            let ranked = rank_by_fit(scored, filters.page, |(score, hit)| {
                (*score, hit.published_at, hit.id)
            });
            let from_database: Vec<_> = ranked.into_iter().map(|(_, hit)| hit.id).collect();
            assert_eq!(
                (&from_index, total),
                (&from_database, counted),
                "{fields:?}"
            );
            let skip = usize::try_from((filters.page - 1) * 20).unwrap();
            if relevance.iter().skip(skip).take(20).ne(from_index.iter()) {
                reordered += 1;
            }
        }
    }
    // The fit decided the order, not only the words.
    assert!(reordered >= 8, "{reordered} pages in another order");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_index_follows_each_change(pool: PgPool) {
    let app = indexed_app(pool.clone()).await;
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let titles = |fields: &'static [(&'static str, &'static str)]| {
        let app = &app;
        async move {
            results(app, fields, Window::page(1), true)
                .await
                .0
                .into_iter()
                .map(|(_, title, ..)| title)
                .collect::<Vec<_>>()
        }
    };
    let id = indexed(&app, publish(&app, &mut hr, "Data Analyst", &[])).await;
    assert_eq!(titles(&[("q", "analyst")]).await, ["Data Analyst"]);
    assert_eq!(
        titles(&[("q", "analyst"), ("company", "acme")]).await,
        ["Data Analyst"]
    );

    // Edited: found by its new words only.
    let mut form = crate::vacancies::vacancy_form("Platform Engineer");
    form.insert(0, ("id", &id));
    let reply = indexed(&app, hr.call("employer/vacancy/save", &form)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(titles(&[("q", "analyst")]).await.is_empty());
    assert_eq!(titles(&[("q", "platform")]).await, ["Platform Engineer"]);

    // The company renamed: the company filter follows.
    indexed(
        &app,
        sqlx::query("update companies set name = 'Zenith Savings' where name = 'Acme Bank'")
            .execute(&pool),
    )
    .await
    .unwrap();
    assert!(
        titles(&[("q", "platform"), ("company", "acme")])
            .await
            .is_empty()
    );
    assert_eq!(
        titles(&[("q", "platform"), ("company", "zenith")]).await,
        ["Platform Engineer"]
    );

    // Paused, resumed, closed.
    let reply = indexed(&app, change(&mut hr, &id, "pause")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(titles(&[("q", "platform")]).await.is_empty());
    indexed(&app, change(&mut hr, &id, "resume")).await;
    assert_eq!(titles(&[("q", "platform")]).await, ["Platform Engineer"]);
    indexed(&app, change(&mut hr, &id, "close")).await;
    assert!(titles(&[("q", "platform")]).await.is_empty());
}

/// The deck and the talent search read the skills of open vacancies from
/// the index: the same skills in the same order (required first, then by
/// name) as the database's. A vacancy the index does not hold (not open)
/// sends the whole lookup to the database.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn skills_by_vacancy_from_the_index_are_the_databases(pool: PgPool) {
    let app = generated_set(pool.clone(), 300).await;
    let open: Vec<uuid::Uuid> = sqlx::query_scalar(
        "select v.id from vacancies v where v.status = 'active'
          and exists (select 1 from vacancy_skills vs where vs.vacancy_id = v.id)
          order by v.id limit 60",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(open.len(), 60);
    let mut conn = pool.acquire().await.unwrap();
    let from_index = app
        .state
        .search
        .skills_by_vacancy(&mut conn, &open)
        .await
        .unwrap();
    let from_database = db::skills_by_vacancy(&mut conn, &open).await.unwrap();
    assert_eq!(from_index, from_database);

    // Closing one: it leaves the index, so the lookup goes to the database.
    let closed = open[0];
    indexed(
        &app,
        sqlx::query("update vacancies set status = 'closed' where id = $1")
            .bind(closed)
            .execute(&pool),
    )
    .await
    .unwrap();
    let with_closed = app
        .state
        .search
        .skills_by_vacancy(&mut conn, &open)
        .await
        .unwrap();
    assert!(!with_closed[&closed].is_empty());
    assert_eq!(with_closed, from_database);
}
