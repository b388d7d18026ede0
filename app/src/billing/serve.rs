//! Invoices and credit notes as PDFs, for the job seeker they were issued
//! to, the members of their company who see billing, and admins; to anyone
//! else they do not exist.

use super::DocumentScope;
use crate::auth::CurrentUser;
use crate::state::AppState;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

pub async fn invoice_pdf(state: &AppState, viewer: Option<CurrentUser>, id: Uuid) -> Response {
    let found = async {
        let mut conn = state.pool.acquire().await?;
        match scope(&mut conn, viewer.as_ref()).await? {
            Some(scope) => super::db::invoice(&mut conn, scope, id).await,
            None => Ok(None),
        }
    }
    .await;
    respond(found, |invoice| {
        (invoice.number.clone(), super::pdf::invoice_pdf(invoice))
    })
}

pub async fn credit_note_pdf(state: &AppState, viewer: Option<CurrentUser>, id: Uuid) -> Response {
    let found = async {
        let mut conn = state.pool.acquire().await?;
        match scope(&mut conn, viewer.as_ref()).await? {
            Some(scope) => super::db::credit_note(&mut conn, scope, id).await,
            None => Ok(None),
        }
    }
    .await;
    respond(found, |note| {
        (note.number.clone(), super::pdf::credit_note_pdf(note))
    })
}

async fn scope(
    conn: &mut sqlx::PgConnection,
    viewer: Option<&CurrentUser>,
) -> sqlx::Result<Option<DocumentScope>> {
    match viewer {
        Some(viewer) => DocumentScope::of_viewer(conn, viewer).await,
        None => Ok(None),
    }
}

/// The document `found` as a PDF download named by its number, made by
/// `render`.
fn respond<T>(
    found: sqlx::Result<Option<T>>,
    render: impl FnOnce(&T) -> (String, Result<Vec<u8>, lopdf::Error>),
) -> Response {
    let document = match found {
        Ok(Some(document)) => document,
        Ok(None) => return (StatusCode::NOT_FOUND, "Not found").into_response(),
        Err(error) => return crate::media::serve::failed(error),
    };
    match render(&document) {
        (number, Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{number}.pdf\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            Body::from(bytes),
        )
            .into_response(),
        (_, Err(error)) => crate::media::serve::failed(error),
    }
}
