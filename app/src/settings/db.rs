//! SQL for settings; every statement is scoped to one user id taken from
//! the session.

use super::Settings;
use sqlx::PgExecutor;
use uuid::Uuid;

pub async fn load(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<Option<Settings>, sqlx::Error> {
    sqlx::query_as!(
        Settings,
        r#"select u.email, u.email_verified_at is not null as "email_verified!",
                  s.profile_visibility, s.show_email, s.show_phone, u.marketing_consent,
                  s.language, s.timezone
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
    marketing_consent: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with settings as (
           update user_settings set profile_visibility = $2, show_email = $3, show_phone = $4
            where user_id = $1)
         update users set marketing_consent = $5 where id = $1",
        user_id,
        visibility,
        show_email,
        show_phone,
        marketing_consent
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

/// The password hash of an account, to confirm its password.
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

/// Deletes an account at once: it can no longer log in, every session ends,
/// and it disappears from every list. Personal data is erased later by the
/// `EraseAccount` job.
pub async fn soft_delete(db: impl PgExecutor<'_>, user_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update users
            set status = 'deleted', deleted_at = now(), session_epoch = session_epoch + 1
          where id = $1 and deleted_at is null",
        user_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Erases a deleted account's personal data. The user row stays as an
/// anonymous placeholder for the records that point to it. Returns the
/// stored files to delete once this has committed.
pub async fn erase_account(
    conn: &mut sqlx::PgConnection,
    user_id: Uuid,
) -> Result<Vec<String>, sqlx::Error> {
    let Some(old_email) = sqlx::query_scalar!(
        "select email from users where id = $1 and deleted_at is not null for update",
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(Vec::new());
    };
    let mut files = crate::media::db::all_keys(&mut *conn, user_id).await?;
    crate::introductions::db::erase_professional(&mut *conn, user_id).await?;
    files.extend(crate::chat::db::erase_messages_of(&mut *conn, user_id).await?);
    // Everything of the profile and the team membership goes; nothing else
    // points to these rows.
    for table in [
        "profile_photos",
        "resumes",
        "profile_videos",
        "work_history",
        "education",
        "certifications",
        "candidate_skills",
        "candidate_references",
        "candidate_profiles",
        "company_members",
        "profile_views",
        // Their notes on saved jobs and the words they searched for (the
        // vacancies' counts of saves stay: they name nobody).
        "saved_vacancies",
        "search_queries",
    ] {
        sqlx::query(&format!("delete from {table} where user_id = $1"))
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query!(
        "update users
            set email = 'erased-' || id || '@erased.invalid', password_hash = '!',
                marketing_consent = false, last_login_at = null, login_failures_cleared_at = null
          where id = $1",
        user_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("delete from user_settings where user_id = $1", user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("delete from user_tokens where user_id = $1", user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "update login_attempts set email = '', ip = null where user_id = $1 or lower(email) = lower($2)",
        user_id,
        old_email
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from captured_emails where lower(to_address) = lower($1)",
        old_email
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from email_logs where user_id = $1 or lower(to_address) = lower($2)",
        user_id,
        old_email
    )
    .execute(&mut *conn)
    .await?;
    crate::audit::record(
        conn,
        crate::audit::AuditEvent::on_user(None, "account.erased", user_id),
        &crate::state::RequestContext::default(),
    )
    .await?;
    Ok(files)
}

pub async fn export_account(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<super::export::ExportAccount, sqlx::Error> {
    sqlx::query_as!(
        super::export::ExportAccount,
        "select id, email, account_type, status, email_verified_at, created_at, last_login_at,
                terms_accepted_at, terms_version, marketing_consent
           from users where id = $1",
        user_id
    )
    .fetch_one(db)
    .await
}

pub async fn export_security_events(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<super::export::ExportEvent>, sqlx::Error> {
    sqlx::query_as!(
        super::export::ExportEvent,
        r#"select action as "action!", host(ip) as ip, user_agent, created_at as "created_at!"
             from user_security_events
            where user_id = $1
            order by created_at"#,
        user_id.to_string()
    )
    .fetch_all(db)
    .await
}

pub async fn export_login_attempts(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<super::export::ExportLoginAttempt>, sqlx::Error> {
    sqlx::query_as!(
        super::export::ExportLoginAttempt,
        "select host(ip) as ip, succeeded, created_at from login_attempts
          where user_id = $1 order by created_at",
        user_id
    )
    .fetch_all(db)
    .await
}
