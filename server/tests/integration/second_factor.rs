//! Administrators sign in with an authenticator app's code as well as their
//! password (issue 19).

use crate::common::{PASSWORD, TestApp, authenticator_code};
use app::auth::api::ACCOUNT_LOCKED;
use app::auth::second_factor::api::{SECOND_STEP_EXPIRED, USED_CODE, WRONG_CODE};
use app::error::{AppError, FieldError};
use axum::http::StatusCode;
use sqlx::PgPool;

const EMAIL: &str = "root@example.com";

/// A registered person made an administrator in the database.
async fn promoted(app: &TestApp) {
    app.registered(EMAIL, "candidate").await;
    sqlx::query(
        "update users set account_type = 'admin', admin_role = 'super_admin' where email = $1",
    )
    .bind(EMAIL)
    .execute(&app.pool)
    .await
    .unwrap();
}

fn wrong_code() -> AppError {
    AppError::Validation(vec![FieldError::new("code", WRONG_CODE)])
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_administrator_sets_up_an_authenticator_then_signs_in_with_its_codes(pool: PgPool) {
    let app = TestApp::new(pool);
    promoted(&app).await;

    // The password alone signs an administrator in to nothing.
    let mut browser = app.client();
    let reply = browser.login(EMAIL, PASSWORD).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(browser.whoami().await, None);
    assert_eq!(
        browser.call("admin/overview", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );

    // First sign-in: a key, a QR code and recovery codes, the same on a reload.
    let setup = browser.second_step().await["SetUp"].clone();
    assert_eq!(browser.second_step().await["SetUp"], setup);
    let key = setup["key"].as_str().unwrap().replace(' ', "");
    assert!(
        setup["uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Hirewell:")
    );
    assert!(setup["qr_svg"].as_str().unwrap().starts_with("<svg"));
    let recovery: Vec<String> = serde_json::from_value(setup["recovery_codes"].clone()).unwrap();
    assert_eq!(recovery.len(), 10);

    // A recovery code does not stand in for confirming the app; a wrong
    // code is refused in place.
    assert_eq!(
        browser.second_factor(&recovery[0]).await.error(),
        wrong_code()
    );
    assert_eq!(
        browser
            .second_factor(&authenticator_code(&key, 5))
            .await
            .error(),
        wrong_code()
    );
    let reply = browser.second_factor(&authenticator_code(&key, 0)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(browser.whoami().await.as_deref(), Some(EMAIL));
    assert_eq!(
        browser.call("admin/overview", &[]).await.status,
        StatusCode::OK
    );
    // Once set up, the key and codes are not shown again.
    let mut other = app.client();
    other.login(EMAIL, PASSWORD).await;
    let step = other.second_step().await;
    assert_eq!(step["Enter"]["email"], EMAIL, "{step}");

    // The code just used is not taken twice; the app's next one is.
    let reply = other.second_factor(&authenticator_code(&key, 0)).await;
    assert_eq!(
        reply.error(),
        AppError::Validation(vec![FieldError::new("code", USED_CODE)])
    );
    assert_eq!(other.whoami().await, None);
    let reply = other.second_factor(&authenticator_code(&key, 1)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(other.whoami().await.as_deref(), Some(EMAIL));

    // A lost phone: each recovery code works once, typed loosely.
    let mut phone_lost = app.client();
    phone_lost.login(EMAIL, PASSWORD).await;
    let typed = format!(" {} ", recovery[3].to_uppercase());
    let reply = phone_lost.second_factor(&typed).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(phone_lost.whoami().await.as_deref(), Some(EMAIL));
    let mut again = app.client();
    again.login(EMAIL, PASSWORD).await;
    assert_eq!(
        again.second_factor(&recovery[3]).await.error(),
        wrong_code()
    );

    let via: Vec<Option<String>> = sqlx::query_scalar(
        "select metadata->>'second_factor' from audit_log
          where action = 'login.succeeded' and target_id = (select id::text from users where email = $1)
          order by chain_seq",
    )
    .bind(EMAIL)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        via,
        ["new_authenticator", "authenticator", "recovery_code"].map(|v| Some(v.to_string()))
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn wrong_codes_count_as_failed_logins_and_lock_the_account(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, key) = app.admin_with_key(EMAIL, "support").await;

    let mut guesser = app.client();
    guesser.login(EMAIL, PASSWORD).await;
    for _ in 0..4 {
        assert_eq!(
            guesser
                .second_factor(&authenticator_code(&key, 9))
                .await
                .error(),
            wrong_code()
        );
    }
    // The fifth wrong code locks the account and ends the half-made session.
    assert_eq!(
        guesser
            .second_factor(&authenticator_code(&key, 9))
            .await
            .error(),
        AppError::Refused(ACCOUNT_LOCKED.into())
    );
    assert_eq!(
        guesser
            .second_factor(&authenticator_code(&key, 1))
            .await
            .error(),
        AppError::Refused(SECOND_STEP_EXPIRED.into())
    );
    // Giving the password again does not clear the failures for the next
    // round of guesses: the account stays locked.
    assert_eq!(
        guesser.login(EMAIL, PASSWORD).await.error(),
        AppError::Refused(ACCOUNT_LOCKED.into())
    );
    let failed: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'login.failed'
            and metadata->>'step' = 'second_factor'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(failed, 5);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn without_a_password_first_there_is_no_second_step(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, key) = app.admin_with_key(EMAIL, "super_admin").await;
    let mut stranger = app.client();
    assert_eq!(
        stranger.call("second-factor", &[]).await.error(),
        AppError::Refused(SECOND_STEP_EXPIRED.into())
    );
    assert_eq!(
        stranger
            .second_factor(&authenticator_code(&key, 1))
            .await
            .error(),
        AppError::Refused(SECOND_STEP_EXPIRED.into())
    );
    // Nor for someone who is not an administrator, signed in or not.
    let mut seeker = app.registered("seeker@example.com", "candidate").await;
    assert_eq!(
        seeker.call("second-factor", &[]).await.error(),
        AppError::Refused(SECOND_STEP_EXPIRED.into())
    );
    assert_eq!(seeker.whoami().await.as_deref(), Some("seeker@example.com"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_administrator_made_later_sets_up_at_the_next_sign_in(pool: PgPool) {
    let app = TestApp::new(pool);
    // Signed in as a job seeker, then made an administrator: that session
    // no longer signs them in, and the next sign-in asks for the app.
    let mut browser = app.registered(EMAIL, "candidate").await;
    sqlx::query("update users set account_type = 'admin', admin_role = 'finance' where email = $1")
        .bind(EMAIL)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(browser.whoami().await, None);
    browser.login(EMAIL, PASSWORD).await;
    assert!(browser.second_step().await["SetUp"]["key"].is_string());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_super_admin_resets_a_lost_authenticator(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut root = app.admin("boss@example.com").await;
    let (mut lost, old_key) = app.admin_with_key(EMAIL, "moderator").await;
    let id = app.user_id(EMAIL).await.to_string();

    let page = root
        .call("admin/person", &[("id", id.as_str())])
        .await
        .json();
    assert!(!page["two_step"]["set_up_at"].is_null(), "{page}");
    assert_eq!(page["two_step"]["recovery_codes_left"], 10);
    // Another moderator may not, nor may anyone reset their own.
    let mut moderator = app.admin_as("mod@example.com", "moderator").await;
    assert_eq!(
        moderator
            .call(
                "admin/person/reset-second-factor",
                &[("user_id", id.as_str())]
            )
            .await
            .error(),
        AppError::Forbidden
    );
    let own = app.user_id("boss@example.com").await.to_string();
    assert!(matches!(
        root.call(
            "admin/person/reset-second-factor",
            &[("user_id", own.as_str())]
        )
        .await
        .error(),
        AppError::Refused(_)
    ));

    let reply = root
        .call(
            "admin/person/reset-second-factor",
            &[("user_id", id.as_str())],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Signed out everywhere; the old app's codes no longer count, and the
    // next sign-in sets up a new authenticator.
    assert_eq!(lost.whoami().await, None);
    lost.login(EMAIL, PASSWORD).await;
    let step = lost.second_step().await;
    let new_key = step["SetUp"]["key"].as_str().unwrap().replace(' ', "");
    assert_ne!(new_key, old_key);
    assert_eq!(
        lost.second_factor(&authenticator_code(&old_key, 1))
            .await
            .error(),
        wrong_code()
    );
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action = 'second_factor.reset' and target_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let page = root
        .call("admin/person", &[("id", id.as_str())])
        .await
        .json();
    assert!(page["two_step"]["set_up_at"].is_null(), "{page}");
    // Nothing to reset for someone who is not an administrator.
    app.registered("seeker@example.com", "candidate").await;
    let seeker = app.user_id("seeker@example.com").await.to_string();
    assert!(matches!(
        root.call(
            "admin/person/reset-second-factor",
            &[("user_id", seeker.as_str())]
        )
        .await
        .error(),
        AppError::Refused(_)
    ));
}
