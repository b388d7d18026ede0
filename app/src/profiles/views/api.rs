//! The candidate's own profile views.

use super::ProfileViews;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "profile/views")]
pub async fn get_profile_views() -> Result<ProfileViews, AppError> {
    use crate::auth::rules::AccountType;
    use crate::auth::session::require_role;
    use crate::state::{app_state, respond};
    respond(async {
        let user = require_role(AccountType::Candidate).await?;
        Ok(super::db::load(&app_state()?.pool, user.id).await?)
    })
    .await
}
