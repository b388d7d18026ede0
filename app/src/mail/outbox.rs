//! The outbox: a mail is a row of `email_logs` written in the transaction of
//! the change that causes it, with a job to send it. Nothing is sent for a
//! change that rolled back, and nothing is sent inside a request.
//!
//! Sending claims the row (`sending`, committed) before talking to the mail
//! server and records `sent` on its own connection right after, so a worker
//! whose job transaction dies midway finds the mail sent on its retry and
//! does not send it again; two workers cannot both claim it. Only a process
//! that dies during the SMTP exchange itself leaves a claim behind; it is
//! retried once the claim is [`CLAIM_SECONDS`] old, with the same
//! Message-ID so receivers can tell the copies apart.

use super::templates::{Source, Template, render_or_default};
use super::unsubscribe::Subscription;
use super::{OutgoingEmail, SendError};
use crate::jobs::{Job, MAX_ATTEMPTS, enqueue};
use crate::state::AppState;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

/// How long an attempt may hold a mail before it counts as interrupted
/// (well beyond the SMTP timeout).
pub const CLAIM_SECONDS: f64 = 600.0;

/// A mail to queue.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    /// The account it is for, when there is one (the log lists it).
    pub user_id: Option<Uuid>,
    pub template: Template,
    /// The template's variables. Those named `link` or `…_link` are paths
    /// on this site, made absolute when the mail is written.
    pub variables: serde_json::Value,
    /// What the mail's unsubscribe link stops; none for mail the person
    /// asked for or must get.
    pub unsubscribe: Option<Subscription>,
}

/// Writes `email` into the outbox in the caller's transaction.
pub async fn queue(conn: &mut PgConnection, email: &Email) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into email_logs (id, user_id, to_address, template, variables, unsubscribe)
         values ($1, $2, $3, $4, $5, $6)",
        id,
        email.user_id,
        email.to,
        email.template.name(),
        email.variables,
        email.unsubscribe.as_ref().map(Subscription::message),
    )
    .execute(&mut *conn)
    .await?;
    enqueue(
        &mut *conn,
        &Job::SendEmail { email_id: id },
        OffsetDateTime::now_utc(),
    )
    .await?;
    Ok(id)
}

/// The job's work: sends the mail once. `Err` asks the queue to try again
/// later; a mail that can never go is recorded as failed and returns `Ok`.
pub async fn deliver(state: &AppState, email_id: Uuid) -> Result<(), String> {
    let pool = &state.pool;
    let claimed = sqlx::query!(
        r#"update email_logs
              set status = 'sending', attempts = attempts + 1, sending_since = now()
            where id = $1
              and (status = 'queued'
                   or (status = 'sending' and sending_since < now() - make_interval(secs => $2)))
        returning to_address, template, variables, unsubscribe, attempts"#,
        email_id,
        CLAIM_SECONDS
    )
    .fetch_optional(pool)
    .await
    .map_err(|e| e.to_string())?;
    let Some(mail) = claimed else {
        let status = sqlx::query_scalar!("select status from email_logs where id = $1", email_id)
            .fetch_optional(pool)
            .await
            .map_err(|e| e.to_string())?;
        // Sent, failed or suppressed already (or erased with its account):
        // nothing left to do. Claimed by a live attempt: look again later.
        return match status.as_deref() {
            Some("sending") => Err("another attempt is sending this mail".into()),
            _ => Ok(()),
        };
    };

    let template = Template::parse(&mail.template);
    let suppressed = is_suppressed(pool, &mail.to_address, template).await?;
    let Some(template) = template.filter(|_| !suppressed) else {
        let (status, error) = if suppressed {
            ("suppressed", None)
        } else {
            (
                "failed",
                Some(format!("unknown template {}", mail.template)),
            )
        };
        finish(pool, email_id, status, None, error.as_deref(), state).await?;
        return Ok(());
    };

    let site_url = &state.config.site_url;
    let variables = absolute_links(mail.variables.unwrap_or_default(), site_url);
    let unsubscribe_url = mail
        .unsubscribe
        .as_deref()
        .and_then(Subscription::from_message)
        .map(|s| s.url(site_url, state.cipher.signer()));
    let stored = edited_template(pool, template).await?;
    let (rendered, template_error) = match render_or_default(
        template,
        stored.as_ref(),
        &variables,
        unsubscribe_url.as_deref(),
    ) {
        Ok(rendered) => rendered,
        Err(error) => {
            // Only a default that cannot render gets here: a bug, not
            // worth retrying.
            let error = format!("the template does not render: {error:#}");
            finish(pool, email_id, "failed", None, Some(&error), state).await?;
            return Ok(());
        }
    };
    let email = OutgoingEmail {
        to: mail.to_address.clone(),
        subject: rendered.subject,
        body_text: rendered.body_text,
        body_html: rendered.body_html,
        message_id: message_id(email_id, site_url),
        unsubscribe_url,
    };

    match state.mailer.send(&email).await {
        Ok(()) => {
            sqlx::query!(
                "update email_logs
                    set status = 'sent', sent_at = now(), subject = $2, provider = $3,
                        provider_message_id = $4, error = $5, variables = null, sending_since = null
                  where id = $1",
                email_id,
                email.subject,
                state.mailer.provider(),
                email.message_id,
                template_error,
            )
            .execute(pool)
            .await
            .map_err(|e| e.to_string())?;
            Ok(())
        }
        // A hard bounce: this address takes no more mail from us.
        Err(SendError::Bounced(error)) => {
            suppress(pool, &mail.to_address, "bounce").await?;
            let subject = Some(email.subject.as_str());
            finish(pool, email_id, "bounced", subject, Some(&error), state).await
        }
        Err(SendError::Refused(error)) => {
            let subject = Some(email.subject.as_str());
            finish(pool, email_id, "failed", subject, Some(&error), state).await
        }
        // The last attempt: failed for good, and the job says so too.
        Err(SendError::Transient(error)) if mail.attempts >= MAX_ATTEMPTS => {
            let subject = Some(email.subject.as_str());
            finish(pool, email_id, "failed", subject, Some(&error), state).await?;
            Err(error)
        }
        Err(SendError::Transient(error)) => {
            sqlx::query!(
                "update email_logs set status = 'queued', sending_since = null, error = $2
                  where id = $1",
                email_id,
                error
            )
            .execute(pool)
            .await
            .map_err(|e| e.to_string())?;
            Err(error)
        }
    }
}

/// Records a final state other than `sent`; the variables (and the
/// tokens in them) go.
async fn finish(
    pool: &sqlx::PgPool,
    email_id: Uuid,
    status: &str,
    subject: Option<&str>,
    error: Option<&str>,
    state: &AppState,
) -> Result<(), String> {
    sqlx::query!(
        "update email_logs
            set status = $2, subject = coalesce($3, subject), error = $4, provider = $5,
                variables = null, sending_since = null
          where id = $1",
        email_id,
        status,
        subject,
        error,
        state.mailer.provider(),
    )
    .execute(pool)
    .await
    .map_err(|e| e.to_string())?;
    Ok(())
}

/// Whether no mail of `template` may go to `address`: it bounced or
/// complained, or (for invitations) its owner asked for none.
async fn is_suppressed(
    pool: &sqlx::PgPool,
    address: &str,
    template: Option<Template>,
) -> Result<bool, String> {
    let reason = sqlx::query_scalar!(
        "select reason from email_suppressions where address = lower($1)",
        address
    )
    .fetch_optional(pool)
    .await
    .map_err(|e| e.to_string())?;
    Ok(match reason.as_deref() {
        None => false,
        Some("unsubscribed") => template == Some(Template::CompanyInvite),
        Some(_) => true,
    })
}

/// Stops all mail to `address` (`reason`: bounce or complaint).
pub async fn suppress(pool: &sqlx::PgPool, address: &str, reason: &str) -> Result<(), String> {
    sqlx::query!(
        "insert into email_suppressions (address, reason) values (lower($1), $2)
         on conflict (address) do update set reason = excluded.reason, created_at = now()",
        address,
        reason
    )
    .execute(pool)
    .await
    .map_err(|e| e.to_string())?;
    Ok(())
}

/// A bounce or complaint a mail provider reports (`POST /api/email/events`,
/// JSON): `{"type": "bounce" | "complaint", "email": "…", "message_id": "<…>"}`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ProviderEvent {
    #[serde(rename = "type")]
    pub kind: String,
    pub email: String,
    pub message_id: Option<String>,
}

/// Stops mail to the reported address and marks the mail it was about.
pub async fn record_provider_event(
    pool: &sqlx::PgPool,
    event: &ProviderEvent,
) -> Result<(), String> {
    let (reason, status) = match event.kind.as_str() {
        "bounce" => ("bounce", "bounced"),
        "complaint" => ("complaint", "complained"),
        other => return Err(format!("unknown event type {other:?}")),
    };
    suppress(pool, event.email.trim(), reason).await?;
    if let Some(message_id) = &event.message_id {
        sqlx::query!(
            "update email_logs set status = $2 where provider_message_id = $1",
            message_id,
            status
        )
        .execute(pool)
        .await
        .map_err(|e| e.to_string())?;
    }
    tracing::info!(kind = %event.kind, "mail provider event recorded");
    Ok(())
}

/// `POST /api/email/events` for the mail provider, with
/// `Authorization: Bearer <EMAIL_EVENTS_SECRET>`.
pub async fn provider_event(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: axum::http::HeaderMap,
    axum::Json(event): axum::Json<ProviderEvent>,
) -> axum::response::Response {
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let presented = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    let authorised = state
        .config
        .email_events_secret
        .as_deref()
        .is_some_and(|secret| {
            crate::crypto::constant_time_eq(secret.as_bytes(), presented.as_bytes())
        });
    if !authorised {
        return (StatusCode::UNAUTHORIZED, "unknown sender").into_response();
    }
    match record_provider_event(&state.pool, &event).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) if error.starts_with("unknown event") => {
            (StatusCode::BAD_REQUEST, error).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "mail provider event not recorded");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The admin's version of `template`, if they edited it.
pub async fn edited_template(
    db: impl sqlx::PgExecutor<'_>,
    template: Template,
) -> Result<Option<Source>, String> {
    sqlx::query_as!(
        Source,
        "select subject, body_text, body_html from email_templates where name = $1",
        template.name()
    )
    .fetch_optional(db)
    .await
    .map_err(|e| e.to_string())
}

/// The mail's Message-ID: the log's id at the site's host, the same on
/// every attempt.
fn message_id(email_id: Uuid, site_url: &str) -> String {
    let host = url::Url::parse(site_url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_string))
        .unwrap_or_else(|| "hirewell.invalid".into());
    format!("<{email_id}@{host}>")
}

/// Adds `site_url` and makes the `link` and `…_link` paths absolute.
fn absolute_links(variables: serde_json::Value, site_url: &str) -> serde_json::Value {
    let mut map = match variables {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    for (name, value) in map.iter_mut() {
        if (name == "link" || name.ends_with("_link"))
            && let Some(path) = value.as_str().filter(|v| v.starts_with('/'))
        {
            *value = format!("{site_url}{path}").into();
        }
    }
    map.insert("site_url".into(), site_url.into());
    map.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_absolute_and_other_values_stay() {
        let vars = absolute_links(
            serde_json::json!({ "link": "/a?b=1", "reset_link": "/forgot-password",
                                "title": "/not a link", "external_link": "https://x.test/" }),
            "https://site.test",
        );
        assert_eq!(vars["link"], "https://site.test/a?b=1");
        assert_eq!(vars["reset_link"], "https://site.test/forgot-password");
        assert_eq!(vars["title"], "/not a link");
        assert_eq!(vars["external_link"], "https://x.test/");
        assert_eq!(vars["site_url"], "https://site.test");
    }

    #[test]
    fn message_ids_are_stable_and_at_the_site() {
        let id = Uuid::now_v7();
        assert_eq!(
            message_id(id, "https://site.test:8443"),
            format!("<{id}@site.test>")
        );
        assert_eq!(
            message_id(id, "https://site.test"),
            message_id(id, "https://site.test")
        );
    }
}
