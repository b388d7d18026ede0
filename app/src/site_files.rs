//! Files of the build that the server reads or names: the stylesheet it
//! writes into each page, the bundle's main module, and the splitter's
//! manifest (`preload`). With `hash-files` their names carry their
//! content's hash, which the build records in a file beside the server.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::Response;
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
pub fn stylesheet(options: &LeptosOptions) -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| {
        let stem = &options.output_name;
        let name = if options.hash_files {
            hash_of(options, "css").map(|hash| format!("{stem}.{hash}.css"))
        } else {
            Some(format!("{stem}.css"))
        };
        let read = name.map(|name| std::fs::read_to_string(in_pkg(options, &name)));
        match read {
            Some(Ok(css)) => css,
            _ => {
                tracing::error!("the site's stylesheet is missing: build the site first");
                String::new()
            }
        }
    })
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

/// Writes the stylesheet into each page on its way out, as a piece of the
/// body of its own. Rendered into the page, its 55 KB were copied as the
/// page grew, searched twice and copied again for the title
/// (`leptos_meta`), and held by every kept public page; here it is sent
/// from the one copy read at start. The page is otherwise untouched.
pub async fn insert_stylesheet(
    State(stylesheet): State<&'static str>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    if stylesheet.is_empty() || !is_html(response.headers()) {
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
    let within = &first[..first.len().min(SLOT_WITHIN)];
    let pieces = match memchr::memmem::find(within, STYLE_SLOT) {
        Some(at) => {
            let mut head = first;
            let tail = head.split_off(at + "<style>".len());
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
    use tower::ServiceExt;

    /// A page whose only empty style element comes after its first KB, as
    /// text a user wrote could put one there.
    fn late_slot() -> String {
        "<p>x</p>".repeat(200) + "<style></style>"
    }

    /// What the site answers at `path`, with the stylesheet "p{color:red}":
    /// a page from the shell, a page with a late slot, and plain text.
    async fn answer(path: &str) -> (Option<String>, String) {
        const SHELL: &str = "<!DOCTYPE html><html><head><style></style></head>\
                             <body><p>Hello</p><style></style></body></html>";
        const HTML: [(header::HeaderName, &str); 1] =
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")];
        let app = Router::new()
            .route("/page", get(|| async { (HTML, SHELL) }))
            .route("/late", get(|| async { (HTML, late_slot()) }))
            .route("/text", get(|| async { "<style></style>" }))
            .layer(axum::middleware::from_fn_with_state(
                "p{color:red}",
                insert_stylesheet,
            ));
        let request = Request::builder().uri(path).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let length = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .map(|v| v.to_str().unwrap().to_string());
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (length, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn the_stylesheet_goes_into_the_pages_slot_only() {
        let (length, body) = answer("/page").await;
        assert_eq!(
            body,
            "<!DOCTYPE html><html><head><style>p{color:red}</style></head>\
             <body><p>Hello</p><style></style></body></html>"
        );
        // The length the page had would now be wrong: it is left to the body.
        assert_eq!(length, None);
    }

    #[tokio::test]
    async fn other_answers_pass_unchanged() {
        assert!(late_slot().len() > SLOT_WITHIN);
        assert_eq!(answer("/late").await.1, late_slot());
        let (length, body) = answer("/text").await;
        assert_eq!(
            (length.as_deref(), body.as_str()),
            (Some("15"), "<style></style>")
        );
    }

    #[test]
    fn reads_the_hash_of_each_kind_from_the_build_record() {
        let record = "js: aaa\nwasm: bbb\ncss: r5Zu-X_l4h\nsplit: ddd\n";
        assert_eq!(hash_in(record, "css").as_deref(), Some("r5Zu-X_l4h"));
        assert_eq!(hash_in(record, "split").as_deref(), Some("ddd"));
        assert_eq!(hash_in(record, "manifest"), None);
    }
}
