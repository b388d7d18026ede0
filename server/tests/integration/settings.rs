//! Settings: each person changes only their own, with validation.

use crate::common::{PASSWORD, TestApp};
use app::error::AppError;
use app::settings::api::WRONG_PASSWORD;
use axum::http::StatusCode;
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn settings_need_a_login(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut visitor = app.client();
    assert_eq!(
        visitor.call("settings", &[]).await.error(),
        AppError::Unauthenticated
    );
    let reply = visitor
        .call("settings/privacy", &[("profile_visibility", "private")])
        .await;
    assert_eq!(reply.error(), AppError::Unauthenticated);
    assert_eq!(
        visitor.get("/settings").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_section_saves_only_the_callers_settings(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ana = app.registered("ana@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "candidate").await;

    let privacy = ana
        .call(
            "settings/privacy",
            &[
                ("profile_visibility", "private"),
                ("show_phone", "on"),
                ("marketing_consent", "on"),
            ],
        )
        .await;
    assert_eq!(privacy.status, StatusCode::OK, "{}", privacy.body);
    let locale = ana
        .call(
            "settings/locale",
            &[("language", "fr"), ("timezone", "Africa/Lagos")],
        )
        .await;
    assert_eq!(locale.status, StatusCode::OK, "{}", locale.body);

    let mine = ana.call("settings", &[]).await.json();
    assert_eq!(mine["profile_visibility"], "private");
    assert_eq!(
        (mine["show_email"].as_bool(), mine["show_phone"].as_bool()),
        (Some(false), Some(true))
    );
    // Consent to product news is given here, and withdrawn as simply.
    assert_eq!(mine["marketing_consent"].as_bool(), Some(true));
    ana.call(
        "settings/privacy",
        &[("profile_visibility", "private"), ("show_phone", "on")],
    )
    .await;
    let consent: bool =
        sqlx::query_scalar("select marketing_consent from users where email = 'ana@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(!consent);
    assert_eq!(
        (mine["language"].as_str(), mine["timezone"].as_str()),
        (Some("fr"), Some("Africa/Lagos"))
    );

    let theirs = ben.call("settings", &[]).await.json();
    // Untouched: the default, seen by companies only.
    assert_eq!(theirs["profile_visibility"], "network");
    assert_eq!(theirs["language"], "en");
    assert_eq!(theirs["marketing_consent"], false);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn unknown_values_are_field_errors(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("val@example.com", "employer").await;
    let visibility = client
        .call("settings/privacy", &[("profile_visibility", "everyone")])
        .await;
    assert!(
        visibility
            .error()
            .field_message("profile_visibility")
            .is_some()
    );
    let locale = client
        .call(
            "settings/locale",
            &[("language", "xx"), ("timezone", "Mars/Base")],
        )
        .await;
    let error = locale.error();
    assert!(error.field_message("language").is_some() && error.field_message("timezone").is_some());
    let saved = client.call("settings", &[]).await.json();
    assert_eq!(
        (
            saved["profile_visibility"].as_str(),
            saved["timezone"].as_str()
        ),
        (Some("network"), Some("UTC"))
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn changing_the_password_keeps_this_session_and_ends_the_others(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut here = app.registered("pat@example.com", "candidate").await;
    let mut elsewhere = app.client();
    elsewhere.login("pat@example.com", PASSWORD).await;
    let new_password = "a fresh 5 password here";

    let wrong = here
        .call(
            "settings/password",
            &[
                ("current_password", "not it 1"),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(
        wrong.error().field_message("current_password").as_deref(),
        Some(WRONG_PASSWORD)
    );
    let weak = here
        .call(
            "settings/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "weak"),
                ("new_password_confirm", "weak"),
            ],
        )
        .await;
    assert!(weak.error().field_message("new_password").is_some());

    let ok = here
        .call(
            "settings/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(here.whoami().await.as_deref(), Some("pat@example.com"));
    assert_eq!(elsewhere.whoami().await, None);
    assert_eq!(app.audit_count("password.changed").await, 1);
    assert!(matches!(
        app.client()
            .login("pat@example.com", PASSWORD)
            .await
            .error(),
        AppError::Refused(_)
    ));
    assert_eq!(
        app.client()
            .login("pat@example.com", new_password)
            .await
            .status,
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn changing_the_email_needs_the_password_and_a_new_confirmation(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("old@example.com", "candidate").await;
    app.registered("taken@example.com", "candidate").await;
    let token = app
        .token_from_email("old@example.com", "Confirm your email address")
        .await;
    client.call("verify-email", &[("token", &token)]).await;

    let wrong = client
        .call(
            "settings/email",
            &[
                ("new_email", "new@example.com"),
                ("current_password", "nope nope 1"),
            ],
        )
        .await;
    assert_eq!(
        wrong.error().field_message("email_password").as_deref(),
        Some(WRONG_PASSWORD)
    );
    let taken = client
        .call(
            "settings/email",
            &[
                ("new_email", "TAKEN@example.com"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert!(
        taken
            .error()
            .field_message("new_email")
            .unwrap()
            .contains("Another account")
    );
    let invalid = client
        .call(
            "settings/email",
            &[("new_email", "nope"), ("current_password", PASSWORD)],
        )
        .await;
    assert!(invalid.error().field_message("new_email").is_some());

    let ok = client
        .call(
            "settings/email",
            &[
                ("new_email", "New@Example.com"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let session = client.call("session", &[]).await.json();
    assert_eq!(session["user"]["email"], "new@example.com");
    assert_eq!(session["user"]["email_verified"], false);
    assert_eq!(app.audit_count("email.changed").await, 1);

    // The old address is told; the new one gets a confirmation link that works.
    app.run_jobs().await;
    let told: i64 = sqlx::query_scalar(
        "select count(*) from captured_emails
          where to_address = 'old@example.com' and subject = 'Your email address was changed'
            and body_text like '%new@example.com%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(told, 1);
    let token = app
        .token_from_email("new@example.com", "Confirm your email address")
        .await;
    assert_eq!(
        client
            .call("verify-email", &[("token", &token)])
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.client().login("new@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    assert!(matches!(
        app.client()
            .login("old@example.com", PASSWORD)
            .await
            .error(),
        AppError::Refused(_)
    ));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn guessing_the_current_password_locks_the_account(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("guess@example.com", "candidate").await;
    let attempt = |password: &'static str| {
        let mut client = client.clone();
        async move {
            client
                .call(
                    "settings/email",
                    &[
                        ("new_email", "x@example.com"),
                        ("current_password", password),
                    ],
                )
                .await
                .error()
        }
    };
    for _ in 0..4 {
        assert_eq!(
            attempt("guess 1 wrong")
                .await
                .field_message("email_password")
                .as_deref(),
            Some(WRONG_PASSWORD)
        );
    }
    assert_eq!(
        attempt("guess 1 wrong").await,
        AppError::Refused(app::auth::api::ACCOUNT_LOCKED.into())
    );
    assert_eq!(
        attempt(PASSWORD).await,
        AppError::Refused(app::auth::api::ACCOUNT_LOCKED.into())
    );
    assert_eq!(app.audit_count("password.confirm_failed").await, 5);
    let email: String = sqlx::query_scalar("select email from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(email, "guess@example.com");
    assert_eq!(client.whoami().await.as_deref(), Some("guess@example.com"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_pages_clock_follows_the_browser_at_sign_up_then_the_setting(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ana = app.client();
    let zone_of = |clock: &Option<String>| {
        clock
            .as_deref()
            .and_then(|c| c.strip_prefix("hw_clock="))
            .and_then(|c| c.split('|').next())
            .map(str::to_string)
    };
    // The browser says Kiev; the settings offer the same zone as Kyiv.
    let reply = ana
        .call(
            "register",
            &[
                ("email", "ana@example.com"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("account_type", "candidate"),
                ("accept_terms", "on"),
                ("timezone", "Europe/Kiev"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        ana.call("settings", &[]).await.json()["timezone"],
        "Europe/Kyiv"
    );
    assert_eq!(zone_of(&ana.clock).as_deref(), Some("Europe/Kyiv"));

    let reply = ana
        .call(
            "settings/locale",
            &[("language", "en"), ("timezone", "Asia/Tokyo")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(zone_of(&ana.clock).as_deref(), Some("Asia/Tokyo"));

    // A lost clock comes back with the next page; signing out removes it.
    ana.clock = None;
    assert_eq!(ana.whoami().await.as_deref(), Some("ana@example.com"));
    assert_eq!(zone_of(&ana.clock).as_deref(), Some("Asia/Tokyo"));
    assert_eq!(ana.call("logout", &[]).await.status, StatusCode::OK);
    assert_eq!(ana.clock, None);
    ana.login("ana@example.com", PASSWORD).await;
    assert_eq!(zone_of(&ana.clock).as_deref(), Some("Asia/Tokyo"));

    // Without a browser's word (no script), or with nonsense, it is UTC.
    let mut bo = app.client();
    bo.register("bo@example.com", PASSWORD, "candidate").await;
    assert_eq!(bo.call("settings", &[]).await.json()["timezone"], "UTC");
}
