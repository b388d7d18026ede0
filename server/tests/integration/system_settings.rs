//! Site settings: edited by admins with checks and an audit entry, read by
//! every instance without a restart.

use crate::common::{PASSWORD, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

/// The settings form with every field as stored by default, then `changes`.
fn form<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    app::system_settings::DEFINITIONS
        .iter()
        .map(|d| {
            let value = changes
                .iter()
                .find(|(name, _)| *name == d.name)
                .map_or(d.default, |(_, value)| *value);
            (d.name, value)
        })
        .collect()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn admins_change_settings_with_checks_and_an_audit_entry(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut candidate = app.registered("cand@example.com", "candidate").await;
    let mut admin = app.admin("root@example.com").await;
    let wanted = form(&[
        ("introduction_expiry_days", "14"),
        ("maintenance_banner", "Planned work tonight at 22:00"),
    ]);
    assert_eq!(
        candidate
            .call("admin/settings/change", &wanted)
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(
        app.client().call("admin/settings", &[]).await.error(),
        AppError::Unauthenticated
    );

    // Every wrong field is named, and nothing is saved.
    let wrong = admin
        .call(
            "admin/settings/change",
            &form(&[
                ("introduction_expiry_days", "0"),
                ("registrations_open", "maybe"),
                ("maintenance_banner", "Planned work tonight"),
            ]),
        )
        .await
        .error();
    assert_eq!(
        wrong.field_message("introduction_expiry_days").as_deref(),
        Some("Enter a whole number from 1 to 60.")
    );
    assert!(wrong.field_message("registrations_open").is_some());
    assert_eq!(app.audit_count("setting.changed").await, 0);
    assert_eq!(
        app::system_settings::db::load(&app.pool).await.unwrap(),
        app::system_settings::SiteSettings::default()
    );

    let saved = admin.call("admin/settings/change", &wanted).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.json(), 2);
    assert_eq!(app.audit_count("setting.changed").await, 2);
    let settings = app::system_settings::db::load(&app.pool).await.unwrap();
    assert_eq!(settings.introduction_expiry_days, 14);
    assert_eq!(
        settings.maintenance_banner.as_deref(),
        Some("Planned work tonight at 22:00")
    );
    let stored = admin.call("admin/settings", &[]).await.json();
    let expiry = stored
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "introduction_expiry_days")
        .unwrap();
    assert_eq!(
        (&expiry["value"], &expiry["updated_by"]),
        (
            &serde_json::json!("14"),
            &serde_json::json!("root@example.com")
        )
    );
    // Saving the same values changes nothing and audits nothing.
    assert_eq!(admin.call("admin/settings/change", &wanted).await.json(), 0);
    assert_eq!(app.audit_count("setting.changed").await, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_banner_shows_and_paused_sign_ups_are_refused(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut admin = app.admin("root@example.com").await;
    let mut visitor = app.client();
    let session = visitor.call("session", &[]).await.json();
    assert_eq!(
        (&session["banner"], &session["sign_ups_paused"]),
        (&serde_json::Value::Null, &serde_json::json!(false))
    );

    let paused = form(&[
        ("registrations_open", "false"),
        ("maintenance_banner", "Sign-ups reopen on Monday"),
    ]);
    let saved = admin.call("admin/settings/change", &paused).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let session = visitor.call("session", &[]).await.json();
    assert_eq!(session["banner"], "Sign-ups reopen on Monday");
    assert_eq!(session["sign_ups_paused"], true);
    let page = visitor.get("/jobs").await;
    assert!(page.body.contains("Sign-ups reopen on Monday"));

    let refused = visitor
        .register("new@example.com", PASSWORD, "candidate")
        .await;
    assert_eq!(
        refused.error(),
        AppError::Refused(app::auth::api::SIGN_UPS_PAUSED.into())
    );
    let accounts: i64 =
        sqlx::query_scalar("select count(*) from users where email = 'new@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(accounts, 0);
    // Logging in still works.
    let mut again = app.client();
    assert_eq!(
        again.login("root@example.com", PASSWORD).await.status,
        StatusCode::OK
    );

    admin.call("admin/settings/change", &form(&[])).await.json();
    let reply = visitor
        .register("new@example.com", PASSWORD, "candidate")
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_second_instance_follows_a_change_without_restarting(pool: PgPool) {
    let first = TestApp::new(pool.clone());
    let second = TestApp::new(pool.clone());
    let following = tokio::spawn(second.state.settings.clone().follow(pool));
    let mut visitor = second.client();
    // The second instance has read (and keeps) the settings as they were.
    let banner = |session: serde_json::Value| session["banner"].as_str().map(str::to_string);
    assert_eq!(banner(visitor.call("session", &[]).await.json()), None);

    let mut admin = first.admin("root@example.com").await;
    let saved = admin
        .call(
            "admin/settings/change",
            &form(&[("maintenance_banner", "Seen everywhere")]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let mut seen = None;
    for _ in 0..50 {
        seen = banner(visitor.call("session", &[]).await.json());
        if seen.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen.as_deref(), Some("Seen everywhere"));
    following.abort();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn without_announcements_an_instance_keeps_its_copy(pool: PgPool) {
    // What the test above relies on: the copy is kept between requests, so
    // only the announcement can have brought the change.
    let first = TestApp::new(pool.clone());
    let second = TestApp::new(pool);
    let mut visitor = second.client();
    assert!(visitor.call("session", &[]).await.json()["banner"].is_null());
    let mut admin = first.admin("root@example.com").await;
    admin
        .call(
            "admin/settings/change",
            &form(&[("maintenance_banner", "Not heard")]),
        )
        .await
        .json();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(visitor.call("session", &[]).await.json()["banner"].is_null());
}
