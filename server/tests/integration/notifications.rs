//! Notifications: every kind obeys the person's choice (in the app, by
//! email through the job queue, or not at all), nobody reads or marks
//! another's, and the live stream tells a tab at once.

use crate::applications::{application_of, apply, candidate, open_vacancy};
use crate::auto_apply::{like, make_due, turn_on};
use crate::common::{Client, PASSWORD, TestApp};
use app::error::AppError;
use axum::body::Body;
use axum::http::StatusCode;
use http_body_util::BodyExt;
use sqlx::PgPool;

/// The titles of the person's notifications, newest first, and the unread count.
async fn centre(client: &mut Client) -> (Vec<String>, i64) {
    let reply = client.call("notifications", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let list = reply.json();
    let titles = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_string())
        .collect();
    (titles, list["unread"].as_i64().unwrap())
}

/// Subjects of the emails sent to `to` (the job queue run first).
async fn emails_to(app: &TestApp, to: &str) -> Vec<String> {
    app.run_jobs().await;
    sqlx::query_scalar(
        "select subject from captured_emails where to_address = $1 order by created_at",
    )
    .bind(to)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

pub(crate) async fn choose(
    client: &mut Client,
    kind: &str,
    delivery: &str,
) -> crate::common::Reply {
    let field = format!("choices[{kind}]");
    client
        .call("notifications/preferences/save", &[(&field, delivery)])
        .await
}

async fn move_to(hr: &mut Client, vacancy: &str, application: &str, to: &str) {
    let reply = crate::applications::move_to(hr, vacancy, application, to).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_kind_follows_the_persons_choice(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    sqlx::query("update users set email_verified_at = now() where email = 'hr@acme.example.com'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    let before = emails_to(&app, "ada@example.com").await.len();

    // New applications: in the app by default, no email.
    assert_eq!(
        apply(&mut ada, &vacancy, &resume).await.status,
        StatusCode::OK
    );
    let (titles, unread) = centre(&mut hr).await;
    assert_eq!(titles, ["New applicant for Data Analyst"]);
    assert_eq!(unread, 1);
    // The header's badges say the same; the candidate's stay at nought.
    let header = hr.call("session", &[]).await.json();
    assert_eq!(
        (&header["unread"], &header["unread_chats"]),
        (&1.into(), &0.into())
    );
    assert_eq!(ada.call("session", &[]).await.json()["unread"], 0);
    assert!(
        !emails_to(&app, "hr@acme.example.com")
            .await
            .iter()
            .any(|s| s.starts_with("New applicant"))
    );

    // Stage changes: in the app and by email by default.
    let application = application_of(&app, "ada@example.com").await;
    move_to(&mut hr, &vacancy, &application, "reviewing").await;
    let moved = "Your application for Data Analyst moved to Reviewing";
    assert_eq!(centre(&mut ada).await.0, [moved]);
    let emails = emails_to(&app, "ada@example.com").await;
    assert_eq!(emails[before..], [moved]);

    // Turned off: nothing; interviews in the app only: no email.
    assert_eq!(
        choose(&mut ada, "stage_changed", "off").await.status,
        StatusCode::OK
    );
    assert_eq!(
        choose(&mut ada, "interview_scheduled", "in_app")
            .await
            .status,
        StatusCode::OK
    );
    move_to(&mut hr, &vacancy, &application, "interview").await;
    let reply = hr
        .call(
            "pipeline/interaction",
            &[
                ("application_id", &application),
                ("kind", "interview"),
                ("body", ""),
                ("scheduled_at", &crate::common::days_ahead(3)),
                ("location", "Video call"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        centre(&mut ada).await.0,
        ["Interview scheduled for Data Analyst", moved]
    );
    assert_eq!(emails_to(&app, "ada@example.com").await.len(), before + 1);

    // New applications by email once the employer asks for it.
    assert_eq!(
        choose(&mut hr, "application_received", "email")
            .await
            .status,
        StatusCode::OK
    );
    let (mut ben, ben_resume) = candidate(&app, "ben@example.com").await;
    apply(&mut ben, &vacancy, &ben_resume).await;
    assert_eq!(
        emails_to(&app, "hr@acme.example.com")
            .await
            .last()
            .map(String::as_str),
        Some("New applicant for Data Analyst")
    );

    // Security and moderation notices cannot be turned off, and kinds of
    // another account type cannot be chosen; a refused form changes nothing.
    for (kind, delivery) in [
        ("account_security", "off"),
        ("moderation", "in_app"),
        ("application_received", "off"),
        ("stage_changed", "sometimes"),
        ("nonsense", "off"),
    ] {
        assert!(matches!(
            choose(&mut ada, kind, delivery).await.error(),
            AppError::Refused(_)
        ));
    }
    let preferences = ada.call("notifications/preferences", &[]).await.json();
    let chosen: Vec<(String, String)> = preferences
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().into(),
                p["delivery"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        chosen,
        [
            ("StageChanged".to_string(), "Off".to_string()),
            ("InterviewScheduled".into(), "InApp".into()),
            ("AutoApplySent".into(), "InApp".into()),
            ("ProfileViewed".into(), "Digest".into()),
            ("IntroductionRequest".into(), "Email".into()),
            ("AccountSecurity".into(), "Email".into()),
            ("Moderation".into(), "Email".into()),
            ("NewMessage".into(), "Email".into()),
        ]
    );
    let reply = ada
        .call(
            "settings/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "another long pass phrase 7"),
                ("new_password_confirm", "another long pass phrase 7"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(centre(&mut ada).await.0[0], "Your password was changed");
    assert_eq!(
        emails_to(&app, "ada@example.com")
            .await
            .last()
            .map(String::as_str),
        Some("Your password was changed")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn auto_apply_tells_the_job_seeker_what_it_sent(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    turn_on(&mut ada, "5", "5").await;
    like(&mut ada, &vacancy).await;
    make_due(&app).await;
    app::swipe::queue::process_due(&app.pool).await.unwrap();
    assert_eq!(
        centre(&mut ada).await.0,
        ["Auto-apply sent your application for Data Analyst"]
    );
    // Off: the next one goes unannounced.
    assert_eq!(
        choose(&mut ada, "auto_apply_sent", "off").await.status,
        StatusCode::OK
    );
    let (_other, second) = open_vacancy(&app, "hr@beta.example.com", "Beta Bank").await;
    like(&mut ada, &second).await;
    make_due(&app).await;
    app::swipe::queue::process_due(&app.pool).await.unwrap();
    assert_eq!(centre(&mut ada).await.0.len(), 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn nobody_reads_or_marks_anothers_notifications(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    apply(&mut ada, &vacancy, &resume).await;
    let theirs = hr.call("notifications", &[]).await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(
        ada.call("notifications/read", &[("id", &theirs)])
            .await
            .error(),
        AppError::NotFound
    );
    let opened = ada.get(&format!("/notifications/{theirs}/open")).await;
    assert_eq!(opened.headers["location"], "/notifications");
    assert_eq!(
        ada.call("notifications/read-all", &[]).await.status,
        StatusCode::OK
    );
    assert_eq!(centre(&mut hr).await.1, 1, "still unread for its owner");
    assert!(centre(&mut ada).await.0.is_empty());

    let mut visitor = app.client();
    assert_eq!(
        visitor.call("notifications", &[]).await.error(),
        AppError::Unauthenticated
    );
    assert_eq!(
        visitor.open_stream("/api/live", &[]).await.0,
        StatusCode::UNAUTHORIZED
    );
    let opened = visitor.get(&format!("/notifications/{theirs}/open")).await;
    assert!(
        opened.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );

    // The owner opens it: read, and on to the applicant.
    let opened = hr.get(&format!("/notifications/{theirs}/open")).await;
    let application = application_of(&app, "ada@example.com").await;
    assert_eq!(
        opened.headers["location"],
        format!("/employer/vacancies/{vacancy}/pipeline?application={application}").as_str()
    );
    assert_eq!(centre(&mut hr).await.1, 0);
}

/// The count is in the page as sent, without waiting for the browser's
/// script, on every page and on the notification centre itself.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_header_arrives_with_the_unread_count(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    apply(&mut ada, &vacancy, &resume).await;
    for page in ["/employer/vacancies", "/notifications"] {
        let html = hr.get(page).await.body;
        assert!(
            html.contains(r#"aria-label="Notifications, 1 unread""#),
            "{page}: {html}"
        );
    }
    let html = ada.get("/applications").await.body;
    assert!(html.contains(r#"aria-label="Notifications""#), "{html}");

    let read = hr.call("notifications/read-all", &[]).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let html = hr.get("/employer/vacancies").await.body;
    assert!(html.contains(r#"aria-label="Notifications""#), "{html}");
}

/// The next notification event of a stream.
async fn next_event(body: &mut Body) -> String {
    next_event_named(body, "unread").await
}

/// The next event called `name` of a stream: keep-alive comments and other
/// events are skipped. (Each frame here holds whole events.)
pub(crate) async fn next_event_named(body: &mut Body, name: &str) -> String {
    let wanted = format!("event: {name}");
    let mut text = String::new();
    loop {
        while let Some(end) = text.find("\n\n") {
            let event = text[..end].to_string();
            text.drain(..end + 2);
            if event.lines().any(|l| l == wanted) {
                return event;
            }
        }
        let frame = tokio::time::timeout(std::time::Duration::from_secs(10), body.frame())
            .await
            .expect("an event within 10 s")
            .expect("the stream goes on")
            .unwrap();
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
    }
}

pub(crate) fn data_of(event: &str) -> serde_json::Value {
    let data = event
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .expect("an event with data");
    serde_json::from_str(data).unwrap()
}

fn id_of(event: &str) -> Option<String> {
    event
        .lines()
        .find_map(|l| l.strip_prefix("id: "))
        .map(str::to_string)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_live_stream_tells_a_tab_at_once(pool: PgPool) {
    let app = TestApp::new(pool);
    // As the server does: this instance listens on the channel.
    let listening = tokio::spawn(app.state.live.clone().listen(app.pool.clone()));
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;

    let (status, mut stream) = hr.open_stream("/api/live", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let first = next_event(&mut stream).await;
    assert!(first.contains("event: unread"), "{first}");
    assert_eq!(data_of(&first)["unread"], 0);
    // The listener may start after the stream: wait until it hears.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    apply(&mut ada, &vacancy, &resume).await;
    let arrived = next_event(&mut stream).await;
    assert_eq!(data_of(&arrived)["unread"], 1);
    assert_eq!(data_of(&arrived)["title"], "New applicant for Data Analyst");
    let last_seen = id_of(&arrived).expect("the event carries the notification's id");

    // Read in another tab: this one's count goes down.
    hr.call("notifications/read-all", &[]).await;
    assert_eq!(data_of(&next_event(&mut stream).await)["unread"], 0);

    // Ada's events are not hr's: a tab coming back after a break hears only
    // what it missed.
    let (_, mut ada_stream) = ada.open_stream("/api/live", &[]).await;
    assert_eq!(data_of(&next_event(&mut ada_stream).await)["unread"], 0);
    drop(stream);
    let (mut ben, ben_resume) = candidate(&app, "ben@example.com").await;
    apply(&mut ben, &vacancy, &ben_resume).await;
    let (_, mut resumed) = hr
        .open_stream("/api/live", &[("last-event-id", &last_seen)])
        .await;
    let caught_up = next_event(&mut resumed).await;
    assert_eq!(data_of(&caught_up)["unread"], 1);
    assert_eq!(
        data_of(&caught_up)["title"],
        "New applicant for Data Analyst"
    );
    assert_ne!(id_of(&caught_up), Some(last_seen));
    listening.abort();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_hourly_sweep_deletes_old_records(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    for email in ["ada@example.com", "ben@example.com", "cy@example.com"] {
        let (mut client, resume) = candidate(&app, email).await;
        apply(&mut client, &vacancy, &resume).await;
    }
    // Read 91 days ago: goes; read 89 days ago, or unread: stays.
    for (order, days) in [("asc", 91), ("desc", 89)] {
        sqlx::query(&format!(
            "update notifications set read_at = now() - make_interval(days => {days})
              where id = (select id from notifications order by id {order} limit 1)"
        ))
        .execute(&app.pool)
        .await
        .unwrap();
    }
    // Login attempts and captured emails: after 30 days.
    app.client().login("hr@acme.example.com", PASSWORD).await;
    for table in ["login_attempts", "captured_emails"] {
        sqlx::query(&format!(
            "update {table} set created_at = now() - make_interval(days => 31)
              where id = (select id from {table} order by id limit 1)"
        ))
        .execute(&app.pool)
        .await
        .unwrap();
    }
    // Searches after 90 days; the logs of mails done with after a year,
    // never one still to send.
    sqlx::query(
        "insert into search_queries (id, user_id, query_text, results_count, duration_ms, created_at)
         select gen_random_uuid(), id, 'analyst', 3, 5, now() - make_interval(days => d)
           from users, unnest(array[91, 89]) d where email = 'hr@acme.example.com'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into email_logs (id, to_address, template, variables, status, created_at)
         select gen_random_uuid(), 'old@example.com', 'welcome', '{}', s, now() - interval '366 days'
           from unnest(array['sent', 'queued']) s",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let count = |table: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("select count(*) from {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (attempts, emails, searches, email_logs) = (
        count("login_attempts").await,
        count("captured_emails").await,
        count("search_queries").await,
        count("email_logs").await,
    );
    let swept = app::jobs::sweep(&app.state).await.unwrap();
    assert_eq!(
        swept,
        app::jobs::Swept {
            notifications: 1,
            login_attempts: 1,
            captured_emails: 1,
            searches: 1,
            email_logs: 1,
            conversations: 0,
        }
    );
    assert_eq!(count("login_attempts").await, attempts - 1);
    assert_eq!(count("captured_emails").await, emails - 1);
    assert_eq!(count("search_queries").await, searches - 1);
    assert_eq!(count("email_logs").await, email_logs - 1);
    let (titles, unread) = centre(&mut hr).await;
    assert_eq!((titles.len(), unread), (2, 1));
    assert_eq!(
        app::jobs::sweep(&app.state).await.unwrap(),
        app::jobs::Swept::default()
    );
}

/// Eight thirty in the morning in Lagos (UTC+1), on the day after `day`
/// offsets by `days`.
fn lagos_morning(days: i64) -> time::OffsetDateTime {
    time::macros::datetime!(2026-12-01 07:30 UTC) + time::Duration::days(days)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_daily_summary_gathers_noisy_kinds_into_one_email(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut employer = app.registered("boss@example.com", "employer").await;
    let user: uuid::Uuid = sqlx::query_scalar(
        "update users set email_verified_at = now() where email = 'boss@example.com' returning id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query("update user_settings set timezone = 'Africa/Lagos' where user_id = $1")
        .bind(user)
        .execute(&app.pool)
        .await
        .unwrap();
    // A summary only for the kinds that come in numbers.
    for kind in ["account_security", "application_received"] {
        let refused = choose(
            &mut employer,
            kind,
            if kind == "account_security" {
                "digest"
            } else {
                "weekly"
            },
        )
        .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{kind}");
    }
    let chosen = choose(&mut employer, "application_received", "digest").await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);

    for name in ["Ada", "Bola", "Chidi"] {
        let mut tx = app.pool.begin().await.unwrap();
        app::notifications::notify(
            &mut tx,
            user,
            &app::notifications::Notice::application_received(
                "Head of Data",
                name,
                uuid::Uuid::now_v7(),
                uuid::Uuid::now_v7(),
            ),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let (titles, unread) = centre(&mut employer).await;
    assert_eq!(
        (titles.len(), unread),
        (3, 3),
        "each shows in the app at once"
    );
    assert!(
        emails_to(&app, "boss@example.com")
            .await
            .iter()
            .all(|s| !s.contains("New applicant"))
    );

    // Not at seven on their clock; at eight, one email; not twice.
    let digest = |now| app::notifications::digest::send_due(&app.pool, now);
    assert_eq!(
        digest(lagos_morning(0) - time::Duration::hours(1))
            .await
            .unwrap(),
        0
    );
    assert_eq!(digest(lagos_morning(0)).await.unwrap(), 1);
    assert_eq!(digest(lagos_morning(0)).await.unwrap(), 0);
    let subjects = emails_to(&app, "boss@example.com").await;
    assert!(
        subjects.contains(&"3 new on Hirewell since yesterday".to_string()),
        "{subjects:?}"
    );
    let body: String = sqlx::query_scalar(
        "select body_text from captured_emails where subject = '3 new on Hirewell since yesterday'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    for name in ["Ada", "Bola", "Chidi"] {
        assert!(
            body.contains(&format!("New applicant for Head of Data: {name} applied.")),
            "{body}"
        );
    }
    assert!(body.contains("/notifications/"), "{body}");

    // Nothing waits: the next morning sends nothing.
    assert_eq!(digest(lagos_morning(1)).await.unwrap(), 0);

    // Its unsubscribe link turns the summary into in-app only.
    let url: String = sqlx::query_scalar(
        "select list_unsubscribe from captured_emails where subject = '3 new on Hirewell since yesterday'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let one_click = app
        .client()
        .post_from_elsewhere(
            url.trim_start_matches(crate::common::ORIGIN),
            "application/x-www-form-urlencoded",
            "List-Unsubscribe=One-Click",
            &[],
        )
        .await;
    assert_eq!(one_click.status, StatusCode::OK);
    let delivery: String = sqlx::query_scalar(
        "select delivery from notification_preferences where user_id = $1 and kind = 'application_received'",
    )
    .bind(user)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(delivery, "in_app");
}

const LAPTOP: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const PHONE: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_sign_in_from_a_new_browser_is_told(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut laptop = app.client().using(LAPTOP).seen_as("203.0.113.7");
    let reply = laptop
        .register("ada@example.com", PASSWORD, "candidate")
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // The browser it signed up with is known.
    let mut again = app.client().using(LAPTOP);
    assert_eq!(
        again.login("ada@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    assert!(centre(&mut again).await.0.is_empty());

    // A phone is new: told once, in the app and (always) by email.
    let mut phone = app.client().using(PHONE).seen_as("198.51.100.4");
    assert_eq!(
        phone.login("ada@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    let mut phone_again = app.client().using(PHONE);
    assert_eq!(
        phone_again.login("ada@example.com", PASSWORD).await.status,
        StatusCode::OK
    );
    let (titles, _) = centre(&mut laptop).await;
    assert_eq!(titles, ["New sign-in to your account"]);
    let body: String = sqlx::query_scalar("select body from notifications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        body.starts_with("Chrome on Android (from 198.51.100.4)."),
        "{body}"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_team_hears_of_a_listing_ending_once_per_end_date(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.test", "Acme").await;
    let mut colleague = app.join_company(&mut hr, "mo@acme.test", "member").await;
    let notify = || app::vacancies::db::notify_expiring_listings(&app.pool);
    assert_eq!(notify().await.unwrap(), 0, "not yet");

    let ends_in = |hours: i64| {
        sqlx::query("update vacancies set expires_at = now() + make_interval(hours => $1::int) where id = $2::uuid")
            .bind(hours as i32)
            .bind(vacancy.clone())
            .execute(&app.pool)
    };
    ends_in(60).await.unwrap();
    assert_eq!(notify().await.unwrap(), 1);
    assert_eq!(notify().await.unwrap(), 0, "told once");
    for client in [&mut hr, &mut colleague] {
        let (titles, _) = centre(client).await;
        assert_eq!(titles, ["Your listing for Data Analyst ends in 3 days"]);
    }
    // Extended, then ending again: told again.
    ends_in(20).await.unwrap();
    assert_eq!(notify().await.unwrap(), 1);
    let (titles, _) = centre(&mut hr).await;
    assert_eq!(titles[0], "Your listing for Data Analyst ends tomorrow");
    // A job seeker has no such notifications to choose.
    let (mut seeker, _) = candidate(&app, "ada@example.com").await;
    let refused = choose(&mut seeker, "vacancy_expiring", "off").await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_event_on_one_instance_reaches_a_tab_on_another(pool: PgPool) {
    // Two instances on one database; the tab is connected to the second.
    let first = TestApp::new(pool.clone());
    let second = TestApp::new(pool);
    let listening = tokio::spawn(second.state.live.clone().listen(second.pool.clone()));
    let (hr, vacancy) = open_vacancy(&first, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&first, "ada@example.com").await;
    let mut hr_on_second = second.client();
    hr_on_second.cookie = hr.cookie.clone();

    let (status, mut stream) = hr_on_second.open_stream("/api/live", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(data_of(&next_event(&mut stream).await)["unread"], 0);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    apply(&mut ada, &vacancy, &resume).await;
    let arrived = next_event(&mut stream).await;
    assert_eq!(data_of(&arrived)["unread"], 1);
    assert_eq!(data_of(&arrived)["title"], "New applicant for Data Analyst");
    listening.abort();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn every_kind_obeys_every_choice(pool: PgPool) {
    use app::auth::rules::AccountType;
    use app::notifications::rules::{Delivery, Kind, delivery};
    let app = TestApp::new(pool);
    for kind in Kind::ALL {
        let account = match Kind::for_account(AccountType::Candidate).contains(&kind) {
            true => "candidate",
            false => "employer",
        };
        for chosen in Delivery::ALL {
            let email = format!("{}.{}@example.com", kind.as_str(), chosen.as_str());
            let mut client = app.registered(&email, account).await;
            let user: uuid::Uuid = sqlx::query_scalar(
                "update users set email_verified_at = now() where email = $1 returning id",
            )
            .bind(&email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
            let reply = choose(&mut client, kind.as_str(), chosen.as_str()).await;
            let offered = !kind.is_fixed() && kind.deliveries().any(|d| d == chosen);
            let expected = if offered {
                StatusCode::OK
            } else {
                StatusCode::CONFLICT
            };
            assert_eq!(
                reply.status, expected,
                "{kind:?} {chosen:?}: {}",
                reply.body
            );

            let mut tx = app.pool.begin().await.unwrap();
            let notice = app::notifications::Notice {
                kind,
                title: format!("A {kind:?} notice"),
                body: String::new(),
                link: "/".into(),
            };
            app::notifications::notify(&mut tx, user, &notice)
                .await
                .unwrap();
            tx.commit().await.unwrap();

            let effective = delivery(kind, offered.then_some(chosen));
            let (titles, _) = centre(&mut client).await;
            let in_app = titles.contains(&notice.title);
            let emailed = emails_to(&app, &email).await.contains(&notice.title);
            let waiting: bool = sqlx::query_scalar(
                "select coalesce(bool_or(digest_pending), false) from notifications where user_id = $1",
            )
            .bind(user)
            .fetch_one(&app.pool)
            .await
            .unwrap();
            assert_eq!(
                (in_app, emailed, waiting),
                (
                    effective.in_app(),
                    effective.email(),
                    effective == Delivery::Digest
                ),
                "{kind:?} chosen {chosen:?} (delivered as {effective:?})"
            );
        }
    }
}
