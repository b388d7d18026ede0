//! The outbox and the mail it sends: exactly once under a dying worker and
//! two workers, real SMTP with both parts and the list headers, one-click
//! unsubscribe without a login, and suppression after bounces.

use crate::common::{Setup, TestApp};
use app::jobs;
use app::mail::{CaptureMailer, Mailer, OutgoingEmail, SendError};
use app::notifications::{Notice, notify};
use axum::http::StatusCode;
use sqlx::PgPool;
use std::sync::{Arc, Mutex};

async fn captured(app: &TestApp, to: &str) -> i64 {
    sqlx::query_scalar("select count(*) from captured_emails where to_address = $1")
        .bind(to)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn status_of_last(app: &TestApp, to: &str) -> String {
    sqlx::query_scalar(
        "select status from email_logs where to_address = $1 order by created_at desc limit 1",
    )
    .bind(to)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// Asks for a password reset: one mail in the outbox, nothing sent yet.
async fn queue_reset(app: &TestApp, to: &str) {
    let reply = app.client().call("forgot-password", &[("email", to)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

/// Captures like the development mailer, then kills the worker's job
/// transaction (as a crash or a cut connection would) before it records
/// the job done.
struct DiesAfterSending {
    inner: CaptureMailer,
    pool: PgPool,
}

#[async_trait::async_trait]
impl Mailer for DiesAfterSending {
    fn provider(&self) -> &'static str {
        "capture"
    }

    async fn send(&self, email: &OutgoingEmail) -> Result<(), SendError> {
        self.inner.send(email).await?;
        let killed: Vec<bool> = sqlx::query_scalar(
            // Waits (up to 5 s) until the backend is gone, so the worker's
            // next statement cannot slip in first.
            "select pg_terminate_backend(pid, 5000) from pg_stat_activity
              where datname = current_database() and state = 'idle in transaction'
                and pid <> pg_backend_pid()",
        )
        .fetch_all(&self.pool)
        .await
        .unwrap();
        assert_eq!(killed, [true], "the job's transaction was open");
        Ok(())
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_worker_dying_after_the_send_does_not_send_twice(pool: PgPool) {
    let app = TestApp::new(pool.clone());
    app.registered("ada@example.com", "candidate").await;
    queue_reset(&app, "ada@example.com").await;
    let before = captured(&app, "ada@example.com").await;

    let mut dying = app.state.clone();
    dying.mailer = Arc::new(DiesAfterSending {
        inner: CaptureMailer::new(pool.clone()),
        pool: pool.clone(),
    });
    assert!(
        jobs::run_next(&dying).await.is_err(),
        "the job could not be marked done"
    );
    assert_eq!(captured(&app, "ada@example.com").await, before + 1);
    let pending: i64 = sqlx::query_scalar("select count(*) from jobs where done_at is null")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(pending, 1, "the job is still there to retry");

    // The retry finds the mail sent and only finishes the job.
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(captured(&app, "ada@example.com").await, before + 1);
    assert_eq!(status_of_last(&app, "ada@example.com").await, "sent");
    let (attempts, variables): (i32, Option<serde_json::Value>) = sqlx::query_as(
        "select attempts, variables from email_logs where template = 'password_reset'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(attempts, 1);
    assert_eq!(variables, None, "the link's token is not kept once sent");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_worker_dying_before_the_send_loses_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("ada@example.com", "candidate").await;
    queue_reset(&app, "ada@example.com").await;
    let before = captured(&app, "ada@example.com").await;
    // A process that claimed the mail and died before the mail server
    // took it: while the claim is fresh, nobody else sends it…
    sqlx::query(
        "update email_logs set status = 'sending', attempts = 1, sending_since = now()
          where template = 'password_reset'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(app.run_jobs().await, 1, "the attempt ran and was put off");
    assert_eq!(captured(&app, "ada@example.com").await, before);
    // …and once it is old, the mail goes, once.
    sqlx::query(
        "update email_logs set sending_since = now() - interval '11 minutes'
          where template = 'password_reset'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("update jobs set run_at = now() where done_at is null")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(captured(&app, "ada@example.com").await, before + 1);
    assert_eq!(status_of_last(&app, "ada@example.com").await, "sent");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_workers_send_each_mail_once(pool: PgPool) {
    let app = TestApp::new(pool);
    for n in 0..6 {
        app.registered(&format!("person{n}@example.com"), "candidate")
            .await;
    }
    for n in 0..6 {
        queue_reset(&app, &format!("person{n}@example.com")).await;
    }
    assert_eq!(app.run_jobs_with_two_workers().await, 6);
    for n in 0..6 {
        let resets: i64 = sqlx::query_scalar(
            "select count(*) from captured_emails where to_address = $1 and subject = 'Reset your password'",
        )
        .bind(format!("person{n}@example.com"))
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(resets, 1, "person{n}");
    }
}

/// A real SMTP server in the test process: it keeps what it receives and
/// refuses mailboxes whose name starts with "gone".
#[derive(Clone, Default)]
struct Inbox {
    received: Arc<Mutex<Vec<String>>>,
    current: Vec<u8>,
}

impl mailin_embedded::Handler for Inbox {
    fn rcpt(&mut self, to: &str) -> mailin_embedded::Response {
        if to.trim_start_matches('<').starts_with("gone") {
            mailin_embedded::response::NO_MAILBOX
        } else {
            mailin_embedded::response::OK
        }
    }

    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        _to: &[String],
    ) -> mailin_embedded::Response {
        self.current.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let message = String::from_utf8_lossy(&self.current).into_owned();
        self.received.lock().unwrap().push(message);
        mailin_embedded::response::OK
    }
}

/// Starts the SMTP server; returns the app's settings for it and its inbox.
fn smtp_server() -> (server::config::SmtpSettings, Arc<Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Inbox::default();
    let received = inbox.received.clone();
    let mut server = mailin_embedded::Server::new(inbox);
    server
        .with_name("smtp.test")
        .with_ssl(mailin_embedded::SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        server.serve().expect("the test SMTP server runs");
    });
    let settings = server::config::SmtpSettings {
        host: "127.0.0.1".into(),
        port: Some(port.to_string()),
        security: Some("none".into()),
        username: None,
        password: None,
        from: Some("Hirewell <no-reply@hirewell.test>".into()),
        reply_to: Some("Hirewell support <support@hirewell.test>".into()),
    };
    (settings, received)
}

fn smtp_app(pool: PgPool) -> (TestApp, Arc<Mutex<Vec<String>>>) {
    let (smtp, received) = smtp_server();
    let app = TestApp::with(
        pool,
        Setup {
            smtp: Some(smtp),
            email_events_secret: Some("provider-secret"),
            ..Setup::default()
        },
    );
    (app, received)
}

/// The received message to `to` whose subject line is `subject`.
fn received_mail(received: &Mutex<Vec<String>>, to: &str, subject: &str) -> String {
    received
        .lock()
        .unwrap()
        .iter()
        .find(|m| m.contains(&format!("To: {to}")) && m.contains(&format!("Subject: {subject}")))
        .cloned()
        .unwrap_or_else(|| panic!("no mail {subject:?} to {to}"))
}

/// Tells `user` their application moved (a kind that comes by email).
async fn tell_stage_changed(app: &TestApp, user: uuid::Uuid) {
    let mut tx = app.pool.begin().await.unwrap();
    notify(
        &mut tx,
        user,
        &Notice::stage_changed("Head of Data", "Interview", "Acme & Sons"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    app.run_jobs().await;
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn smtp_delivers_both_parts_with_the_headers(pool: PgPool) {
    let (app, received) = smtp_app(pool);
    app.registered("ada@example.com", "candidate").await;

    let confirm = received_mail(&received, "ada@example.com", "Confirm your email address");
    assert!(
        confirm.contains("From: Hirewell <no-reply@hirewell.test>"),
        "{confirm}"
    );
    assert!(
        confirm.contains("Reply-To: \"Hirewell support\" <support@hirewell.test>")
            || confirm.contains("Reply-To: Hirewell support <support@hirewell.test>"),
        "{confirm}"
    );
    assert!(confirm.contains("multipart/alternative"), "{confirm}");
    assert!(
        confirm.contains("Content-Type: text/plain; charset=utf-8"),
        "{confirm}"
    );
    assert!(
        confirm.contains("Content-Type: text/html; charset=utf-8"),
        "{confirm}"
    );
    assert!(confirm.contains("Message-ID: <"), "{confirm}");
    // Mail the person asked for has no unsubscribe.
    assert!(!confirm.contains("List-Unsubscribe"), "{confirm}");
    let (status, provider, message_id): (String, String, String) = sqlx::query_as(
        "select status, provider, provider_message_id from email_logs where template = 'email_verification'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), provider.as_str()), ("sent", "smtp"));
    assert!(
        confirm.contains(&format!("Message-ID: {message_id}")),
        "{confirm}"
    );

    // A notification by email (to a confirmed address) can be stopped in
    // one click.
    let user = app.user_id("ada@example.com").await;
    sqlx::query("update users set email_verified_at = now() where id = $1")
        .bind(user)
        .execute(&app.pool)
        .await
        .unwrap();
    tell_stage_changed(&app, user).await;
    let notice = received_mail(
        &received,
        "ada@example.com",
        "Your application for Head of Data moved to Interview",
    );
    assert!(
        notice.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{notice}"
    );
    let start =
        notice.find("List-Unsubscribe: <").expect("the header") + "List-Unsubscribe: <".len();
    let url = &notice[start..start + notice[start..].find('>').unwrap()];
    assert!(
        url.starts_with(&format!("{}/unsubscribe?token=", crate::common::ORIGIN)),
        "{url}"
    );
    // The HTML part escapes what the text part shows as is.
    assert!(notice.contains("Acme &amp; Sons"), "{notice}");
    assert!(notice.contains("Acme & Sons"), "{notice}");

    let path = url.trim_start_matches(crate::common::ORIGIN);
    let one_click = app
        .client()
        .post_from_elsewhere(
            path,
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click",
            &[],
        )
        .await;
    assert_eq!(one_click.status, StatusCode::OK, "{}", one_click.body);
    let delivery: String = sqlx::query_scalar(
        "select delivery from notification_preferences where user_id = $1 and kind = 'stage_changed'",
    )
    .bind(user)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(delivery, "in_app", "the notifications stay in the app");

    let mails = received.lock().unwrap().len();
    tell_stage_changed(&app, user).await;
    assert_eq!(
        received.lock().unwrap().len(),
        mails,
        "no more of these by email"
    );
    let in_app: i64 = sqlx::query_scalar("select count(*) from notifications where user_id = $1")
        .bind(user)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(in_app, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn unsubscribe_links_are_signed(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut visitor = app.client();
    for token in ["", "garbage", "bi5hYmM.AAAAAAAAAAAAAAAAAAAAAA"] {
        let reply = visitor
            .post_from_elsewhere(
                &format!("/unsubscribe?token={token}"),
                "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click",
                &[],
            )
            .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{token}");
        let described = visitor
            .call("email/unsubscribe/describe", &[("token", token)])
            .await;
        assert_eq!(described.status, StatusCode::NOT_FOUND, "{token}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_unsubscribe_page_button_stops_invitations(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app.employer_of("owner@acme.test", "Acme", "").await;
    app.invite(&mut owner, "friend@example.com", "member").await;
    let url: String = sqlx::query_scalar(
        "select list_unsubscribe from captured_emails where to_address = 'friend@example.com'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let path = url.trim_start_matches(crate::common::ORIGIN);
    let token = path.trim_start_matches("/unsubscribe?token=");

    let mut visitor = app.client();
    let described = visitor
        .call("email/unsubscribe/describe", &[("token", token)])
        .await;
    assert_eq!(described.status, StatusCode::OK);
    assert!(
        described.json()["stops"]
            .as_str()
            .unwrap()
            .contains("invitations")
    );
    // The page's button: a plain form post, sent back to the page.
    let pressed = visitor
        .post_from_elsewhere(path, "application/x-www-form-urlencoded", "", &[])
        .await;
    assert_eq!(pressed.status, StatusCode::SEE_OTHER);
    assert_eq!(
        pressed.headers["location"],
        format!("/unsubscribe?token={token}&done=1")
    );

    // The next invitation to that address is not sent.
    let revoke_all = sqlx::query("update company_invites set revoked_at = now()")
        .execute(&app.pool)
        .await;
    assert!(revoke_all.is_ok());
    app.invite(&mut owner, "friend@example.com", "member").await;
    assert_eq!(captured(&app, "friend@example.com").await, 1);
    assert_eq!(
        status_of_last(&app, "friend@example.com").await,
        "suppressed"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_bounce_stops_further_mail_to_the_address(pool: PgPool) {
    let (app, received) = smtp_app(pool);
    app.registered("gone@example.com", "candidate").await;
    assert_eq!(status_of_last(&app, "gone@example.com").await, "bounced");
    let reason: String = sqlx::query_scalar(
        "select reason from email_suppressions where address = 'gone@example.com'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(reason, "bounce");
    queue_reset(&app, "gone@example.com").await;
    app.run_jobs().await;
    assert_eq!(status_of_last(&app, "gone@example.com").await, "suppressed");
    assert!(received.lock().unwrap().is_empty());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn provider_reports_need_the_secret_and_suppress(pool: PgPool) {
    let (app, received) = smtp_app(pool);
    app.registered("ada@example.com", "candidate").await;
    let message_id: String = sqlx::query_scalar("select provider_message_id from email_logs")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let report = serde_json::json!({
        "type": "complaint", "email": "Ada@Example.com", "message_id": message_id,
    })
    .to_string();
    let mut provider = app.client();
    for auth in [None, Some("Bearer wrong")] {
        let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("authorization", *a)).collect();
        let reply = provider
            .post_from_elsewhere("/api/email/events", "application/json", &report, &headers)
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let reply = provider
        .post_from_elsewhere(
            "/api/email/events",
            "application/json",
            &report,
            &[("authorization", "Bearer provider-secret")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    assert_eq!(status_of_last(&app, "ada@example.com").await, "complained");

    let before = received.lock().unwrap().len();
    queue_reset(&app, "ada@example.com").await;
    app.run_jobs().await;
    assert_eq!(status_of_last(&app, "ada@example.com").await, "suppressed");
    assert_eq!(received.lock().unwrap().len(), before);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn admins_edit_templates_that_the_next_mails_use(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut admin = app.admin("admin@example.com").await;
    let mut someone = app.registered("ada@example.com", "candidate").await;
    let edit = [
        ("name", "password_reset"),
        ("subject", "New password for {{ site_url }}"),
        ("body_text", "Choose it here: {{ link }}"),
        (
            "body_html",
            "<p><a href=\"{{ link }}\">Choose a new password</a></p>",
        ),
    ];
    // Only admins.
    for endpoint in [
        "admin/emails/template/save",
        "admin/emails/template/preview",
    ] {
        let refused = someone.call(endpoint, &edit).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{endpoint}");
    }
    assert_eq!(
        someone.call("admin/emails", &[]).await.status,
        StatusCode::FORBIDDEN
    );

    // A broken edit gets field errors and changes nothing.
    let broken = admin
        .call(
            "admin/emails/template/save",
            &[
                ("name", "password_reset"),
                ("subject", "Hello {{ nobody }}"),
                ("body_text", "{% if link %}"),
                ("body_html", "<p>fine</p>"),
            ],
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = broken.error();
    assert!(
        error
            .field_message("subject")
            .unwrap()
            .contains("undefined"),
        "{error:?}"
    );
    assert!(error.field_message("body_text").is_some(), "{error:?}");
    assert!(error.field_message("body_html").is_none(), "{error:?}");
    let stored: i64 = sqlx::query_scalar("select count(*) from email_templates")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // The preview escapes the example values and needs no saving.
    let preview = admin.call("admin/emails/template/preview", &edit).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!(
        preview.json()["subject"],
        "New password for https://hirewell.example"
    );

    let saved = admin.call("admin/emails/template/save", &edit).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(app.audit_count("email_template.changed").await, 1);
    queue_reset(&app, "ada@example.com").await;
    let token = app
        .token_from_email("ada@example.com", "New password for http://localhost:3000")
        .await;
    assert!(!token.is_empty());

    // A stored template that stopped working falls back to the default,
    // and the log says why.
    sqlx::query("update email_templates set body_text = '{{ link.missing.deeper }}'")
        .execute(&app.pool)
        .await
        .unwrap();
    queue_reset(&app, "ada@example.com").await;
    app.token_from_email("ada@example.com", "Reset your password")
        .await;
    let error: Option<String> = sqlx::query_scalar(
        "select error from email_logs where template = 'password_reset' order by created_at desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(error.unwrap().contains("the default was used"));

    // A test goes to the admin; going back to the default deletes the edit.
    let test = admin
        .call("admin/emails/template/test", &[("name", "password_reset")])
        .await;
    assert_eq!(test.status, StatusCode::OK, "{}", test.body);
    app.run_jobs().await;
    assert_eq!(
        captured(&app, "admin@example.com").await,
        2,
        "the confirmation and the test"
    );
    let reset = admin
        .call("admin/emails/template/reset", &[("name", "password_reset")])
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let overview = admin.call("admin/emails", &[]).await.json();
    let reset_row = overview["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "password_reset")
        .unwrap()
        .clone();
    assert!(reset_row["updated_at"].is_null());
    assert!(!overview["recent"].as_array().unwrap().is_empty());
    let unknown = admin
        .call("admin/emails/template", &[("name", "nonexistent")])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
