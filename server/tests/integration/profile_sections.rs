//! Repeatable profile sections: add, edit, move and delete, only on one's
//! own entries; skills resolve through the taxonomy; reference contacts are
//! encrypted at rest.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

const JOB: [(&str, &str); 11] = [
    ("id", ""),
    ("company_name", "Lagos Bank"),
    ("job_title", "Finance Director"),
    ("employment_type", "full_time"),
    ("location", "Lagos"),
    ("start", "2019-03"),
    ("end", ""),
    ("is_current", "on"),
    ("description", "Ran finance."),
    ("achievements", "Cut costs 20%\nLed IPO"),
    ("team_size", "12"),
];

fn with<'a>(
    base: &[(&'a str, &'a str)],
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    base.iter()
        .map(|(k, v)| {
            let v = changes
                .iter()
                .find(|(ck, _)| ck == k)
                .map_or(*v, |(_, cv)| *cv);
            (*k, v)
        })
        .collect()
}

async fn sections(client: &mut Client) -> Value {
    let reply = client.call("profile/sections", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn work_history_is_added_edited_moved_and_deleted(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;

    assert_eq!(ada.call("profile/work", &JOB).await.status, StatusCode::OK);
    let earlier = with(
        &JOB,
        &[
            ("company_name", "Abuja Trust"),
            ("job_title", "Analyst"),
            ("start", "2010-01"),
            ("end", "2019-02"),
            ("is_current", ""),
        ],
    );
    let earlier: Vec<_> = earlier
        .into_iter()
        .filter(|(k, v)| !(*k == "is_current" && v.is_empty()))
        .collect();
    assert_eq!(
        ada.call("profile/work", &earlier).await.status,
        StatusCode::OK
    );

    let s = sections(&mut ada).await;
    let work = &s["work"];
    assert_eq!(work[0]["company_name"], "Lagos Bank");
    assert_eq!(work[0]["start"], "2019-03");
    assert_eq!(work[0]["is_current"], true);
    assert_eq!(work[0]["achievements"][1], "Led IPO");
    assert_eq!(work[1]["end"], "2019-02");
    let order = ids(work);

    // Move the second up: the order swaps.
    let moved = ada
        .call(
            "profile/entry/move",
            &[("kind", "work"), ("id", &order[1]), ("direction", "up")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(
        ids(&sections(&mut ada).await["work"]),
        vec![order[1].clone(), order[0].clone()]
    );
    // Moving past the top changes nothing.
    ada.call(
        "profile/entry/move",
        &[("kind", "work"), ("id", &order[1]), ("direction", "up")],
    )
    .await;
    assert_eq!(ids(&sections(&mut ada).await["work"])[0], order[1]);

    // Edit in place.
    let edit = with(
        &JOB,
        &[("id", &order[0]), ("job_title", "Chief Financial Officer")],
    );
    assert_eq!(ada.call("profile/work", &edit).await.status, StatusCode::OK);
    let work = sections(&mut ada).await["work"].clone();
    assert_eq!(work[1]["job_title"], "Chief Financial Officer");

    // Delete.
    let deleted = ada
        .call(
            "profile/entry/delete",
            &[("kind", "work"), ("id", &order[0])],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(
        ids(&sections(&mut ada).await["work"]),
        vec![order[1].clone()]
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn bad_entries_get_field_errors_and_store_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let bad = with(
        &JOB,
        &[
            ("company_name", ""),
            ("start", "March"),
            ("employment_type", "slavery"),
            ("team_size", "-4"),
            ("is_current", ""),
        ],
    );
    let bad: Vec<_> = bad
        .into_iter()
        .filter(|(k, _)| *k != "is_current")
        .collect();
    let reply = ada.call("profile/work", &bad).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = reply.error();
    for field in ["company_name", "start", "employment_type", "team_size"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
    let ends_before_start = with(&JOB, &[("start", "2020-05"), ("end", "2020-01")]);
    let ends_before_start: Vec<_> = ends_before_start
        .into_iter()
        .filter(|(k, _)| *k != "is_current")
        .collect();
    let error = ada.call("profile/work", &ends_before_start).await.error();
    assert!(error.field_message("end").is_some(), "{error:?}");

    let education = [
        ("id", ""),
        ("institution", "University of Lagos"),
        ("degree_type", "bachelor"),
        ("field_of_study", ""),
        ("start_year", "2001"),
        ("end_year", "1999"),
        ("grade", ""),
    ];
    let error = ada.call("profile/education", &education).await.error();
    assert!(error.field_message("field_of_study").is_some());
    assert!(error.field_message("end_year").is_some());

    let certification = [
        ("id", ""),
        ("name", "CFA"),
        ("issuer", "CFA Institute"),
        ("issued", ""),
        ("expires", ""),
        ("credential_id", ""),
        ("credential_url", "javascript:alert(1)"),
    ];
    let error = ada
        .call("profile/certification", &certification)
        .await
        .error();
    assert!(error.field_message("issued").is_some());
    assert!(error.field_message("credential_url").is_some());

    for table in ["work_history", "education", "certifications"] {
        let n: i64 = sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn nobody_else_can_touch_my_entries(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "candidate").await;
    let mut employer = app.registered("emp@example.com", "employer").await;
    ada.call("profile/work", &JOB).await;
    let id = ids(&sections(&mut ada).await["work"])[0].clone();

    let edit = with(&JOB, &[("id", &id), ("job_title", "Hijacked")]);
    assert_eq!(
        ben.call("profile/work", &edit).await.error(),
        AppError::NotFound
    );
    assert_eq!(
        ben.call("profile/entry/delete", &[("kind", "work"), ("id", &id)])
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        ben.call(
            "profile/entry/move",
            &[("kind", "work"), ("id", &id), ("direction", "down")]
        )
        .await
        .error(),
        AppError::NotFound
    );
    assert_eq!(
        employer.call("profile/work", &JOB).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        employer.call("profile/sections", &[]).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        app.client().call("profile/sections", &[]).await.error(),
        AppError::Unauthenticated
    );
    assert!(
        sections(&mut ben).await["work"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let title: String = sqlx::query_scalar("select job_title from work_history")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Finance Director");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn skills_resolve_synonyms_and_new_names_join_the_taxonomy_unreviewed(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let add = |name: &'static str| {
        [
            ("id", ""),
            ("skill_name", name),
            ("proficiency", "expert"),
            ("years", "5"),
            ("is_primary", "on"),
        ]
    };
    // "cpp" is a synonym of C++.
    assert_eq!(
        ada.call("profile/skill", &add("cpp")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        ada.call("profile/skill", &add("  islamic   finance "))
            .await
            .status,
        StatusCode::OK
    );
    // The same new skill typed differently is the same skill.
    assert_eq!(
        ada.call("profile/skill", &add("Islamic Finance"))
            .await
            .status,
        StatusCode::OK
    );

    let skills = sections(&mut ada).await["skills"].clone();
    let names: Vec<&str> = skills
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["C++", "Islamic finance"]);
    let (reviewed, category): (bool, String) = sqlx::query_as(
        "select is_reviewed, category from skills where lower(name) = 'islamic finance'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!reviewed);
    assert_eq!(category, "Other");

    // Unreviewed skills are not suggested to others; reviewed ones are, by synonym too.
    let suggested = ada
        .call("skills/suggest", &[("typed", "islamic")])
        .await
        .json();
    assert!(suggested.as_array().unwrap().is_empty(), "{suggested}");
    let suggested = ada
        .call("skills/suggest", &[("typed", "pyth")])
        .await
        .json();
    assert_eq!(suggested[0], "Python");

    let bad = [
        ("id", ""),
        ("skill_name", "  "),
        ("proficiency", "guru"),
        ("years", "200"),
    ];
    let error = ada.call("profile/skill", &bad).await.error();
    for field in ["skill_name", "proficiency", "years"] {
        assert!(error.field_message(field).is_some(), "{field}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn reference_contacts_are_encrypted_at_rest(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let reference = [
        ("id", ""),
        ("name", "Grace Hopper"),
        ("email", "grace@navy.example"),
        ("phone", "+1 202 555 0100"),
        ("company", "US Navy"),
        ("job_title", "Rear Admiral"),
        ("relationship", "manager"),
        ("permission_to_contact", "on"),
    ];
    let reply = ada.call("profile/reference", &reference).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let (email, phone): (Vec<u8>, Vec<u8>) =
        sqlx::query_as("select email_encrypted, phone_encrypted from candidate_references")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let stored = [email, phone].concat();
    for plain in [&b"grace@navy.example"[..], b"navy", b"555 0100"] {
        assert!(
            !stored.windows(plain.len()).any(|w| w == plain),
            "plain text in the table"
        );
    }
    let as_text: i64 = sqlx::query_scalar(
        "select count(*) from candidate_references
          where encode(email_encrypted, 'escape') like '%grace%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(as_text, 0);

    let back = sections(&mut ada).await["references"][0].clone();
    assert_eq!(back["email"], "grace@navy.example");
    assert_eq!(back["phone"], "+1 202 555 0100");
    assert_eq!(back["verification_status"], "pending");
    assert_eq!(back["permission_to_contact"], true);

    let bad = [
        ("id", ""),
        ("name", ""),
        ("email", "not-an-email"),
        ("phone", ""),
        ("company", ""),
        ("job_title", ""),
        ("relationship", "enemy"),
    ];
    let error = ada.call("profile/reference", &bad).await.error();
    for field in ["name", "email", "relationship"] {
        assert!(error.field_message(field).is_some(), "{field}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_public_profile_shows_sections_but_never_references(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "candidate").await;
    ada.call("settings/privacy", &[("profile_visibility", "network")])
        .await;
    ada.call(
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
    ada.call("profile/work", &JOB).await;
    let reference = [
        ("id", ""),
        ("name", "Grace Hopper"),
        ("email", "grace@navy.example"),
        ("phone", ""),
        ("company", ""),
        ("job_title", ""),
        ("relationship", "manager"),
        ("permission_to_contact", "on"),
    ];
    ada.call("profile/reference", &reference).await;
    // Open to other members, as Ben is another job seeker.
    ada.call("settings/privacy", &[("profile_visibility", "public")])
        .await;
    let ada_id: uuid::Uuid =
        sqlx::query_scalar("select id from users where email = 'ada@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let seen = ben
        .call("profile/public", &[("user_id", &ada_id.to_string())])
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    let seen = seen.json();
    assert_eq!(seen["sections"]["work"][0]["company_name"], "Lagos Bank");
    assert!(
        seen["sections"]["references"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(!seen.to_string().contains("grace"));
}

/// Without script a failed delete comes back to the profile with its
/// error beside that entry only, not beside every entry.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_failed_delete_without_script_shows_beside_its_own_entry(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    for title in ["Finance Director", "Analyst"] {
        let job = with(&JOB, &[("job_title", title)]);
        assert_eq!(ada.call("profile/work", &job).await.status, StatusCode::OK);
    }
    let work = ids(&sections(&mut ada).await["work"]);
    // No education entry has that id: the delete fails.
    let (back, page) = ada
        .call_plain_form_and_follow(
            "profile/entry/delete",
            &[("kind", "education"), ("id", &work[0])],
            "http://localhost:3000/profile",
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let message = AppError::NotFound.to_string();
    assert_eq!(page.body.matches(&message).count(), 1, "{back}");
    assert_eq!(ids(&sections(&mut ada).await["work"]), work);
}
