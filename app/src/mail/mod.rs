//! Outgoing email. Features write a mail into the outbox (`outbox::queue`)
//! in their own transaction; the job queue renders it from its template and
//! hands it to the [`Mailer`] the server chose (SMTP, or the development
//! capture).

pub mod admin;
pub mod mailbox;
pub mod templates;
pub mod unsubscribe;

#[cfg(feature = "ssr")]
mod capture;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod smtp;
#[cfg(feature = "ssr")]
pub use capture::CaptureMailer;

/// One email ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// `<id@host>`, the same on every attempt, so a mail retried after an
    /// interrupted send is recognisable as the same message.
    pub message_id: String,
    /// The one-click unsubscribe address (RFC 8058) for mail a person can
    /// turn off; none for mail they asked for (a reset link, say).
    pub unsubscribe_url: Option<String>,
}

/// Why a mail did not go.
#[cfg(feature = "ssr")]
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later (connection trouble, a 4xx reply).
    #[error("temporary failure: {0}")]
    Transient(String),
    /// The receiving side says the address takes no mail: a bounce.
    #[error("bounced: {0}")]
    Bounced(String),
    /// This mail can never go (a malformed address, a refused login), but
    /// the address is not to blame.
    #[error("refused: {0}")]
    Refused(String),
}

/// Sends email.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// The name recorded in the email log.
    fn provider(&self) -> &'static str;
    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError>;
}
