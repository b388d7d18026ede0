//! Registration, login, lockout, tokens and sessions against real PostgreSQL.

use crate::common::{PASSWORD, TestApp};
use app::auth::api::{
    ACCOUNT_LOCKED, INVALID_CREDENTIALS, INVALID_RESET_LINK, INVALID_VERIFY_LINK,
};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn registration_logs_in_and_sends_a_confirmation_link(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("ada@example.com", "candidate").await;
    assert_eq!(client.whoami().await.as_deref(), Some("ada@example.com"));

    let (status, verified): (String, bool) = sqlx::query_as(
        "select status, email_verified_at is not null from users where email = 'ada@example.com'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), verified), ("pending", false));
    let settings: i64 = sqlx::query_scalar("select count(*) from user_settings")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(settings, 1);
    assert_eq!(app.audit_count("account.registered").await, 1);

    let token = app
        .token_from_email("ada@example.com", "Confirm your email address")
        .await;
    let reply = client.call("verify-email", &[("token", &token)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let session = client.call("session", &[]).await.json();
    assert_eq!(session["user"]["email_verified"], true);
    let status: String = sqlx::query_scalar("select status from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "active");

    // The link works once.
    let again = client.call("verify-email", &[("token", &token)]).await;
    assert_eq!(again.error(), AppError::Refused(INVALID_VERIFY_LINK.into()));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn duplicate_email_in_another_case_is_refused_clearly(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("grace@example.com", "candidate").await;
    let reply = app
        .client()
        .register("Grace@EXAMPLE.com", PASSWORD, "employer")
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .error()
            .field_message("email")
            .unwrap()
            .contains("already exists")
    );
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn bad_registration_input_gets_field_errors_and_stores_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.client();

    let empty = client
        .call(
            "register",
            &[("email", ""), ("password", ""), ("password_confirm", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = empty.error();
    for field in [
        "email",
        "password",
        "password_confirm",
        "account_type",
        "accept_terms",
    ] {
        assert!(
            error.field_message(field).is_some(),
            "no error for {field}: {error:?}"
        );
    }

    let long_email = format!("{}@example.com", "x".repeat(300));
    let long_password = "ab1".repeat(100);
    let cases: [(&str, &str, &str, &str); 5] = [
        ("not-an-email", PASSWORD, "candidate", "email"),
        (&long_email, PASSWORD, "candidate", "email"),
        ("a@example.com", &long_password, "candidate", "password"),
        ("a@example.com", "short1", "candidate", "password"),
        ("a@example.com", PASSWORD, "admin", "account_type"),
    ];
    for (email, password, account_type, field) in cases {
        let reply = client.register(email, password, account_type).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            reply.body
        );
        assert!(
            reply.error().field_message(field).is_some(),
            "{field}: {}",
            reply.body
        );
    }

    let mismatch = client
        .call(
            "register",
            &[
                ("email", "a@example.com"),
                ("password", PASSWORD),
                ("password_confirm", "something else 2"),
                ("account_type", "candidate"),
                ("accept_terms", "on"),
            ],
        )
        .await;
    assert!(
        mismatch
            .error()
            .field_message("password_confirm")
            .unwrap()
            .contains("match")
    );

    // A missing argument is a bad request, not a server error.
    let missing = client.call("register", &[("email", "a@example.com")]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.body);

    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn login_succeeds_with_the_right_password_only(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("lin@example.com", "employer").await;
    let mut client = app.client();

    let wrong = client.login("lin@example.com", "wrong password 1").await;
    assert_eq!(wrong.error(), AppError::Refused(INVALID_CREDENTIALS.into()));
    let unknown = client.login("nobody@example.com", PASSWORD).await;
    assert_eq!(
        unknown.error(),
        wrong.error(),
        "unknown email and wrong password look alike"
    );
    assert_eq!(client.whoami().await, None);

    let ok = client.login("LIN@example.com", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(client.whoami().await.as_deref(), Some("lin@example.com"));
    assert_eq!(app.audit_count("login.succeeded").await, 1);
    assert_eq!(app.audit_count("login.failed").await, 1);

    let empty = client.login("", "").await;
    let error = empty.error();
    assert!(error.field_message("email").is_some() && error.field_message("password").is_some());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn session_id_changes_at_login_and_the_old_one_is_void_after_logout(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("sam@example.com", "candidate").await;
    let registered_cookie = client.cookie.clone().unwrap();

    client.login("sam@example.com", PASSWORD).await;
    let login_cookie = client.cookie.clone().unwrap();
    assert_ne!(
        registered_cookie, login_cookie,
        "login must issue a new session id"
    );

    let mut stale = client.clone();
    stale.cookie = Some(registered_cookie);
    assert_eq!(
        stale.whoami().await,
        None,
        "the pre-login session id no longer works"
    );

    let mut copy = client.clone();
    let out = client.call("logout", &[]).await;
    assert_eq!(out.status, StatusCode::OK, "{}", out.body);
    assert_eq!(client.whoami().await, None);
    assert_eq!(
        copy.whoami().await,
        None,
        "the logged-out session id is void"
    );
    assert_eq!(app.audit_count("logout").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn five_failures_lock_the_account_until_the_window_passes(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("kim@example.com", "candidate").await;
    let mut client = app.client();
    for attempt in 1..=4 {
        let reply = client.login("kim@example.com", "wrong password 1").await;
        assert_eq!(
            reply.error(),
            AppError::Refused(INVALID_CREDENTIALS.into()),
            "attempt {attempt}"
        );
    }
    let fifth = client.login("kim@example.com", "wrong password 1").await;
    assert_eq!(fifth.error(), AppError::Refused(ACCOUNT_LOCKED.into()));
    assert_eq!(app.audit_count("account.locked").await, 1);

    let right_but_locked = client.login("kim@example.com", PASSWORD).await;
    assert_eq!(
        right_but_locked.error(),
        AppError::Refused(ACCOUNT_LOCKED.into())
    );

    // Fifteen minutes later.
    sqlx::query(
        "update users set locked_until = now() - interval '1 second',
                          last_failed_login_at = now() - interval '16 minutes'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let ok = client.login("kim@example.com", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let count: i32 = sqlx::query_scalar("select failed_login_count from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn concurrent_failures_all_count(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("ivy@example.com", "candidate").await;
    let attempts = (0..5).map(|_| {
        let mut client = app.client();
        async move { client.login("ivy@example.com", "wrong password 1").await }
    });
    futures::future::join_all(attempts).await;
    let (count, locked): (i32, bool) =
        sqlx::query_as("select failed_login_count, locked_until > now() from users")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((count, locked), (5, true));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn one_address_is_slowed_down_after_many_failures(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.client();
    for n in 0..app::auth::rules::MAX_FAILED_LOGINS_PER_IP {
        let reply = client
            .login(&format!("guess{n}@example.com"), "wrong password 1")
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT);
    }
    let limited = client.login("guess@example.com", "wrong password 1").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(matches!(limited.error(), AppError::RateLimited(_)));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn reset_link_works_once_and_replaces_the_password(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app.registered("noor@example.com", "candidate").await;
    let mut other_device = app.client();
    other_device.login("noor@example.com", PASSWORD).await;

    let mut visitor = app.client();
    let asked = visitor
        .call("forgot-password", &[("email", "noor@example.com")])
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let token = app
        .token_from_email("noor@example.com", "Reset your password")
        .await;

    let new_password = "a brand new 2 password";
    let form = [
        ("token", token.as_str()),
        ("password", new_password),
        ("password_confirm", new_password),
    ];
    let reset = visitor.call("reset-password", &form).await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_eq!(app.audit_count("password.changed").await, 1);

    let reused = visitor.call("reset-password", &form).await;
    assert_eq!(reused.error(), AppError::Refused(INVALID_RESET_LINK.into()));

    assert_eq!(
        owner.whoami().await,
        None,
        "sessions from before the reset end"
    );
    assert_eq!(other_device.whoami().await, None);
    assert!(matches!(
        visitor.login("noor@example.com", PASSWORD).await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(
        visitor.login("noor@example.com", new_password).await.status,
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn reset_link_expires_after_fifteen_minutes(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("omar@example.com", "employer").await;
    let mut client = app.client();
    client
        .call("forgot-password", &[("email", "omar@example.com")])
        .await;
    let token = app
        .token_from_email("omar@example.com", "Reset your password")
        .await;
    let ttl_minutes: f64 = sqlx::query_scalar(
        "select extract(epoch from expires_at - created_at)::float8 / 60 from user_tokens
          where purpose = 'password_reset'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        (ttl_minutes - 15.0).abs() < 0.1,
        "reset links last 15 minutes, got {ttl_minutes}"
    );

    sqlx::query("update user_tokens set expires_at = now() - interval '1 second' where purpose = 'password_reset'")
        .execute(&app.pool)
        .await
        .unwrap();
    let p = "another good 3 password";
    let reply = client
        .call(
            "reset-password",
            &[("token", &token), ("password", p), ("password_confirm", p)],
        )
        .await;
    assert_eq!(reply.error(), AppError::Refused(INVALID_RESET_LINK.into()));
    assert_eq!(app.audit_count("password.changed").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn forgot_password_says_the_same_for_unknown_emails(pool: PgPool) {
    let app = TestApp::new(pool);
    let reply = app
        .client()
        .call("forgot-password", &[("email", "ghost@example.com")])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let mails: i64 = sqlx::query_scalar("select count(*) from captured_emails")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(mails, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn tokens_are_stored_hashed(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("eve@example.com", "candidate").await;
    let token = app
        .token_from_email("eve@example.com", "Confirm your email address")
        .await;
    let stored: Vec<u8> = sqlx::query_scalar("select token_hash from user_tokens")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(stored, token.as_bytes());
    assert_eq!(stored, app::auth::rules::hash_token(&token));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn suspended_accounts_cannot_log_in_and_lose_their_sessions(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("zed@example.com", "candidate").await;
    sqlx::query("update users set status = 'suspended'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(client.whoami().await, None);
    let reply = client.login("zed@example.com", PASSWORD).await;
    assert!(matches!(reply.error(), AppError::Refused(m) if m.contains("suspended")));
}
