//! Photo and résumé uploads: checked by content, cleaned, one primary,
//! refused uploads leave nothing behind, and files reach only those who may
//! see them.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use server::demo_files::{portrait_jpeg, resume_pdf};
use sqlx::PgPool;

async fn rows(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table}"))
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn media(client: &mut Client) -> serde_json::Value {
    let reply = client.call("media", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

fn png_with_exif_like_trailer() -> Vec<u8> {
    let mut bytes = portrait_jpeg(600, 2);
    // Data after the image's end marker is dropped by re-encoding.
    bytes.extend_from_slice(b"GPS 6.5244N 3.3792E secret trailer");
    bytes
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn photos_are_cleaned_thumbnailed_and_one_is_primary(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let reply = ada
        .upload(
            "media/photo",
            "photo",
            "me.jpg",
            &png_with_exif_like_trailer(),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    ada.upload("media/photo", "photo", "me2.jpg", &portrait_jpeg(300, 3))
        .await;

    let photos = media(&mut ada).await["photos"].clone();
    let photos = photos.as_array().unwrap();
    assert_eq!(photos.len(), 2);
    let primary: Vec<_> = photos.iter().filter(|p| p["is_primary"] == true).collect();
    assert_eq!(primary.len(), 1, "the first upload is primary");
    let first = primary[0]["id"].as_str().unwrap().to_string();
    let second = photos.iter().find(|p| p["is_primary"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let full = ada.get(&format!("/media/photos/{first}")).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(full.headers["content-type"], "image/jpeg");
    assert!(
        !full.bytes.windows(3).any(|w| w == b"GPS"),
        "trailing data is gone"
    );
    let thumb = ada.get(&format!("/media/photos/{first}/thumbnail")).await;
    let thumb = image::load_from_memory(&thumb.bytes).unwrap();
    assert_eq!((thumb.width(), thumb.height()), (256, 256));
    assert_eq!(app.stored_files().len(), 4);

    // Switch the primary; the database never holds two.
    let switched = ada
        .call("media/primary", &[("kind", "photo"), ("id", &second)])
        .await;
    assert_eq!(switched.status, StatusCode::OK, "{}", switched.body);
    let duplicate = sqlx::query("update profile_photos set is_primary = true where id::text = $1")
        .bind(&first)
        .execute(&app.pool)
        .await;
    assert!(
        duplicate.is_err(),
        "a second primary is refused by the database"
    );

    // Deleting the primary promotes the other and removes its files.
    let deleted = ada
        .call("media/delete", &[("kind", "photo"), ("id", &second)])
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let photos = media(&mut ada).await["photos"].clone();
    assert_eq!(photos[0]["id"], first.as_str());
    assert_eq!(photos[0]["is_primary"], true);
    assert_eq!(app.stored_files().len(), 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn refused_uploads_leave_no_file_and_no_row(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut truncated_png = Vec::new();
    image::DynamicImage::new_rgb8(400, 400)
        .write_to(
            &mut std::io::Cursor::new(&mut truncated_png),
            image::ImageFormat::Png,
        )
        .unwrap();
    truncated_png.truncate(truncated_png.len() / 2);
    let six_megabytes = {
        let mut big = portrait_jpeg(64, 0);
        big.resize(6 * 1024 * 1024, 0);
        big
    };
    let program =
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00 This program cannot be run in DOS mode".to_vec();
    let cases: [(&str, &str, &str, Vec<u8>, &str); 6] = [
        (
            "media/photo",
            "photo",
            "virus.jpg",
            program.clone(),
            "JPEG, PNG or WebP",
        ),
        ("media/photo", "photo", "huge.jpg", six_megabytes, "5 MB"),
        (
            "media/photo",
            "photo",
            "broken.png",
            truncated_png,
            "could not be read",
        ),
        ("media/photo", "photo", "empty.jpg", Vec::new(), "empty"),
        ("media/resume", "resume", "cv.pdf", program, "PDF"),
        ("media/resume", "resume", "cv.pdf", Vec::new(), "empty"),
    ];
    for (endpoint, field, name, bytes, expected) in cases {
        let reply = ada.upload(endpoint, field, name, &bytes).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            reply.body
        );
        let message = reply.error().field_message(field).unwrap_or_default();
        assert!(message.contains(expected), "{name}: {message}");
    }
    assert_eq!(rows(&app, "profile_photos").await, 0);
    assert_eq!(rows(&app, "resumes").await, 0);
    assert!(app.stored_files().is_empty(), "{:?}", app.stored_files());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn resumes_are_parsed_into_suggestions_the_owner_accepts(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let pdf = resume_pdf(&[
        "Ada Okafor",
        "ada.okafor@example.com | +234 803 123 4567",
        "Finance Director",
        "Lagos Bank, 2012 - present",
        "Financial modelling in Python and SQL.",
    ]);
    let reply = ada
        .upload("media/resume", "resume", "Ada CV.pdf", &pdf)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Read by a job, not inside the upload.
    let waiting = media(&mut ada).await["resumes"][0].clone();
    assert_eq!(waiting["parsing_status"], "pending");
    assert_eq!(waiting["suggestions"], serde_json::Value::Null);
    assert_eq!(app.run_jobs().await, 1);
    let resume = media(&mut ada).await["resumes"][0].clone();
    assert_eq!(resume["file_name"], "Ada CV.pdf");
    assert_eq!(resume["parsing_status"], "completed");
    assert_eq!(resume["is_primary"], true);
    let suggestions = &resume["suggestions"];
    assert_eq!(suggestions["emails"][0], "ada.okafor@example.com");
    assert_eq!(suggestions["job_titles"][0], "Finance Director");
    let skills: Vec<&str> = suggestions["skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        skills.contains(&"Python") && skills.contains(&"SQL"),
        "{skills:?}"
    );
    let id = resume["id"].as_str().unwrap().to_string();

    // Accept one skill, then the title; an unsuggested value is refused.
    let accepted = ada
        .call(
            "media/resume/accept",
            &[("id", &id), ("kind", "skill"), ("value", "Python")],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(
        ada.call(
            "media/resume/accept",
            &[("id", &id), ("kind", "skill"), ("value", "Haskell")]
        )
        .await
        .error(),
        AppError::NotFound
    );
    ada.call(
        "media/resume/accept",
        &[
            ("id", &id),
            ("kind", "title"),
            ("value", "Finance Director"),
        ],
    )
    .await;
    let sections = ada.call("profile/sections", &[]).await.json();
    assert_eq!(sections["skills"][0]["name"], "Python");
    let title: String = sqlx::query_scalar("select current_title from candidate_profiles")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Finance Director");
    // Python is on the profile now, so it is no longer suggested.
    let again = media(&mut ada).await["resumes"][0]["suggestions"]["skills"].clone();
    assert!(!again.as_array().unwrap().iter().any(|s| s == "Python"));

    // The owner downloads it, which is counted.
    let download = ada.get(&format!("/media/resumes/{id}")).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.bytes, pdf);
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("Ada CV.pdf")
    );
    assert_eq!(media(&mut ada).await["resumes"][0]["download_count"], 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn files_reach_only_those_allowed(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "candidate").await;
    let mut employer = app.registered("emp@example.com", "employer").await;
    let mut anonymous = app.client();
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
    ada.upload("media/photo", "photo", "me.jpg", &portrait_jpeg(300, 1))
        .await;
    ada.upload("media/resume", "resume", "cv.pdf", &resume_pdf(&["Ada"]))
        .await;
    let mine = media(&mut ada).await;
    let photo = format!(
        "/media/photos/{}",
        mine["photos"][0]["id"].as_str().unwrap()
    );
    let resume = format!(
        "/media/resumes/{}",
        mine["resumes"][0]["id"].as_str().unwrap()
    );

    // Résumés: the owner only (for now).
    for client in [&mut ben, &mut employer, &mut anonymous] {
        assert_eq!(client.get(&resume).await.status, StatusCode::NOT_FOUND);
    }
    // Photos follow the profile's visibility.
    for (visibility, expected) in [
        ("public", [true, true, true]),
        ("network", [false, true, false]),
        ("private", [false, false, false]),
    ] {
        ada.call("settings/privacy", &[("profile_visibility", visibility)])
            .await;
        assert_eq!(ada.get(&photo).await.status, StatusCode::OK);
        for (client, may) in [&mut ben, &mut employer, &mut anonymous]
            .into_iter()
            .zip(expected)
        {
            let status = client.get(&photo).await.status;
            assert_eq!(status == StatusCode::OK, may, "{visibility}: {status}");
        }
    }
    // Nobody else can change or delete them.
    let id = mine["photos"][0]["id"].as_str().unwrap();
    assert_eq!(
        ben.call("media/delete", &[("kind", "photo"), ("id", id)])
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        ben.call("media/primary", &[("kind", "photo"), ("id", id)])
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        employer
            .upload("media/photo", "photo", "x.jpg", &portrait_jpeg(64, 0))
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(app.stored_files().len(), 3);
}
