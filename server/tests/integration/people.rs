//! An admin's page of one person: suspension with a reason the person
//! reads, signing them out everywhere, and the audited reading itself.

use crate::common::{PASSWORD, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

const REASON: &str = "Sent the same message to forty companies in an hour.";

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_suspended_person_is_signed_out_everywhere_and_told_why(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut person = app.registered("person@example.com", "candidate").await;
    let mut support = app.admin_as("support@example.com", "support").await;
    let id = app.user_id("person@example.com").await.to_string();
    // Mail goes to confirmed addresses only.
    let token = app
        .token_from_email("person@example.com", "Confirm your email address")
        .await;
    person
        .call("verify-email", &[("token", token.as_str())])
        .await;

    // Reading the person's page is itself audited.
    let page = support.call("admin/person", &[("id", id.as_str())]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let page = page.json();
    assert_eq!(
        (&page["status"], &page["may_act"]),
        (&serde_json::json!("active"), &serde_json::json!(true))
    );
    assert_eq!(app.audit_count("admin.viewed_person").await, 1);

    // A reason the person can read is needed; nothing changes without it.
    let short = support
        .call(
            "admin/person/standing",
            &[
                ("user_id", id.as_str()),
                ("standing", "suspended"),
                ("reason", "spam"),
            ],
        )
        .await
        .error();
    assert!(short.field_message("reason").is_some());
    assert!(person.whoami().await.is_some());

    let suspend = [
        ("user_id", id.as_str()),
        ("standing", "suspended"),
        ("reason", REASON),
    ];
    let done = support.call("admin/person/standing", &suspend).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    assert_eq!(person.whoami().await, None, "signed out at once");
    let refused = app
        .client()
        .login("person@example.com", PASSWORD)
        .await
        .error();
    assert!(matches!(refused, AppError::Refused(m) if m.contains("suspended")));
    assert_eq!(app.audit_count("account.suspended").await, 1);
    app.run_jobs().await;
    let told: String = sqlx::query_scalar(
        "select body_text from captured_emails
          where to_address = 'person@example.com' and subject like '%suspended%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(told.contains(REASON), "{told}");
    let page = support
        .call("admin/person", &[("id", id.as_str())])
        .await
        .json();
    assert_eq!(page["suspension"]["reason"], REASON);
    assert_eq!(page["suspension"]["by"], "support@example.com");
    // Suspending twice says so.
    assert!(matches!(
        support
            .call("admin/person/standing", &suspend)
            .await
            .error(),
        AppError::Refused(_)
    ));

    // Reinstated: they log in again, their old session stays ended.
    let reinstate = [
        ("user_id", id.as_str()),
        ("standing", "active"),
        (
            "reason",
            "The messages were a misunderstanding; welcome back.",
        ),
    ];
    let done = support.call("admin/person/standing", &reinstate).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    assert_eq!(person.whoami().await, None);
    let mut again = app.client();
    assert_eq!(
        again.login("person@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    let status: String =
        sqlx::query_scalar("select status from users where email = 'person@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(status, "active");
    app.run_jobs().await;
    let subjects: Vec<String> = sqlx::query_scalar(
        "select subject from captured_emails where to_address = 'person@example.com' order by created_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(
        subjects.iter().any(|s| s.contains("reinstated")),
        "{subjects:?}"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn signing_out_everywhere_ends_every_session(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut phone = app.registered("person@example.com", "employer").await;
    let mut laptop = app.client();
    laptop.login("person@example.com", PASSWORD).await;
    let mut moderator = app.admin_as("moderator@example.com", "moderator").await;
    let id = app.user_id("person@example.com").await.to_string();
    let done = moderator
        .call("admin/person/sign-out", &[("user_id", id.as_str())])
        .await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    assert_eq!(phone.whoami().await, None);
    assert_eq!(laptop.whoami().await, None);
    assert_eq!(app.audit_count("sessions.ended_by_admin").await, 1);
    let mut back = app.client();
    assert_eq!(
        back.login("person@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn administrators_are_suspended_only_by_a_super_admin_and_never_by_themselves(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut root = app.admin("root@example.com").await;
    let mut support = app.admin_as("support@example.com", "support").await;
    let mut finance = app.admin_as("finance@example.com", "finance").await;
    let mut person = app.registered("person@example.com", "candidate").await;
    let (root_id, support_id, person_id) = (
        app.user_id("root@example.com").await.to_string(),
        app.user_id("support@example.com").await.to_string(),
        app.user_id("person@example.com").await.to_string(),
    );
    let suspend = |id: &str| {
        vec![
            ("user_id", id.to_string()),
            ("standing", "suspended".to_string()),
            ("reason", REASON.to_string()),
        ]
    };
    let on_root = suspend(&root_id);
    assert_eq!(
        support
            .call("admin/person/standing", &refs(&on_root))
            .await
            .error(),
        AppError::Forbidden
    );
    let page = support
        .call("admin/person", &[("id", root_id.as_str())])
        .await
        .json();
    assert_eq!(page["may_act"], false);
    assert!(matches!(
        root.call("admin/person/standing", &refs(&on_root))
            .await
            .error(),
        AppError::Refused(_)
    ));
    let on_person = suspend(&person_id);
    assert_eq!(
        finance
            .call("admin/person/standing", &refs(&on_person))
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(
        person
            .call("admin/person/standing", &refs(&on_person))
            .await
            .error(),
        AppError::Forbidden
    );
    assert!(person.whoami().await.is_some());

    let on_support = suspend(&support_id);
    let done = root.call("admin/person/standing", &refs(&on_support)).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    assert_eq!(support.whoami().await, None);
}

fn refs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}
