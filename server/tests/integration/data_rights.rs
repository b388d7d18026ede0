//! Export my data, delete my account, and the erasure job behind it.

use crate::applications::{apply, candidate, open_vacancy};
use crate::common::{PASSWORD, TestApp};
use crate::job_board::{publish, search};
use crate::swipe::swipe;
use app::auth::api::INVALID_CREDENTIALS;
use app::error::AppError;
use app::jobs;
use axum::http::{StatusCode, header};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn export_holds_every_section_of_ones_own_data_only(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ana = app.registered("ana@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "employer").await;
    ana.call(
        "settings/locale",
        &[("language", "pt"), ("timezone", "Europe/Lisbon")],
    )
    .await;
    ana.call(
        "profile/identity",
        &[
            ("first_name", "Ana"),
            ("last_name", "Silva"),
            ("preferred_name", ""),
            ("headline", "Actuary"),
            ("summary", ""),
            ("phone", ""),
        ],
    )
    .await;
    for (endpoint, form) in [
        (
            "profile/work",
            &[
                ("id", ""),
                ("company_name", "Fidelidade"),
                ("job_title", "Actuary"),
                ("employment_type", "full_time"),
                ("location", ""),
                ("start", "2018-01"),
                ("end", ""),
                ("is_current", "on"),
                ("description", ""),
                ("achievements", ""),
                ("team_size", ""),
            ][..],
        ),
        (
            "profile/education",
            &[
                ("id", ""),
                ("institution", "Universidade de Lisboa"),
                ("degree_type", "master"),
                ("field_of_study", "Actuarial science"),
                ("start_year", "2012"),
                ("end_year", "2014"),
                ("grade", ""),
            ],
        ),
        (
            "profile/certification",
            &[
                ("id", ""),
                ("name", "FIA"),
                ("issuer", "IFoA"),
                ("issued", "2016-06"),
                ("expires", ""),
                ("credential_id", ""),
                ("credential_url", ""),
            ],
        ),
        (
            "profile/skill",
            &[
                ("id", ""),
                ("skill_name", "Python"),
                ("proficiency", "expert"),
                ("years", ""),
            ],
        ),
        (
            "profile/reference",
            &[
                ("id", ""),
                ("name", "Rui Costa"),
                ("email", "rui@example.com"),
                ("phone", ""),
                ("company", ""),
                ("job_title", ""),
                ("relationship", "manager"),
            ],
        ),
    ] {
        let reply = ana.call(endpoint, form).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }
    ana.upload(
        "media/photo",
        "photo",
        "me.jpg",
        &server::demo_files::portrait_jpeg(200, 2),
    )
    .await;
    ana.login("ana@example.com", PASSWORD).await;

    assert_eq!(
        app.client().get("/api/account/export").await.status,
        StatusCode::UNAUTHORIZED
    );
    let reply = ana.get("/api/account/export").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let disposition = reply.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let export = reply.json();
    assert_eq!(export["account"]["email"], "ana@example.com");
    assert!(
        export["account"]["created_at"]
            .as_str()
            .unwrap()
            .contains('T'),
        "readable times"
    );
    assert_eq!(export["settings"]["language"], "pt");
    let actions: Vec<&str> = export["security_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["account.registered", "login.succeeded"]);
    assert_eq!(export["login_attempts"].as_array().unwrap().len(), 1);
    let files = export["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert!(
        files[0]
            .as_str()
            .unwrap()
            .starts_with("http://localhost:3000/media/photos/")
    );
    assert_eq!(export["profile"]["headline"], "Actuary");
    assert!(export["profile"].get("industries").is_none());
    let sections = &export["profile_sections"];
    assert_eq!(sections["work"][0]["company_name"], "Fidelidade");
    assert_eq!(
        sections["education"][0]["field_of_study"],
        "Actuarial science"
    );
    assert_eq!(sections["certifications"][0]["name"], "FIA");
    assert_eq!(sections["skills"][0]["name"], "Python");
    // The owner's own export holds the decrypted contact details.
    assert_eq!(sections["references"][0]["email"], "rui@example.com");

    let theirs = ben.get("/api/account/export").await.json();
    assert_eq!(theirs["account"]["email"], "ben@example.com");
    assert_eq!(theirs["security_events"].as_array().unwrap().len(), 1);
    assert!(theirs["profile_sections"].is_null());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn export_holds_applications_saved_jobs_swipes_and_searches(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, applied) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let saved = publish(&app, &mut hr, "Treasurer", &[]).await;
    let swiped = publish(&app, &mut hr, "Risk Lead", &[]).await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    let reply = apply(&mut ada, &applied, &resume).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = ada
        .call(
            "saved/save",
            &[("vacancy_id", &saved), ("note", "Ask about the team")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = swipe(&mut ada, &swiped, "left").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    search(&mut ada, &[("q", "treasurer")]).await;
    // Another job seeker's are not in it.
    let (mut bo, _) = candidate(&app, "bo@example.com").await;
    search(&mut bo, &[("q", "analyst")]).await;

    let export = ada.get("/api/account/export").await.json();
    let application = &export["applications"][0];
    assert_eq!(
        (
            &application["vacancy"],
            &application["company"],
            &application["cover_letter"]
        ),
        (
            &"Data Analyst".into(),
            &"Acme Bank".into(),
            &"Hello!".into()
        )
    );
    assert!(application["applied_at"].as_str().unwrap().contains('T'));
    assert_eq!(export["saved_jobs"][0]["note"], "Ask about the team");
    assert_eq!(export["saved_jobs"][0]["vacancy"], "Treasurer");
    assert_eq!(
        (
            &export["swipes"][0]["vacancy"],
            &export["swipes"][0]["choice"]
        ),
        (&"Risk Lead".into(), &"pass".into())
    );
    let searches = export["searches"].as_array().unwrap();
    assert_eq!(searches.len(), 1, "{searches:?}");
    assert_eq!(searches[0]["words"], "treasurer");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn deleting_closes_the_account_at_once_and_schedules_erasure(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("del@example.com", "candidate").await;
    let mut other_device = app.client();
    other_device.login("del@example.com", PASSWORD).await;

    let unconfirmed = client
        .call("account/delete", &[("current_password", PASSWORD)])
        .await;
    assert!(unconfirmed.error().field_message("confirm").is_some());
    let wrong = client
        .call(
            "account/delete",
            &[("current_password", "wrong one 1"), ("confirm", "on")],
        )
        .await;
    assert!(wrong.error().field_message("delete_password").is_some());
    assert_eq!(client.whoami().await.as_deref(), Some("del@example.com"));

    let ok = client
        .call(
            "account/delete",
            &[("current_password", PASSWORD), ("confirm", "on")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(client.whoami().await, None);
    assert_eq!(other_device.whoami().await, None);
    let login = app.client().login("del@example.com", PASSWORD).await;
    assert_eq!(login.error(), AppError::Refused(INVALID_CREDENTIALS.into()));
    assert_eq!(app.audit_count("account.deleted").await, 1);

    let days: f64 = sqlx::query_scalar(
        "select extract(epoch from run_at - now())::float8 / 86400 from jobs where kind = 'erase_account'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!((days - 30.0).abs() < 0.01, "erasure in 30 days, got {days}");

    let mut admin = app.admin("root@example.com").await;
    let overview = admin.call("admin/overview", &[]).await.json();
    assert_eq!(overview["candidates"], 0, "a deleted account is in no list");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn erasure_runs_when_due_and_leaves_an_anonymous_placeholder(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("gone@example.com", "candidate").await;
    client
        .upload(
            "media/photo",
            "photo",
            "me.jpg",
            &server::demo_files::portrait_jpeg(300, 1),
        )
        .await;
    client
        .upload(
            "media/resume",
            "resume",
            "cv.pdf",
            &server::demo_files::resume_pdf(&["Gone"]),
        )
        .await;
    client
        .call(
            "profile/skill",
            &[
                ("id", ""),
                ("skill_name", "Python"),
                ("proficiency", "expert"),
                ("years", ""),
            ],
        )
        .await;
    assert_eq!(app.stored_files().len(), 3);
    assert_eq!(app.run_jobs().await, 1, "the résumé is read");
    client
        .call(
            "account/delete",
            &[("current_password", PASSWORD), ("confirm", "on")],
        )
        .await;

    assert!(
        !jobs::run_next(&app.state).await.unwrap(),
        "not due for 30 days"
    );
    sqlx::query("update jobs set run_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(jobs::run_next(&app.state).await.unwrap());
    assert!(!jobs::run_next(&app.state).await.unwrap(), "it ran once");

    let (email, hash): (String, String) = sqlx::query_as("select email, password_hash from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        email.starts_with("erased-") && email.ends_with("@erased.invalid"),
        "{email}"
    );
    assert_eq!(hash, "!");
    assert!(app.stored_files().is_empty(), "files are erased");
    for table in [
        "user_settings",
        "user_tokens",
        "profile_photos",
        "resumes",
        "candidate_skills",
        "email_logs",
    ] {
        let rows: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(rows, 0, "{table}");
    }
    let mails: i64 = sqlx::query_scalar(
        "select count(*) from captured_emails where to_address = 'gone@example.com'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(mails, 0);
    let remembered: i64 =
        sqlx::query_scalar("select count(*) from login_attempts where email = 'gone@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(remembered, 0);
    assert_eq!(app.audit_count("account.erased").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn erasure_takes_saved_jobs_and_searches_with_it(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut gone, _) = candidate(&app, "gone@example.com").await;
    let (mut stays, _) = candidate(&app, "stays@example.com").await;
    for client in [&mut gone, &mut stays] {
        let reply = client
            .call("saved/save", &[("vacancy_id", &vacancy), ("note", "mine")])
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        search(client, &[("q", "analyst")]).await;
    }
    let reply = gone
        .call(
            "account/delete",
            &[("current_password", PASSWORD), ("confirm", "on")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    sqlx::query("update jobs set run_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    app.run_jobs().await;
    for table in ["saved_vacancies", "search_queries"] {
        let owners: Vec<String> = sqlx::query_scalar(&format!(
            "select u.email from {table} t join users u on u.id = t.user_id"
        ))
        .fetch_all(&app.pool)
        .await
        .unwrap();
        assert_eq!(owners, ["stays@example.com"], "{table}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_workers_run_each_due_job_exactly_once(pool: PgPool) {
    let app = TestApp::new(pool);
    for n in 0..10 {
        let email = format!("u{n}@example.com");
        let mut client = app.registered(&email, "candidate").await;
        client
            .call(
                "account/delete",
                &[("current_password", PASSWORD), ("confirm", "on")],
            )
            .await;
    }
    sqlx::query("update jobs set run_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.run_jobs_with_two_workers().await, 10);
    let done: i64 = sqlx::query_scalar(
        "select count(*) from jobs
              where kind = 'erase_account' and done_at is not null and attempts = 0",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(done, 10);
    assert_eq!(app.audit_count("account.erased").await, 10);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_failing_job_is_retried_later_and_finally_marked_failed(pool: PgPool) {
    let app = TestApp::new(pool.clone());
    let state = &app.state;
    sqlx::query("insert into jobs (id, kind, payload) values ($1, 'no_such_kind', '{}')")
        .bind(uuid::Uuid::now_v7())
        .execute(&pool)
        .await
        .unwrap();
    assert!(jobs::run_next(state).await.unwrap());
    let (attempts, later, failed): (i32, bool, bool) =
        sqlx::query_as("select attempts, run_at > now(), failed_at is not null from jobs")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((attempts, later, failed), (1, true, false));
    assert!(!jobs::run_next(state).await.unwrap(), "not due again yet");

    for _ in 1..jobs::MAX_ATTEMPTS {
        sqlx::query("update jobs set run_at = now() - interval '1 second'")
            .execute(&pool)
            .await
            .unwrap();
        jobs::run_next(state).await.unwrap();
    }
    let failed: bool = sqlx::query_scalar("select failed_at is not null from jobs")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(failed);
}
