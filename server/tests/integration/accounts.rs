//! Registration, login, lockout, tokens and sessions against real PostgreSQL.

use crate::common::{PASSWORD, TestApp};
use app::auth::api::{
    ACCOUNT_LOCKED, INVALID_CREDENTIALS, INVALID_RESET_LINK, INVALID_SIGN_IN_LINK,
    INVALID_VERIFY_LINK, NETWORK_THROTTLED,
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

/// Moves every recorded login attempt `minutes` into the past.
async fn age_login_attempts(app: &TestApp, minutes: i32) {
    sqlx::query("update login_attempts set created_at = created_at - make_interval(mins => $1)")
        .bind(minutes)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn five_failures_lock_that_network_out_of_the_account_until_the_window_passes(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("kim@example.com", "candidate").await;
    let mut client = app.client().seen_as("203.0.113.7");
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

    // Someone else's guesses do not lock the owner out from elsewhere.
    let mut owner = app.client().seen_as("198.51.100.20");
    let ok = owner.login("kim@example.com", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

    // Fifteen minutes later the guesser's network may try again.
    client.login("kim@example.com", "wrong password 1").await;
    age_login_attempts(&app, 16).await;
    let ok = client.login("kim@example.com", PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_unknown_address_is_answered_exactly_like_a_known_one(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("kim@example.com", "candidate").await;
    let mut known = app.client().seen_as("203.0.113.7");
    let mut unknown = app.client().seen_as("203.0.113.8");
    for attempt in 1..=7 {
        let a = known.login("kim@example.com", "wrong password 1").await;
        let b = unknown
            .login("nobody@example.com", "wrong password 1")
            .await;
        assert_eq!((a.status, a.body), (b.status, b.body), "attempt {attempt}");
    }
    // Many networks: the known account locks everywhere, and so does the
    // unknown address.
    for n in 0..app::auth::rules::MAX_FAILED_LOGINS_PER_ACCOUNT {
        let ip = format!("192.0.2.{n}");
        known
            .clone()
            .seen_as(&ip)
            .login("kim@example.com", "wrong password 1")
            .await;
        unknown
            .clone()
            .seen_as(&ip)
            .login("nobody@example.com", "wrong password 1")
            .await;
    }
    let mut fresh = app.client().seen_as("198.51.100.99");
    let a = fresh.login("kim@example.com", PASSWORD).await;
    let b = fresh.login("nobody@example.com", PASSWORD).await;
    assert_eq!(a.error(), AppError::Refused(ACCOUNT_LOCKED.into()));
    assert_eq!((a.status, a.body), (b.status, b.body));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn guessing_from_many_networks_locks_the_account_and_a_reset_lifts_it(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("ivy@example.com", "candidate").await;
    for n in 0..app::auth::rules::MAX_FAILED_LOGINS_PER_ACCOUNT {
        app.client()
            .seen_as(&format!("192.0.2.{n}"))
            .login("ivy@example.com", "wrong password 1")
            .await;
    }
    let mut owner = app.client().seen_as("198.51.100.20");
    let locked = owner.login("ivy@example.com", PASSWORD).await;
    assert_eq!(locked.error(), AppError::Refused(ACCOUNT_LOCKED.into()));

    owner
        .call("forgot-password", &[("email", "ivy@example.com")])
        .await;
    let token = app
        .token_from_email("ivy@example.com", "Reset your password")
        .await;
    let new_password = "a brand new 2 password";
    let reset = owner
        .call(
            "reset-password",
            &[
                ("token", &token),
                ("password", new_password),
                ("password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let ok = owner.login("ivy@example.com", new_password).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn simultaneous_guesses_get_no_more_than_five_tries(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("ivy@example.com", "candidate").await;
    let attempts = (0..10).map(|_| {
        let mut client = app.client();
        async move { client.login("ivy@example.com", "wrong password 1").await }
    });
    let replies = futures::future::join_all(attempts).await;
    let locked = replies
        .iter()
        .filter(|r| r.error() == AppError::Refused(ACCOUNT_LOCKED.into()))
        .count();
    assert_eq!(locked, 6, "the fifth failure and every later attempt");
    let checked: i64 =
        sqlx::query_scalar("select count(*) from login_attempts where not succeeded")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(checked, 5, "only five passwords were tried");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_busy_network_gets_a_sign_in_link_for_the_right_password(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("noor@example.com", "candidate").await;
    let office = "203.0.113.50";
    let mut sprayer = app.client().seen_as(office);
    for n in 0..app::auth::rules::MAX_FAILED_LOGINS_PER_IP {
        let reply = sprayer
            .login(&format!("guess{n}@example.com"), "wrong password 1")
            .await;
        assert_eq!(reply.status, StatusCode::CONFLICT);
    }
    let mails = || async {
        app.run_jobs().await;
        sqlx::query_scalar::<_, i64>(
            "select count(*) from captured_emails where subject = 'Your sign-in link'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };

    // Behind the same address, a wrong and a right password read alike...
    let mut colleague = app.client().seen_as(office);
    let wrong = colleague
        .login("noor@example.com", "wrong password 1")
        .await;
    assert_eq!(wrong.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        wrong.error(),
        AppError::RateLimited(NETWORK_THROTTLED.into())
    );
    assert_eq!(mails().await, 0);
    let right = colleague.login("noor@example.com", PASSWORD).await;
    assert_eq!((right.status, right.body), (wrong.status, wrong.body));
    assert_eq!(colleague.whoami().await, None);

    // ...but only the right one sent a link, which logs in once.
    assert_eq!(mails().await, 1);
    let token = app
        .token_from_email("noor@example.com", "Your sign-in link")
        .await;
    let page = colleague.get(&format!("/sign-in?token={token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Log in with your link"));
    let signed_in = colleague.call("sign-in-link", &[("token", &token)]).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    assert_eq!(
        colleague.whoami().await.as_deref(),
        Some("noor@example.com")
    );
    let again = app
        .client()
        .call("sign-in-link", &[("token", &token)])
        .await;
    assert_eq!(
        again.error(),
        AppError::Refused(INVALID_SIGN_IN_LINK.into())
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn behind_a_proxy_the_address_it_appended_counts(pool: PgPool) {
    let app = TestApp::new(pool);
    // The client claims 6.6.6.6; the proxy appends what it saw.
    let mut client = app.client().seen_as("6.6.6.6, 203.0.113.9");
    client.login("kim@example.com", "wrong password 1").await;
    let ip: String = sqlx::query_scalar("select host(ip) from login_attempts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(ip, "203.0.113.9");
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
    app.run_jobs().await;
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

/// The session store's expiry of the one session there is.
async fn session_expiry(pool: &PgPool) -> time::OffsetDateTime {
    sqlx::query_scalar("select expiry_date from tower_sessions.session")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Moves the session of `cookie` `days` into its fourteen, as if it had
/// last been used then.
async fn age_session(pool: &PgPool, cookie: &str, days: i64) {
    use tower_sessions::SessionStore;
    let id = cookie.split_once('=').unwrap().1.parse().unwrap();
    let store = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
    let mut record = store.load(&id).await.unwrap().unwrap();
    let then = time::OffsetDateTime::now_utc() - time::Duration::days(days);
    record.data.get_mut("auth").unwrap()["seen_at"] = then.unix_timestamp().into();
    record.expiry_date = then + time::Duration::days(14);
    store.save(&record).await.unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_session_in_use_is_renewed_once_a_day_not_on_every_request(pool: PgPool) {
    let app = TestApp::new(pool.clone());
    let mut client = app.registered("sam@example.com", "candidate").await;
    let fortnight_from = |at: time::OffsetDateTime| at + time::Duration::days(14);

    // Last used thirteen days ago: a day left, and this use renews it.
    age_session(&pool, client.cookie.as_deref().unwrap(), 13).await;
    let asked = time::OffsetDateTime::now_utc();
    let reply = client.call("session", &[]).await;
    assert_eq!(reply.json()["user"]["email"], "sam@example.com");
    let renewed = session_expiry(&pool).await;
    assert!(
        renewed >= fortnight_from(asked) - time::Duration::seconds(1),
        "{renewed}"
    );
    let cookie = reply
        .headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(app::auth::session::COOKIE))
        .expect("the browser's cookie is renewed too");
    assert!(cookie.contains("Max-Age=1209600"), "{cookie}");

    // Used again the same day: nothing is written.
    assert_eq!(client.whoami().await.as_deref(), Some("sam@example.com"));
    assert_eq!(session_expiry(&pool).await, renewed);
}
