//! Outgoing email. Callers build an [`OutgoingEmail`] from a template and hand
//! it to the [`Mailer`]; which mailer runs is the server's choice.

pub mod mailbox;
pub mod templates;

#[cfg(feature = "ssr")]
mod capture;
#[cfg(feature = "ssr")]
pub use capture::CaptureMailer;

/// One email ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: String,
    pub subject: String,
    pub body_text: String,
}

/// Sends email. The embedded default captures mail in the database; an SMTP
/// sender can implement this later without changing callers.
#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: OutgoingEmail) -> Result<(), crate::error::AppError>;
}
