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
//!
//! A copy is kept compressed, in the pieces between those places and the
//! stylesheet's slot (`gzip_pieces`): a browser taking gzip is sent it
//! without compressing it again, a rare one that does not gets it inflated.

use crate::gzip_pieces::{self, Deflated, GzipBody};
use crate::site_files::{self, Stylesheet};
use crate::state::{AppState, RequestContext};
use axum::body::Body;
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

/// What all copies together may weigh (their compressed bodies and their
/// headers): about 290 vacancy pages or 170 searches. Held uncompressed,
/// 4 MB had held about 150 vacancy pages; 16 MB had left an instance on
/// the large data set 23 MB more at rest after a minute of visitors.
const CAPACITY_BYTES: u64 = 2 * 1024 * 1024;

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
    /// The body's pieces, each compressed apart, and what goes after each
    /// but the last.
    body: Vec<Deflated>,
    gaps: Vec<Gap>,
}

/// What stands between two pieces of a kept page's body.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gap {
    Nonce,
    /// The stylesheet's slot, between `<style>` and `</style>`.
    Stylesheet,
}

#[derive(Clone)]
struct PageWeight;

impl Weighter<String, Arc<Page>> for PageWeight {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        let body: usize = page.body.iter().map(Deflated::size).sum();
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

    fn keep(&self, key: String, page: Arc<Page>) {
        if self.listening() && page.generation == self.generation() {
            self.0.pages.insert(key, page);
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
/// site renders for them. Inside `site_files::insert_stylesheet`, which
/// passes on the compressed copies it is sent.
pub async fn serve(
    State((state, stylesheet)): State<(AppState, &'static Stylesheet)>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let stylesheet = stylesheet
        .gzip()
        .filter(|_| gzip_pieces::accepts_gzip(request.headers()));
    let cache = &state.pages;
    if let Some(page) = cache.get(&key) {
        if let Some(slug) = request.uri().path().strip_prefix("/jobs/") {
            let slug = slug.to_string();
            count_view(&state, &slug, request).await;
        }
        return page.response(stylesheet);
    }
    let generation = cache.generation();
    let response = next.run(request).await;
    if response.status() != StatusCode::OK
        || response.headers().contains_key(header::SET_COOKIE)
        || !site_files::is_html(response.headers())
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
        match Page::new(generation, &parts.headers, &bytes) {
            Ok(page) => {
                let page = Arc::new(page);
                cache.keep(key, page.clone());
                // Compressed once: the copy is what this visitor is sent too.
                if stylesheet.is_some() {
                    return page.response(stylesheet);
                }
            }
            Err(error) => tracing::error!(%error, "a public page could not be compressed"),
        }
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
    fn new(
        generation: u64,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Self, flate2::CompressError> {
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
        let policy = match nonce {
            Some(nonce) => policy.split(nonce).map(str::to_string).collect(),
            None => vec![policy.to_string()],
        };
        // Where the body is cut: (start, length cut out, what goes there).
        let mut cuts: Vec<(usize, usize, Gap)> = nonce
            .map(|nonce| {
                memchr::memmem::find_iter(body, nonce.as_bytes())
                    .map(|at| (at, nonce.len(), Gap::Nonce))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(at) = site_files::slot_in(body) {
            cuts.push((at, 0, Gap::Stylesheet));
            cuts.sort_unstable_by_key(|&(at, ..)| at);
        }
        let (mut pieces, mut gaps, mut start) = (Vec::new(), Vec::new(), 0);
        for (at, len, gap) in cuts {
            // Cuts never overlap (a nonce holds no `<style>`); were one to, it is left out.
            let Some(text) = body.get(start..at) else {
                continue;
            };
            pieces.push(Deflated::kept(text, site_files::PAGE_LEVEL)?);
            gaps.push(gap);
            start = at + len;
        }
        pieces.push(Deflated::kept(&body[start..], site_files::PAGE_LEVEL)?);
        Ok(Self {
            generation,
            kept_at: Instant::now(),
            headers,
            policy,
            body: pieces,
            gaps,
        })
    }

    /// The page put together around a nonce of its own: compressed, with
    /// the stylesheet in its slot, when given the stylesheet compressed;
    /// otherwise plain, its slot left for `insert_stylesheet`.
    fn response(&self, stylesheet: Option<&Deflated>) -> Response {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let mut headers = self.headers.clone();
        let body = match stylesheet {
            Some(stylesheet) => {
                let nonce = Deflated::stored(nonce.as_bytes());
                let size = self.body.iter().map(Deflated::size).sum::<usize>()
                    + stylesheet.size()
                    + self.gaps.len() * nonce.size();
                let mut body = GzipBody::with_capacity(size);
                for (at, piece) in self.body.iter().enumerate() {
                    body.push(piece);
                    match self.gaps.get(at) {
                        Some(Gap::Nonce) => body.push(&nonce),
                        Some(Gap::Stylesheet) => body.push(stylesheet),
                        None => {}
                    }
                }
                gzip_pieces::mark_gzip(&mut headers);
                body.finish()
            }
            None => match self.inflate(&nonce) {
                Ok(body) => body.into(),
                Err(error) => {
                    tracing::error!(%error, "a kept public page could not be inflated");
                    return StatusCode::SERVICE_UNAVAILABLE.into_response();
                }
            },
        };
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = headers;
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

    /// The page plain, with `nonce` in its places and its slot empty.
    fn inflate(&self, nonce: &str) -> std::io::Result<Vec<u8>> {
        let mut body = Vec::new();
        for (at, piece) in self.body.iter().enumerate() {
            piece.inflate_into(&mut body)?;
            if self.gaps.get(at) == Some(&Gap::Nonce) {
                body.extend_from_slice(nonce.as_bytes());
            }
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use std::io::Read;

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

    /// A page with its nonce twice, once more in the policy, "N0N" as text
    /// and the stylesheet's slot.
    fn page() -> Page {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self' 'nonce-N0NCE' 'wasm-unsafe-eval'"),
        );
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("99"));
        let body = "<head><script nonce=\"N0NCE\">a</script><style></style></head>\
                    <p>N0N</p><script nonce=\"N0NCE\">b</script>";
        Page::new(0, &headers, body.as_bytes()).unwrap()
    }

    fn nonce_of(response: &Response) -> String {
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        let (_, rest) = policy.split_once("'nonce-").unwrap();
        rest.split_once('\'').unwrap().0.to_string()
    }

    fn body_of(response: Response) -> Vec<u8> {
        futures::executor::block_on(axum::body::to_bytes(response.into_body(), 1 << 20))
            .unwrap()
            .to_vec()
    }

    fn expected(nonce: &str, stylesheet: &str) -> String {
        format!(
            "<head><script nonce=\"{nonce}\">a</script><style>{stylesheet}</style></head>\
             <p>N0N</p><script nonce=\"{nonce}\">b</script>"
        )
    }

    #[test]
    fn each_response_of_a_kept_page_has_a_nonce_of_its_own() {
        let page = page();
        assert_eq!(page.gaps, [Gap::Nonce, Gap::Stylesheet, Gap::Nonce]);
        let first = page.response(None);
        let second = page.response(None);
        let (one, two) = (nonce_of(&first), nonce_of(&second));
        assert_ne!(one, two);
        assert_ne!(one, "N0NCE");
        assert_eq!(first.headers()[header::CONTENT_TYPE], "text/html");
        // Plain: the slot is left for the stylesheet's middleware.
        assert_eq!(first.headers().get(header::CONTENT_ENCODING), None);
        assert_eq!(first.headers().get(header::CONTENT_LENGTH), None);
        assert_eq!(
            String::from_utf8(body_of(first)).unwrap(),
            expected(&one, "")
        );
    }

    #[test]
    fn a_browser_taking_gzip_gets_the_kept_page_with_the_stylesheet_compressed() {
        let stylesheet = "p{color:red}".repeat(100);
        let compressed = Deflated::kept(stylesheet.as_bytes(), Compression::best()).unwrap();
        let response = page().response(Some(&compressed));
        let nonce = nonce_of(&response);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let mut plain = String::new();
        flate2::read::GzDecoder::new(&body_of(response)[..])
            .read_to_string(&mut plain)
            .unwrap();
        assert_eq!(plain, expected(&nonce, &stylesheet));
    }

    #[test]
    fn a_page_without_nonce_or_slot_is_one_piece() {
        let body = "<p>plain</p>".repeat(100);
        let page = Page::new(0, &HeaderMap::new(), body.as_bytes()).unwrap();
        assert!(page.gaps.is_empty());
        let response = page.response(None);
        assert_eq!(
            response.headers().get(header::CONTENT_SECURITY_POLICY),
            None
        );
        assert_eq!(body_of(response), body.as_bytes());
    }

    #[test]
    fn a_kept_page_weighs_its_compressed_body_and_its_headers() {
        let body = "<p>kept</p>".repeat(2_000);
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        let weigh = |headers: &HeaderMap| {
            let page = Page::new(0, headers, body.as_bytes()).unwrap();
            PageWeight.weight(&"/".into(), &Arc::new(page))
        };
        let bare = weigh(&headers);
        assert!(bare < body.len() as u64 / 10);
        let links = format!("<{}>; rel=preload", "/pkg/chunk.wasm".repeat(300));
        headers.insert(header::LINK, HeaderValue::from_str(&links).unwrap());
        assert_eq!(weigh(&headers) - bare, ("link".len() + links.len()) as u64);
    }
}
