//! Files of the build that the server reads or names: the stylesheet it
//! writes into each page, the bundle's main module, and the splitter's
//! manifest (`preload`). With `hash-files` their names carry their
//! content's hash, which the build records in a file beside the server.

use crate::gzip_pieces::{self, Deflated, GzipBody};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use futures::StreamExt;
use leptos::config::LeptosOptions;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The hash the build recorded for a kind of file (`css`, `split`, …).
pub fn hash_of(options: &LeptosOptions, kind: &str) -> Option<String> {
    let record = std::env::current_exe()
        .ok()?
        .parent()?
        .join(options.hash_file.as_ref());
    hash_in(&std::fs::read_to_string(record).ok()?, kind)
}

/// The hash of `kind` in a record of lines such as `css: 1Ab…`.
fn hash_in(record: &str, kind: &str) -> Option<String> {
    record.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_string())
    })
}

/// A file in the site's package folder.
pub fn in_pkg(options: &LeptosOptions, name: &str) -> PathBuf {
    std::path::Path::new(options.site_root.as_ref())
        .join(options.site_pkg_dir.as_ref())
        .join(name)
}

/// The site's stylesheet, read once: it changes only with a new build (and
/// server). Empty, with an error logged, when the build has none.
pub struct Stylesheet {
    text: String,
    /// Compressed once, at the best level, for every gzip page.
    gzip: Option<Deflated>,
}

pub fn stylesheet(options: &LeptosOptions) -> &'static Stylesheet {
    static CSS: OnceLock<Stylesheet> = OnceLock::new();
    CSS.get_or_init(|| {
        let stem = &options.output_name;
        let name = if options.hash_files {
            hash_of(options, "css").map(|hash| format!("{stem}.{hash}.css"))
        } else {
            Some(format!("{stem}.css"))
        };
        let read = name.map(|name| std::fs::read_to_string(in_pkg(options, &name)));
        let text = match read {
            Some(Ok(css)) => css,
            _ => {
                tracing::error!("the site's stylesheet is missing: build the site first");
                String::new()
            }
        };
        Stylesheet::new(text)
    })
}

impl Stylesheet {
    /// The stylesheet compressed, unless compressing it failed at start.
    pub fn gzip(&self) -> Option<&Deflated> {
        self.gzip.as_ref()
    }

    fn new(text: String) -> Self {
        let gzip = Deflated::kept(text.as_bytes(), Compression::best())
            .inspect_err(|error| tracing::error!(%error, "the stylesheet could not be compressed"))
            .ok();
        Self { text, gzip }
    }
}

/// Where the page shell leaves the stylesheet out (`routes::shell`): an
/// empty style element, within the page's first bytes (the head before it
/// is fixed text, so nothing a user wrote can come first).
const STYLE_SLOT: &[u8] = b"<style></style>";
const SLOT_WITHIN: usize = 1024;

/// Whether a response is an HTML page.
pub fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Where the stylesheet goes in a page: after the slot's opening tag.
pub(crate) fn slot_in(page: &[u8]) -> Option<usize> {
    let within = &page[..page.len().min(SLOT_WITHIN)];
    memchr::memmem::find(within, STYLE_SLOT).map(|at| at + "<style>".len())
}

/// How hard each page's own part is compressed: the fastest level was
/// four times quicker than the default on a 20 KB page for 14% more bytes.
pub(crate) const PAGE_LEVEL: Compression = Compression::fast();

/// Writes the stylesheet into each page on its way out, as a piece of the
/// body of its own. Rendered into the page, its 55 KB were copied as the
/// page grew, searched twice and copied again for the title
/// (`leptos_meta`), and held by every kept public page; here it is sent
/// from the one copy read at start. The page is otherwise untouched.
///
/// A browser that takes gzip gets the page compressed here, around the
/// stylesheet compressed once: compressing the whole page for every
/// response (brotli, by the compression layer) cost more than rendering it.
pub async fn insert_stylesheet(
    State(stylesheet): State<&'static Stylesheet>,
    request: Request,
    next: Next,
) -> Response {
    let gzip = gzip_pieces::accepts_gzip(request.headers());
    let response = next.run(request).await;
    if !is_html(response.headers()) || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    match &stylesheet.gzip {
        Some(compressed) if gzip => send_gzip(response, &stylesheet.text, compressed).await,
        _ => send_plain(response, &stylesheet.text).await,
    }
}

/// The page compressed, with the stylesheet in its slot.
async fn send_gzip(
    response: Response,
    stylesheet: &'static str,
    compressed: &Deflated,
) -> Response {
    let (mut parts, body) = response.into_parts();
    // Pages render whole before they are sent: reading one waits for nothing.
    let page = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(page) => page,
        Err(error) => {
            tracing::warn!(%error, "a page could not be read to compress");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let gzip = || {
        let mut body = GzipBody::with_capacity(compressed.size() + page.len() / 3);
        match slot_in(&page) {
            Some(at) => {
                body.push(&Deflated::new(&page[..at], PAGE_LEVEL)?);
                body.push(compressed);
                body.push(&Deflated::new(&page[at..], PAGE_LEVEL)?);
            }
            None => body.push(&Deflated::new(&page, PAGE_LEVEL)?),
        }
        Ok::<_, flate2::CompressError>(body.finish())
    };
    match gzip() {
        Ok(body) => {
            gzip_pieces::mark_gzip(&mut parts.headers);
            Response::from_parts(parts, Body::from(body))
        }
        Err(error) => {
            tracing::error!(%error, "a page could not be compressed");
            send_plain(Response::from_parts(parts, Body::from(page)), stylesheet).await
        }
    }
}

/// The page as it is, with the stylesheet in its slot.
async fn send_plain(response: Response, stylesheet: &'static str) -> Response {
    if stylesheet.is_empty() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let mut chunks = body.into_data_stream();
    let first = match chunks.next().await {
        Some(Ok(first)) => first,
        Some(Err(error)) => {
            let failed = futures::stream::once(async { Err::<Bytes, _>(error) });
            return Response::from_parts(parts, Body::from_stream(failed));
        }
        None => return Response::from_parts(parts, Body::empty()),
    };
    let pieces = match slot_in(&first) {
        Some(at) => {
            let mut head = first;
            let tail = head.split_off(at);
            parts.headers.remove(header::CONTENT_LENGTH);
            vec![head, Bytes::from_static(stylesheet.as_bytes()), tail]
        }
        None => vec![first],
    };
    let pieces = futures::stream::iter(pieces.into_iter().map(Ok));
    Response::from_parts(parts, Body::from_stream(pieces.chain(chunks)))
}

/// The addresses of the bundle's main script and WebAssembly module.
pub struct MainModule {
    pub script: String,
    pub wasm: String,
}

/// Reads the build's record of hashes: call it once (`routes::BundleScripts`).
pub fn main_module(options: &LeptosOptions) -> MainModule {
    let (pkg, stem) = (&options.site_pkg_dir, &options.output_name);
    let address = |kind: &str| {
        let hash = options.hash_files.then(|| hash_of(options, kind)).flatten();
        match hash {
            Some(hash) => format!("/{pkg}/{stem}.{hash}.{kind}"),
            None => {
                if options.hash_files {
                    tracing::error!("the build recorded no hash for its {kind} file");
                }
                format!("/{pkg}/{stem}.{kind}")
            }
        }
    };
    MainModule {
        script: address("js"),
        wasm: address("wasm"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::http::StatusCode;
    use axum::routing::get;
    use std::io::Read;
    use tower::ServiceExt;

    /// A page whose only empty style element comes after its first KB, as
    /// text a user wrote could put one there.
    fn late_slot() -> String {
        "<p>x</p>".repeat(200) + "<style></style>"
    }

    /// What the site answers at `path` to a browser taking `encodings`, with
    /// the stylesheet "p{color:red}": a page from the shell, a page with a
    /// late slot, and plain text. The body comes uncompressed.
    async fn answer(path: &str, encodings: &str) -> (HeaderMap, String) {
        const SHELL: &str = "<!DOCTYPE html><html><head><style></style></head>\
                             <body><p>Hello</p><style></style></body></html>";
        const HTML: [(header::HeaderName, &str); 1] =
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")];
        static STYLESHEET: OnceLock<Stylesheet> = OnceLock::new();
        let app = Router::new()
            .route("/page", get(|| async { (HTML, SHELL) }))
            .route("/late", get(|| async { (HTML, late_slot()) }))
            .route("/text", get(|| async { "<style></style>" }))
            .layer(axum::middleware::from_fn_with_state(
                STYLESHEET.get_or_init(|| Stylesheet::new("p{color:red}".into())),
                insert_stylesheet,
            ));
        let request = Request::builder()
            .uri(path)
            .header(header::ACCEPT_ENCODING, encodings)
            .body(Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body = match headers.get(header::CONTENT_ENCODING) {
            Some(coding) => {
                assert_eq!(coding, "gzip");
                let mut plain = String::new();
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_string(&mut plain)
                    .unwrap();
                plain
            }
            None => String::from_utf8(body.to_vec()).unwrap(),
        };
        (headers, body)
    }

    const STYLED: &str = "<!DOCTYPE html><html><head><style>p{color:red}</style></head>\
                          <body><p>Hello</p><style></style></body></html>";

    #[tokio::test]
    async fn the_stylesheet_goes_into_the_pages_slot_only() {
        let (headers, body) = answer("/page", "identity").await;
        assert_eq!(body, STYLED);
        assert_eq!(headers.get(header::CONTENT_ENCODING), None);
        // The length the page had would now be wrong: it is left to the body.
        assert_eq!(headers.get(header::CONTENT_LENGTH), None);
    }

    #[tokio::test]
    async fn a_browser_taking_gzip_gets_the_page_compressed_with_its_stylesheet() {
        let (headers, body) = answer("/page", "gzip, deflate, br, zstd").await;
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
        assert_eq!(headers[header::VARY], "accept-encoding");
        assert_eq!(body, STYLED);
        let (headers, body) = answer("/late", "gzip").await;
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
        assert_eq!(body, late_slot());
    }

    #[tokio::test]
    async fn other_answers_pass_unchanged() {
        assert!(late_slot().len() > SLOT_WITHIN);
        assert_eq!(answer("/late", "identity").await.1, late_slot());
        for encodings in ["identity", "gzip"] {
            let (headers, body) = answer("/text", encodings).await;
            assert_eq!(headers.get(header::CONTENT_ENCODING), None);
            assert_eq!(headers[header::CONTENT_LENGTH], "15");
            assert_eq!(body, "<style></style>");
        }
    }

    #[test]
    fn reads_the_hash_of_each_kind_from_the_build_record() {
        let record = "js: aaa\nwasm: bbb\ncss: r5Zu-X_l4h\nsplit: ddd\n";
        assert_eq!(hash_in(record, "css").as_deref(), Some("r5Zu-X_l4h"));
        assert_eq!(hash_in(record, "split").as_deref(), Some("ddd"));
        assert_eq!(hash_in(record, "manifest"), None);
    }
}
