//! The candidate profile editor: candidates only, their own profile only,
//! with validation that stores nothing on bad input.

mod common;

use app::error::AppError;
use axum::http::StatusCode;
use common::TestApp;
use sqlx::PgPool;

const IDENTITY: [(&str, &str); 7] = [
    ("first_name", "Ada"),
    ("last_name", "Okafor"),
    ("preferred_name", ""),
    ("headline", "Finance director"),
    ("summary", "Twenty years in banking."),
    ("phone", "+234 803 123 4567"),
    ("date_of_birth", "1980-04-02"),
];

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_candidates_have_a_profile_editor(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut anonymous = app.client();
    let mut employer = app.registered("emp@example.com", "employer").await;
    let mut admin = app.admin("root@example.com").await;
    assert_eq!(
        anonymous.call("profile", &[]).await.error(),
        AppError::Unauthenticated
    );
    assert_eq!(
        employer.call("profile", &[]).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        admin.call("profile/identity", &IDENTITY).await.error(),
        AppError::Forbidden
    );
    assert_eq!(employer.get("/profile").await.status, StatusCode::FORBIDDEN);
    let rows: i64 = sqlx::query_scalar("select count(*) from candidate_profiles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_section_saves_on_its_own_and_reads_back(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "candidate").await;
    let industry: uuid::Uuid =
        sqlx::query_scalar("select id from industries where name = 'Financial Services'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let industry = industry.to_string();

    let steps: [(&str, Vec<(&str, &str)>); 5] = [
        ("profile/identity", IDENTITY.to_vec()),
        (
            "profile/current-role",
            vec![
                ("current_title", "Finance Director"),
                ("current_company", "Lagos Bank"),
                ("industry_id", &industry),
                ("years_of_experience", "20"),
                ("seniority", "director"),
            ],
        ),
        (
            "profile/location",
            vec![
                ("country", "Nigeria"),
                ("region", "Lagos"),
                ("city", "Ikeja"),
                ("willing_to_relocate", "on"),
            ],
        ),
        (
            "profile/preferences",
            vec![
                ("full_time", "on"),
                ("consulting", "on"),
                ("remote_preference", "hybrid"),
                ("salary_min", "30,000,000"),
                ("salary_max", "45000000.50"),
                ("salary_currency", "NGN"),
                ("salary_period", "year"),
                ("notice_period_days", "60"),
                ("open_to_opportunities", "on"),
            ],
        ),
        (
            "profile/links",
            vec![
                ("linkedin_url", "https://www.linkedin.com/in/ada"),
                ("portfolio_url", ""),
            ],
        ),
    ];
    for (endpoint, form) in &steps {
        let reply = ada.call(endpoint, form).await;
        assert_eq!(reply.status, StatusCode::OK, "{endpoint}: {}", reply.body);
    }

    let p = ada.call("profile", &[]).await.json();
    assert_eq!(
        (p["first_name"].as_str(), p["headline"].as_str()),
        (Some("Ada"), Some("Finance director"))
    );
    assert_eq!(p["date_of_birth"], "1980-04-02");
    assert_eq!(
        (p["industry_id"].as_str(), p["seniority"].as_str()),
        (Some(industry.as_str()), Some("director"))
    );
    assert_eq!(p["willing_to_relocate"], true);
    assert_eq!(
        p["employment_types"],
        serde_json::json!(["full_time", "consulting"])
    );
    assert_eq!(
        (p["salary_min"].as_str(), p["salary_max"].as_str()),
        (Some("30000000"), Some("45000000.50"))
    );
    assert_eq!(p["linkedin_url"], "https://www.linkedin.com/in/ada");
    assert_eq!(p["industries"].as_array().unwrap().len(), 15);

    let (min, max): (i64, i64) =
        sqlx::query_as("select salary_min_minor, salary_max_minor from candidate_profiles")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (min, max),
        (3_000_000_000, 4_500_000_050),
        "money in minor units"
    );

    let theirs = ben.call("profile", &[]).await.json();
    assert_eq!(
        theirs["first_name"], "",
        "another candidate sees only their own, empty, profile"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn bad_input_gives_field_errors_and_stores_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.registered("val@example.com", "candidate").await;
    let bad_identity = [
        ("first_name", ""),
        ("last_name", ""),
        ("preferred_name", ""),
        ("headline", &"x".repeat(201)),
        ("summary", ""),
        ("phone", "call me"),
        ("date_of_birth", "2020-01-01"),
    ];
    let error = client.call("profile/identity", &bad_identity).await.error();
    for field in [
        "first_name",
        "last_name",
        "headline",
        "phone",
        "date_of_birth",
    ] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }

    let unknown_industry = uuid::Uuid::now_v7().to_string();
    let role = [
        ("current_title", "CFO"),
        ("current_company", ""),
        ("industry_id", unknown_industry.as_str()),
        ("years_of_experience", "200"),
        ("seniority", "emperor"),
    ];
    let error = client.call("profile/current-role", &role).await.error();
    for field in ["industry_id", "years_of_experience", "seniority"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }

    let salary = [
        ("remote_preference", "remote"),
        ("salary_min", "90000"),
        ("salary_max", "80000"),
        ("salary_currency", ""),
        ("salary_period", ""),
        ("notice_period_days", "-3"),
    ];
    let error = client.call("profile/preferences", &salary).await.error();
    for field in [
        "salary_max",
        "salary_currency",
        "salary_period",
        "notice_period_days",
    ] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }

    let links = [
        ("linkedin_url", "https://evil.example/linkedin.com"),
        ("portfolio_url", "javascript:alert(1)"),
    ];
    let error = client.call("profile/links", &links).await.error();
    assert!(
        error.field_message("linkedin_url").is_some()
            && error.field_message("portfolio_url").is_some()
    );

    let rows: i64 = sqlx::query_scalar("select count(*) from candidate_profiles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 0, "nothing was stored");
}
