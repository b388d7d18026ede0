//! Server functions for the video introduction: candidates only, on their
//! own video.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::db,
    crate::auth::rules::AccountType,
    crate::auth::session::require_role,
    crate::media::api::{UploadSink, clean_file_name, read_upload_into},
    crate::media::files::{MAX_VIDEO_BYTES, video_kind},
    crate::media::storage::remove_orphans,
    crate::state::{app_state, respond},
    std::path::PathBuf,
    tokio::io::AsyncWriteExt,
    uuid::Uuid,
};

/// Where uploads wait on their way to storage, under the storage's folder.
#[cfg(feature = "ssr")]
const INCOMING: &str = "incoming";
/// Temporary files elsewhere (storage without local files) start so.
#[cfg(feature = "ssr")]
const TEMP_PREFIX: &str = "hirewell-upload-";

/// An upload on its way to storage, in a file of its own; removed when
/// dropped unless storage took it (or, after a crash, by
/// [`sweep_abandoned_uploads`] at the next start).
#[cfg(feature = "ssr")]
struct IncomingFile {
    path: PathBuf,
    file: tokio::fs::File,
    len: usize,
    /// The first bytes, to tell the type by.
    head: Vec<u8>,
}

#[cfg(feature = "ssr")]
impl IncomingFile {
    const HEAD: usize = 4096;

    /// Next to the stored files when storage is on local disk, so taking
    /// the file in is a rename.
    async fn create(storage: &dyn crate::media::storage::Storage) -> std::io::Result<Self> {
        let name = format!("{INCOMING}/{}.part", Uuid::now_v7());
        let path = storage.local_path(&name).unwrap_or_else(|| {
            std::env::temp_dir().join(format!("{TEMP_PREFIX}{}", Uuid::now_v7()))
        });
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let file = tokio::fs::File::create(&path).await?;
        Ok(Self {
            path,
            file,
            len: 0,
            head: Vec::new(),
        })
    }
}

#[cfg(feature = "ssr")]
impl UploadSink for IncomingFile {
    async fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        let wanted = Self::HEAD.saturating_sub(self.head.len()).min(chunk.len());
        self.head.extend_from_slice(&chunk[..wanted]);
        self.file.write_all(chunk).await?;
        self.len += chunk.len();
        Ok(())
    }

    fn len(&self) -> usize {
        self.len
    }
}

#[cfg(feature = "ssr")]
impl Drop for IncomingFile {
    fn drop(&mut self) {
        // Already gone when storage took it in.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Removes what uploads cut short by a crash left behind: waiting files
/// older than an hour (no upload takes that long). Returns how many.
#[cfg(feature = "ssr")]
pub async fn sweep_abandoned_uploads(storage: &dyn crate::media::storage::Storage) -> usize {
    let incoming = storage.local_path(INCOMING);
    tokio::task::spawn_blocking(move || {
        let in_storage = incoming.map_or(0, |dir| sweep_dir(&dir, |name| name.ends_with(".part")));
        in_storage + sweep_dir(&std::env::temp_dir(), |name| name.starts_with(TEMP_PREFIX))
    })
    .await
    .unwrap_or(0)
}

/// Removes the files in `dir` older than an hour whose names are `ours`.
#[cfg(feature = "ssr")]
fn sweep_dir(dir: &std::path::Path, ours: fn(&str) -> bool) -> usize {
    let stale = |entry: &std::fs::DirEntry| {
        entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600))
    };
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| ours(&entry.file_name().to_string_lossy()) && stale(entry))
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

#[server(endpoint = "media/video", input = MultipartFormData)]
pub async fn upload_video(data: MultipartData) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let state = app_state()?;
        let internal = |error: std::io::Error| {
            tracing::error!(%error, "could not keep a video upload");
            AppError::Internal
        };
        let mut incoming = IncomingFile::create(state.storage.as_ref())
            .await
            .map_err(internal)?;
        let file_name = read_upload_into(
            data,
            "video",
            MAX_VIDEO_BYTES,
            "The video is larger than 100 MB. Choose a shorter one.",
            &mut incoming,
        )
        .await?;
        let (content_type, extension) =
            video_kind(&incoming.head).map_err(|message| AppError::field("video", message))?;
        incoming.file.flush().await.map_err(internal)?;

        let id = Uuid::now_v7();
        let key = format!("videos/{}/{id}.{extension}", user.id);
        let file_name = clean_file_name(&file_name, &format!("video.{extension}"));
        let video = db::NewVideo {
            id,
            storage_key: &key,
            file_name: &file_name,
            content_type,
            byte_size: incoming.len as i64,
        };
        state
            .storage
            .put_file(&key, &incoming.path)
            .await
            .map_err(internal)?;
        let replaced = async {
            let mut tx = state.pool.begin().await?;
            let old = db::replace(&mut tx, user.id, &video).await?;
            let job = crate::jobs::Job::ProcessVideo { video_id: id };
            crate::jobs::enqueue(&mut *tx, &job, time::OffsetDateTime::now_utc()).await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(old)
        }
        .await;
        let old = match replaced {
            Ok(old) => old,
            Err(e) => {
                let _ = state.storage.delete(&key).await;
                return Err(e.into());
            }
        };
        remove_orphans(state.storage.as_ref(), old).await;
        if crate::state::is_plain_form_post() {
            leptos_axum::redirect("/profile?notice=video_uploaded#video");
        }
        Ok(())
    })
    .await
}

#[server(endpoint = "media/video/delete")]
pub async fn delete_video(id: String) -> Result<(), AppError> {
    respond(async move {
        let user = require_role(AccountType::Candidate).await?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        let state = app_state()?;
        let keys = db::delete(&state.pool, user.id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        remove_orphans(state.storage.as_ref(), keys).await;
        leptos_axum::redirect("/profile?notice=file_deleted#video");
        Ok(())
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::sweep_dir;

    #[test]
    fn only_our_old_files_are_swept() {
        let dir = std::env::temp_dir().join(format!("hirewell-sweep-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = |name: &str, hours_old: u64| {
            let path = dir.join(name);
            let f = std::fs::File::create(&path).unwrap();
            let when =
                std::time::SystemTime::now() - std::time::Duration::from_secs(hours_old * 3600);
            f.set_modified(when).unwrap();
            path
        };
        let abandoned = file("a.part", 2);
        let in_progress = file("b.part", 0);
        let not_ours = file("notes.txt", 5);
        assert_eq!(sweep_dir(&dir, |name| name.ends_with(".part")), 1);
        assert!(!abandoned.exists());
        assert!(in_progress.exists() && not_ours.exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
