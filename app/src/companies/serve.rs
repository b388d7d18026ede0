//! Serving company images: logos are public, like the company page they
//! belong to; a team member's photo is for their own team only.

use crate::auth::CurrentUser;
use crate::state::AppState;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

pub async fn logo(state: &AppState, company_id: Uuid) -> Response {
    let found = super::db::logo_file(&state.pool, company_id).await;
    stored_image(state, found, "public, max-age=86400").await
}

pub async fn member_photo(
    state: &AppState,
    viewer: Option<CurrentUser>,
    user_id: Uuid,
) -> Response {
    let Some(viewer) = viewer else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let found = super::db::member_photo_file(&state.pool, user_id, viewer.id).await;
    stored_image(state, found, "private, max-age=86400").await
}

/// The image a lookup found (storage key and content type). Its address
/// changes with every new image (`?v=`), so it may be cached for long.
async fn stored_image(
    state: &AppState,
    found: Result<Option<(String, String)>, sqlx::Error>,
    cache_control: &'static str,
) -> Response {
    let (key, content_type) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return (StatusCode::NOT_FOUND, "Not found").into_response(),
        Err(error) => return crate::media::serve::failed(error),
    };
    match state.storage.get(&key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, cache_control.to_string()),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(error) => crate::media::serve::failed(error),
    }
}
