use super::{Mailer, OutgoingEmail};
use crate::error::AppError;
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
    async fn send(&self, email: OutgoingEmail) -> Result<(), AppError> {
        sqlx::query!(
            "insert into captured_emails (id, to_address, subject, body_text) values ($1, $2, $3, $4)",
            Uuid::now_v7(),
            email.to,
            email.subject,
            email.body_text,
        )
        .execute(&self.pool)
        .await?;
        tracing::info!(to = %email.to, subject = %email.subject, "email captured");
        Ok(())
    }
}
