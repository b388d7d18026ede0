//! The figures for the admin dashboard.

use super::Metrics;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::CurrentUser,
    crate::auth::rules::AdminArea,
    crate::auth::session::require_admin,
    crate::state::{app_state, respond},
};

/// The daily figures and funnels of the last `days` days (7, 30 or 90).
#[server(endpoint = "admin/metrics")]
pub async fn admin_metrics(days: i64) -> Result<Metrics, AppError> {
    respond(async move {
        let admin = require_admin(AdminArea::Dashboard).await?;
        load(&app_state()?.pool, &admin, days).await
    })
    .await
}

/// What `admin` sees of the last `days` days: revenue never leaves the
/// server for a role that does not read billing.
#[cfg(feature = "ssr")]
pub(crate) async fn load(
    pool: &sqlx::PgPool,
    admin: &CurrentUser,
    days: i64,
) -> Result<Metrics, AppError> {
    let days = super::period(Some(days));
    let to = time::OffsetDateTime::now_utc().date();
    let from = to - time::Duration::days(days - 1);
    let with_revenue = admin
        .admin_role
        .is_some_and(|role| role.may(AdminArea::Billing));
    let mut rows = super::db::days(pool, from, to).await?;
    if !with_revenue {
        rows.iter_mut().for_each(|row| row.revenue = 0);
    }
    Ok(Metrics {
        days,
        rows,
        job_seekers: super::db::job_seeker_funnel(pool, from, to).await?,
        hiring: super::db::hiring_funnel(pool, from, to).await?,
        with_revenue,
        counted_at: super::db::counted_at(pool, to).await?,
    })
}
