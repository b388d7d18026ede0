//! What every server function can reach: the pool, the site's settings and
//! the mail sender, provided through Leptos context by the server crate.

use crate::error::AppError;
use crate::mail::Mailer;
use leptos::prelude::*;
use sqlx::PgPool;
use std::net::IpAddr;
use std::sync::Arc;

/// Settings that pages and server functions need at run time.
#[derive(Clone, Debug)]
pub struct SiteConfig {
    /// Public address of the site, used in emailed links (no trailing slash).
    pub site_url: String,
    /// Development mode: the captured-mail viewer at `/dev/mailbox` exists.
    pub dev_mailbox: bool,
    /// Trust `X-Forwarded-For` from a reverse proxy for the client address.
    pub trust_proxy: bool,
    /// The server's own program, run as a contained child for work a
    /// hostile file could make unbounded (see `crate::sandbox`).
    pub program: std::path::PathBuf,
    /// Which of several instances this is (`INSTANCE_NAME`), named in an
    /// `X-Instance` response header when set.
    pub instance_name: Option<String>,
    /// The secret a mail provider presents with bounce and complaint
    /// reports (`EMAIL_EVENTS_SECRET`); none refuses every report.
    pub email_events_secret: Option<String>,
    /// Who bills, as printed on invoices (`BILLING_SELLER_*`).
    pub seller: crate::billing::Party,
}

#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub config: Arc<SiteConfig>,
    pub mailer: Arc<dyn Mailer>,
    /// Encrypts personal fields stored at rest (reference contacts).
    pub cipher: Arc<crate::crypto::FieldCipher>,
    /// Uploaded files.
    pub storage: Arc<dyn crate::media::storage::Storage>,
    /// Events for this instance's live streams (`notifications::live`).
    pub live: crate::notifications::live::Live,
    /// This instance's copy of the site settings (`system_settings`).
    pub settings: crate::system_settings::cache::SettingsCache,
    /// This instance's copies of the public pages (`public_pages`).
    pub pages: crate::public_pages::PageCache,
    /// This instance's index of the open vacancies (`board::index`).
    pub search: crate::board::index::SearchIndex,
    /// This instance's copy of the industries to choose from.
    pub industries: crate::profiles::db::IndustryList,
    /// Who takes payments; none when the site takes none.
    pub payments: Option<Arc<dyn crate::billing::gateway::PaymentGateway>>,
}

impl SiteConfig {
    /// Session cookies are marked Secure when the site is served over TLS.
    pub fn secure_cookies(&self) -> bool {
        self.site_url.starts_with("https://")
    }
}

/// The application state inside a server function or page render.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

/// Where a request came from, for the audit log and rate limits.
#[derive(Clone, Debug, Default)]
pub struct RequestContext {
    pub ip: Option<IpAddr>,
    pub user_agent: Option<String>,
}

impl RequestContext {
    /// Reads the client address and user agent of the current request.
    pub fn current(config: &SiteConfig) -> Self {
        with_context(|parts: &http::request::Parts| Self::from_parts(parts, config))
            .unwrap_or_default()
    }

    /// Reads the client address and user agent of a request.
    pub fn from_parts(parts: &http::request::Parts, config: &SiteConfig) -> Self {
        // The client writes whatever it likes into X-Forwarded-For; the
        // trusted proxy appends the address it saw, so that last one counts.
        let forwarded = config
            .trust_proxy
            .then(|| parts.headers.get_all("x-forwarded-for").iter().next_back())
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        let peer = peer_of(parts);
        let user_agent = parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(512).collect());
        Self {
            ip: forwarded.or(peer),
            user_agent,
        }
    }

    /// Address and browser together, from which the database makes a
    /// visitor's salted key (`anonymous_viewer_key`).
    pub fn fingerprint(&self) -> String {
        format!(
            "{:?}|{}",
            self.ip,
            self.user_agent.as_deref().unwrap_or_default()
        )
    }
}

/// The address of the connection itself (never a forwarded one).
pub(crate) fn peer_of(parts: &http::request::Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip())
}

/// Whether the current request came over a loopback connection: from this
/// machine itself.
pub fn from_loopback() -> bool {
    with_context(peer_of)
        .flatten()
        .is_some_and(|ip| ip.is_loopback())
}

/// Runs a server function body and, for calls made by script, answers its
/// error with the matching HTTP status. Plain form posts keep the redirect
/// back to the form that Leptos sets up, so they must not get a status here.
pub async fn respond<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let result = body.await;
    if let Err(error) = &result
        && !asks_for_html()
        && let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        options.set_status(status);
    }
    result
}

/// Whether the request asks for HTML: a page, or a form posted without
/// script, rather than a call made by the page's code.
fn asks_for_html() -> bool {
    with_context(|parts: &http::request::Parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
    .unwrap_or(false)
}

/// Whether the current call is a form posted by the browser without script,
/// rather than a call made by the page's code or a page being rendered.
pub fn is_plain_form_post() -> bool {
    asks_for_html()
        && with_context(|parts: &http::request::Parts| parts.method == http::Method::POST)
            .unwrap_or(false)
}
