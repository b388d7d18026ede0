//! Confidential mode: members of a hidden company get "not found" for the
//! profile and its photo, whether the company was named, given by email
//! domain, or is the candidate's current employer.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use server::demo_files::portrait_jpeg;
use sqlx::PgPool;

const IDENTITY: [(&str, &str); 6] = [
    ("first_name", "Ada"),
    ("last_name", "Okafor"),
    ("preferred_name", ""),
    ("headline", "Finance director"),
    ("summary", ""),
    ("phone", ""),
];

/// A candidate with a public profile and a photo: (client, user id, photo id).
async fn candidate(app: &TestApp) -> (Client, String, String) {
    let mut ada = app.registered("ada@example.com", "candidate").await;
    ada.call("profile/identity", &IDENTITY).await;
    let reply = ada
        .upload("media/photo", "photo", "me.jpg", &portrait_jpeg(120, 1))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let photo = ada.call("media", &[]).await.json()["photos"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let id: uuid::Uuid = sqlx::query_scalar("select id from users where email = 'ada@example.com'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (ada, id.to_string(), photo)
}

/// Whether `client` sees the profile: the call, the page and the photo agree.
async fn sees(client: &mut Client, id: &str, photo: &str) -> bool {
    let reply = client.call("profile/public", &[("user_id", id)]).await;
    let page = client.get(&format!("/p/{id}")).await;
    let file = client
        .get(&format!("/media/photos/{photo}/thumbnail"))
        .await;
    let seen = reply.status == StatusCode::OK;
    assert_eq!(page.status == StatusCode::OK, seen, "page and call agree");
    assert_eq!(file.status == StatusCode::OK, seen, "photo and call agree");
    if !seen {
        assert_eq!(reply.error(), AppError::NotFound);
        assert!(!page.body.contains("Okafor"), "nothing leaks into the page");
    }
    seen
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_privacy_matrix_covers_every_viewer_and_read_path(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, id, photo) = candidate(&app).await;
    let mut other = app.registered("other@example.com", "candidate").await;
    let mut employer = app
        .employer_of(
            "hr@friendly.example.com",
            "Friendly Co",
            "friendly.example.com",
        )
        .await;
    let mut blocked = app
        .employer_of("hr@acme.example.com", "Acme Bank", "acme.example.com")
        .await;
    let mut anonymous = app.client();
    // An employer account of no company: nothing to check the list against.
    let mut companyless = app.registered("hr@gmail.example.com", "employer").await;

    let reply = owner
        .call("privacy/block", &[("company", "acme bank")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    owner
        .call("privacy/confidential/save", &[("enabled", "on")])
        .await;

    // In confidential mode only members of companies the candidate does not
    // hide from see them: anyone else (a visitor, a blocked employer who
    // logs out, a new account of no company) could be the hidden employer.
    // (visibility, [owner, other candidate, employer, blocked company's
    // employer, anonymous, employer of no company])
    let matrix = [
        ("public", [true, false, true, false, false, false]),
        ("network", [true, false, true, false, false, false]),
        ("private", [true, false, false, false, false, false]),
    ];
    for (visibility, expected) in matrix {
        owner
            .call("settings/privacy", &[("profile_visibility", visibility)])
            .await;
        for (n, (client, want)) in [
            &mut owner,
            &mut other,
            &mut employer,
            &mut blocked,
            &mut anonymous,
            &mut companyless,
        ]
        .into_iter()
        .zip(expected)
        .enumerate()
        {
            assert_eq!(
                sees(client, &id, &photo).await,
                want,
                "{visibility}, viewer {n}"
            );
        }
    }

    // Switched off, the list stays but no longer hides.
    owner
        .call("settings/privacy", &[("profile_visibility", "public")])
        .await;
    owner.call("privacy/confidential/save", &[]).await;
    assert!(sees(&mut blocked, &id, &photo).await);
    assert!(sees(&mut anonymous, &id, &photo).await);
    let list = owner.call("privacy/confidential", &[]).await.json();
    assert_eq!(list["enabled"], false);
    assert_eq!(list["blocked"][0]["label"], "Acme Bank");
    assert_eq!(app.audit_count("privacy.confidential_mode").await, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn domains_and_the_current_employer_are_hidden_from_too(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, id, photo) = candidate(&app).await;
    let mut acme = app
        .employer_of("hr@acme.example.com", "Acme Bank", "www.acme.example.com")
        .await;
    // An employer with an address at the domain but no company yet.
    let mut loner = app.registered("cfo@acme.example.com", "employer").await;
    let mut outsider = app
        .employer_of("hr@other.example.com", "Other Ltd", "other.example.com")
        .await;
    owner
        .call("privacy/confidential/save", &[("enabled", "on")])
        .await;
    assert!(sees(&mut acme, &id, &photo).await, "nothing hidden yet");

    let reply = owner
        .call("privacy/block", &[("company", "someone@ACME.example.com")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(!sees(&mut acme, &id, &photo).await);
    assert!(!sees(&mut loner, &id, &photo).await);
    assert!(sees(&mut outsider, &id, &photo).await);

    // The current employer, written in other capitals, is hidden automatically.
    let entry = owner.call("privacy/confidential", &[]).await.json()["blocked"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    owner.call("privacy/unblock", &[("id", &entry)]).await;
    assert!(sees(&mut acme, &id, &photo).await);
    let reply = owner
        .call(
            "profile/current-role",
            &[
                ("current_title", "Analyst"),
                ("current_company", " ACME BANK "),
                ("industry_id", ""),
                ("years_of_experience", ""),
                ("seniority", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(!sees(&mut acme, &id, &photo).await);
    assert!(
        !sees(&mut loner, &id, &photo).await,
        "of no company: nothing to check the list against"
    );
    assert_eq!(
        owner.call("privacy/confidential", &[]).await.json()["current_employer"],
        "Acme Bank"
    );
    owner.call("privacy/confidential/save", &[]).await;
    assert!(sees(&mut acme, &id, &photo).await);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_list_is_the_candidates_own(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, _, _) = candidate(&app).await;
    let mut other = app.registered("bo@example.com", "candidate").await;
    let mut employer = app
        .employer_of("hr@acme.example.com", "Acme Bank", "acme.example.com")
        .await;

    let reply = owner
        .call("privacy/block", &[("company", "Nobody Holdings")])
        .await;
    assert!(
        reply
            .error()
            .field_message("company")
            .unwrap()
            .contains("email domain")
    );
    owner
        .call("privacy/block", &[("company", "Acme Bank")])
        .await;
    let again = owner
        .call("privacy/block", &[("company", "ACME BANK")])
        .await;
    assert_eq!(
        again.error().field_message("company").as_deref(),
        Some("This is already on your list.")
    );
    let entry = owner.call("privacy/confidential", &[]).await.json()["blocked"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(
        other
            .call("privacy/unblock", &[("id", &entry)])
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        employer
            .call("privacy/block", &[("company", "x.com")])
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(
        employer.call("privacy/confidential", &[]).await.json(),
        serde_json::Value::Null
    );
    assert_eq!(
        app.client().call("privacy/confidential", &[]).await.error(),
        AppError::Unauthenticated
    );
    let list = other.call("privacy/confidential", &[]).await.json();
    assert_eq!(list["blocked"].as_array().unwrap().len(), 0);
}
