//! Commands for the people who run the site.

use anyhow::{Context, bail};
use app::audit::{self, AuditEvent};
use app::auth::db::{NewUser, insert_user};
use app::auth::password::hash_password;
use app::auth::rules::{AccountType, Email, TERMS_VERSION, check_password_strength};
use app::state::RequestContext;
use sqlx::PgPool;
use time::OffsetDateTime;
use uuid::Uuid;

/// Creates an administrator account with a confirmed email address.
pub async fn create_admin(pool: &PgPool, email: &str, password: &str) -> anyhow::Result<Uuid> {
    let email = Email::parse(email).map_err(anyhow::Error::msg)?;
    check_password_strength(password, Some(email.as_str())).map_err(anyhow::Error::msg)?;
    let hash = hash_password(password.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("hashing failed: {e:?}"))?;
    let id = Uuid::now_v7();
    let mut tx = pool.begin().await?;
    let result = insert_user(
        &mut tx,
        &NewUser {
            id,
            email: email.as_str(),
            password_hash: &hash,
            account_type: AccountType::Admin,
            status: "active",
            email_verified_at: Some(OffsetDateTime::now_utc()),
            terms_version: TERMS_VERSION,
            marketing_consent: false,
            admin_role: Some(app::auth::rules::AdminRole::SuperAdmin),
            timezone: "UTC",
        },
    )
    .await;
    if let Err(error) = result {
        if app::error::violated_constraint(&error) == Some(app::auth::db::EMAIL_UNIQUE) {
            bail!("an account with the email {email} already exists");
        }
        return Err(error).context("creating the admin account");
    }
    audit::record(
        &mut tx,
        AuditEvent::on_user(None, "admin.created", id)
            .with_metadata(serde_json::json!({ "via": "command line" })),
        &RequestContext::default(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
