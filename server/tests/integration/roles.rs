//! Role guards: each area's server functions check the session's user.

use crate::common::TestApp;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn admin_area_is_for_admins_only(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut anonymous = app.client();
    let mut candidate = app.registered("cand@example.com", "candidate").await;
    let mut employer = app.registered("emp@example.com", "employer").await;
    let mut admin = app.admin("root@example.com").await;

    for endpoint in ["admin/overview", "admin/users"] {
        let form: &[(&str, &str)] = if endpoint == "admin/users" {
            &[("search", ""), ("page", "1")]
        } else {
            &[]
        };
        assert_eq!(
            anonymous.call(endpoint, form).await.error(),
            AppError::Unauthenticated
        );
        assert_eq!(
            candidate.call(endpoint, form).await.error(),
            AppError::Forbidden
        );
        assert_eq!(
            employer.call(endpoint, form).await.error(),
            AppError::Forbidden
        );
        let ok = admin.call(endpoint, form).await;
        assert_eq!(ok.status, StatusCode::OK, "{endpoint}: {}", ok.body);
    }
    let overview = admin.call("admin/overview", &[]).await.json();
    assert_eq!(
        (
            overview["candidates"].as_i64(),
            overview["employers"].as_i64()
        ),
        (Some(1), Some(1))
    );

    // The pages answer with the same guard.
    assert_eq!(candidate.get("/admin").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        anonymous.get("/admin/users").await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = admin.get("/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("cand@example.com"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_admins_change_account_types_and_it_is_audited(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut candidate = app.registered("cand@example.com", "candidate").await;
    let mut admin = app.admin("root@example.com").await;
    let target: uuid::Uuid =
        sqlx::query_scalar("select id from users where email = 'cand@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let admin_id: uuid::Uuid =
        sqlx::query_scalar("select id from users where email = 'root@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let id = target.to_string();
    let form = [("user_id", id.as_str()), ("account_type", "employer")];

    assert_eq!(
        candidate
            .call("admin/change-account-type", &form)
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(app.audit_count("role.changed").await, 0);

    let ok = admin.call("admin/change-account-type", &form).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(app.audit_count("role.changed").await, 1);
    let overview = admin.call("admin/overview", &[]).await.json();
    let entry = &overview["recent_audit"][0];
    assert_eq!(
        (entry["action"].as_str(), entry["target_email"].as_str()),
        (Some("role.changed"), Some("cand@example.com"))
    );
    assert_eq!(entry["actor_email"], "root@example.com");
    let session = candidate.call("session", &[]).await.json();
    assert_eq!(session["user"]["account_type"], "Employer");

    let own = admin_id.to_string();
    let self_change = admin
        .call(
            "admin/change-account-type",
            &[("user_id", own.as_str()), ("account_type", "candidate")],
        )
        .await;
    assert!(matches!(self_change.error(), AppError::Refused(_)));

    let missing = uuid::Uuid::now_v7().to_string();
    let unknown = admin
        .call(
            "admin/change-account-type",
            &[("user_id", missing.as_str()), ("account_type", "employer")],
        )
        .await;
    assert_eq!(unknown.error(), AppError::NotFound);
    let bad_type = admin
        .call(
            "admin/change-account-type",
            &[("user_id", id.as_str()), ("account_type", "owner")],
        )
        .await;
    assert!(bad_type.error().field_message("account_type").is_some());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn account_page_shows_only_ones_own_activity(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ana = app.registered("ana@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "employer").await;
    ben.login("ben@example.com", "wrong password 1").await;

    let mine = ana.call("account", &[]).await.json();
    assert_eq!(mine["email"], "ana@example.com");
    let actions: Vec<&str> = mine["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["account.registered"]);
    assert_eq!(
        app.client().call("account", &[]).await.error(),
        AppError::Unauthenticated
    );
}
