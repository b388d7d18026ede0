//! Serving stored files. A photo (and a video, see `video::serve`) is shown to whoever may see its owner's
//! profile; a résumé only to its owner (employers the candidate applied to
//! or accepted come with applications and introductions). Anyone else gets
//! 404, as for a file that does not exist.

use super::db;
use crate::auth::CurrentUser;
use crate::profiles::confidential::db::may_see_profile;
use crate::state::AppState;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

/// Whether `viewer` may see the photos and video of `owner`: whoever may
/// see their profile.
pub(crate) async fn may_see_media_of(
    state: &AppState,
    owner: Uuid,
    viewer: Option<&CurrentUser>,
) -> Result<bool, sqlx::Error> {
    let visibility = match crate::profiles::db::public_row(&state.pool, owner).await? {
        Some(row) => row.profile_visibility,
        // No profile yet: only the owner sees their files.
        None => "private".to_string(),
    };
    may_see_profile(&state.pool, owner, &visibility, viewer).await
}

pub(crate) fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

pub(crate) fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "could not serve a file");
    (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong").into_response()
}

pub async fn photo(
    state: &AppState,
    viewer: Option<CurrentUser>,
    id: Uuid,
    thumbnail: bool,
) -> Response {
    let (owner, key, content_type) = match db::photo_file(&state.pool, id, thumbnail).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    match may_see_media_of(state, owner, viewer.as_ref()).await {
        Ok(true) => {}
        Ok(false) => return not_found(),
        Err(e) => return failed(e),
    }
    match state.storage.get(&key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type),
                // Private to the browser: visibility can change at any time.
                (header::CACHE_CONTROL, "private, max-age=300".to_string()),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(e) => failed(e),
    }
}

pub async fn resume(state: &AppState, viewer: Option<CurrentUser>, id: Uuid) -> Response {
    let (_, key, file_name) = match db::resume_file(&state.pool, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    // The owner, and the companies they applied to with this résumé.
    let Some(viewer) = viewer else {
        return not_found();
    };
    match crate::applications::db::resume_visible_to(&state.pool, id, viewer.id).await {
        Ok(true) => {}
        Ok(false) => return not_found(),
        Err(e) => return failed(e),
    }
    let bytes = match state.storage.get(&key).await {
        Ok(bytes) => bytes,
        Err(e) => return failed(e),
    };
    if let Err(e) = db::count_download(&state.pool, id).await {
        return failed(e);
    }
    let ascii_name = ascii_file_name(&file_name);
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        Body::from(bytes),
    )
        .into_response()
}

/// A file name for a download header: ASCII only (the stored name is
/// already free of quotes and control characters).
pub(crate) fn ascii_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
