//! The public pages (`/`, `/jobs`, a vacancy's page, a company's page) as a
//! visitor without a session sees them, kept by each instance for a short
//! while: a busy page is rendered once rather than for every visitor, and a
//! visitor's request touches neither the session store nor the database.
//!
//! A copy is dropped when any instance announces a change to what these
//! pages show (LISTEN on `public_pages`, sent by triggers at commit, and on
//! `site_settings` for the banner), after [`KEPT_FOR`] in any case (relative
//! dates, a company's response figures), and all of them whenever the
//! listening connection is lost. Until an instance listens it keeps nothing.
//!
//! Pages read two cookies: the session (a visitor who has one is never
//! served a copy) and the clock (part of a copy's key). Each response still
//! gets a nonce of its own: a copy keeps the places its nonce stood, and the
//! policy header and the page are put together around a fresh one.

use crate::state::{AppState, RequestContext};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use quick_cache::Weighter;
use sqlx::PgPool;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The channel changes to the public pages are announced on.
pub const CHANNEL: &str = "public_pages";

/// The longest a copy is served.
pub const KEPT_FOR: Duration = Duration::from_secs(30);

/// What all copies together may weigh (their bodies and headers): about
/// 150 vacancy pages. With 16 MB an instance on the large data set held
/// 23 MB more at rest after a minute of visitors; 4 MB rather than 8 pays
/// for the allocator's purge delay (README, "The allocator's delay").
const CAPACITY_BYTES: u64 = 4 * 1024 * 1024;

/// A page larger than this is not kept.
const LARGEST_PAGE: usize = 1024 * 1024;

/// Addresses longer than this are not kept (no search is that long).
const LONGEST_ADDRESS: usize = 1024;

/// A visitor's view of a vacancy counts once per this long
/// (`board::db::count_view`); served copies count views too.
const VIEW_COUNTED_FOR: time::Duration = time::Duration::minutes(30);

#[derive(Clone)]
pub struct PageCache(Arc<Inner>);

struct Inner {
    pages: quick_cache::sync::Cache<String, Arc<Page>, PageWeight>,
    /// Counts the times all copies were dropped, so that a page rendered
    /// before a change is not kept after it.
    generation: AtomicU64,
    /// Whether this instance hears about changes; nothing is kept until then.
    listening: AtomicBool,
    /// When a visitor's next view of a vacancy counts, by page and visitor,
    /// as the database said: until then a view is known to be counted
    /// without asking it again.
    counted_views: quick_cache::sync::Cache<(String, String), Instant>,
}

/// A kept page: its headers and its body in the pieces around its nonce.
struct Page {
    generation: u64,
    kept_at: Instant,
    headers: HeaderMap,
    /// The policy header's value around the nonce (one piece when none).
    policy: Vec<String>,
    body: Vec<Bytes>,
}

#[derive(Clone)]
struct PageWeight;

impl Weighter<String, Arc<Page>> for PageWeight {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        let body: usize = page.body.iter().map(Bytes::len).sum();
        let policy: usize = page.policy.iter().map(String::len).sum();
        let headers: usize = page
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        (key.len() + body + policy + headers + 256) as u64
    }
}

impl Default for PageCache {
    fn default() -> Self {
        Self(Arc::new(Inner {
            pages: quick_cache::sync::Cache::with_weighter(512, CAPACITY_BYTES, PageWeight),
            generation: AtomicU64::new(0),
            listening: AtomicBool::new(false),
            counted_views: quick_cache::sync::Cache::new(100_000),
        }))
    }
}

impl PageCache {
    fn get(&self, key: &str) -> Option<Arc<Page>> {
        if !self.listening() {
            return None;
        }
        let page = self.0.pages.get(key)?;
        (page.generation == self.generation() && page.kept_at.elapsed() < KEPT_FOR).then_some(page)
    }

    fn keep(&self, key: String, page: Page) {
        if self.listening() && page.generation == self.generation() {
            self.0.pages.insert(key, Arc::new(page));
        }
    }

    /// Whether this instance hears about changes, and so keeps pages.
    pub fn listening(&self) -> bool {
        self.0.listening.load(Ordering::Acquire)
    }

    /// How many times the copies were dropped so far.
    pub fn generation(&self) -> u64 {
        self.0.generation.load(Ordering::Acquire)
    }

    /// Drops every copy: the next visitor's request renders afresh.
    pub fn forget(&self) {
        self.0.generation.fetch_add(1, Ordering::AcqRel);
        self.0.pages.clear();
    }

    /// Follows the announcements for as long as the server runs.
    pub async fn follow(self, pool: PgPool) {
        loop {
            if let Err(error) = self.follow_once(&pool).await {
                tracing::warn!(%error, "public pages channel interrupted; listening again shortly");
            }
            self.0.listening.store(false, Ordering::Release);
            self.forget();
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn follow_once(&self, pool: &PgPool) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
        listener.ignore_pool_close_event(true);
        listener
            .listen_all([CHANNEL, crate::system_settings::cache::CHANNEL])
            .await?;
        // Anything rendered before the listening began is rendered afresh.
        self.forget();
        self.0.listening.store(true, Ordering::Release);
        loop {
            listener.recv().await?;
            self.forget();
        }
    }

    /// Whether this visitor's view of this vacancy is known to be counted.
    fn view_counted(&self, page: &str, visitor: &str) -> bool {
        self.0
            .counted_views
            .get(&(page.to_string(), visitor.to_string()))
            .is_some_and(|next| Instant::now() < next)
    }

    /// Notes when this visitor's next view of this vacancy counts.
    fn note_view(&self, page: &str, visitor: &str, next: time::OffsetDateTime) {
        let wait = (next - time::OffsetDateTime::now_utc())
            .clamp(time::Duration::ZERO, VIEW_COUNTED_FOR)
            .unsigned_abs();
        self.0.counted_views.insert(
            (page.to_string(), visitor.to_string()),
            Instant::now() + wait,
        );
    }
}

/// The key a request's page is kept under, when it is a public page asked
/// for by a visitor without a session.
fn key_of(request: &Request) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let uri = request.uri();
    let path = uri.path();
    let public = match path {
        "/" | "/jobs" => true,
        _ => ["/jobs/", "/companies/"].iter().any(|prefix| {
            path.strip_prefix(prefix)
                .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
        }),
    };
    // Only the search takes a query; a form's errors come back in one (`__err`).
    let query = uri.query().unwrap_or_default();
    if !public || (path != "/jobs" && !query.is_empty()) || query.contains("__") {
        return None;
    }
    let mut clock = "";
    for value in request.headers().get_all(header::COOKIE) {
        for cookie in value.to_str().ok()?.split(';') {
            let (name, value) = cookie.trim().split_once('=').unwrap_or((cookie.trim(), ""));
            // A session means the page is that person's.
            if name == crate::auth::session::COOKIE {
                return None;
            }
            if name == crate::ui::CLOCK_COOKIE {
                clock = value;
            }
        }
    }
    let key = format!("{clock} {path}?{query}");
    (key.len() <= LONGEST_ADDRESS).then_some(key)
}

/// Serves a visitor a kept copy of a public page, or keeps the page the
/// site renders for them.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let cache = &state.pages;
    if let Some(page) = cache.get(&key) {
        if let Some(slug) = request.uri().path().strip_prefix("/jobs/") {
            let slug = slug.to_string();
            count_view(&state, &slug, request).await;
        }
        return page.response();
    }
    let generation = cache.generation();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
        || !crate::site_files::is_html(response.headers())
    {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The page is in memory already (pages render whole before they are
    // sent); only a failing body stream cannot be passed on.
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::warn!(%error, "a public page could not be read to keep");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    if bytes.len() <= LARGEST_PAGE {
        cache.keep(key, Page::new(generation, &parts.headers, &bytes));
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A vacancy's page served from a copy still counts the visitor's view.
async fn count_view(state: &AppState, slug: &str, request: Request) {
    let (parts, _) = request.into_parts();
    let visitor = RequestContext::from_parts(&parts, &state.config).fingerprint();
    if state.pages.view_counted(slug, &visitor) {
        return;
    }
    match crate::board::api::count_visitor_view(state, slug, &visitor).await {
        Ok(Some(next)) => state.pages.note_view(slug, &visitor, next),
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "a vacancy view could not be counted"),
    }
}

impl Page {
    fn new(generation: u64, headers: &HeaderMap, body: &Bytes) -> Self {
        let policy = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let nonce = policy
            .split_once("'nonce-")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(nonce, _)| nonce)
            .filter(|nonce| !nonce.is_empty());
        let mut headers = headers.clone();
        headers.remove(header::CONTENT_SECURITY_POLICY);
        headers.remove(header::CONTENT_LENGTH);
        let (policy, body) = match nonce {
            Some(nonce) => (
                policy.split(nonce).map(str::to_string).collect(),
                split_around(body, nonce.as_bytes()),
            ),
            None => (vec![policy.to_string()], vec![body.clone()]),
        };
        Self {
            generation,
            kept_at: Instant::now(),
            headers,
            policy,
            body,
        }
    }

    /// The page put together around a nonce of its own.
    fn response(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let body: Vec<u8> = self.body.join(nonce.as_bytes());
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        let policy = self.policy.join(&nonce);
        if let Ok(value) = HeaderValue::from_str(&policy)
            && !policy.is_empty()
        {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
        response
    }
}

/// The pieces of `body` between the occurrences of `needle`.
fn split_around(body: &Bytes, needle: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for end in memchr::memmem::find_iter(body, needle) {
        pieces.push(body.slice(start..end));
        start = end + needle.len();
    }
    pieces.push(body.slice(start..));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(uri: &str, cookie: Option<&str>) -> Request {
        let mut builder = Request::builder().uri(uri);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_public_pages_without_a_session_are_kept() {
        assert_eq!(key_of(&request("/", None)).as_deref(), Some(" /?"));
        assert_eq!(
            key_of(&request("/jobs?q=data&remote=hybrid", None)).as_deref(),
            Some(" /jobs?q=data&remote=hybrid")
        );
        assert!(key_of(&request("/jobs/backend-engineer-1a2b", None)).is_some());
        assert!(key_of(&request("/companies/kestrel", None)).is_some());
        for personal in [
            "/swipe",
            "/jobs/a/apply",
            "/companies/",
            "/account",
            "/api/x",
        ] {
            assert_eq!(key_of(&request(personal, None)), None, "{personal}");
        }
        assert_eq!(key_of(&request("/jobs/a?x=1", None)), None);
        assert_eq!(key_of(&request("/jobs?__err=x", None)), None);
        assert_eq!(
            key_of(&request("/jobs", Some("a=1; hirewell_session=abc"))),
            None
        );
        let long = format!("/jobs?q={}", "a".repeat(LONGEST_ADDRESS));
        assert_eq!(key_of(&request(&long, None)), None);
        let post = Request::builder()
            .method(Method::POST)
            .uri("/jobs")
            .body(Body::empty())
            .unwrap();
        assert_eq!(key_of(&post), None);
    }

    #[test]
    fn the_clock_cookie_is_part_of_the_key() {
        let berlin = key_of(&request("/jobs", Some("hw_clock=Europe/Berlin|1"))).unwrap();
        let lagos = key_of(&request("/jobs", Some("other=1; hw_clock=Africa/Lagos|1"))).unwrap();
        assert_ne!(berlin, lagos);
        assert_ne!(berlin, key_of(&request("/jobs", None)).unwrap());
    }

    #[test]
    fn each_response_of_a_kept_page_has_a_nonce_of_its_own() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self' 'nonce-N0NCE' 'wasm-unsafe-eval'"),
        );
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let body = Bytes::from_static(
            b"<script nonce=\"N0NCE\">a</script><p>N0N</p><script nonce=\"N0NCE\">b</script>",
        );
        let page = Page::new(0, &headers, &body);
        let nonce_of = |response: &Response| {
            let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string();
            policy
                .split_once("'nonce-")
                .unwrap()
                .1
                .split_once('\'')
                .unwrap()
                .0
                .to_string()
        };
        let first = page.response();
        let second = page.response();
        let (one, two) = (nonce_of(&first), nonce_of(&second));
        assert_ne!(one, two);
        assert_ne!(one, "N0NCE");
        assert_eq!(first.headers()[header::CONTENT_TYPE], "text/html");
        let body =
            futures::executor::block_on(axum::body::to_bytes(first.into_body(), 1 << 20)).unwrap();
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            format!(
                "<script nonce=\"{one}\">a</script><p>N0N</p><script nonce=\"{one}\">b</script>"
            )
        );
    }

    #[test]
    fn a_kept_page_weighs_its_headers_too() {
        let body = Bytes::from(vec![b'x'; 20_000]);
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let bare = PageWeight.weight(&"/".into(), &Arc::new(Page::new(0, &headers, &body)));
        let links = format!("<{}>; rel=preload", "/pkg/chunk.wasm".repeat(300));
        headers.insert(header::LINK, HeaderValue::from_str(&links).unwrap());
        let linked = PageWeight.weight(&"/".into(), &Arc::new(Page::new(0, &headers, &body)));
        assert!(bare > 20_000);
        assert_eq!(linked - bare, ("link".len() + links.len()) as u64);
    }

    #[test]
    fn pieces_around_a_needle() {
        let body = Bytes::from_static(b"xNNyNNNNz");
        let pieces = split_around(&body, b"NN");
        assert_eq!(pieces, vec!["x", "y", "", "z"]);
        assert_eq!(
            split_around(&Bytes::from_static(b"abc"), b"NN"),
            vec!["abc"]
        );
    }
}
