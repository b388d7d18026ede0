//! Regression tests for the findings of the outside security review: each
//! one showed the problem on the code before its fix.

use crate::applications::{apply, candidate, open_vacancy};
use crate::common::{Client, PASSWORD, Setup, TestApp};
use crate::job_board::{publish, search, titles};
use app::auth::api::{INVALID_RESET_LINK, INVALID_VERIFY_LINK};
use app::error::AppError;
use axum::http::{StatusCode, header};
use sqlx::PgPool;

const INJECTED: &str =
    r#"X</title><meta http-equiv="refresh" content="0;url=https://evil.example/">"#;

/// The page has no markup of the injected text, only its escaped form.
fn assert_escaped(page: &crate::common::Reply) {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        !page.body.contains("<meta http-equiv"),
        "markup got into the page: {}",
        &page.body[..page.body.len().min(2000)]
    );
    assert!(
        page.body.contains("X&lt;/title&gt;&lt;meta"),
        "the title is escaped"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn user_text_in_page_titles_is_escaped(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app.employer_of("hr@acme.example.com", INJECTED, "").await;
    let vacancy = publish(&app, &mut hr, INJECTED, &[]).await;
    let (vacancy_slug, company_slug): (String, String) = sqlx::query_as(
        "select v.slug, c.slug from vacancies v join companies c on c.id = v.company_id
          where v.id = $1::uuid",
    )
    .bind(&vacancy)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let reply = ada
        .call(
            "profile/identity",
            &[
                ("first_name", INJECTED),
                ("last_name", "Okafor"),
                ("preferred_name", ""),
                ("headline", ""),
                ("summary", ""),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    ada.call("settings/privacy", &[("profile_visibility", "public")])
        .await;
    let ada_id = app.user_id("ada@example.com").await.to_string();

    let mut visitor = app.client();
    assert_escaped(&visitor.get(&format!("/jobs/{vacancy_slug}")).await);
    assert_escaped(&visitor.get(&format!("/companies/{company_slug}")).await);
    assert_escaped(&visitor.get(&format!("/p/{ada_id}")).await);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn after_login_only_paths_of_this_site_are_followed(pool: PgPool) {
    let app = TestApp::new(pool);
    app.registered("kim@example.com", "candidate").await;
    for (next, expected) in [
        ("/\t/evil.example", "/"),
        ("/%09/evil.example", "/%09/evil.example"),
        ("/\\evil.example", "/"),
        ("//evil.example", "/"),
        ("/applications?tab=open", "/applications?tab=open"),
    ] {
        let mut client = app.client();
        let reply = client
            .call(
                "login",
                &[
                    ("email", "kim@example.com"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{next:?}: {}", reply.body);
        assert_eq!(reply.headers[header::LOCATION], expected, "{next:?}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn emailed_links_work_only_for_the_address_they_were_sent_to(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut kim = app.registered("kim@example.com", "candidate").await;
    let old_confirmation = app
        .token_from_email("kim@example.com", "Confirm your email address")
        .await;
    app.client()
        .call("forgot-password", &[("email", "kim@example.com")])
        .await;
    let old_reset = app
        .token_from_email("kim@example.com", "Reset your password")
        .await;

    let changed = kim
        .call(
            "settings/email",
            &[
                ("new_email", "kim.new@example.com"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);

    let mut visitor = app.client();
    let confirm = visitor
        .call("verify-email", &[("token", &old_confirmation)])
        .await;
    assert_eq!(
        confirm.error(),
        AppError::Refused(INVALID_VERIFY_LINK.into()),
        "a link sent to the old address does not confirm the new one"
    );
    let p = "a brand new 2 password";
    let reset = visitor
        .call(
            "reset-password",
            &[
                ("token", &old_reset),
                ("password", p),
                ("password_confirm", p),
            ],
        )
        .await;
    assert_eq!(reset.error(), AppError::Refused(INVALID_RESET_LINK.into()));

    // The link sent to the new address confirms it.
    let new_confirmation = app
        .token_from_email("kim.new@example.com", "Confirm your email address")
        .await;
    let confirm = visitor
        .call("verify-email", &[("token", &new_confirmation)])
        .await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    let verified: bool =
        sqlx::query_scalar("select email_verified_at is not null from users where email = $1")
            .bind("kim.new@example.com")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(verified);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn unreadable_text_gets_a_field_error_not_a_server_error(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut visitor = app.client();
    let login = visitor.login("kim\0@example.com", "a password 1").await;
    assert_eq!(
        login.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        login.body
    );
    assert_eq!(
        login.error().field_message("email").as_deref(),
        Some(app::input::UNREADABLE_TEXT)
    );

    // Pages and their filters.
    for path in [
        "/jobs?q=%00",
        "/jobs?location=a%00b",
        "/jobs?skills=SQL%00",
        "/jobs/%00",
        "/p/%00",
    ] {
        let page = visitor.get(path).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{path}");
    }
    // A 200 KB search is refused before it reaches the database...
    let huge = "data ".repeat(40_000);
    let reply = visitor.call("jobs/search", &[("query[q]", &huge)]).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .error()
            .field_message("q")
            .unwrap()
            .contains("too long")
    );
    // ...and a long one within the limit is cut to a few words.
    let long = "analyst OR data ".repeat(2_000);
    let results = search(&mut visitor, &[("q", &long)]).await;
    assert_eq!(results["total"], 0);

    // A plain form post goes back to its page with the error.
    let mut request_page = app.client();
    let reply = request_page
        .call_plain_form(
            "forgot-password",
            &[("email", "a\u{1}@example.com")],
            "http://localhost:3000/forgot-password",
        )
        .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with("http://localhost:3000/forgot-password?__path="),
        "{location}"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_mailbox_answers_only_on_this_machine(pool: PgPool) {
    let app = TestApp::with(
        pool,
        Setup {
            peer: [192, 0, 2, 10].into(),
            ..Setup::default()
        },
    );
    let mut visitor = app.client();
    visitor
        .register("kim@example.com", PASSWORD, "candidate")
        .await;
    let reply = visitor.call("dev/mailbox", &[]).await;
    assert_eq!(reply.error(), AppError::NotFound);
    assert_eq!(
        visitor.call("session", &[]).await.json()["dev_mailbox"],
        false
    );
    let local = TestApp::new(app.pool.clone());
    let reply = local.client().call("dev/mailbox", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn auto_apply_rechecks_the_block_list_when_it_sends(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    crate::auto_apply::turn_on(&mut ada, "5", "2").await;
    crate::auto_apply::like(&mut ada, &vacancy).await;
    // Hidden from after liking, before it is sent.
    ada.call("privacy/block", &[("company", "Acme Bank")]).await;
    ada.call("privacy/confidential/save", &[("enabled", "on")])
        .await;
    crate::auto_apply::make_due(&app).await;
    app::swipe::queue::process_due(&app.pool).await.unwrap();
    let applications: i64 = sqlx::query_scalar("select count(*) from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(applications, 0);
    let queue = ada.call("swipe/queue", &[]).await.json();
    assert_eq!(queue[0]["status"], "skipped");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_timeline_names_the_recruiter_never_their_address(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    hr.call(
        "company/me",
        &[
            ("first_name", "Sara"),
            ("last_name", "Bello"),
            ("job_title", "Head of Talent"),
            ("department", ""),
        ],
    )
    .await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    apply(&mut ada, &vacancy, &resume).await;
    let application: String = sqlx::query_scalar("select id::text from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let moved = crate::applications::move_to(&mut hr, &vacancy, &application, "reviewing").await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let mine = ada.call("applications/mine", &[]).await;
    assert!(!mine.body.contains("hr@acme.example.com"), "{}", mine.body);
    let timeline = &mine.json()["applications"][0]["timeline"];
    let by: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["by"].as_str())
        .collect();
    assert_eq!(by, ["Sara Bello, Head of Talent"]);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_export_shows_an_admins_action_but_not_their_address(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut kim = app.registered("kim@example.com", "candidate").await;
    let mut admin = app.admin("boss@example.com").await.seen_as("203.0.113.77");
    let kim_id = app.user_id("kim@example.com").await.to_string();
    let reply = admin
        .call(
            "admin/change-account-type",
            &[("user_id", &kim_id), ("account_type", "employer")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let export = kim.get("/api/account/export").await;
    assert!(!export.body.contains("203.0.113.77"), "{}", export.body);
    let events = export.json()["security_events"].clone();
    let role = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "role.changed")
        .expect("the event itself is there");
    assert_eq!(role["ip"], serde_json::Value::Null);
    assert_eq!(role["user_agent"], serde_json::Value::Null);
    let account = kim.call("account", &[]).await;
    assert!(!account.body.contains("203.0.113.77"));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_confidential_vacancy_is_not_found_by_its_companys_industry(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    publish(&app, &mut hr, "Data Analyst", &[]).await;
    publish(
        &app,
        &mut hr,
        "Chief Risk Officer",
        &[("is_confidential", "on")],
    )
    .await;
    let technology: uuid::Uuid =
        sqlx::query_scalar("select id from industries where name = 'Technology'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let mut visitor = app.client();
    let results = search(&mut visitor, &[("industry", &technology.to_string())]).await;
    assert_eq!(titles(&results), ["Data Analyst"]);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_members_photo_is_for_their_own_team(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let reply = owner
        .upload(
            "company/me/photo",
            "photo",
            "me.jpg",
            &server::demo_files::portrait_jpeg(120, 2),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut teammate = app
        .join_company(&mut owner, "ops@acme.example.com", "member")
        .await;
    let mut other_company = app
        .employer_of("hr@other.example.com", "Other Ltd", "")
        .await;
    let mut candidate = app.registered("ada@example.com", "candidate").await;
    let url = format!(
        "/media/members/{}/photo",
        app.user_id("hr@acme.example.com").await
    );
    assert_eq!(teammate.get(&url).await.status, StatusCode::OK);
    assert_eq!(owner.get(&url).await.status, StatusCode::OK);
    assert_eq!(other_company.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(candidate.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.client().get(&url).await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_site_served_over_tls_asks_browsers_to_stay_on_it(pool: PgPool) {
    let plain = TestApp::new(pool.clone());
    let page = plain.client().get("/healthz").await;
    assert!(!page.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    let tls = TestApp::with(
        pool,
        Setup {
            site_url: "https://hirewell.example",
            ..Setup::default()
        },
    );
    let page = tls.client().get("/healthz").await;
    assert_eq!(
        page.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_company_applied_to_sees_the_profile_the_application_shared(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let mut stranger = app
        .employer_of("hr@other.example.com", "Other Ltd", "")
        .await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    let reply = ada
        .call(
            "profile/identity",
            &[
                ("first_name", "Ada"),
                ("last_name", "Obi"),
                ("preferred_name", ""),
                ("headline", ""),
                ("summary", ""),
                ("phone", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    ada.call("settings/privacy", &[("profile_visibility", "private")])
        .await;
    let ada_id = app.user_id("ada@example.com").await.to_string();
    let profile = format!("/p/{ada_id}");
    assert_eq!(hr.get(&profile).await.status, StatusCode::NOT_FOUND);
    apply(&mut ada, &vacancy, &resume).await;
    assert_eq!(hr.get(&profile).await.status, StatusCode::OK);
    assert_eq!(stranger.get(&profile).await.status, StatusCode::NOT_FOUND);
    // Withdrawing takes the sharing back.
    let application: String = sqlx::query_scalar("select id::text from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let withdrawn = ada
        .call("applications/withdraw", &[("id", &application)])
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
    assert_eq!(hr.get(&profile).await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_decompression_bomb_is_refused_by_the_reader_and_the_file_kept(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let bomb = bomb_pdf(300 * 1024 * 1024);
    assert!(bomb.len() < 1024 * 1024);
    let started = std::time::Instant::now();
    let reply = ada.upload("media/resume", "resume", "cv.pdf", &bomb).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the upload does not read the file"
    );
    assert_eq!(app.run_jobs().await, 1);
    let resume = ada.call("media", &[]).await.json()["resumes"][0].clone();
    assert_eq!(resume["parsing_status"], "failed");
    assert!(
        resume["parse_problem"]
            .as_str()
            .unwrap()
            .contains("far more data"),
        "{resume}"
    );
    assert_eq!(resume["suggestions"], serde_json::Value::Null);
    assert_eq!(app.stored_files().len(), 1, "the file stays");
}

/// A small PDF with one Flate stream that inflates to `inflated` zero bytes.
fn bomb_pdf(inflated: usize) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![0u8; 1024 * 1024];
    for _ in 0..inflated / chunk.len() {
        encoder.write_all(&chunk).unwrap();
    }
    let stream = encoder.finish().unwrap();
    let mut pdf = server::demo_files::resume_pdf(&["Ada Okafor"]);
    // An extra object after the document: PDF readers take the last xref,
    // so append one that lists the bomb too.
    let offset = pdf.len();
    pdf.extend_from_slice(
        format!(
            "6 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n",
            stream.len()
        )
        .as_bytes(),
    );
    pdf.extend_from_slice(&stream);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n6 1\n{offset:010} 00000 n \ntrailer\n<< /Size 7 /Root 1 0 R /Prev {} >>\nstartxref\n{xref}\n%%EOF\n",
            previous_xref(&pdf[..offset])
        )
        .as_bytes(),
    );
    pdf
}

/// Where the document's own cross-reference table starts.
fn previous_xref(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let at = text.rfind("startxref").unwrap() + "startxref".len();
    text[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn two_instances_count_an_anonymous_visitor_once(pool: PgPool) {
    let first = TestApp::new(pool.clone());
    let second = TestApp::new(pool);
    let mut hr = first
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = publish(&first, &mut hr, "Data Analyst", &[]).await;
    let slug: String = sqlx::query_scalar("select slug from vacancies where id = $1::uuid")
        .bind(&id)
        .fetch_one(&first.pool)
        .await
        .unwrap();
    for app in [&first, &second] {
        let mut visitor: Client = app.client();
        visitor.call("jobs/posting", &[("slug", &slug)]).await;
    }
    let views: i32 = sqlx::query_scalar("select views_count from vacancies")
        .fetch_one(&first.pool)
        .await
        .unwrap();
    assert_eq!(views, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_form_sent_without_script_comes_back_as_typed_but_without_secrets(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut browser = app.client();
    let reply = browser
        .call_plain_form(
            "register",
            &[
                ("email", "kim@example"),
                ("password", "short"),
                ("password_confirm", "short"),
                ("account_type", "employer"),
            ],
            "http://localhost:3000/register",
        )
        .await;
    assert_eq!(reply.status, StatusCode::FOUND);
    let location = reply.headers[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.contains("__values="), "{location}");
    assert!(
        !location.contains("short"),
        "no password in the address: {location}"
    );
    let path = location.trim_start_matches("http://localhost:3000");
    let page = browser.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(r#"value="kim@example""#),
        "the email is filled in again"
    );
    assert!(
        page.body
            .contains("Enter an email address like name@example.com.")
    );
}

/// Requests of several people at once take turns on the test's one thread,
/// as they do on a server's worker threads: each page still shows its own
/// reader and carries its own response's nonce, and each call answers for
/// its own caller.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn pages_and_calls_made_at_once_each_answer_their_own_person(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app.employer_of("hr@acme.example.com", "Acme", "").await;
    for title in ["Data engineer", "Data analyst", "Site engineer"] {
        publish(&app, &mut hr, title, &[]).await;
    }
    let mut people = Vec::new();
    for n in 0..6 {
        let email = format!("seeker{n}@example.com");
        people.push((email.clone(), app.registered(&email, "candidate").await));
    }
    let pages = [
        "/jobs",
        "/jobs?q=engineer",
        "/applications",
        "/swipe",
        "/",
        "/settings",
    ];
    for round in 0..pages.len() {
        let turns = people.iter().enumerate().map(|(n, (email, client))| {
            let (email, mut client) = (email.clone(), client.clone());
            let page = pages[(n + round) % pages.len()];
            async move {
                let reply = client.get(page).await;
                let caller = client.whoami().await;
                (email, page, reply, caller)
            }
        });
        for (email, page, reply, caller) in futures::future::join_all(turns).await {
            assert_eq!(reply.status, StatusCode::OK, "{page} for {email}");
            assert!(reply.body.contains(&email), "{page} shows {email}");
            for (other, _) in people.iter().filter(|(other, _)| *other != email) {
                assert!(
                    !reply.body.contains(other.as_str()),
                    "{page} for {email} shows {other}"
                );
            }
            let nonce = format!("nonce=\"{}\"", reply.nonce());
            assert!(
                reply.body.contains(&nonce),
                "{page} for {email}: its scripts carry its policy's nonce"
            );
            assert_eq!(caller.as_deref(), Some(email.as_str()));
        }
    }
}
