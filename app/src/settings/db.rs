//! SQL for settings; every statement is scoped to one user id taken from
//! the session.

use super::Settings;
use sqlx::PgExecutor;
use uuid::Uuid;

pub async fn load(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Option<Settings>, sqlx::Error> {
    sqlx::query_as!(
        Settings,
        r#"select u.email, u.email_verified_at is not null as "email_verified!",
                  s.profile_visibility, s.show_email, s.show_phone,
                  s.email_notifications, s.push_notifications, s.sms_notifications,
                  s.notify_new_messages, s.notify_applications, s.notify_vacancy_matches,
                  s.notify_profile_views, s.language, s.timezone
             from users u join user_settings s on s.user_id = u.id
            where u.id = $1"#,
        user_id
    )
    .fetch_optional(db)
    .await
}

pub async fn save_privacy(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    visibility: &str,
    show_email: bool,
    show_phone: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update user_settings set profile_visibility = $2, show_email = $3, show_phone = $4
          where user_id = $1",
        user_id,
        visibility,
        show_email,
        show_phone
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Channel and topic switches, in the order of the notification form.
pub struct Notifications {
    pub email: bool,
    pub push: bool,
    pub sms: bool,
    pub new_messages: bool,
    pub applications: bool,
    pub vacancy_matches: bool,
    pub profile_views: bool,
}

pub async fn save_notifications(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    n: &Notifications,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update user_settings
            set email_notifications = $2, push_notifications = $3, sms_notifications = $4,
                notify_new_messages = $5, notify_applications = $6,
                notify_vacancy_matches = $7, notify_profile_views = $8
          where user_id = $1",
        user_id,
        n.email,
        n.push,
        n.sms,
        n.new_messages,
        n.applications,
        n.vacancy_matches,
        n.profile_views
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn save_locale(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    language: &str,
    timezone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update user_settings set language = $2, timezone = $3 where user_id = $1",
        user_id,
        language,
        timezone
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn password_hash(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!("select password_hash from users where id = $1", user_id)
        .fetch_one(db)
        .await
}

/// Replaces the email address; it must be confirmed again.
pub async fn change_email(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    new_email: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users set email = $2, email_verified_at = null where id = $1",
        user_id,
        new_email
    )
    .execute(db)
    .await?;
    Ok(())
}
