//! Pages, headers, the same-origin rule, health checks and the dev mailbox.

use crate::common::{PASSWORD, TestApp};
use axum::http::{StatusCode, header};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn pages_render_on_the_server_with_security_headers(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.client();
    let home = client.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Hiring that respects your time"));
    let csp = home.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("'nonce-") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(
        home.body.contains(&format!("nonce=\"{}\"", home.nonce())),
        "hydration script carries the nonce"
    );
    assert_eq!(home.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        home.headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    assert!(home.headers.contains_key("x-request-id"));

    for (path, text) in [
        ("/login", "Log in"),
        ("/register", "Create your account"),
        ("/forgot-password", "Forgot your password?"),
        ("/reset-password?token=x", "Choose a new password"),
        ("/verify-email?token=x", "Confirm your email address"),
    ] {
        let page = client.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains(text), "{path} lacks {text}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn pages_arrive_complete_for_browsers_without_javascript(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut visitor = app.client();
    // Streamed content would arrive after the page in <template>s that only
    // a script moves into place; it must be in place already.
    let in_place = |body: &str, text: &str, closing_tag: &str| matches!((body.find(text), body.find(closing_tag)), (Some(t), Some(end)) if t < end);
    let page = visitor.get("/").await;
    assert!(
        in_place(&page.body, ">Sign up<", "</header>"),
        "navigation in place"
    );
    let mut member = app.registered("full@example.com", "candidate").await;
    let page = member.get("/").await;
    assert!(in_place(&page.body, "ready to apply", "</main>"));
    assert!(in_place(&page.body, ">Log out<", "</header>"));
    assert!(in_place(
        &page.body,
        "Please confirm your email address",
        "</main>"
    ));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn unknown_pages_answer_404(pool: PgPool) {
    let app = TestApp::new(pool);
    let page = app.client().get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn session_cookie_is_http_only_and_lax(pool: PgPool) {
    let app = TestApp::new(pool);
    let reply = app
        .client()
        .register("cookie@example.com", PASSWORD, "candidate")
        .await;
    let cookies: Vec<&str> = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|c| c.to_str().unwrap())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("hirewell_session="))
        .expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    assert!(
        !session.contains("Secure"),
        "plain http in tests: {session}"
    );
    // The clock is for the page's script to read, and holds no secret.
    let clock = cookies
        .iter()
        .find(|c| c.starts_with("hw_clock="))
        .expect("a clock cookie");
    assert!(
        !clock.contains("HttpOnly") && clock.contains("SameSite=Lax"),
        "{clock}"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn cross_origin_writes_are_refused(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("vic@example.com", "candidate").await;
    let mut attacker = app.client();
    let form = [("email", "vic@example.com"), ("password", PASSWORD)];
    let evil = attacker
        .call_from("login", &form, Some("https://evil.example"))
        .await;
    assert_eq!(evil.status, StatusCode::FORBIDDEN);
    let no_origin = attacker.call_from("login", &form, None).await;
    assert_eq!(no_origin.status, StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("login.succeeded").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn health_checks(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut client = app.client();
    assert_eq!(client.get("/healthz").await.status, StatusCode::OK);
    let ready = client.get("/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn audit_log_refuses_update_delete_and_truncate(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("audit@example.com", "candidate").await;
    for statement in [
        "update audit_log set action = 'tampered'",
        "delete from audit_log",
        "truncate audit_log",
    ] {
        let error = sqlx::query(statement).execute(&app.pool).await.unwrap_err();
        assert!(
            error.to_string().contains("append-only"),
            "{statement}: {error}"
        );
    }
    assert_eq!(app.audit_count("account.registered").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn mailbox_exists_only_in_development(pool: PgPool) {
    let dev = TestApp::new(pool.clone());
    dev.registered("mail@example.com", "candidate").await;
    let mut client = dev.client();
    let list = client.call("dev/mailbox", &[]).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.json()[0]["to_address"], "mail@example.com");
    let page = client.get("/dev/mailbox").await;
    assert!(page.body.contains("Confirm your email address"));

    let production = TestApp::with_mode(pool, false);
    let mut client = production.client();
    assert_eq!(
        client.call("dev/mailbox", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let page = client.get("/dev/mailbox").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("mail@example.com"));
}
