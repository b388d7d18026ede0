//! Settings read from the environment.

use app::billing::gateway::GatewaySettings;
use app::crypto::FieldCipher;
use app::mail::smtp::{Security, SmtpConfig, SmtpMailer};
use app::mail::{CaptureMailer, Mailer};
use app::media::storage::{DiskStorage, S3Settings, S3Storage, Storage};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Config {
    /// Use this PostgreSQL server; without it the embedded cluster starts.
    pub database_url: Option<String>,
    /// Where the embedded cluster and uploads live.
    pub data_dir: PathBuf,
    /// Development mode captures email at `/dev/mailbox`.
    pub development: bool,
    /// Public address of the site (for links in email and the CSRF check).
    pub site_url: String,
    pub trust_proxy: bool,
    /// Load the demo data set at start: defaults to yes for the embedded database.
    pub demo_data: Option<bool>,
    /// Base64 key for encrypted fields; without it one is kept in the data
    /// folder (development only: instances sharing a database must share it).
    pub data_key: Option<String>,
    /// Development mode on an address other people can reach, said on purpose.
    pub development_on_network: bool,
    /// This server's own program, run contained to read untrusted files.
    pub program: PathBuf,
    /// Keep uploads in this S3-compatible bucket instead of `DATA_DIR/uploads`.
    pub s3: Option<S3Settings>,
    /// Named in an `X-Instance` header, to see which instance answered.
    pub instance_name: Option<String>,
    /// Send mail through this SMTP server; without it mail is captured in
    /// the database (and shown at `/dev/mailbox` in development).
    pub smtp: Option<SmtpSettings>,
    /// The shared secret a mail provider presents when it reports bounces
    /// and complaints (`POST /api/email/events`); without it that address
    /// refuses every report.
    pub email_events_secret: Option<String>,
    /// Who bills, as printed on invoices: `BILLING_SELLER_NAME` (Hirewell
    /// by default), `BILLING_SELLER_ADDRESS` and `BILLING_SELLER_TAX_ID`.
    pub seller: app::billing::Party,
    /// Who takes payments, checked when the state is made.
    pub payments: PaymentSettings,
}

/// `PAYMENT_GATEWAY` (`test`, `paystack` or `stripe`; by default the test
/// gateway in development and none in production) and its keys.
#[derive(Clone, Debug, Default)]
pub struct PaymentSettings {
    pub gateway: Option<String>,
    pub paystack_secret_key: Option<String>,
    pub stripe_secret_key: Option<String>,
    pub stripe_webhook_secret: Option<String>,
}

/// `SMTP_*` and `MAIL_*` as given, checked when the mailer is made.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: Option<String>,
    pub security: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: Option<String>,
    pub reply_to: Option<String>,
}

fn flag(name: &str) -> Option<bool> {
    std::env::var(name)
        .ok()
        .map(|v| matches!(v.trim(), "1" | "true" | "yes" | "on"))
}

impl Config {
    pub fn from_env() -> Self {
        let site_addr =
            std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
        let site_url = std::env::var("SITE_URL")
            .unwrap_or_else(|_| format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_string();
        Self {
            database_url: std::env::var("DATABASE_URL").ok().filter(|v| !v.is_empty()),
            data_dir: std::env::var("DATA_DIR")
                .unwrap_or_else(|_| "data".into())
                .into(),
            development: std::env::var("APP_ENV")
                .map(|v| v != "production")
                .unwrap_or(true),
            site_url,
            trust_proxy: flag("TRUST_PROXY").unwrap_or(false),
            demo_data: flag("DEMO_DATA"),
            data_key: std::env::var("DATA_KEY").ok().filter(|v| !v.is_empty()),
            development_on_network: flag("DEVELOPMENT_ON_NETWORK").unwrap_or(false),
            program: std::env::current_exe().unwrap_or_else(|_| "server".into()),
            s3: std::env::var("S3_BUCKET")
                .ok()
                .filter(|b| !b.is_empty())
                .map(|bucket| S3Settings {
                    bucket,
                    endpoint: std::env::var("S3_ENDPOINT").unwrap_or_default(),
                    region: std::env::var("S3_REGION").unwrap_or_else(|_| "us-east-1".into()),
                    access_key_id: std::env::var("S3_ACCESS_KEY_ID").unwrap_or_default(),
                    secret_access_key: std::env::var("S3_SECRET_ACCESS_KEY").unwrap_or_default(),
                }),
            instance_name: std::env::var("INSTANCE_NAME")
                .ok()
                .filter(|n| !n.is_empty()),
            smtp: var("SMTP_HOST").map(|host| SmtpSettings {
                host,
                port: var("SMTP_PORT"),
                security: var("SMTP_SECURITY"),
                username: var("SMTP_USERNAME"),
                password: var("SMTP_PASSWORD"),
                from: var("MAIL_FROM"),
                reply_to: var("MAIL_REPLY_TO"),
            }),
            email_events_secret: var("EMAIL_EVENTS_SECRET"),
            seller: app::billing::Party {
                name: var("BILLING_SELLER_NAME").unwrap_or_else(|| "Hirewell".into()),
                address: var("BILLING_SELLER_ADDRESS").unwrap_or_default(),
                tax_id: var("BILLING_SELLER_TAX_ID").unwrap_or_default(),
            },
            payments: PaymentSettings {
                gateway: var("PAYMENT_GATEWAY"),
                paystack_secret_key: var("PAYSTACK_SECRET_KEY"),
                stripe_secret_key: var("STRIPE_SECRET_KEY"),
                stripe_webhook_secret: var("STRIPE_WEBHOOK_SECRET"),
            },
        }
    }
}

/// An environment variable that is set and not empty.
fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl SmtpSettings {
    /// The mailer's settings, or what is wrong with them.
    pub fn config(&self, site_url: &str) -> anyhow::Result<SmtpConfig> {
        let security = match self.security.as_deref() {
            None => Security::StartTls,
            Some(value) => Security::parse(value).ok_or_else(|| {
                anyhow::anyhow!("SMTP_SECURITY must be starttls, tls or none, not {value:?}")
            })?,
        };
        let port = match self.port.as_deref() {
            None => security.default_port(),
            Some(port) => port
                .parse()
                .map_err(|_| anyhow::anyhow!("SMTP_PORT must be a port number, not {port:?}"))?,
        };
        let credentials = match (&self.username, &self.password) {
            (Some(user), Some(password)) => Some((user.clone(), password.clone())),
            (None, None) => None,
            _ => anyhow::bail!("set both SMTP_USERNAME and SMTP_PASSWORD, or neither"),
        };
        let host = url::Url::parse(site_url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_string))
            .unwrap_or_else(|| "localhost".into());
        Ok(SmtpConfig {
            host: self.host.clone(),
            port,
            security,
            credentials,
            from: self
                .from
                .clone()
                .unwrap_or_else(|| format!("Hirewell <no-reply@{host}>")),
            reply_to: self.reply_to.clone(),
        })
    }
}

impl Config {
    /// Where uploads are kept: the bucket when one is configured, else the
    /// folder `DATA_DIR/uploads` (one machine only).
    pub fn storage(&self) -> anyhow::Result<Arc<dyn Storage>> {
        Ok(match &self.s3 {
            Some(settings) => Arc::new(S3Storage::new(settings)?),
            None => Arc::new(DiskStorage::new(self.data_dir.join("uploads"))),
        })
    }

    /// Who sends mail: the SMTP server when one is configured, else the
    /// capture.
    pub fn mailer(&self, pool: &sqlx::PgPool) -> anyhow::Result<Arc<dyn Mailer>> {
        Ok(match &self.smtp {
            Some(smtp) => Arc::new(
                SmtpMailer::new(&smtp.config(&self.site_url)?).map_err(anyhow::Error::msg)?,
            ),
            None => {
                if !self.development {
                    tracing::warn!(
                        "SMTP_HOST is not set: mail is captured in the database, not sent"
                    );
                }
                Arc::new(CaptureMailer::new(pool.clone()))
            }
        })
    }

    /// The payment gateway and its keys, or what is missing.
    pub fn payment_gateway(&self) -> anyhow::Result<GatewaySettings> {
        let p = &self.payments;
        let key = |value: &Option<String>, name: &str| {
            value.clone().ok_or_else(|| {
                anyhow::anyhow!(
                    "PAYMENT_GATEWAY={} needs {name}",
                    p.gateway.as_deref().unwrap_or_default()
                )
            })
        };
        Ok(match p.gateway.as_deref().map(str::trim) {
            None if self.development => GatewaySettings::Test,
            None | Some("none") => GatewaySettings::None,
            Some("test") if self.development => GatewaySettings::Test,
            Some("test") => anyhow::bail!(
                "the test payment gateway takes no money and exists only in development mode"
            ),
            Some("paystack") => GatewaySettings::Paystack {
                secret_key: key(&p.paystack_secret_key, "PAYSTACK_SECRET_KEY")?,
            },
            Some("stripe") => GatewaySettings::Stripe {
                secret_key: key(&p.stripe_secret_key, "STRIPE_SECRET_KEY")?,
                webhook_secret: key(&p.stripe_webhook_secret, "STRIPE_WEBHOOK_SECRET")?,
            },
            Some(other) => {
                anyhow::bail!(
                    "PAYMENT_GATEWAY must be test, paystack, stripe or none, not {other:?}"
                )
            }
        })
    }

    /// Development mode serves the captured mail, with its login links, at
    /// `/dev/mailbox`: it listens only where nobody else can connect,
    /// unless told otherwise on purpose.
    pub fn check_listen_address(&self, addr: std::net::SocketAddr) -> anyhow::Result<()> {
        if self.development && !addr.ip().is_loopback() && !self.development_on_network {
            anyhow::bail!(
                "development mode listens only on a loopback address (such as 127.0.0.1), \
                 and {addr} is not one: set APP_ENV=production to serve other machines, \
                 or DEVELOPMENT_ON_NETWORK=1 if every machine that can reach {addr} is yours"
            );
        }
        Ok(())
    }

    /// The cipher for encrypted fields: the `DATA_KEY` setting, or a key
    /// generated once and kept (owner-only) in `<data dir>/secrets/data.key`.
    /// Losing that file makes the encrypted fields unreadable.
    pub fn field_cipher(&self) -> anyhow::Result<FieldCipher> {
        use anyhow::Context;
        if let Some(key) = &self.data_key {
            return FieldCipher::from_base64(key).context("DATA_KEY");
        }
        if !self.development {
            // Every instance must read what the others encrypted, and a key
            // on one machine's disk is lost with it.
            anyhow::bail!(
                "production mode needs DATA_KEY (base64 of 32 random bytes, e.g. \
                 `openssl rand -base64 32`), the same for every instance; keep it with your backups"
            );
        }
        let dir = self.data_dir.join("secrets");
        let path = dir.join("data.key");
        if !path.exists() {
            std::fs::create_dir_all(&dir)?;
            write_owner_only(&path, &FieldCipher::generate_key())
                .with_context(|| format!("could not write {}", path.display()))?;
        }
        let key = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        FieldCipher::from_base64(&key).with_context(|| path.display().to_string())
    }
}

fn write_owner_only(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(development: bool) -> Config {
        Config {
            database_url: None,
            data_dir: std::env::temp_dir()
                .join(format!("hirewell-config-{}", uuid::Uuid::new_v4())),
            development,
            site_url: "http://127.0.0.1:3000".into(),
            trust_proxy: false,
            demo_data: None,
            data_key: None,
            development_on_network: false,
            program: "server".into(),
            s3: None,
            instance_name: None,
            smtp: None,
            email_events_secret: None,
            seller: app::billing::Party::default(),
            payments: PaymentSettings::default(),
        }
    }

    #[test]
    fn smtp_settings_are_checked_and_defaulted() {
        let settings = SmtpSettings {
            host: "smtp.example.com".into(),
            port: None,
            security: None,
            username: None,
            password: None,
            from: None,
            reply_to: None,
        };
        let smtp = settings.config("https://jobs.example.com").unwrap();
        assert_eq!((smtp.port, smtp.security), (587, Security::StartTls));
        assert_eq!(smtp.from, "Hirewell <no-reply@jobs.example.com>");
        let tls = SmtpSettings {
            security: Some("tls".into()),
            ..settings.clone()
        };
        assert_eq!(tls.config("https://x.test").unwrap().port, 465);
        for bad in [
            SmtpSettings {
                security: Some("ssl".into()),
                ..settings.clone()
            },
            SmtpSettings {
                port: Some("twenty-five".into()),
                ..settings.clone()
            },
            SmtpSettings {
                username: Some("user".into()),
                ..settings.clone()
            },
        ] {
            assert!(bad.config("https://x.test").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn development_mode_listens_on_loopback_unless_told_otherwise() {
        let dev = config(true);
        assert!(
            dev.check_listen_address("127.0.0.1:3000".parse().unwrap())
                .is_ok()
        );
        assert!(
            dev.check_listen_address("[::1]:3000".parse().unwrap())
                .is_ok()
        );
        let refused = dev.check_listen_address("0.0.0.0:3000".parse().unwrap());
        assert!(
            refused
                .unwrap_err()
                .to_string()
                .contains("DEVELOPMENT_ON_NETWORK")
        );
        let told = Config {
            development_on_network: true,
            ..config(true)
        };
        assert!(
            told.check_listen_address("0.0.0.0:3000".parse().unwrap())
                .is_ok()
        );
        assert!(
            config(false)
                .check_listen_address("0.0.0.0:3000".parse().unwrap())
                .is_ok()
        );
    }

    #[test]
    fn production_needs_a_shared_data_key() {
        let error = config(false).field_cipher().err().unwrap();
        assert!(error.to_string().contains("DATA_KEY"), "{error}");
        let with_key = Config {
            data_key: Some(FieldCipher::generate_key()),
            ..config(false)
        };
        assert!(with_key.field_cipher().is_ok());
        // Development keeps one in its data folder.
        let dev = config(true);
        assert!(dev.field_cipher().is_ok());
        std::fs::remove_dir_all(dev.data_dir).unwrap();
    }

    #[test]
    fn the_payment_gateway_is_chosen_with_its_keys() {
        let with = |development: bool, payments: PaymentSettings| Config {
            payments,
            ..config(development)
        };
        let gateway = |name: &str| PaymentSettings {
            gateway: Some(name.into()),
            ..PaymentSettings::default()
        };
        // The test gateway in development; none in production unless told.
        assert_eq!(
            config(true).payment_gateway().unwrap(),
            GatewaySettings::Test
        );
        assert_eq!(
            config(false).payment_gateway().unwrap(),
            GatewaySettings::None
        );
        assert_eq!(
            with(true, gateway("none")).payment_gateway().unwrap(),
            GatewaySettings::None
        );
        let error = with(false, gateway("test")).payment_gateway().unwrap_err();
        assert!(error.to_string().contains("only in development"), "{error}");
        let error = with(false, gateway("paystack"))
            .payment_gateway()
            .unwrap_err();
        assert!(error.to_string().contains("PAYSTACK_SECRET_KEY"), "{error}");
        let paystack = PaymentSettings {
            paystack_secret_key: Some("sk_live_1".into()),
            ..gateway("paystack")
        };
        assert_eq!(
            with(false, paystack).payment_gateway().unwrap(),
            GatewaySettings::Paystack {
                secret_key: "sk_live_1".into()
            }
        );
        let half_stripe = PaymentSettings {
            stripe_secret_key: Some("sk_live_2".into()),
            ..gateway("stripe")
        };
        let error = with(false, half_stripe).payment_gateway().unwrap_err();
        assert!(
            error.to_string().contains("STRIPE_WEBHOOK_SECRET"),
            "{error}"
        );
        assert!(with(false, gateway("paypal")).payment_gateway().is_err());
    }
}
