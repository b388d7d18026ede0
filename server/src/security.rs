//! Security middleware: response headers, the same-origin rule for every
//! request that can change state, and the text rule for every input.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Headers every response carries. Pages set their own Content-Security-Policy
/// with a per-response nonce; anything else gets a policy that allows nothing.
/// A site served over TLS also tells browsers to use nothing else (HSTS).
pub async fn security_headers(
    State(site): State<SiteOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if site.0.starts_with("https://") {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
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

/// Writes that carry their own authority: the one-click unsubscribe
/// (RFC 8058, a signed token) and the mail provider's reports (a secret).
const TOKEN_AUTHORISED_WRITES: [&str; 2] = ["/unsubscribe", "/api/email/events"];

/// Payment gateways' events, each signed by its gateway.
const SIGNED_WEBHOOKS: &str = "/webhooks/";

pub async fn same_origin_writes(
    State(site): State<SiteOrigin>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // These act on a token or signature in the request, not on a session,
    // and are meant to be called from elsewhere (mail clients, the mail
    // provider, payment gateways).
    let path = request.uri().path();
    let token_authorised =
        TOKEN_AUTHORISED_WRITES.contains(&path) || path.starts_with(SIGNED_WEBHOOKS);
    if safe || token_authorised || is_same_origin(request.headers(), &site) {
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

/// Url-encoded form bodies larger than this are refused before parsing.
const MAX_FORM_BYTES: usize = 1024 * 1024;

/// Refuses text the site does not accept (`app::input::text_problem`)
/// wherever it arrives as text: the path, the query string and url-encoded
/// form bodies. So no page, server function or query ever sees a NUL byte
/// or a field of 200 KB, whichever function it is meant for. A server
/// function call gets field errors (a plain form post is sent back to its
/// page with them, as Leptos does for errors); a page gets a 400. An upload
/// function called with anything but a multipart form is refused too (its
/// decoder would panic).
pub async fn readable_input(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if app::routes::upload_endpoints().contains(&parts.uri.path())
        && !(content_type.starts_with("multipart/form-data") && content_type.contains("boundary="))
    {
        let error = app::error::AppError::Refused(
            "Send the file with the upload form (multipart/form-data).".into(),
        );
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, axum::Json(error)).into_response();
    }
    let mut problems = Vec::new();
    let mut check = |name: &str, value: &str| {
        if let Some(message) = app::input::text_problem(value) {
            problems.push(app::error::FieldError::new(
                app::input::field_of(name),
                message,
            ));
        }
    };
    let path = percent_encoding::percent_decode_str(parts.uri.path()).decode_utf8_lossy();
    check("address", &path);
    for (name, value) in form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()) {
        check(&name, &name);
        check(&name, &value);
    }
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let mut form = None;
    let body = if is_form {
        let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM_BYTES).await else {
            let error = app::error::AppError::Refused(
                "The form is too large to send. Shorten the longest fields and try again.".into(),
            );
            return (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(error)).into_response();
        };
        for (name, value) in form_urlencoded::parse(&bytes) {
            check(&name, &name);
            check(&name, &value);
        }
        form = Some(bytes.clone());
        Body::from(bytes)
    } else {
        body
    };
    if problems.is_empty() {
        let plain_post = is_plain_form_post(&parts.headers);
        let response = next.run(Request::from_parts(parts, body)).await;
        return match form {
            Some(form) if plain_post => echo_form_values(response, &form),
            _ => response,
        };
    }
    problems.dedup_by(|a, b| a.field == b.field);
    tracing::info!(path = %parts.uri.path(), fields = problems.len(), "unreadable input refused");
    refuse_unreadable(&parts, problems)
}

/// A form posted by a browser without script (it asks for HTML).
fn is_plain_form_post(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// Longest `__values` carried back in an address.
const MAX_ECHO_BYTES: usize = 4096;

/// A plain form post that failed goes back to its page with the error in
/// the address (`__err`, as Leptos does); this adds what was typed
/// (`__values`, as JSON), so the page shows the form as it was sent rather
/// than empty. Passwords, tokens and secrets are never carried; a form too
/// long to carry comes back without them.
fn echo_form_values(mut response: Response, form: &[u8]) -> Response {
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .filter(|l| l.contains("__err="))
    else {
        return response;
    };
    let kept: std::collections::BTreeMap<String, String> = form_urlencoded::parse(form)
        .filter(|(name, _)| {
            let name = name.to_lowercase();
            !["password", "token", "secret"]
                .iter()
                .any(|secret| name.contains(secret))
        })
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let values = serde_json::to_string(&kept)
        .ok()
        .filter(|values| values.len() <= MAX_ECHO_BYTES);
    let location = address_after_failed_post(location, values.as_deref());
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Leptos appends a failure's `__path` and `__err` to the page's address
/// as the browser sent it, which may still hold an earlier failure's (the
/// page would show that one, as the first) or an earlier success's notice
/// (the page would say "saved" over the error). Those go; the page's own
/// query stays, then the last failure and what was typed.
fn address_after_failed_post(location: &str, values: Option<&str>) -> String {
    let (address, rest) = location.split_once('?').unwrap_or((location, ""));
    let (query, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let name_of = |pair: &str| {
        pair.split_once('=')
            .map_or(pair, |(name, _)| name)
            .to_owned()
    };
    let last = |name: &str| query.split('&').rev().find(|pair| name_of(pair) == name);
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|pair| {
            !pair.is_empty()
                && !["__path", "__err", "__values", "notice"].contains(&&*name_of(pair))
        })
        .map(str::to_owned)
        .collect();
    pairs.extend(
        last("__path")
            .into_iter()
            .chain(last("__err"))
            .map(str::to_owned),
    );
    if let Some(values) = values {
        pairs.push(format!("__values={}", app::ui::urlencode(values)));
    }
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    format!("{address}?{}{fragment}", pairs.join("&"))
}

fn refuse_unreadable(
    parts: &axum::http::request::Parts,
    problems: Vec<app::error::FieldError>,
) -> Response {
    use leptos::server_fn::error::ServerFnUrlError;
    let path = parts.uri.path();
    if !path.starts_with("/api/") {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<!DOCTYPE html><html lang=\"en\"><title>Bad address · Hirewell</title>\
             <p>This address contains characters we cannot read. Check the link, or go to \
             <a href=\"/\">the home page</a>.</p></html>",
        )
            .into_response();
    }
    let error = app::error::AppError::Validation(problems);
    let plain_form_post = is_plain_form_post(&parts.headers);
    let referer = parts
        .headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if plain_form_post && let Some(mut referer) = referer {
        // Back to the form with its errors, the way Leptos answers a plain
        // form post whose server function failed.
        ServerFnUrlError::<app::error::AppError>::strip_error_info(&mut referer);
        if let Ok(url) = ServerFnUrlError::new(path, error.clone()).to_url(&referer)
            && let Ok(location) = HeaderValue::from_str(url.as_str())
        {
            return (StatusCode::FOUND, [(header::LOCATION, location)]).into_response();
        }
    }
    (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(error)).into_response()
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

    #[test]
    fn a_failed_post_goes_back_with_only_its_own_error() {
        let values = Some(r#"{"name":"Ada"}"#);
        // The first failure: the page's query stays, the error and values follow.
        assert_eq!(
            address_after_failed_post("http://h/settings?tab=a&__path=%2Fapi%2Fx&__err=E1", values),
            "http://h/settings?tab=a&__path=%2Fapi%2Fx&__err=E1&__values=%7B%22name%22%3A%22Ada%22%7D"
        );
        // A second failure on that page: only the new error, no earlier
        // values, and no notice of an earlier success.
        assert_eq!(
            address_after_failed_post(
                "http://h/settings?notice=settings_saved&__path=%2Fapi%2Fx&__err=E1&__values=%7B%7D&__path=%2Fapi%2Fy&__err=E2",
                None
            ),
            "http://h/settings?__path=%2Fapi%2Fy&__err=E2"
        );
        assert_eq!(
            address_after_failed_post("/p?__err=E#form", None),
            "/p?__err=E#form"
        );
    }
}
