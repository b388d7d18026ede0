//! Uploads kept in an S3-compatible bucket (a real s3s server), as several
//! server instances share them: photos, résumés (read by the job) and a
//! video streamed by ranges.

use crate::common::{Setup, TestApp, s3_server};
use axum::http::{StatusCode, header};
use server::demo_files::{portrait_jpeg, resume_pdf};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_instances_share_uploads_kept_in_a_bucket(pool: PgPool) {
    let s3 = s3_server().await;
    let first = TestApp::with(
        pool.clone(),
        Setup {
            s3: Some(s3.clone()),
            ..Setup::default()
        },
    );
    let second = TestApp::with(
        pool,
        Setup {
            s3: Some(s3),
            ..Setup::default()
        },
    );
    let mut ada = first.registered("ada@example.com", "candidate").await;
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
    // Open to visitors, as the other instance's reader is one.
    ada.call("settings/privacy", &[("profile_visibility", "public")])
        .await;

    // A photo stored through one instance is served by the other.
    let reply = ada
        .upload("media/photo", "photo", "me.jpg", &portrait_jpeg(300, 1))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let media = ada.call("media", &[]).await.json();
    let photo = media["photos"][0]["id"].as_str().unwrap().to_string();
    let mut ada_on_second = second.client();
    ada_on_second.cookie = ada.cookie.clone();
    let served = ada_on_second.get(&format!("/media/photos/{photo}")).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");
    image::load_from_memory(&served.bytes).expect("the stored photo is an image");
    assert!(first.stored_files().is_empty(), "nothing on local disk");

    // A résumé is read by a job on the other instance.
    let pdf = resume_pdf(&["Ada Okafor", "Data Analyst", "SQL and Python"]);
    let reply = ada.upload("media/resume", "resume", "cv.pdf", &pdf).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(second.run_jobs().await, 1);
    let resume = ada.call("media", &[]).await.json()["resumes"][0].clone();
    assert_eq!(resume["parsing_status"], "completed", "{resume}");
    let id = resume["id"].as_str().unwrap();
    let download = ada_on_second.get(&format!("/media/resumes/{id}")).await;
    assert_eq!(download.bytes, pdf);

    // A video goes up in parts and comes back by ranges.
    let video = crate::videos::sample_video("mp4");
    let reply = ada
        .upload("media/video", "video", "hello.mp4", &video)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    second.run_jobs().await;
    let mine = ada.call("media", &[]).await.json()["video"].clone();
    assert_eq!(mine["processing_status"], "completed", "{mine}");
    assert_eq!(mine["duration_seconds"], 2);
    assert_eq!(mine["has_thumbnail"], true);
    let url = format!("/media/videos/{}", mine["id"].as_str().unwrap());
    let mut visitor = second.client();
    let part = visitor.get_with(&url, &[("range", "bytes=10-109")]).await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes, video[10..110]);
    assert_eq!(
        part.headers[header::CONTENT_RANGE],
        format!("bytes 10-109/{}", video.len())
    );
    let rest = visitor.get_with(&url, &[("range", "bytes=100-")]).await;
    assert_eq!(rest.bytes, video[100..]);
    let whole = visitor.get(&url).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.bytes, video);
    let thumbnail = visitor.get(&format!("{url}/thumbnail")).await;
    assert_eq!(thumbnail.status, StatusCode::OK);

    // Deleting removes the object.
    let reply = ada
        .call("media/delete", &[("kind", "photo"), ("id", &photo)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        ada_on_second
            .get(&format!("/media/photos/{photo}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
