//! Files sent in conversations: checked by content and cleaned like every
//! upload (`media::files`), kept behind the storage interface, and served
//! only to the people of the conversation, like a missing file to anyone
//! else.

use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::media::files::{self, Sniffed};
use crate::media::serve::{failed, not_found};
use crate::state::AppState;
use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

/// The largest file a message can carry.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A file checked and ready to store.
pub struct Checked {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub extension: &'static str,
    pub image_size: Option<(i32, i32)>,
}

/// Checks an upload by its content: a JPEG, PNG or WebP image (decoded and
/// encoded afresh, which drops its metadata) or a PDF. Errors are messages
/// for the person.
pub fn check(bytes: Vec<u8>) -> Result<Checked, String> {
    match files::sniff(&bytes) {
        Sniffed::Pdf => {
            files::check_pdf(
                &bytes,
                "The file is larger than 10 MB. Choose a smaller one.",
            )?;
            Ok(Checked {
                bytes,
                content_type: "application/pdf",
                extension: "pdf",
                image_size: None,
            })
        }
        Sniffed::Jpeg | Sniffed::Png | Sniffed::WebP => {
            let clean = files::clean_image(&bytes, MAX_BYTES)?;
            let side = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
            Ok(Checked {
                image_size: Some((side(clean.width), side(clean.height))),
                bytes: clean.bytes,
                content_type: clean.content_type,
                extension: clean.extension,
            })
        }
        _ if bytes.is_empty() => Err("The file is empty.".into()),
        _ => Err("Send an image (JPEG, PNG or WebP) or a PDF.".into()),
    }
}

/// The file of message `id`, to the people of its conversation.
pub async fn serve(state: &AppState, viewer: Option<CurrentUser>, id: Uuid) -> Response {
    let Some(viewer) = viewer else {
        return not_found();
    };
    let file = match super::db::attachment_file(&state.pool, id, viewer.id).await {
        Ok(Some(file)) => file,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    let bytes = match state.storage.get(&file.storage_key).await {
        Ok(bytes) => bytes,
        Err(e) => return failed(e),
    };
    let disposition = if file.content_type.starts_with("image/") {
        "inline".to_string()
    } else {
        format!(
            "attachment; filename=\"{}\"",
            crate::media::serve::ascii_file_name(&file.file_name)
        )
    };
    (
        [
            (header::CONTENT_TYPE, file.content_type),
            (header::CONTENT_DISPOSITION, disposition),
            // Private to the browser: someone who leaves a team loses it.
            (header::CACHE_CONTROL, "private, max-age=300".to_string()),
        ],
        Body::from(bytes),
    )
        .into_response()
}

/// Reads the fields of a multipart form and the file in field `file`,
/// refusing it once it passes `MAX_BYTES`.
pub async fn read_form(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<(std::collections::HashMap<String, String>, String, Vec<u8>), AppError> {
    let interrupted = || AppError::field("file", "The upload was interrupted. Try again.");
    let mut multipart = data.into_inner().ok_or(AppError::Internal)?;
    let mut fields = std::collections::HashMap::new();
    let (mut file_name, mut bytes) = (String::new(), Vec::new());
    while let Some(mut part) = multipart.next_field().await.map_err(|_| interrupted())? {
        let name = part.name().unwrap_or_default().to_string();
        if name == "file" {
            file_name = part.file_name().unwrap_or_default().to_string();
            while let Some(chunk) = part.chunk().await.map_err(|_| interrupted())? {
                if bytes.len() + chunk.len() > MAX_BYTES {
                    return Err(AppError::field(
                        "file",
                        "The file is larger than 10 MB. Choose a smaller one.",
                    ));
                }
                bytes.extend_from_slice(&chunk);
            }
        } else {
            // Text fields are short (ids, a key, a caption).
            let mut text = Vec::new();
            while let Some(chunk) = part.chunk().await.map_err(|_| interrupted())? {
                if text.len() + chunk.len() > 64 * 1024 {
                    return Err(AppError::field("body", "The message is too long."));
                }
                text.extend_from_slice(&chunk);
            }
            // Read here, not by the checks every other form passes.
            let text = String::from_utf8_lossy(&text).into_owned();
            if let Some(problem) = crate::input::text_problem(&text) {
                return Err(AppError::field(crate::input::field_of(&name), problem));
            }
            fields.insert(name, text);
        }
    }
    if bytes.is_empty() {
        return Err(AppError::field("file", "Choose a file to send."));
    }
    Ok((fields, file_name, bytes))
}
