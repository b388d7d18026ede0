//! Server functions for the video introduction: candidates only, on their
//! own video.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[cfg(feature = "ssr")]
use {
    super::{db, process},
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

/// An upload on its way to storage, in a file of its own; removed when
/// dropped unless storage took it.
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
        let name = format!("incoming/{}.part", Uuid::now_v7());
        let path = storage
            .local_path(&name)
            .unwrap_or_else(|| std::env::temp_dir().join(format!("hirewell-{}", Uuid::now_v7())));
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
        process::spawn(state, id);
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
