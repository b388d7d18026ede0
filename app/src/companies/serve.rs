//! Serving company logos: public, like the company page they belong to.

use crate::state::AppState;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

pub async fn logo(state: &AppState, company_id: Uuid) -> Response {
    let found = match super::db::logo_file(&state.pool, company_id).await {
        Ok(Some(found)) => found,
        Ok(None) => return (StatusCode::NOT_FOUND, "Not found").into_response(),
        Err(error) => {
            tracing::error!(%error, "could not look up a logo");
            return (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong").into_response();
        }
    };
    let (key, content_type) = found;
    match state.storage.get(&key).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, content_type),
                // The address changes with every new logo (`?v=`).
                (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, key, "could not read a logo");
            (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong").into_response()
        }
    }
}
