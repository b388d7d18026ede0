use super::{Mailer, OutgoingEmail, SendError};
use sqlx::PgPool;
use uuid::Uuid;

/// Stores every outgoing email instead of sending it; development mode shows
/// them at `/dev/mailbox`.
pub struct CaptureMailer {
    pool: PgPool,
}

impl CaptureMailer {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

#[async_trait::async_trait]
impl Mailer for CaptureMailer {
    fn provider(&self) -> &'static str {
        "capture"
    }

    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        sqlx::query!(
            "insert into captured_emails
                    (id, to_address, subject, body_text, body_html, message_id, list_unsubscribe)
             values ($1, $2, $3, $4, $5, $6, $7)",
            Uuid::now_v7(),
            email.to,
            email.subject,
            email.body_text,
            email.body_html,
            email.message_id,
            email.unsubscribe_url,
        )
        .execute(&self.pool)
        .await
        .map_err(|e| SendError::Transient(e.to_string()))?;
        tracing::info!(to = %email.to, subject = %email.subject, "email captured");
        Ok(())
    }
}
