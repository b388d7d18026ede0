//! The video introduction: checked by its first bytes, processed with
//! ffprobe and ffmpeg (the setup installs them), streamed with ranges to
//! whoever may see the profile, and counted when others play it.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::{StatusCode, header};
use sqlx::PgPool;
use std::time::Duration;

/// A real two-second video made by ffmpeg's test pattern.
pub(crate) fn sample_video(extension: &str) -> Vec<u8> {
    let path = std::env::temp_dir().join(format!("hirewell-{}.{extension}", uuid::Uuid::new_v4()));
    let codec = if extension == "webm" {
        "libvpx"
    } else {
        "mpeg4"
    };
    let status = std::process::Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "lavfi"])
        .args([
            "-i",
            "testsrc=duration=2:size=320x240:rate=10",
            "-c:v",
            codec,
        ])
        .arg(&path)
        .status()
        .expect("ffmpeg is installed by the setup");
    assert!(status.success());
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(path).unwrap();
    bytes
}

async fn candidate(app: &TestApp, email: &str, first_name: &str) -> Client {
    let mut client = app.registered(email, "candidate").await;
    let reply = client
        .call(
            "profile/identity",
            &[
                ("first_name", first_name),
                ("last_name", "Okafor"),
                ("preferred_name", ""),
                ("headline", ""),
                ("summary", ""),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    client
}

async fn my_video(client: &mut Client) -> serde_json::Value {
    client.call("media", &[]).await.json()["video"].clone()
}

/// Runs the processing job and reads the outcome.
async fn processed(app: &TestApp, client: &mut Client) -> serde_json::Value {
    app.run_jobs().await;
    for _ in 0..300 {
        let video = my_video(client).await;
        if video["processing_status"] != "processing" {
            return video;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the video was not processed in 30 seconds");
}

async fn rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from profile_videos")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn views(app: &TestApp) -> i32 {
    sqlx::query_scalar("select views_count from profile_videos")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_video_is_processed_streamed_and_counted_when_others_play_it(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = candidate(&app, "ada@example.com", "Ada").await;
    // Open to visitors, who play it below.
    ada.call("settings/privacy", &[("profile_visibility", "public")])
        .await;
    let mut visitor = app.client();
    let bytes = sample_video("mp4");
    let reply = ada
        .upload("media/video", "video", "hello.mp4", &bytes)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let video = processed(&app, &mut ada).await;
    assert_eq!(video["processing_status"], "completed");
    assert_eq!(video["duration_seconds"], 2);
    assert_eq!(video["has_thumbnail"], true);
    assert_eq!(video["content_type"], "video/mp4");
    assert_eq!(video["byte_size"], bytes.len());
    assert_eq!(app.stored_files().len(), 2, "the video and its thumbnail");
    let url = format!("/media/videos/{}", video["id"].as_str().unwrap());

    // Streaming: a range comes back as a part of the file.
    let part = visitor.get_with(&url, &[("range", "bytes=0-99")]).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes, bytes[..100]);
    assert_eq!(part.headers[header::CONTENT_TYPE], "video/mp4");
    let rest = visitor.get_with(&url, &[("range", "bytes=100-")]).await;
    assert_eq!(rest.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(rest.bytes, bytes[100..]);
    let thumbnail = visitor.get(&format!("{url}/thumbnail")).await;
    assert_eq!(thumbnail.status, StatusCode::OK);
    assert_eq!(thumbnail.headers[header::CONTENT_TYPE], "image/jpeg");
    image::load_from_memory(&thumbnail.bytes).expect("the thumbnail is an image");

    // One play by the visitor; the owner's own plays and seeking do not count.
    ada.get(&url).await;
    assert_eq!(views(&app).await, 1);
    let profile = visitor
        .call(
            "profile/public",
            &[("user_id", &app.user_id("ada@example.com").await.to_string())],
        )
        .await
        .json();
    assert_eq!(profile["video"]["id"], video["id"]);

    // Until processed, only the owner sees it.
    sqlx::query("update profile_videos set processing_status = 'processing'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(visitor.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(ada.get(&url).await.status, StatusCode::OK);
    let profile = visitor
        .call(
            "profile/public",
            &[("user_id", &app.user_id("ada@example.com").await.to_string())],
        )
        .await
        .json();
    assert!(profile["video"].is_null());

    // A new upload replaces the old video and its files.
    let webm = sample_video("webm");
    let reply = ada
        .upload("media/video", "video", "take two.webm", &webm)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let second = processed(&app, &mut ada).await;
    assert_eq!(second["content_type"], "video/webm");
    assert_eq!(second["file_name"], "take two.webm");
    assert_eq!(rows(&app).await, 1);
    assert_eq!(app.stored_files().len(), 2);
    assert_eq!(ada.get(&url).await.status, StatusCode::NOT_FOUND);

    // The export lists it; deleting takes the row and the files.
    let export = ada.get("/api/account/export").await.json();
    let second_url = format!("/media/videos/{}", second["id"].as_str().unwrap());
    assert!(
        export["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f.as_str().unwrap().ends_with(&second_url)),
        "{}",
        export["files"]
    );
    let id = second["id"].as_str().unwrap();
    let reply = ada.call("media/video/delete", &[("id", id)]).await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{}",
        reply.body
    );
    assert_eq!(rows(&app).await, 0);
    assert!(app.stored_files().is_empty(), "{:?}", app.stored_files());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn refused_videos_leave_no_file_and_no_row(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = candidate(&app, "ada@example.com", "Ada").await;
    let program = b"MZ\x90\x00\x03\x00 This program cannot be run in DOS mode".to_vec();
    let mut too_long = sample_video("mp4");
    too_long.resize(100 * 1024 * 1024 + 1, 0);
    for (name, bytes, expected) in [
        ("virus.mp4", program, "MP4 or WebM"),
        ("empty.webm", Vec::new(), "empty"),
        ("long.mp4", too_long, "100 MB"),
    ] {
        let reply = ada.upload("media/video", "video", name, &bytes).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}: {}",
            reply.body
        );
        let message = reply.error().field_message("video").unwrap_or_default();
        assert!(message.contains(expected), "{name}: {message}");
    }
    assert_eq!(rows(&app).await, 0);
    assert!(app.stored_files().is_empty(), "{:?}", app.stored_files());

    // Looks like an MP4 but is not one: kept for the owner, marked failed,
    // never shown to others.
    let mut fake = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00".to_vec();
    fake.extend_from_slice(&[7; 4096]);
    let reply = ada.upload("media/video", "video", "fake.mp4", &fake).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let video = processed(&app, &mut ada).await;
    assert_eq!(video["processing_status"], "failed");
    assert_eq!(video["has_thumbnail"], false);
    let url = format!("/media/videos/{}", video["id"].as_str().unwrap());
    assert_eq!(app.client().get(&url).await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_those_who_may_see_the_profile_watch_and_only_the_owner_deletes(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = candidate(&app, "ada@example.com", "Ada").await;
    let mut ben = candidate(&app, "ben@example.com", "Ben").await;
    let mut anonymous = app.client();
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    ada.upload("media/video", "video", "me.mp4", &sample_video("mp4"))
        .await;
    let video = processed(&app, &mut ada).await;
    let id = video["id"].as_str().unwrap();
    let url = format!("/media/videos/{id}");
    let watch = async |client: &mut Client| client.get(&url).await.status == StatusCode::OK;

    ada.call("settings/privacy", &[("profile_visibility", "network")])
        .await;
    assert!(watch(&mut hr).await);
    assert!(!watch(&mut ben).await && !watch(&mut anonymous).await);
    ada.call("privacy/block", &[("company", "Acme Bank")]).await;
    ada.call("privacy/confidential/save", &[("enabled", "on")])
        .await;
    assert!(!watch(&mut hr).await, "a blocked company cannot watch");
    assert!(
        !watch(&mut ben).await,
        "nor can anyone not checked against the list"
    );
    ada.call("settings/privacy", &[("profile_visibility", "private")])
        .await;
    assert!(!watch(&mut ben).await);
    assert!(watch(&mut ada).await);

    assert_eq!(
        ben.call("media/video/delete", &[("id", id)]).await.error(),
        AppError::NotFound
    );
    assert_eq!(
        hr.call("media/video/delete", &[("id", id)]).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        anonymous
            .call("media/video/delete", &[("id", id)])
            .await
            .error(),
        AppError::Unauthenticated
    );
    assert_eq!(
        hr.upload("media/video", "video", "x.mp4", &sample_video("mp4"))
            .await
            .error(),
        AppError::Forbidden
    );
    assert_eq!(rows(&app).await, 1);
}
