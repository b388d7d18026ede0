//! Security middleware: response headers, and the same-origin rule for every
//! request that can change state.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Headers every response carries. Pages set their own Content-Security-Policy
/// with a per-response nonce; anything else gets a policy that allows nothing.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// The site's own origin, e.g. `http://127.0.0.1:3000`.
#[derive(Clone)]
pub struct SiteOrigin(pub Arc<str>);

impl SiteOrigin {
    pub fn from_site_url(site_url: &str) -> Self {
        let without_scheme = site_url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(site_url);
        let host = without_scheme.split('/').next().unwrap_or_default();
        let scheme = site_url.split_once("://").map(|(s, _)| s).unwrap_or("http");
        Self(format!("{scheme}://{host}").into())
    }
}

/// Whether a state-changing request comes from a page of this site: its
/// `Origin` is the site's origin or the host it was sent to, or, when a
/// browser sends no `Origin`, `Sec-Fetch-Site` says same-origin.
pub fn is_same_origin(headers: &HeaderMap, site: &SiteOrigin) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if origin == &*site.0 {
            return true;
        }
        let origin_host = origin.split_once("://").map(|(_, h)| h);
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        return origin_host.is_some() && origin_host == host;
    }
    matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("same-origin")
    )
}

pub async fn same_origin_writes(
    State(site): State<SiteOrigin>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || is_same_origin(request.headers(), &site) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-origin write refused");
        (
            StatusCode::FORBIDDEN,
            "This request did not come from a page of this site.",
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_rules() {
        let site = SiteOrigin::from_site_url("http://127.0.0.1:3000/");
        assert_eq!(&*site.0, "http://127.0.0.1:3000");
        assert!(is_same_origin(
            &headers(&[("origin", "http://127.0.0.1:3000")]),
            &site
        ));
        assert!(is_same_origin(
            &headers(&[
                ("origin", "http://localhost:3000"),
                ("host", "localhost:3000")
            ]),
            &site
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            &site
        ));
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &site
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &site
        ));
        assert!(!is_same_origin(&headers(&[]), &site));
    }
}
