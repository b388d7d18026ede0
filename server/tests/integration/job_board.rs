//! The public job board: full-text search with typos and filters, the
//! vacancy page with its company card, structured data and view counter,
//! and the search log.

use crate::common::{Client, TestApp};
use crate::vacancies::{change, create, vacancy_form};
use axum::http::StatusCode;
use sqlx::PgPool;

/// Publishes a vacancy from the standard form with some fields changed.
pub(crate) async fn publish(
    app: &TestApp,
    hr: &mut Client,
    title: &str,
    changes: &[(&str, &str)],
) -> String {
    let mut form = vacancy_form(title);
    for (name, value) in changes {
        match form.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = value,
            None => form.push((name, value)),
        }
    }
    let id = create(app, hr, &form).await;
    let reply = change(hr, &id, "publish").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    id
}

pub(crate) async fn search(client: &mut Client, params: &[(&str, &str)]) -> serde_json::Value {
    let fields: Vec<(String, &str)> = params
        .iter()
        .map(|(k, v)| (format!("query[{k}]"), *v))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let reply = client.call("jobs/search", &fields).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub(crate) fn titles(results: &serde_json::Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

/// A result's snippet as the page shows it: its runs joined.
fn snippet_text(hit: &serde_json::Value) -> String {
    hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|part| part[0].as_str().unwrap())
        .collect()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_snippet_cut_in_the_middle_of_a_sentence_ends_with_an_ellipsis(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    // The searched word is in the title only, so the snippet is the
    // description's start, as far as a card shows (200 characters), which
    // ends mid-sentence.
    let long = "Join us to keep the platform fast, safe and always on. You will \
                own the build and release tooling, the on-call rota and the \
                dashboards every team reads before it ships anything to \
                customers, and you will teach the rest of us how it all works.";
    publish(&app, &mut hr, "Platform Engineer", &[("description", long)]).await;
    // Short enough to be shown whole, though it has no full stop.
    let short = "Keep our payment systems running for millions of customers every day";
    publish(
        &app,
        &mut hr,
        "Payments Engineer",
        &[("description", short)],
    )
    .await;
    let results = search(&mut app.client(), &[("q", "engineer"), ("sort", "newest")]).await;
    let snippets: std::collections::HashMap<String, String> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            (
                hit["title"].as_str().unwrap().to_string(),
                snippet_text(hit),
            )
        })
        .collect();
    let cut = &snippets["Platform Engineer"];
    assert!(cut.starts_with("Join us to keep the platform"), "{cut}");
    assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
    assert_eq!(snippets["Payments Engineer"], short);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn search_ranks_titles_first_forgives_typos_and_combines_filters(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    publish(&app, &mut hr, "Data Analyst", &[]).await;
    publish(
        &app,
        &mut hr,
        "Finance Manager",
        &[(
            "description",
            "Lead the finance team and work closely with our data analyst on reporting.",
        )],
    )
    .await;
    publish(
        &app,
        &mut hr,
        "Remote Backend Engineer",
        &[
            ("remote_option", "remote"),
            ("city", ""),
            ("region", ""),
            ("required_skills", "Rust, PostgreSQL"),
            ("preferred_skills", ""),
            ("salary_min", "5000"),
            ("salary_max", "7000"),
            ("salary_currency", "USD"),
            ("seniority", "senior"),
        ],
    )
    .await;
    let draft = create(&app, &mut hr, &vacancy_form("Data Analyst (draft)")).await;
    let mut anyone = app.client();

    // The title match ranks above the one that only mentions it; drafts
    // never show.
    let results = search(&mut anyone, &[("q", "data analyst")]).await;
    assert_eq!(titles(&results), ["Data Analyst", "Finance Manager"]);
    assert_eq!(results["total"], 2);
    assert_eq!(results["sort"], "relevance");
    // The snippet marks the words that matched.
    let snippet = &results["hits"][1]["snippet"];
    assert!(
        snippet
            .as_array()
            .unwrap()
            .iter()
            .any(|part| part[1] == true
                && part[0].as_str().unwrap().to_lowercase().contains("analyst")),
        "{snippet}"
    );
    assert!(draft.len() > 10);

    // A typo in the title still finds it.
    assert_eq!(
        titles(&search(&mut anyone, &[("q", "analsyt")]).await),
        ["Data Analyst"]
    );
    // Skills and the company name are searched too.
    assert_eq!(
        titles(&search(&mut anyone, &[("q", "postgresql")]).await),
        ["Remote Backend Engineer"]
    );
    assert_eq!(search(&mut anyone, &[("q", "acme bank")]).await["total"], 3);

    // Filters narrow together.
    let remote_rust = search(
        &mut anyone,
        &[
            ("remote", "remote"),
            ("skills", "rust"),
            ("seniority", "senior"),
        ],
    )
    .await;
    assert_eq!(titles(&remote_rust), ["Remote Backend Engineer"]);
    assert_eq!(
        search(&mut anyone, &[("remote", "remote"), ("location", "lagos")]).await["total"],
        0
    );
    assert_eq!(
        search(&mut anyone, &[("location", "lagos"), ("posted", "1")]).await["total"],
        2
    );
    assert_eq!(
        search(&mut anyone, &[("skills", "Underwater welding")]).await["total"],
        0
    );
    // Pay overlaps the range asked for, per year and in its currency:
    // 850,000–1,200,000 NGN a month is 10.2–14.4 million a year.
    let pay = |min: &'static str, period: &'static str| {
        [("salary_min", min), ("currency", "NGN"), ("period", period)]
    };
    assert_eq!(
        search(&mut anyone, &pay("1000000", "month")).await["total"],
        2
    );
    assert_eq!(
        search(&mut anyone, &pay("1300000", "month")).await["total"],
        0
    );
    assert_eq!(search(&mut anyone, &pay("12000000", "")).await["total"], 2);
    // Unreadable pay is reported by field, and the rest still searches.
    let bad = search(&mut anyone, &[("salary_min", "lots"), ("q", "analyst")]).await;
    assert_eq!(bad["problems"][0][0], "salary_min");
    assert_eq!(bad["total"], 2);
    // The company filter, by name or page address.
    assert_eq!(
        search(&mut anyone, &[("company", "acme")]).await["total"],
        3
    );
    assert_eq!(
        search(&mut anyone, &[("company", "nobody")]).await["total"],
        0
    );
    // Newest first without words; by pay when asked.
    let newest = search(&mut anyone, &[]).await;
    assert_eq!(newest["sort"], "newest");
    assert_eq!(titles(&newest)[0], "Remote Backend Engineer");
    let by_pay = search(&mut anyone, &[("sort", "salary")]).await;
    assert_eq!(titles(&by_pay)[2], "Remote Backend Engineer");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn results_page_in_a_stable_order(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    for n in 0..23 {
        publish(&app, &mut hr, &format!("Teller {n:02}"), &[]).await;
    }
    // Same publishing moment for all: only the id can break the tie.
    sqlx::query("update vacancies set published_at = '2026-11-20 09:00+00'")
        .execute(&app.pool)
        .await
        .unwrap();
    let mut anyone = app.client();
    let first = search(&mut anyone, &[("q", "teller")]).await;
    let second = search(&mut anyone, &[("q", "teller"), ("page", "2")]).await;
    assert_eq!(first["total"], 23);
    let mut seen = titles(&first);
    assert_eq!(seen.len(), 20);
    seen.extend(titles(&second));
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 23, "every result once across pages");
    assert_eq!(
        titles(&search(&mut anyone, &[("q", "teller")]).await),
        titles(&first)
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn signed_in_searches_are_logged(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    publish(&app, &mut hr, "Data Analyst", &[]).await;
    search(&mut app.client(), &[("q", "analyst")]).await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let results = search(&mut ada, &[("q", "analyst"), ("remote", "hybrid")]).await;
    // A new candidate's empty profile gets no score, not a made-up one.
    assert!(results["hits"][0]["match_score"].is_null());
    let (text, filters, count): (String, serde_json::Value, i32) =
        sqlx::query_as("select query_text, filters, results_count from search_queries")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((text.as_str(), count), ("analyst", 1));
    assert_eq!(filters["remote"], "hybrid");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn best_match_ranks_by_the_readers_score_once_the_profile_says_enough(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let skills = |required| [("required_skills", required), ("preferred_skills", "")];
    publish(&app, &mut hr, "SQL Analyst", &skills("SQL")).await;
    publish(&app, &mut hr, "Payroll Clerk", &skills("Payroll")).await;
    publish(&app, &mut hr, "Cashier", &skills("Cash handling")).await;
    let by_match = [("sort", "match")];
    let newest = vec!["Cashier", "Payroll Clerk", "SQL Analyst"];

    // Without skills there is nothing to rank by: not offered, not applied.
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let results = search(&mut ada, &by_match).await;
    assert_eq!(results["best_match"], false);
    assert_eq!(titles(&results), newest);
    let mut visitor = app.client();
    let results = search(&mut visitor, &by_match).await;
    assert_eq!(
        (results["best_match"].as_bool(), titles(&results)),
        (Some(false), newest.iter().map(|t| t.to_string()).collect())
    );

    crate::swipe::add_skill(&mut ada, "SQL").await;
    let results = search(&mut ada, &by_match).await;
    assert_eq!(results["best_match"], true);
    assert_eq!(results["sort"], "match");
    assert_eq!(titles(&results)[0], "SQL Analyst");
    assert_eq!(results["total"], 3);
    // The default order stays newest first, and the ranking pages too.
    assert_eq!(titles(&search(&mut ada, &[]).await), newest);
    let past_the_end = search(&mut ada, &[("sort", "match"), ("page", "2")]).await;
    assert!(titles(&past_the_end).is_empty());
    assert_eq!(past_the_end["total"], 3);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn results_are_saved_in_place_and_only_for_their_reader(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = publish(&app, &mut hr, "Data Analyst", &[]).await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut bo = app.registered("bo@example.com", "candidate").await;
    let first = |r: serde_json::Value| r["hits"][0].clone();
    let hit = first(search(&mut ada, &[("q", "analyst")]).await);
    assert_eq!(
        (hit["saved"].as_bool(), hit["logo_url"].is_null()),
        (Some(false), true)
    );
    let slug = hit["slug"].as_str().unwrap().to_string();
    // Visitors and employers have nothing to save.
    assert!(first(search(&mut app.client(), &[]).await)["saved"].is_null());
    assert!(first(search(&mut hr, &[]).await)["saved"].is_null());

    // Without script the post comes back to the card in the same search.
    let location = |reply: &crate::common::Reply| {
        reply.headers[axum::http::header::LOCATION]
            .to_str()
            .unwrap()
            .to_string()
    };
    let fields = [
        ("vacancy_id", id.as_str()),
        ("saved", "true"),
        ("back", "/jobs?q=analyst"),
    ];
    let reply = ada
        .call_plain_form("saved/set", &fields, "http://localhost:3000/jobs?q=analyst")
        .await;
    assert_eq!(
        location(&reply),
        format!("/jobs?q=analyst&notice=vacancy_saved_for_later#job-{slug}")
    );
    assert_eq!(first(search(&mut ada, &[]).await)["saved"], true);
    assert_eq!(first(search(&mut bo, &[]).await)["saved"], false);
    // With script the bookmark learns the state from the answer; saving
    // again keeps the note written on the vacancy's page.
    ada.call(
        "saved/save",
        &[("vacancy_id", &id), ("note", "Ask about visas")],
    )
    .await;
    let reply = ada
        .call(
            "saved/set",
            &[("vacancy_id", &id), ("saved", "true"), ("back", "/jobs")],
        )
        .await;
    assert_eq!((reply.status, reply.json()), (StatusCode::OK, true.into()));
    assert_eq!(
        ada.call("saved", &[]).await.json()[0]["note"],
        "Ask about visas"
    );
    // Only a job seeker has a saved list.
    let reply = hr
        .call(
            "saved/set",
            &[("vacancy_id", &id), ("saved", "true"), ("back", "/jobs")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    // A `back` leading anywhere else goes to the vacancy's page.
    let fields = [
        ("vacancy_id", id.as_str()),
        ("saved", "false"),
        ("back", "https://evil.example/jobs?"),
    ];
    let reply = ada
        .call_plain_form("saved/set", &fields, "http://localhost:3000/jobs")
        .await;
    assert_eq!(
        location(&reply),
        format!("/jobs/{slug}?notice=vacancy_unsaved#apply")
    );
    assert_eq!(first(search(&mut ada, &[]).await)["saved"], false);
    assert_eq!(first(search(&mut bo, &[]).await)["saved"], false);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_vacancy_page_counts_views_and_keeps_confidential_companies_hidden(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let open = publish(&app, &mut hr, "Data Analyst", &[]).await;
    let secret = publish(
        &app,
        &mut hr,
        "Chief Risk Officer",
        &[("is_confidential", "on")],
    )
    .await;
    let slug = |id: &str| {
        let pool = app.pool.clone();
        let id = id.to_string();
        async move {
            sqlx::query_scalar::<_, String>("select slug from vacancies where id = $1::uuid")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let open_slug = slug(&open).await;
    let secret_slug = slug(&secret).await;
    let mut anyone = app.client();

    let page = anyone
        .call("jobs/posting", &[("slug", &open_slug)])
        .await
        .json();
    assert_eq!(page["open"], true);
    assert_eq!(page["company"]["name"], "Acme Bank");
    let ld: serde_json::Value = serde_json::from_str(page["json_ld"].as_str().unwrap()).unwrap();
    assert_eq!(ld["@type"], "JobPosting");
    assert_eq!(ld["baseSalary"]["currency"], "NGN");

    let hidden = anyone
        .call("jobs/posting", &[("slug", &secret_slug)])
        .await
        .json();
    assert_eq!(hidden["company"], serde_json::Value::Null);
    assert_eq!(hidden["display"]["company"], serde_json::Value::Null);
    assert!(!hidden["json_ld"].as_str().unwrap().contains("Acme"));
    // Nor is it found by the company's name or filter.
    assert_eq!(
        titles(&search(&mut anyone, &[("q", "acme")]).await),
        ["Data Analyst"]
    );
    assert_eq!(
        search(&mut anyone, &[("company", "acme")]).await["total"],
        1
    );
    // The company itself sees its name.
    let own = hr
        .call("jobs/posting", &[("slug", &secret_slug)])
        .await
        .json();
    assert_eq!(own["company"]["name"], "Acme Bank");

    // Views: once per viewer per half hour; the company's own are not counted.
    let mut ada = app.registered("ada@example.com", "candidate").await;
    for _ in 0..3 {
        ada.call("jobs/posting", &[("slug", &open_slug)]).await;
    }
    let views = || {
        let pool = app.pool.clone();
        let id = open.clone();
        async move {
            sqlx::query_scalar::<_, i32>("select views_count from vacancies where id = $1::uuid")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(views().await, 2, "the visitor and Ada, once each");
    sqlx::query("update vacancy_views set counted_at = now() - interval '31 minutes'")
        .execute(&app.pool)
        .await
        .unwrap();
    ada.call("jobs/posting", &[("slug", &open_slug)]).await;
    assert_eq!(views().await, 3);

    // Twenty people at once: twenty views.
    let mut tasks = Vec::new();
    for n in 0..20 {
        let mut client = app
            .registered(&format!("v{n}@example.com"), "candidate")
            .await;
        let slug = open_slug.clone();
        tasks.push(tokio::spawn(async move {
            client.call("jobs/posting", &[("slug", &slug)]).await.status
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(views().await, 23);

    // Closed: still readable, clearly not open, no structured data.
    change(&mut hr, &open, "close").await;
    let closed = anyone
        .call("jobs/posting", &[("slug", &open_slug)])
        .await
        .json();
    assert_eq!(closed["open"], false);
    assert_eq!(closed["status"], "Closed");
    assert_eq!(closed["json_ld"], serde_json::Value::Null);
    // A draft has no page.
    let reply = anyone
        .call("jobs/posting", &[("slug", "no-such-job")])
        .await;
    assert_eq!(reply.error(), app::error::AppError::NotFound);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_result_shows_its_required_skills_and_its_company_logo_unless_confidential(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let logo = server::demo_files::portrait_jpeg(300, 1);
    let reply = hr.upload("company/logo", "logo", "logo.jpg", &logo).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let logo_url = hr.call("company/mine", &[]).await.json()["company"]["logo_url"].clone();
    assert!(logo_url.is_string());
    publish(
        &app,
        &mut hr,
        "Data Analyst",
        &[
            ("required_skills", "Tableau, SQL, Python"),
            ("preferred_skills", "Excel"),
        ],
    )
    .await;
    publish(&app, &mut hr, "Data Engineer", &[("is_confidential", "on")]).await;
    let mut anyone = app.client();
    for words in ["data", ""] {
        let results = search(&mut anyone, &[("q", words), ("sort", "newest")]).await;
        let hits = results["hits"].as_array().unwrap();
        let shown = |hit: &serde_json::Value| (hit["title"].clone(), hit["skills"].clone());
        // Required skills only, by name; a confidential company's logo is hidden.
        assert_eq!(
            hits.iter().map(shown).collect::<Vec<_>>(),
            [
                ("Data Engineer".into(), serde_json::json!(["Python", "SQL"])),
                (
                    "Data Analyst".into(),
                    serde_json::json!(["Python", "SQL", "Tableau"])
                ),
            ],
            "searching {words:?}"
        );
        assert_eq!(hits[0]["logo_url"], serde_json::Value::Null);
        assert_eq!(hits[1]["logo_url"], logo_url);
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_company_page_lists_its_open_roles_but_never_a_confidential_one(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let mut other = app.employer_of("hr@zenith.example.com", "Zenith", "").await;
    let roles = |page: &serde_json::Value| -> Vec<(String, bool)> {
        page["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["title"].as_str().unwrap().to_string(),
                    r["saved"].is_null(),
                )
            })
            .collect()
    };
    let acme = [("slug", "acme-bank")];
    let empty = app.client().call("companies/public", &acme).await.json();
    assert_eq!(
        (roles(&empty), empty["open_roles"].as_i64()),
        (vec![], Some(0))
    );

    publish(&app, &mut hr, "Data Analyst", &[]).await;
    publish(&app, &mut hr, "Data Engineer", &[("is_confidential", "on")]).await;
    let paused = publish(&app, &mut hr, "Risk Lead", &[]).await;
    change(&mut hr, &paused, "pause").await;
    create(&app, &mut hr, &vacancy_form("Draft Role")).await;
    publish(&app, &mut hr, "Treasurer", &[]).await;
    publish(&app, &mut other, "Teller", &[]).await;

    // Newest first; a visitor has nothing to save, a job seeker has.
    let page = app.client().call("companies/public", &acme).await.json();
    assert_eq!(
        (roles(&page), page["open_roles"].as_i64()),
        (
            vec![("Treasurer".into(), true), ("Data Analyst".into(), true)],
            Some(2)
        )
    );
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let page = ada.call("companies/public", &acme).await.json();
    assert_eq!(
        roles(&page),
        [("Treasurer".into(), false), ("Data Analyst".into(), false)]
    );
    let html = app.client().get("/companies/acme-bank").await.body;
    assert!(html.contains("2 open roles") && html.contains("Treasurer"));
    assert!(!html.contains("Data Engineer") && !html.contains("Teller"));
    assert!(!html.contains("Page 1 of"));

    // Twenty more, older: the page lists 20 at a time.
    sqlx::query(
        "do $$ declare columns text; begin
           select string_agg(quote_ident(column_name), ', ') into columns
             from information_schema.columns
            where table_name = 'vacancies' and is_generated = 'NEVER'
              and column_name not in ('id', 'slug', 'title', 'published_at');
           execute format('insert into vacancies (id, slug, title, published_at, %1$s)
             select gen_random_uuid(), slug || ''-'' || n, ''Analyst '' || n,
                    published_at - make_interval(days => n), %1$s
               from vacancies, generate_series(1, 20) n where title = ''Data Analyst''', columns);
         end $$",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let page = |n: &'static str| [("slug", "acme-bank"), ("page", n)];
    let first = app
        .client()
        .call("companies/public", &page("1"))
        .await
        .json();
    let second = app
        .client()
        .call("companies/public", &page("2"))
        .await
        .json();
    let past = app
        .client()
        .call("companies/public", &page("9"))
        .await
        .json();
    let titles = |page: &serde_json::Value| -> Vec<String> {
        roles(page).into_iter().map(|(title, _)| title).collect()
    };
    assert_eq!(
        (titles(&first).len(), first["open_roles"].as_i64()),
        (20, Some(22))
    );
    assert_eq!(
        (titles(&second), second["open_roles"].as_i64()),
        (vec!["Analyst 19".into(), "Analyst 20".into()], Some(22))
    );
    assert_eq!(
        (titles(&past), past["open_roles"].as_i64()),
        (vec![], Some(22))
    );
    let html = app.client().get("/companies/acme-bank").await.body;
    assert!(
        html.contains("Page 1 of 2") && html.contains("/companies/acme-bank?page=2#roles-heading")
    );
    let html = app.client().get("/companies/acme-bank?page=9").await.body;
    assert!(html.contains("past the last of its open roles"));
}
