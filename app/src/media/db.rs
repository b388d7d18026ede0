//! SQL for photos and résumés, always scoped to the owner.

use super::{PhotoItem, ResumeItem, ResumeSuggestions};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// Files a person may keep of each kind.
pub const MAX_FILES: i64 = 10;

pub async fn photos(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Vec<PhotoItem>, sqlx::Error> {
    sqlx::query_as!(
        PhotoItem,
        "select id, is_primary, width, height from profile_photos
          where user_id = $1 order by is_primary desc, created_at desc",
        user_id
    )
    .fetch_all(db)
    .await
}

pub async fn resumes(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<(ResumeItem, Option<serde_json::Value>)>, sqlx::Error> {
    Ok(sqlx::query!(
        "select id, file_name, byte_size, is_primary, download_count, parsing_status,
                parse_problem, parsed_data
           from resumes where user_id = $1 order by is_primary desc, created_at desc",
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| {
        (
            ResumeItem {
                id: r.id,
                file_name: r.file_name,
                byte_size: r.byte_size,
                is_primary: r.is_primary,
                download_count: r.download_count,
                parsing_status: r.parsing_status,
                parse_problem: r.parse_problem,
                suggestions: None,
            },
            r.parsed_data,
        )
    })
    .collect())
}

/// Serialises uploads and primary changes of one person (so "the first
/// file becomes primary" holds when two uploads race).
pub async fn lock_owner(conn: &mut PgConnection, user_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("select id from users where id = $1 for update", user_id)
        .fetch_one(conn)
        .await?;
    Ok(())
}

pub struct NewPhoto<'a> {
    pub id: Uuid,
    pub storage_key: &'a str,
    pub thumbnail_key: &'a str,
    pub content_type: &'a str,
    pub width: i32,
    pub height: i32,
    pub byte_size: i64,
}

/// Inserts a photo (primary when it is the first); false when the person
/// already has `MAX_FILES` photos.
pub async fn insert_photo(
    conn: &mut PgConnection,
    user_id: Uuid,
    p: &NewPhoto<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into profile_photos (id, user_id, storage_key, thumbnail_key, content_type,
             width, height, byte_size, is_primary)
         select $1, $2, $3, $4, $5, $6, $7, $8, count(*) = 0
           from profile_photos where user_id = $2 having count(*) < $9",
        p.id,
        user_id,
        p.storage_key,
        p.thumbnail_key,
        p.content_type,
        p.width,
        p.height,
        p.byte_size,
        MAX_FILES
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct NewResume<'a> {
    pub id: Uuid,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub byte_size: i64,
}

/// Adds a résumé waiting to be read; `false` when the person has as many
/// as they may keep.
pub async fn insert_resume(
    conn: &mut PgConnection,
    user_id: Uuid,
    r: &NewResume<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into resumes (id, user_id, storage_key, file_name, content_type, byte_size,
             is_primary, parsing_status)
         select $1, $2, $3, $4, 'application/pdf', $5, count(*) = 0, 'pending'
           from resumes where user_id = $2 having count(*) < $6",
        r.id,
        user_id,
        r.storage_key,
        r.file_name,
        r.byte_size,
        MAX_FILES
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The storage key of a résumé still waiting to be read.
pub async fn resume_to_parse(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select storage_key from resumes where id = $1 and parsing_status = 'pending'",
        id
    )
    .fetch_optional(db)
    .await
}

/// Keeps what reading a résumé gave: its suggestions, or why there are none.
pub async fn record_parse(
    db: impl PgExecutor<'_>,
    id: Uuid,
    outcome: Result<ResumeSuggestions, String>,
) -> Result<(), sqlx::Error> {
    let (status, data, problem) = match outcome {
        Ok(suggestions) => ("completed", Some(serde_json::json!(suggestions)), None),
        Err(problem) => (
            "failed",
            None,
            Some(problem.chars().take(300).collect::<String>()),
        ),
    };
    sqlx::query!(
        "update resumes set parsing_status = $2, parsed_data = $3, parse_problem = $4,
                parsed_at = now()
          where id = $1 and parsing_status = 'pending'",
        id,
        status,
        data,
        problem
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Which kind of file a shared statement works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Photo,
    Resume,
}

impl FileKind {
    fn table(self) -> &'static str {
        match self {
            Self::Photo => "profile_photos",
            Self::Resume => "resumes",
        }
    }
}

/// Makes one of the person's files the primary one; false when it is not theirs.
pub async fn set_primary(
    conn: &mut PgConnection,
    kind: FileKind,
    user_id: Uuid,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    lock_owner(conn, user_id).await?;
    // The table name comes from a fixed list, never from input.
    let exists: bool = sqlx::query_scalar(&format!(
        "select exists(select 1 from {} where id = $1 and user_id = $2)",
        kind.table()
    ))
    .bind(id)
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await?;
    if !exists {
        return Ok(false);
    }
    // Clear first: the partial unique index allows one primary at any moment.
    sqlx::query(&format!(
        "update {} set is_primary = false where user_id = $1 and is_primary",
        kind.table()
    ))
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "update {} set is_primary = true where id = $1",
        kind.table()
    ))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Deletes one of the person's files and returns its storage keys; when it
/// was the primary, the newest remaining file becomes primary.
pub async fn delete_file(
    conn: &mut PgConnection,
    kind: FileKind,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    lock_owner(conn, user_id).await?;
    let keys = match kind {
        FileKind::Photo => "array[storage_key, thumbnail_key]",
        FileKind::Resume => "array[storage_key]",
    };
    let deleted: Option<(Vec<String>, bool)> = sqlx::query_as(&format!(
        "delete from {} where id = $1 and user_id = $2 returning {keys}, is_primary",
        kind.table()
    ))
    .bind(id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((keys, was_primary)) = deleted else {
        return Ok(None);
    };
    if was_primary {
        sqlx::query(&format!(
            "update {t} set is_primary = true where id = (
                 select id from {t} where user_id = $1 order by created_at desc limit 1)",
            t = kind.table()
        ))
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(Some(keys))
}

/// The storage key of a photo (or its thumbnail), with its owner.
pub async fn photo_file(
    db: impl PgExecutor<'_>,
    id: Uuid,
    thumbnail: bool,
) -> Result<Option<(Uuid, String, String)>, sqlx::Error> {
    let row = sqlx::query!(
        "select user_id, storage_key, thumbnail_key, content_type from profile_photos where id = $1",
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let key = if thumbnail {
            r.thumbnail_key
        } else {
            r.storage_key
        };
        (r.user_id, key, r.content_type)
    }))
}

/// A résumé's owner, storage key and file name.
pub async fn resume_file(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> Result<Option<(Uuid, String, String)>, sqlx::Error> {
    let row = sqlx::query!(
        "select user_id, storage_key, file_name from resumes where id = $1",
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.user_id, r.storage_key, r.file_name)))
}

pub async fn count_download(db: impl PgExecutor<'_>, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update resumes set download_count = download_count + 1 where id = $1",
        id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The stored suggestions of one of the person's résumés.
pub async fn suggestions(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Uuid,
) -> Result<Option<ResumeSuggestions>, sqlx::Error> {
    let data = sqlx::query_scalar!(
        "select parsed_data from resumes where id = $1 and user_id = $2",
        id,
        user_id
    )
    .fetch_optional(db)
    .await?
    .flatten();
    Ok(data.and_then(|d| serde_json::from_value(d).ok()))
}

/// The taxonomy for résumé matching: reviewed skills with their synonyms.
pub async fn known_skills(
    db: impl PgExecutor<'_>,
) -> Result<Vec<super::resume_parse::KnownSkill>, sqlx::Error> {
    Ok(
        sqlx::query!("select name, synonyms from skills where is_reviewed order by name")
            .fetch_all(db)
            .await?
            .into_iter()
            .map(|r| super::resume_parse::KnownSkill {
                name: r.name,
                synonyms: r.synonyms,
            })
            .collect(),
    )
}

/// The names of the skills the person already has (to leave them out of
/// suggestions).
pub async fn my_skill_names(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select s.name from candidate_skills cs join skills s on s.id = cs.skill_id
          where cs.user_id = $1",
        user_id
    )
    .fetch_all(db)
    .await
}

/// The primary photo of a person, for their profile.
pub async fn primary_photo(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select id from profile_photos where user_id = $1 and is_primary",
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Every storage key of a person's files (for erasure and export).
pub async fn all_keys(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select k as "k!" from (
             select unnest(array[storage_key, thumbnail_key]) as k from profile_photos where user_id = $1
             union all
             select storage_key from resumes where user_id = $1
             union all
             select unnest(array[storage_key, thumbnail_key]) from profile_videos where user_id = $1
             union all
             select photo_key from company_members where user_id = $1
           ) keys where k is not null"#,
        user_id
    )
    .fetch_all(db)
    .await
}
