//! The platform's daily figures: computed per UTC day from what people did,
//! read back for 7, 30 or 90 days with the funnels, and exported as CSV,
//! only for administrators (revenue only for those who read billing).

use crate::applications::{apply, candidate, open_vacancy};
use crate::auto_apply::like;
use crate::common::TestApp;
use app::error::AppError;
use axum::http::{StatusCode, header};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_day_counts_what_happened_that_day(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    // The employer joined yesterday; the job seeker today.
    sqlx::query("update users set created_at = now() - interval '1 day' where email = $1")
        .bind("hr@acme.example.com")
        .execute(&app.pool)
        .await
        .unwrap();
    let (mut seeker, resume) = candidate(&app, "seeker@example.com").await;
    like(&mut seeker, &vacancy).await;
    let reply = apply(&mut seeker, &vacancy, &resume).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let today = OffsetDateTime::now_utc().date();
    let computed = app::metrics::db::refresh(&app.pool, today).await.unwrap();
    assert_eq!(computed, 90, "the first run fills in 90 days");
    // Computing again gives the same rows, and only from the last day on.
    assert_eq!(
        app::metrics::db::refresh(&app.pool, today).await.unwrap(),
        2
    );
    let rows = app::metrics::db::days(&app.pool, today - Duration::days(1), today)
        .await
        .unwrap();
    let (yesterday, now) = (&rows[0], &rows[1]);
    assert_eq!((yesterday.new_employers, yesterday.new_candidates), (1, 0));
    assert_eq!((now.new_employers, now.new_candidates), (0, 1));
    assert_eq!(now.new_companies, 1);
    assert_eq!((now.vacancies_posted, now.vacancies_open), (1, 1));
    assert_eq!(yesterday.vacancies_open, 0);
    assert_eq!((now.swipes, now.likes, now.applications), (1, 1, 1));
    assert_eq!(now.active_users, 1, "the job seeker swiped and applied");
    assert_eq!(now.revenue, 0);

    // Support reads the figures and funnels, without revenue.
    let mut support = app.admin_as("support@example.com", "support").await;
    let metrics = support.call("admin/metrics", &[("days", "7")]).await.json();
    assert_eq!(metrics["days"], 7);
    assert_eq!(metrics["rows"].as_array().unwrap().len(), 7);
    assert_eq!(metrics["rows"][6]["applications"], 1);
    assert_eq!(metrics["with_revenue"], false);
    assert_eq!(metrics["job_seekers"][1]["count"], 1, "{metrics}");
    assert_eq!(metrics["hiring"][0]["count"], 1);
    assert_eq!(metrics["hiring"][1]["count"], 1);
    assert_eq!(metrics["hiring"][2]["count"], 0);
    // A period the dashboard does not offer is its usual 30 days.
    let metrics = support
        .call("admin/metrics", &[("days", "365")])
        .await
        .json();
    assert_eq!(metrics["rows"].as_array().unwrap().len(), 30);

    let csv = support.get("/admin/metrics.csv?days=7").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 8);
    assert!(lines[0].starts_with("Date,New job seekers,"));
    assert!(!lines[0].contains("Revenue"));
    assert!(lines[7].starts_with(&today.to_string()));
    let mut finance = app.admin_as("finance@example.com", "finance").await;
    let csv = finance.get("/admin/metrics.csv?days=90").await;
    assert_eq!(csv.body.lines().count(), 91);
    assert!(csv.body.lines().next().unwrap().ends_with(",Revenue (NGN)"));
    assert_eq!(
        finance
            .call("admin/metrics", &[("days", "30")])
            .await
            .json()["with_revenue"],
        true
    );

    // Nobody else: not the job seeker, not a visitor.
    assert_eq!(
        seeker.call("admin/metrics", &[("days", "7")]).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        seeker.get("/admin/metrics.csv").await.status,
        StatusCode::NOT_FOUND
    );
    let mut visitor = app.client();
    assert_eq!(
        visitor.get("/admin/metrics.csv").await.status,
        StatusCode::NOT_FOUND
    );
}
