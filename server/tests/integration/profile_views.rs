//! Profile views: employers' views are recorded once per 30 minutes, and
//! only the candidate reads them.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

async fn candidate(app: &TestApp) -> (Client, String) {
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let reply = ada
        .call(
            "profile/identity",
            &[
                ("first_name", "Ada"),
                ("last_name", "Okafor"),
                ("preferred_name", ""),
                ("headline", ""),
                ("summary", ""),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id: uuid::Uuid = sqlx::query_scalar("select id from users where email = 'ada@example.com'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (ada, id.to_string())
}

async fn view_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from profile_views")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_employer_view_counts_once_per_half_hour(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut ada, id) = candidate(&app).await;
    let mut hr = app
        .employer_of("hr@example.com", "Sterling Works", "")
        .await;
    let form = [("user_id", id.as_str())];

    for _ in 0..3 {
        assert_eq!(
            hr.call("profile/public", &form).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(hr.get(&format!("/p/{id}")).await.status, StatusCode::OK);
    assert_eq!(view_count(&app).await, 1);

    // Two views at the same moment still count once.
    let mut hr2 = hr.clone();
    sqlx::query("delete from profile_views")
        .execute(&app.pool)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        hr.call("profile/public", &form),
        hr2.call("profile/public", &form)
    );
    assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
    assert_eq!(view_count(&app).await, 1);

    sqlx::query("update profile_views set viewed_at = now() - interval '31 minutes'")
        .execute(&app.pool)
        .await
        .unwrap();
    hr.call("profile/public", &form).await;
    assert_eq!(view_count(&app).await, 2);

    let views = ada.call("profile/views", &[]).await.json();
    assert_eq!(views["last_30_days"], 2);
    assert_eq!(views["recent"][0]["company"], "Sterling Works");
    let export = ada.get("/api/account/export").await.json();
    assert_eq!(export["profile_views"]["last_30_days"], 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_employers_who_may_see_are_recorded_and_only_the_candidate_reads(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut ada, id) = candidate(&app).await;
    let form = [("user_id", id.as_str())];
    let mut other = app.registered("bo@example.com", "candidate").await;
    let mut anonymous = app.client();
    let mut blocked = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    ada.call("privacy/block", &[("company", "Acme Bank")]).await;
    ada.call("privacy/confidential/save", &[("enabled", "on")])
        .await;

    ada.call("profile/public", &form).await;
    other.call("profile/public", &form).await;
    anonymous.call("profile/public", &form).await;
    assert_eq!(
        blocked.call("profile/public", &form).await.error(),
        AppError::NotFound
    );
    assert_eq!(view_count(&app).await, 0);

    // Each candidate reads their own views; employers and visitors none.
    assert_eq!(
        other.call("profile/views", &[]).await.json()["last_30_days"],
        0
    );
    assert_eq!(
        blocked.call("profile/views", &[]).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        anonymous.call("profile/views", &[]).await.error(),
        AppError::Unauthenticated
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_company_looking_is_told_once_a_day_in_the_summary_by_default(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut ada, id) = candidate(&app).await;
    let mut hr = app
        .employer_of("hr@example.com", "Sterling Works", "")
        .await;
    let mut colleague = app.join_company(&mut hr, "mo@example.com", "member").await;
    let form = [("user_id", id.as_str())];
    for viewer in [&mut hr, &mut colleague] {
        assert_eq!(
            viewer.call("profile/public", &form).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(view_count(&app).await, 2);

    let list = ada.call("notifications", &[]).await.json();
    let titles: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        ["Sterling Works viewed your profile"],
        "one per company"
    );
    let waiting: bool = sqlx::query_scalar("select digest_pending from notifications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(waiting, "it waits for the daily summary");
}
