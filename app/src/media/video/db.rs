//! Video rows: who owns which file and how far its processing got.

use super::VideoItem;
use sqlx::PgExecutor;
use uuid::Uuid;

pub struct NewVideo<'a> {
    pub id: Uuid,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub byte_size: i64,
}

/// What processing found out about a video.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Processed {
    pub duration_seconds: Option<i32>,
    pub width: Option<i32>,
    pub height: Option<i32>,
    pub thumbnail_key: Option<String>,
}

/// The stored files of a video row.
pub struct VideoFile {
    pub user_id: Uuid,
    pub storage_key: String,
    pub thumbnail_key: Option<String>,
    pub content_type: String,
    pub processing_status: String,
}

fn keys(storage_key: String, thumbnail_key: Option<String>) -> Vec<String> {
    std::iter::once(storage_key).chain(thumbnail_key).collect()
}

/// Records a new video in place of the person's current one; returns the
/// old one's files, to delete once this has committed.
pub async fn replace(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
    video: &NewVideo<'_>,
) -> Result<Vec<String>, sqlx::Error> {
    let old = sqlx::query!(
        "delete from profile_videos where user_id = $1 returning storage_key, thumbnail_key",
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into profile_videos (id, user_id, storage_key, file_name, content_type, byte_size)
         values ($1, $2, $3, $4, $5, $6)",
        video.id,
        user_id,
        video.storage_key,
        video.file_name,
        video.content_type,
        video.byte_size,
    )
    .execute(&mut *conn)
    .await?;
    Ok(old
        .map(|o| keys(o.storage_key, o.thumbnail_key))
        .unwrap_or_default())
}

/// The person's video, whatever its state; with `completed_only`, only a
/// processed one (what others may see).
pub async fn of_user(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    completed_only: bool,
) -> Result<Option<VideoItem>, sqlx::Error> {
    sqlx::query_as!(
        VideoItem,
        r#"select id, file_name, content_type, byte_size, duration_seconds, processing_status,
                  thumbnail_key is not null as "has_thumbnail!", views_count
             from profile_videos
            where user_id = $1 and (not $2 or processing_status = 'completed')"#,
        user_id,
        completed_only
    )
    .fetch_optional(db)
    .await
}

pub async fn file(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<VideoFile>, sqlx::Error> {
    sqlx::query_as!(
        VideoFile,
        "select user_id, storage_key, thumbnail_key, content_type, processing_status
           from profile_videos where id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn count_view(db: impl PgExecutor<'_>, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update profile_videos set views_count = views_count + 1 where id = $1",
        id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Records the outcome of processing. Returns false when the video was
/// deleted or replaced meanwhile (its thumbnail is then not needed).
pub async fn finish(
    db: impl PgExecutor<'_>,
    id: Uuid,
    outcome: Option<&Processed>,
) -> Result<bool, sqlx::Error> {
    let nothing = Processed::default();
    let done = outcome.unwrap_or(&nothing);
    let updated = sqlx::query!(
        "update profile_videos
            set processing_status = $2, duration_seconds = $3, width = $4, height = $5,
                thumbnail_key = $6, processing_completed_at = now()
          where id = $1 and processing_status = 'processing'",
        id,
        if outcome.is_some() {
            "completed"
        } else {
            "failed"
        },
        done.duration_seconds,
        done.width,
        done.height,
        done.thumbnail_key,
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Deletes the person's video; returns its files to delete after commit,
/// or `None` when they have no video with this id.
pub async fn delete(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    let row = sqlx::query!(
        "delete from profile_videos where id = $1 and user_id = $2
         returning storage_key, thumbnail_key",
        id,
        user_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| keys(r.storage_key, r.thumbnail_key)))
}
