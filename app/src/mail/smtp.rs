//! Sending through an SMTP server (`lettre` on rustls), configured by the
//! `SMTP_*` and `MAIL_*` environment variables (see the README).

use super::{Mailer, OutgoingEmail, SendError};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, which must succeed (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or in tests.
    None,
}

impl Security {
    pub fn parse(value: &str) -> Option<Security> {
        match value {
            "starttls" => Some(Security::StartTls),
            "tls" => Some(Security::Tls),
            "none" => Some(Security::None),
            _ => None,
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// User name and password, when the server wants them.
    pub credentials: Option<(String, String)>,
    /// `Hirewell <no-reply@example.com>`.
    pub from: String,
    pub reply_to: Option<String>,
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    reply_to: Option<Mailbox>,
}

/// How long one SMTP command may take.
const TIMEOUT: Duration = Duration::from_secs(30);

impl SmtpMailer {
    pub fn new(config: &SmtpConfig) -> Result<Self, String> {
        let builder = match config.security {
            Security::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
            }
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host),
            Security::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                config.host.as_str(),
            )),
        }
        .map_err(|e| format!("SMTP_HOST: {e}"))?;
        let mut builder = builder.port(config.port).timeout(Some(TIMEOUT));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let mailbox = |name: &str, value: &str| {
            value
                .parse::<Mailbox>()
                .map_err(|e| format!("{name}: {e} ({value})"))
        };
        Ok(Self {
            transport: builder.build(),
            from: mailbox("MAIL_FROM", &config.from)?,
            reply_to: config
                .reply_to
                .as_deref()
                .map(|value| mailbox("MAIL_REPLY_TO", value))
                .transpose()?,
        })
    }

    /// The message as it goes on the wire: both parts, the stable
    /// Message-ID, and the list headers for one-click unsubscribe.
    pub fn message(&self, email: &OutgoingEmail) -> Result<Message, SendError> {
        let to: Mailbox = email
            .to
            .parse()
            .map_err(|e| SendError::Refused(format!("the address cannot be used: {e}")))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.as_str())
            .message_id(Some(email.message_id.clone()));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        let mut message = builder
            .multipart(MultiPart::alternative_plain_html(
                email.body_text.clone(),
                email.body_html.clone(),
            ))
            .map_err(|e| SendError::Refused(e.to_string()))?;
        if let Some(url) = &email.unsubscribe_url {
            let headers = message.headers_mut();
            headers.insert_raw(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ));
            headers.insert_raw(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
        }
        Ok(message)
    }
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    fn provider(&self) -> &'static str {
        "smtp"
    }

    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        let message = self.message(email)?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            // 550, 551 and 553 say the mailbox does not exist or takes no
            // mail: a bounce. Other 5xx replies (a refused login, say) fail
            // this mail without blaming the address; anything else
            // (connection trouble, 4xx) may pass later.
            Err(error) if error.is_permanent() => {
                let code = error.status().map(|code| code.to_string());
                if matches!(code.as_deref(), Some("550" | "551" | "553")) {
                    Err(SendError::Bounced(error.to_string()))
                } else {
                    Err(SendError::Refused(error.to_string()))
                }
            }
            Err(error) => Err(SendError::Transient(error.to_string())),
        }
    }
}
