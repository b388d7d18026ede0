//! The candidate profile editor: candidates only, their own profile only,
//! with validation that stores nothing on bad input.

use crate::common::TestApp;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

const IDENTITY: [(&str, &str); 6] = [
    ("first_name", "Ada"),
    ("last_name", "Okafor"),
    ("preferred_name", ""),
    ("headline", "Finance director"),
    ("summary", "Twenty years in banking."),
    ("phone", "+234 803 123 4567"),
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
    // No date of birth is asked for or kept.
    assert!(p.get("date_of_birth").is_none());
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
        (Some("30,000,000"), Some("45,000,000.50"))
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
    ];
    let error = client.call("profile/identity", &bad_identity).await.error();
    for field in ["first_name", "last_name", "headline", "phone"] {
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

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_public_profile_follows_the_owners_privacy_choices(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app.registered("owner@example.com", "candidate").await;
    let mut other = app.registered("other@example.com", "candidate").await;
    let mut employer = app.registered("hr@example.com", "employer").await;
    let mut anonymous = app.client();
    owner.call("profile/identity", &IDENTITY).await;
    let id: uuid::Uuid =
        sqlx::query_scalar("select id from users where email = 'owner@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let id = id.to_string();
    let form = [("user_id", id.as_str())];

    // Private by design: before any choice, companies see a new profile,
    // nobody else does.
    assert_eq!(
        employer.call("profile/public", &form).await.status,
        StatusCode::OK
    );
    for client in [&mut other, &mut anonymous] {
        let reply = client.call("profile/public", &form).await;
        assert_eq!(reply.error(), AppError::NotFound);
    }

    // (visibility, [owner, other candidate, employer, anonymous]) may see it
    let matrix = [
        ("public", [true, true, true, true]),
        ("network", [true, false, true, false]),
        ("private", [true, false, false, false]),
    ];
    for (visibility, expected) in matrix {
        owner
            .call("settings/privacy", &[("profile_visibility", visibility)])
            .await;
        for (client, may_see) in [&mut owner, &mut other, &mut employer, &mut anonymous]
            .into_iter()
            .zip(expected)
        {
            let reply = client.call("profile/public", &form).await;
            let page = client.get(&format!("/p/{id}")).await;
            if may_see {
                assert_eq!(reply.json()["display_name"], "Ada Okafor", "{visibility}");
                assert_eq!(page.status, StatusCode::OK, "{visibility}");
                assert!(page.body.contains("Finance director"));
            } else {
                assert_eq!(reply.error(), AppError::NotFound, "{visibility}");
                assert_eq!(page.status, StatusCode::NOT_FOUND, "{visibility}");
                assert!(
                    !page.body.contains("Okafor"),
                    "{visibility}: nothing leaks into the page"
                );
            }
        }
    }

    // Contact details only when switched on.
    owner
        .call("settings/privacy", &[("profile_visibility", "public")])
        .await;
    let hidden = anonymous.call("profile/public", &form).await.json();
    assert!(hidden["email"].is_null() && hidden["phone"].is_null());
    owner
        .call(
            "settings/privacy",
            &[
                ("profile_visibility", "public"),
                ("show_email", "on"),
                ("show_phone", "on"),
            ],
        )
        .await;
    let shown = anonymous.call("profile/public", &form).await.json();
    assert_eq!(
        (shown["email"].as_str(), shown["phone"].as_str()),
        (Some("owner@example.com"), Some("+234 803 123 4567"))
    );
    assert_eq!(shown["is_owner"], false);
    assert_eq!(
        owner.call("profile/public", &form).await.json()["is_owner"],
        true
    );

    // A deleted account's profile is gone at once; so is anything that is not a profile.
    owner
        .call(
            "account/delete",
            &[
                ("current_password", crate::common::PASSWORD),
                ("confirm", "on"),
            ],
        )
        .await;
    assert_eq!(
        anonymous.call("profile/public", &form).await.error(),
        AppError::NotFound
    );
    let employer_id: uuid::Uuid =
        sqlx::query_scalar("select id from users where email = 'hr@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let employer_id = employer_id.to_string();
    let reply = anonymous
        .call("profile/public", &[("user_id", employer_id.as_str())])
        .await;
    assert_eq!(reply.error(), AppError::NotFound);
    assert_eq!(
        anonymous.get("/p/not-a-uuid").await.status,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_change_returns_to_its_onboarding_step_or_its_section(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut candidate = app.registered("ada@example.com", "candidate").await;
    for (referer, expected) in [
        (
            "http://localhost:3000/welcome?step=2",
            "/welcome?step=2&notice=profile_saved",
        ),
        (
            "http://localhost:3000/welcome",
            "/welcome?step=1&notice=profile_saved",
        ),
        (
            "http://localhost:3000/profile",
            "/profile?notice=profile_saved#identity",
        ),
        (
            "http://localhost:3000/welcome?step=9",
            "/profile?notice=profile_saved#identity",
        ),
    ] {
        let reply = candidate
            .call_plain_form("profile/identity", &IDENTITY, referer)
            .await;
        assert!(reply.status.is_redirection(), "{}", reply.status);
        assert_eq!(
            reply.headers[axum::http::header::LOCATION]
                .to_str()
                .unwrap(),
            expected
        );
    }
}
