//! An invoice's PDF, for the job seeker it was issued to or the members
//! of its company who see billing; to anyone else it does not exist.

use super::Payer;
use crate::auth::CurrentUser;
use crate::state::AppState;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

pub async fn invoice_pdf(state: &AppState, viewer: Option<CurrentUser>, id: Uuid) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Not found").into_response();
    let Some(viewer) = viewer else {
        return not_found();
    };
    let found = async {
        let mut conn = state.pool.acquire().await?;
        match Payer::of_viewer(&mut conn, &viewer).await? {
            Some(payer) => super::db::invoice(&mut conn, payer, id).await,
            None => Ok(None),
        }
    }
    .await;
    let invoice = match found {
        Ok(Some(invoice)) => invoice,
        Ok(None) => return not_found(),
        Err(error) => return crate::media::serve::failed(error),
    };
    match super::pdf::invoice_pdf(&invoice) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}.pdf\"", invoice.number),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(error) => crate::media::serve::failed(error),
    }
}
