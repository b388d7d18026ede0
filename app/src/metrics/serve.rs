//! `/admin/metrics.csv`: the daily figures the dashboard shows, as CSV.

use crate::auth::CurrentUser;
use crate::auth::rules::AdminArea;
use crate::state::AppState;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn csv(state: &AppState, viewer: Option<CurrentUser>, days: Option<i64>) -> Response {
    let Some(admin) = viewer.filter(|user| {
        user.admin_role
            .is_some_and(|role| role.may(AdminArea::Dashboard))
    }) else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let days = super::period(days);
    match super::api::load(&state.pool, &admin, days).await {
        Ok(metrics) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"hirewell-daily-figures-{days}-days.csv\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            super::to_csv(&metrics.rows, metrics.with_revenue),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "the daily figures could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
