//! Serving a video and its thumbnail to whoever may see the owner's
//! profile. Others see only a processed video. The file is streamed from
//! disk, or read from the bucket, by ranges (seeking) rather than whole.

use super::db;
use crate::auth::CurrentUser;
use crate::media::serve::{failed, may_see_media_of, not_found};
use crate::state::AppState;
use axum::body::Body;
use axum::http::{HeaderValue, Request, header};
use axum::response::Response;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use uuid::Uuid;

/// Whether a request starts playing from the beginning: the one a browser
/// sends when playback starts, as opposed to seeking or buffering ahead.
fn starts_playback(request: &Request<Body>) -> bool {
    match request.headers().get(header::RANGE) {
        None => true,
        Some(range) => range
            .to_str()
            .is_ok_and(|r| r.trim().starts_with("bytes=0-")),
    }
}

pub async fn video(
    state: &AppState,
    viewer: Option<CurrentUser>,
    id: Uuid,
    thumbnail: bool,
    request: Request<Body>,
) -> Response {
    let video = match db::file(&state.pool, id).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    let is_owner = viewer.as_ref().is_some_and(|v| v.id == video.user_id);
    if !is_owner && video.processing_status != "completed" {
        return not_found();
    }
    match may_see_media_of(state, video.user_id, viewer.as_ref()).await {
        Ok(true) => {}
        Ok(false) => return not_found(),
        Err(e) => return failed(e),
    }
    let (key, content_type) = if thumbnail {
        match video.thumbnail_key {
            Some(key) => (key, "image/jpeg".to_string()),
            None => return not_found(),
        }
    } else {
        (video.storage_key, video.content_type)
    };
    if !thumbnail
        && !is_owner
        && starts_playback(&request)
        && let Err(e) = db::count_view(&state.pool, id).await
    {
        return failed(e);
    }
    let response = match state.storage.local_path(&key) {
        // The type comes from the extension the upload was stored with.
        Some(path) => match ServeFile::new(path).oneshot(request).await {
            Ok(response) => response.map(Body::new),
            Err(e) => return failed(e),
        },
        // A bucket answers ranges itself.
        None => match crate::media::storage::ranged_response(
            state.storage.as_ref(),
            &key,
            &content_type,
            request.headers().get(header::RANGE),
        )
        .await
        {
            Ok(response) => response,
            Err(e) => return failed(e),
        },
    };
    private_cache(response)
}

/// Private to the browser: visibility can change at any time.
fn private_cache(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    response
}
