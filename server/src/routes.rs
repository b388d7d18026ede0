//! The HTTP routes: pages and server functions (registered by Leptos from
//! `app::routes`), health checks and static files, plus the middleware stack.

use crate::request_tasks::RequestTasks;
use crate::security::{SiteOrigin, readable_input, same_origin_writes, security_headers};
use app::error::AppError;
use app::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRequestParts, Path, Query, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures::StreamExt;
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use std::sync::Arc;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, DefaultPredicate};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, Session, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

pub use app::auth::session::COOKIE as SESSION_COOKIE;

/// Answers while the process is up.
async fn healthz() -> &'static str {
    "ok"
}

/// Answers once the database is reachable.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match sqlx::query("select 1").execute(&state.pool).await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(error) => {
            tracing::warn!(%error, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// The viewer of a file request (`None` when logged out or on error).
async fn viewer(state: &AppState, session: &Session) -> Option<app::auth::CurrentUser> {
    app::auth::session::user_of_session(session, &state.pool)
        .await
        .ok()
        .flatten()
}

/// A request for a stored file: who asks (`None` when logged out or on
/// error) and the file's id. An id that is not one is answered 404 before
/// anything else is read.
struct FileRequest {
    viewer: Option<app::auth::CurrentUser>,
    id: uuid::Uuid,
}

impl FromRequestParts<AppState> for FileRequest {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let id = id
            .parse()
            .map_err(|_| StatusCode::NOT_FOUND.into_response())?;
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self {
            viewer: viewer(state, &session).await,
            id,
        })
    }
}

async fn photo(State(state): State<AppState>, file: FileRequest) -> Response {
    app::media::serve::photo(&state, file.viewer, file.id, false).await
}

async fn photo_thumbnail(State(state): State<AppState>, file: FileRequest) -> Response {
    app::media::serve::photo(&state, file.viewer, file.id, true).await
}

async fn resume(State(state): State<AppState>, file: FileRequest) -> Response {
    app::media::serve::resume(&state, file.viewer, file.id).await
}

async fn chat_file(State(state): State<AppState>, file: FileRequest) -> Response {
    app::chat::files::serve(&state, file.viewer, file.id).await
}

async fn video(
    State(state): State<AppState>,
    file: FileRequest,
    request: Request<Body>,
) -> Response {
    app::media::video::serve::video(&state, file.viewer, file.id, false, request).await
}

async fn video_thumbnail(
    State(state): State<AppState>,
    file: FileRequest,
    request: Request<Body>,
) -> Response {
    app::media::video::serve::video(&state, file.viewer, file.id, true, request).await
}

async fn invoice_pdf(State(state): State<AppState>, file: FileRequest) -> Response {
    app::billing::serve::invoice_pdf(&state, file.viewer, file.id).await
}

async fn credit_note_pdf(State(state): State<AppState>, file: FileRequest) -> Response {
    app::billing::serve::credit_note_pdf(&state, file.viewer, file.id).await
}

/// The period a CSV download asks for (`?days=`).
#[derive(serde::Deserialize)]
struct Period {
    days: Option<i64>,
}

async fn metrics_csv(
    State(state): State<AppState>,
    session: Session,
    Query(period): Query<Period>,
) -> Response {
    app::metrics::serve::csv(&state, viewer(&state, &session).await, period.days).await
}

/// A payment gateway's event: the raw body, for its signature.
async fn webhook(
    State(state): State<AppState>,
    Path(gateway): Path<String>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    app::billing::webhooks::receive(&state, &gateway, &headers, &body)
        .await
        .into_response()
}

async fn member_photo(State(state): State<AppState>, file: FileRequest) -> Response {
    app::companies::serve::member_photo(&state, file.viewer, file.id).await
}

async fn company_logo(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    app::companies::serve::logo(&state, id).await
}

/// A server function call that failed before reaching the function's body
/// (missing or malformed arguments) is the client's mistake: 400, not 500.
async fn malformed_calls_are_bad_requests(request: Request<Body>, next: Next) -> Response {
    let is_call = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_call || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(AppError::Transport(detail)) = serde_json::from_slice::<AppError>(&bytes) {
        tracing::info!(%detail, "malformed server function call");
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Renders a page or runs a server function to its end even when the
/// client goes away midway (a closed tab, a dropped connection). Leptos
/// disposes the request's reactive owner as soon as its response is
/// dropped, while tasks the render spawned run on: they then read disposed
/// values (a panic, or "AppState missing from context") and what they had
/// made was never freed. Cutting off 16 connections to the pipeline page
/// kept 10 to 35 MB each time, for good. Finishing costs the work of at
/// most the requests in flight when their clients left.
///
/// Each step of the work runs apart from other requests, with the tasks
/// Leptos starts for it (`request_tasks`).
async fn finish_despite_disconnects(request: Request<Body>, next: Next) -> Response {
    // A task of its own, so that the handler runs on if this future is
    // dropped; its response, dropped then, finishes its body (below).
    let handler = tokio::spawn(async move {
        let mut tasks = RequestTasks::default();
        let mut run = std::pin::pin!(next.run(request));
        let response = std::future::poll_fn(|cx| tasks.step(cx, |cx| run.as_mut().poll(cx)));
        let (head, body) = response.await.into_parts();
        let body = FinishOnDrop {
            body: Some(body.into_data_stream()),
            tasks,
        };
        Response::from_parts(head, Body::from_stream(body))
    });
    handler
        .await
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// A response body that, dropped before its end, is read to its end in a
/// task of its own. Read through, it costs nothing.
struct FinishOnDrop {
    body: Option<axum::body::BodyDataStream>,
    tasks: RequestTasks,
}

impl futures::Stream for FinishOnDrop {
    type Item = Result<axum::body::Bytes, axum::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let Self { body, tasks } = &mut *self;
        let Some(stream) = body.as_mut() else {
            return std::task::Poll::Ready(None);
        };
        let next = tasks.step(cx, |cx| stream.poll_next_unpin(cx));
        if let std::task::Poll::Ready(None) = next {
            *body = None;
        }
        next
    }
}

impl Drop for FinishOnDrop {
    fn drop(&mut self) {
        if let (Some(mut body), Ok(runtime)) =
            (self.body.take(), tokio::runtime::Handle::try_current())
        {
            let mut tasks = std::mem::take(&mut self.tasks);
            let mut next_chunk = move |cx: &mut std::task::Context<'_>| {
                tasks.step(cx, |cx| body.poll_next_unpin(cx))
            };
            runtime.spawn(
                async move { while std::future::poll_fn(&mut next_chunk).await.is_some() {} },
            );
        }
    }
}

/// Names the instance that answered, when it has a name.
async fn name_instance(
    State(name): State<Arc<str>>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    if let Ok(value) = axum::http::HeaderValue::from_str(&name) {
        response.headers_mut().insert("x-instance", value);
    }
    response
}

pub fn router(state: AppState, leptos_options: LeptosOptions) -> Router {
    router_with_routes(state, leptos_options, page_routes())
}

/// The page routes, for `router_with_routes`. Sets up Leptos's executor
/// first: listing them would set up another.
pub fn page_routes() -> Vec<AxumRouteListing> {
    crate::request_tasks::install();
    generate_route_list(App)
}

/// The router with the page routes listed beforehand. Listing them pauses
/// resource loading in the whole process while it runs (leptos_axum), so a
/// process that builds many routers, as the tests do, lists them once.
pub fn router_with_routes(
    state: AppState,
    leptos_options: LeptosOptions,
    routes: Vec<AxumRouteListing>,
) -> Router {
    let session_layer = SessionManagerLayer::new(PostgresStore::new(state.pool.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(14),
        ));

    let page_context = {
        let state = state.clone();
        // The site's settings, for the bundle's preload hints.
        let options = leptos_options.clone();
        move || {
            provide_context(state.clone());
            provide_context(options.clone());
            provide_context(app::auth::session::RequestReader::default());
            leptos::nonce::provide_nonce();
        }
    };
    let shell_options = leptos_options.clone();
    let stylesheet = app::site_files::stylesheet(&leptos_options);
    let fallback = leptos_axum::file_and_error_handler_with_context(page_context.clone(), shell);

    let probes = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/robots.txt", get(crate::sitemap::robots))
        .route("/sitemap.xml", get(crate::sitemap::index))
        .route("/sitemaps/{file}", get(crate::sitemap::part))
        .route("/media/photos/{id}", get(photo))
        .route("/media/photos/{id}/thumbnail", get(photo_thumbnail))
        .route("/media/resumes/{id}", get(resume))
        .route("/media/videos/{id}", get(video))
        .route("/media/videos/{id}/thumbnail", get(video_thumbnail))
        .route("/media/companies/{id}/logo", get(company_logo))
        .route("/media/members/{id}/photo", get(member_photo))
        .route("/media/chat/{id}", get(chat_file))
        .route("/company/billing/invoices/{id}/pdf", get(invoice_pdf))
        .route("/plus/invoices/{id}/pdf", get(invoice_pdf))
        .route("/admin/billing/invoices/{id}/pdf", get(invoice_pdf))
        .route(
            "/company/billing/credit-notes/{id}/pdf",
            get(credit_note_pdf),
        )
        .route("/plus/credit-notes/{id}/pdf", get(credit_note_pdf))
        .route("/admin/billing/credit-notes/{id}/pdf", get(credit_note_pdf))
        .route("/admin/metrics.csv", get(metrics_csv))
        .route("/webhooks/{gateway}", axum::routing::post(webhook))
        .route("/api/live", get(app::notifications::live::events))
        .route(
            "/notifications/{id}/open",
            get(app::notifications::api::open),
        )
        .route("/dev/mailbox/{id}/html", get(app::mail::mailbox::html_part))
        .route(
            "/unsubscribe",
            axum::routing::post(app::mail::unsubscribe::one_click),
        )
        .route(
            "/api/email/events",
            axum::routing::post(app::mail::outbox::provider_event),
        )
        .with_state(state.clone());

    let instance_name = state.config.instance_name.clone();
    let pkg_dir = std::path::Path::new(leptos_options.site_root.as_ref())
        .join(leptos_options.site_pkg_dir.as_ref());
    let static_files = crate::static_files::router(pkg_dir, leptos_options.hash_files);
    let router = Router::new()
        .leptos_routes_with_context(&leptos_options, routes, page_context, move || {
            shell(shell_options.clone())
        })
        .fallback(fallback)
        // The pages and server functions only: not the live stream, which
        // never ends, nor files.
        .layer(middleware::from_fn(finish_despite_disconnects))
        .with_state(leptos_options)
        .nest("/pkg", static_files)
        .merge(probes)
        .layer(middleware::from_fn(malformed_calls_are_bad_requests))
        .layer(middleware::from_fn(readable_input))
        .layer(session_layer)
        // Outside the sessions: a visitor served a kept page has none.
        .layer(middleware::from_fn_with_state(
            (state.clone(), stylesheet),
            app::public_pages::serve,
        ))
        // Outside the kept pages, which then hold no copy of the stylesheet.
        .layer(middleware::from_fn_with_state(
            stylesheet,
            app::site_files::insert_stylesheet,
        ))
        .layer(middleware::from_fn_with_state(
            SiteOrigin::from_site_url(&state.config.site_url),
            same_origin_writes,
        ))
        .layer(middleware::from_fn_with_state(
            SiteOrigin::from_site_url(&state.config.site_url),
            security_headers,
        ))
        // Videos are compressed already, and compressing breaks range requests.
        // Gzip only: brotli's encoder sets up its tables for every response,
        // which cost a tenth of the next cards' throughput where gzip cost
        // none (the pages are compressed before this, by `insert_stylesheet`).
        .layer(
            CompressionLayer::new()
                .no_br()
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("video/"))),
        )
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<Body>| {
                let request_id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!(
                    "request",
                    request_id = %request_id,
                    method = %request.method(),
                    path = %request.uri().path(),
                )
            }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid));
    match instance_name {
        Some(name) => router.layer(middleware::from_fn_with_state(
            Arc::<str>::from(name),
            name_instance,
        )),
        None => router,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tower::ServiceExt;

    /// Asks for a page of two chunks, behind the layer, whose second chunk
    /// sets the flag returned: the render's end.
    async fn two_chunk_page() -> (Response, Arc<AtomicBool>) {
        let finished = Arc::new(AtomicBool::new(false));
        let flag = finished.clone();
        let page = move || {
            let finished = finished.clone();
            async move {
                let chunks = futures::stream::iter([1, 2]).then(move |part| {
                    let finished = finished.clone();
                    async move {
                        if part == 2 {
                            tokio::task::yield_now().await;
                            finished.store(true, Ordering::SeqCst);
                        }
                        Ok::<_, std::convert::Infallible>(format!("part {part}"))
                    }
                });
                Body::from_stream(chunks)
            }
        };
        let router = Router::new()
            .route("/page", get(page))
            .layer(middleware::from_fn(finish_despite_disconnects));
        let request = Request::get("/page").body(Body::empty()).unwrap();
        (router.oneshot(request).await.unwrap(), flag)
    }

    async fn finished_soon(finished: &AtomicBool) -> bool {
        for _ in 0..100 {
            if finished.load(Ordering::SeqCst) {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        false
    }

    #[tokio::test]
    async fn a_page_whose_reader_leaves_after_its_first_chunk_is_rendered_to_its_end() {
        let (response, finished) = two_chunk_page().await;
        let mut body = response.into_body().into_data_stream();
        assert_eq!(body.next().await.unwrap().unwrap(), "part 1");
        drop(body);
        assert!(finished_soon(&finished).await);
    }

    /// Leptos leaves each page's root owner current on the thread that
    /// rendered it (`Owner::new_root`); `#[tokio::test]` runs every task on
    /// this one thread, as a worker thread of the server runs many requests.
    #[tokio::test]
    async fn a_request_neither_inherits_nor_leaves_a_reactive_owner_on_its_thread() {
        let left_by_another = Owner::new_root(None);
        let kept = Arc::new(std::sync::Mutex::new(None::<Owner>));
        let router = Router::new()
            .route(
                "/call",
                get({
                    let kept = kept.clone();
                    move || async move {
                        let inherited = Owner::new().parent().is_some();
                        *kept.lock().unwrap() = Some(Owner::new_root(None));
                        if inherited { "inherited" } else { "its own" }
                    }
                }),
            )
            .layer(middleware::from_fn(finish_despite_disconnects));
        left_by_another.set();
        let request = Request::get("/call").body(Body::empty()).unwrap();
        let response = router.oneshot(request).await.unwrap();
        let body = axum::body::to_bytes(response.into_body(), 64)
            .await
            .unwrap();
        assert_eq!(body, "its own");
        assert!(kept.lock().unwrap().is_some());
        assert!(Owner::current().is_none(), "the request left its owner");
    }

    #[tokio::test]
    async fn a_page_read_through_arrives_whole() {
        let (response, finished) = two_chunk_page().await;
        let body = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        assert_eq!(body, "part 1part 2");
        assert!(finished.load(Ordering::SeqCst));
    }
}
