//! Server functions for photos and résumés: candidates only, on their own
//! files. Uploads arrive as multipart forms (by script with a progress bar,
//! or as a plain form post without JavaScript).

use super::MyMedia;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::{
        db,
        db::FileKind,
        files,
        storage::{Storage, remove_orphans},
    },
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::state::{app_state, respond},
    uuid::Uuid,
};

/// Where an upload's bytes go as they arrive.
#[cfg(feature = "ssr")]
pub(crate) trait UploadSink {
    async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()>;
    fn len(&self) -> usize;
}

#[cfg(feature = "ssr")]
impl UploadSink for Vec<u8> {
    async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        self.extend_from_slice(chunk);
        Ok(())
    }

    fn len(&self) -> usize {
        Vec::len(self)
    }
}

/// Streams the file in form field `field` into `sink`, refusing it once it
/// passes `max` bytes. Returns the file's name.
#[cfg(feature = "ssr")]
pub(crate) async fn read_upload_into(
    data: MultipartData,
    field: &str,
    max: usize,
    too_big: &str,
    sink: &mut impl UploadSink,
) -> Result<String, AppError> {
    let interrupted = || AppError::field(field, "The upload was interrupted. Try again.");
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    while let Some(mut part) = multipart.next_field().await.map_err(|_| interrupted())? {
        if part.name() != Some(field) {
            continue;
        }
        let file_name = part.file_name().unwrap_or_default().to_string();
        while let Some(chunk) = part.chunk().await.map_err(|_| interrupted())? {
            if sink.len() + chunk.len() > max {
                return Err(AppError::field(field, too_big));
            }
            sink.write(&chunk).await.map_err(|error| {
                tracing::error!(%error, "could not keep an upload");
                AppError::Internal
            })?;
        }
        if file_name.is_empty() && sink.len() == 0 {
            break;
        }
        return Ok(file_name);
    }
    Err(AppError::field(field, "Choose a file to upload."))
}

/// Reads the file in form field `field` into memory, refusing it once it
/// passes `max` bytes.
#[cfg(feature = "ssr")]
pub(crate) async fn read_upload(
    data: MultipartData,
    field: &str,
    max: usize,
    too_big: &str,
) -> Result<(String, Vec<u8>), AppError> {
    let mut bytes = Vec::new();
    let file_name = read_upload_into(data, field, max, too_big, &mut bytes).await?;
    Ok((file_name, bytes))
}

/// Runs CPU-heavy checks off the async threads; their messages become
/// errors on `field`.
#[cfg(feature = "ssr")]
pub(crate) async fn check<T: Send + 'static>(
    field: &str,
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|_| AppError::Internal)?
        .map_err(|message| AppError::field(field, message))
}

/// Writes files, then runs `record` in a transaction; if recording fails
/// the files are removed again, so a refused upload leaves nothing behind.
#[cfg(feature = "ssr")]
pub(crate) async fn store_then_record(
    storage: &dyn Storage,
    files: &[(&str, &[u8])],
    record: impl AsyncFnOnce(&mut sqlx::PgConnection) -> Result<bool, AppError>,
    pool: &sqlx::PgPool,
) -> Result<(), AppError> {
    let mut written = Vec::new();
    let mut outcome: Result<bool, AppError> = Ok(true);
    for (key, bytes) in files {
        if let Err(error) = storage.put(key, bytes).await {
            tracing::error!(%error, key, "could not store an upload");
            outcome = Err(AppError::Internal);
            break;
        }
        written.push(*key);
    }
    if outcome.is_ok() {
        outcome = async {
            let mut tx = pool.begin().await?;
            let recorded = record(&mut tx).await?;
            if recorded {
                tx.commit().await?;
            }
            Ok(recorded)
        }
        .await;
    }
    match outcome {
        Ok(true) => Ok(()),
        refused => {
            for key in written {
                if let Err(error) = storage.delete(key).await {
                    tracing::error!(%error, key, "could not remove a refused upload");
                }
            }
            match refused {
                Ok(_) => Err(AppError::Refused(format!(
                    "You can keep at most {} files of this kind. Delete one first.",
                    db::MAX_FILES
                ))),
                Err(e) => Err(e),
            }
        }
    }
}

#[cfg(feature = "ssr")]
fn back_to_media(notice: &str, anchor: &str) {
    crate::profiles::onboarding::return_after_change(notice, anchor);
}

/// Uploads sent by the page's script (with a progress bar) handle the answer
/// themselves; only a plain form post is sent back to the profile.
#[cfg(feature = "ssr")]
fn after_upload(notice: &str, anchor: &str) {
    if crate::state::is_plain_form_post() {
        back_to_media(notice, anchor);
    }
}

/// Checks, cleans and stores a photo for a person (uploads and demo data).
#[cfg(feature = "ssr")]
pub async fn add_photo(
    state: &crate::state::AppState,
    user_id: Uuid,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let clean = check("photo", move || {
        files::clean_image(&bytes, files::MAX_PHOTO_BYTES)
    })
    .await?;
    let id = Uuid::now_v7();
    let key = format!("photos/{}/{id}.{}", user_id, clean.extension);
    let thumbnail_key = format!("photos/{}/{id}-thumb.{}", user_id, clean.extension);
    let photo = db::NewPhoto {
        id,
        storage_key: &key,
        thumbnail_key: &thumbnail_key,
        content_type: clean.content_type,
        width: i32::try_from(clean.width).unwrap_or(i32::MAX),
        height: i32::try_from(clean.height).unwrap_or(i32::MAX),
        byte_size: clean.bytes.len() as i64,
    };
    store_then_record(
        state.storage.as_ref(),
        &[(&key, &clean.bytes), (&thumbnail_key, &clean.thumbnail)],
        async |conn| {
            db::lock_owner(conn, user_id).await?;
            Ok(db::insert_photo(conn, user_id, &photo).await?)
        },
        &state.pool,
    )
    .await?;
    Ok(())
}

/// Checks and stores a résumé for a person (uploads and demo data); its
/// text is read into suggestions by a job.
#[cfg(feature = "ssr")]
pub async fn add_resume(
    state: &crate::state::AppState,
    user_id: Uuid,
    file_name: &str,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    files::check_resume(&bytes).map_err(|message| AppError::field("resume", message))?;
    let id = Uuid::now_v7();
    let key = format!("resumes/{}/{id}.pdf", user_id);
    let file_name = clean_file_name(file_name, "resume.pdf");
    let resume = db::NewResume {
        id,
        storage_key: &key,
        file_name: &file_name,
        byte_size: bytes.len() as i64,
    };
    store_then_record(
        state.storage.as_ref(),
        &[(&key, &bytes)],
        async |conn| {
            db::lock_owner(conn, user_id).await?;
            if !db::insert_resume(conn, user_id, &resume).await? {
                return Ok(false);
            }
            let job = crate::jobs::Job::ParseResume { resume_id: id };
            crate::jobs::enqueue(&mut *conn, &job, time::OffsetDateTime::now_utc()).await?;
            Ok(true)
        },
        &state.pool,
    )
    .await?;
    Ok(())
}

/// Reads a stored résumé in a contained child and keeps what it suggests,
/// or why it has no suggestions (the `ParseResume` job). `Err` only when
/// the reading could not be done at all and is worth another try.
#[cfg(feature = "ssr")]
pub(crate) async fn parse_stored_resume(
    conn: &mut sqlx::PgConnection,
    state: &crate::state::AppState,
    id: Uuid,
) -> Result<(), String> {
    use super::pdf_text::Extracted;
    // Gone, or read already: nothing to do.
    let Some(key) = db::resume_to_parse(&mut *conn, id)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(());
    };
    let bytes = state.storage.get(&key).await.map_err(|e| e.to_string())?;
    let outcome = match super::pdf_text::extract_contained(&state.config.program, bytes).await? {
        Extracted::Text(text) => {
            let skills = db::known_skills(&mut *conn)
                .await
                .map_err(|e| e.to_string())?;
            let this_year = time::OffsetDateTime::now_utc().year();
            Ok(super::resume_parse::parse_resume(&text, &skills, this_year))
        }
        Extracted::NoText => Err(
            "We found no text in this file (is it a scan?), so there are no suggestions."
                .to_string(),
        ),
        Extracted::Refused(problem) => Err(problem),
    };
    db::record_parse(conn, id, outcome)
        .await
        .map_err(|e| e.to_string())
}

#[server(endpoint = "media")]
pub async fn get_my_media() -> Result<MyMedia, AppError> {
    respond(async {
        let user = require_role(AccountType::Candidate).await?;
        let pool = app_state()?.pool;
        let mine = db::my_skill_names(&pool, user.id).await?;
        let resumes = db::resumes(&pool, user.id)
            .await?
            .into_iter()
            .map(|(mut item, parsed)| {
                item.suggestions = parsed
                    .and_then(|p| serde_json::from_value::<super::ResumeSuggestions>(p).ok())
                    .map(|mut s| {
                        s.skills
                            .retain(|name| !mine.iter().any(|m| m.eq_ignore_ascii_case(name)));
                        s
                    });
                item
            })
            .collect();
        Ok(MyMedia {
            photos: db::photos(&pool, user.id).await?,
            resumes,
            video: super::video::db::of_user(&pool, user.id, false).await?,
        })
    })
    .await
}

#[server(endpoint = "media/photo", input = MultipartFormData)]
pub async fn upload_photo(data: MultipartData) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        let (_, bytes) = read_upload(
            data,
            "photo",
            files::MAX_PHOTO_BYTES,
            "The image is larger than 5 MB. Choose a smaller one.",
        )
        .await?;
        add_photo(&state, user.id, bytes).await?;
        after_upload("photo_uploaded", "photos");
        Ok(())
    })
    .await
}

#[server(endpoint = "media/resume", input = MultipartFormData)]
pub async fn upload_resume(data: MultipartData) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        let (file_name, bytes) = read_upload(
            data,
            "resume",
            files::MAX_RESUME_BYTES,
            "The résumé is larger than 10 MB. Choose a smaller file.",
        )
        .await?;
        add_resume(&state, user.id, &file_name, bytes).await?;
        after_upload("resume_uploaded", "resumes");
        Ok(())
    })
    .await
}

/// A file name safe to show and to send back in a download header;
/// `fallback` when nothing is left of it.
#[cfg(feature = "ssr")]
pub(crate) fn clean_file_name(name: &str, fallback: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    match cleaned.trim() {
        "" => fallback.to_string(),
        name => name.to_string(),
    }
}

#[cfg(feature = "ssr")]
fn file_kind(kind: &str) -> Result<FileKind, AppError> {
    match kind {
        "photo" => Ok(FileKind::Photo),
        "resume" => Ok(FileKind::Resume),
        _ => Err(AppError::NotFound),
    }
}

#[cfg(feature = "ssr")]
fn anchor(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Photo => "photos",
        FileKind::Resume => "resumes",
    }
}

/// Makes a photo or résumé the one shown first.
#[server(endpoint = "media/primary")]
pub async fn make_primary(kind: String, id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let kind = file_kind(&kind)?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let pool = app_state()?.pool;
        let mut tx = pool.begin().await?;
        if !db::set_primary(&mut tx, kind, user.id, id).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        back_to_media("primary_changed", anchor(kind));
        Ok(())
    })
    .await
}

#[server(endpoint = "media/delete")]
pub async fn delete_media(kind: String, id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let kind = file_kind(&kind)?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let state = app_state()?;
        let mut tx = state.pool.begin().await?;
        let keys = db::delete_file(&mut tx, kind, user.id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        tx.commit().await?;
        // The row is gone first: a file left by a failed delete is unreachable.
        remove_orphans(state.storage.as_ref(), keys).await;
        back_to_media("file_deleted", anchor(kind));
        Ok(())
    })
    .await
}

/// Takes one suggestion of a résumé into the profile: a skill (`skill`), all
/// suggested skills (`all_skills`), a job title (`title`) or the years of
/// experience (`years`). Only values the résumé actually suggested are taken.
#[server(endpoint = "media/resume/accept")]
pub async fn accept_suggestion(id: String, kind: String, value: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let pool = app_state()?.pool;
        let suggestions = db::suggestions(&pool, user.id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let offered = |list: &[String]| {
            list.iter()
                .find(|v| v.as_str() == value)
                .cloned()
                .ok_or(AppError::NotFound)
        };
        let mut tx = pool.begin().await?;
        match kind.as_str() {
            "skill" | "all_skills" => {
                let names = if kind == "skill" {
                    vec![offered(&suggestions.skills)?]
                } else {
                    suggestions.skills.clone()
                };
                for name in names {
                    let skill_id =
                        crate::profiles::sections::db::resolve_skill(&mut tx, &name).await?;
                    let skill = crate::profiles::sections::db::Skill {
                        skill_id,
                        proficiency: "intermediate".into(),
                        years: None,
                        is_primary: false,
                    };
                    // On conflict the person already has it: keep their details.
                    crate::profiles::sections::db::add_skill_if_new(&mut *tx, user.id, &skill)
                        .await?;
                }
            }
            "title" => {
                let title = offered(&suggestions.job_titles)?;
                crate::profiles::db::set_current_title(&mut *tx, user.id, &title).await?;
            }
            "years" => {
                let years = suggestions.years_of_experience.ok_or(AppError::NotFound)?;
                crate::profiles::db::set_years_of_experience(&mut *tx, user.id, years).await?;
            }
            _ => return Err(AppError::NotFound),
        }
        tx.commit().await?;
        back_to_media("suggestion_added", "resumes");
        Ok(())
    })
    .await
}
