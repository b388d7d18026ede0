//! The settings editor's server functions; each starts with `require_admin`.

use super::StoredSetting;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::{
        INTRODUCTION_EXPIRY_DAYS, MAINTENANCE_BANNER, MAX_PENDING_INTRODUCTIONS,
        REGISTRATIONS_OPEN, TRIAL_INTRODUCTION_CREDITS, db::Change,
    },
    crate::{
        audit::{self, AuditEvent},
        auth::session::require_admin,
        error::Validator,
        state::{RequestContext, app_state, respond},
    },
};

/// Every stored setting with who changed it last.
#[server(endpoint = "admin/settings")]
pub async fn admin_settings() -> Result<Vec<StoredSetting>, AppError> {
    respond(async {
        require_admin(crate::auth::rules::AdminArea::Settings).await?;
        let state = app_state()?;
        Ok(super::db::stored(&state.pool).await?)
    })
    .await
}

/// Saves the settings form (its fields are named after the settings) and
/// says how many changed. Nothing is saved while any field is wrong; every
/// instance uses the new values from its next request on.
#[server(endpoint = "admin/settings/change")]
pub async fn change_settings(
    maintenance_banner: String,
    registrations_open: String,
    introduction_expiry_days: String,
    max_pending_introductions_per_professional: String,
    trial_introduction_credits: String,
) -> Result<usize, AppError> {
    respond(async move {
        let admin = require_admin(crate::auth::rules::AdminArea::Settings).await?;
        let state = app_state()?;
        let typed = [
            (MAINTENANCE_BANNER, maintenance_banner),
            (REGISTRATIONS_OPEN, registrations_open),
            (INTRODUCTION_EXPIRY_DAYS, introduction_expiry_days),
            (
                MAX_PENDING_INTRODUCTIONS,
                max_pending_introductions_per_professional,
            ),
            (TRIAL_INTRODUCTION_CREDITS, trial_introduction_credits),
        ];
        let mut validator = Validator::new();
        let checked: Vec<_> = typed
            .into_iter()
            .filter_map(|(name, value)| {
                let definition = super::definition(name)?;
                let value = validator.check(name, definition.check(&value))?;
                Some((definition, value))
            })
            .collect();
        validator.finish()?;
        let request = RequestContext::current(&state.config);
        let mut tx = state.pool.begin().await?;
        let mut changed = 0;
        for (definition, value) in checked {
            if let Change::Changed { from } =
                super::db::set(&mut tx, definition, &value, admin.id).await?
            {
                changed += 1;
                let event = AuditEvent {
                    actor: Some(admin.id),
                    action: "setting.changed",
                    target_type: "setting",
                    target_id: Some(definition.name.to_string()),
                    metadata: serde_json::json!({ "from": from, "to": value }),
                };
                audit::record(&mut tx, event, &request).await?;
            }
        }
        tx.commit().await?;
        // This instance's next request reads them at once; the others drop
        // their copy when the announcement reaches them.
        state.settings.forget();
        Ok(changed)
    })
    .await
}
