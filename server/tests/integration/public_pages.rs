//! The public pages' copies (`app::public_pages`): a visitor without a
//! session is served a kept page, and any change to what it shows drops the
//! copies on the next announcement.

use crate::common::{Client, Reply, TestApp};
use crate::job_board::publish;
use crate::vacancies::{change, vacancy_form};
use axum::http::StatusCode;
use sqlx::PgPool;
use std::time::Duration;

/// The test app with its copies following the announcements, as a server's.
async fn listening_app(pool: PgPool) -> TestApp {
    let app = TestApp::new(pool.clone());
    tokio::spawn(app.state.pages.clone().follow(pool));
    for _ in 0..200 {
        if app.state.pages.listening() {
            return app;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the public pages never started listening");
}

/// Runs `step`, then waits for the announcement it makes to drop the copies
/// of each instance.
async fn announced<T>(apps: &[&TestApp], step: impl Future<Output = T>) -> T {
    let before: Vec<u64> = apps.iter().map(|a| a.state.pages.generation()).collect();
    let out = step.await;
    for _ in 0..200 {
        if apps
            .iter()
            .zip(&before)
            .all(|(a, before)| a.state.pages.generation() != *before)
        {
            return out;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("no change was announced");
}

/// Waits until each instance has heard the announcements of everything
/// done so far: one sent now has come, and nothing more for a while (an
/// earlier one may have been the change seen first).
async fn settle(apps: &[&TestApp]) {
    let pool = apps[0].pool.clone();
    let generations = || -> Vec<u64> { apps.iter().map(|a| a.state.pages.generation()).collect() };
    announced(apps, async move {
        sqlx::query("select pg_notify($1, '')")
            .bind(app::public_pages::CHANNEL)
            .execute(&pool)
            .await
            .unwrap()
    })
    .await;
    let mut seen = generations();
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = generations();
        if now == seen {
            return;
        }
        seen = now;
    }
}

async fn page(client: &mut Client, path: &str) -> String {
    let reply = client.get(path).await;
    assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    reply.body
}

async fn shows(client: &mut Client, path: &str, text: &str) -> bool {
    page(client, path).await.contains(text)
}

/// A company's member, their published "Data Analyst" and its page's path.
async fn published_job(app: &TestApp) -> (Client, String, String) {
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = publish(app, &mut hr, "Data Analyst", &[]).await;
    let slug: String = sqlx::query_scalar("select slug from vacancies where id = $1::uuid")
        .bind(&id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (hr, id, format!("/jobs/{slug}"))
}

/// Changes a vacancy's title without the announcement (the triggers are off
/// for the session that does it), to tell a kept page from a fresh one.
async fn retitle_quietly(pool: &PgPool, id: &str, title: &str) {
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("set local session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("update vacancies set title = $2 where id = $1::uuid")
        .bind(id)
        .bind(title)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn visitors_see_an_edited_paused_or_closed_vacancy_on_their_next_request(pool: PgPool) {
    let app = listening_app(pool.clone()).await;
    // Another instance of the site on the same database.
    let other = listening_app(pool.clone()).await;
    let (mut hr, id, job) = published_job(&app).await;
    let search = "/jobs?q=analyst";
    let company = "/companies/acme-bank";
    let mut visitor = app.client();
    let mut elsewhere = other.client();
    settle(&[&app, &other]).await;
    assert!(shows(&mut visitor, &job, "Data Analyst").await);
    assert!(shows(&mut visitor, search, "Data Analyst").await);
    assert!(shows(&mut visitor, company, "Data Analyst").await);
    assert!(shows(&mut elsewhere, &job, "Data Analyst").await);

    // The visitor is served the kept pages, each with a nonce of its own;
    // the company's member, signed in, gets the page rendered afresh.
    retitle_quietly(&pool, &id, "Quiet Analyst").await;
    let kept = visitor.get(&job).await;
    assert!(kept.body.contains("Data Analyst") && !kept.body.contains("Quiet Analyst"));
    let again = visitor.get(&job).await;
    assert_ne!(kept.nonce(), again.nonce());
    assert!(again.body.contains(&format!("nonce=\"{}\"", again.nonce())));
    assert!(!again.body.contains(&kept.nonce()));
    assert!(!shows(&mut visitor, search, "Quiet Analyst").await);
    assert!(!shows(&mut elsewhere, &job, "Quiet Analyst").await);
    assert!(shows(&mut hr, &job, "Quiet Analyst").await);

    // An edit through the site is on the visitor's next request, on every
    // instance.
    let mut form = vacancy_form("Senior Data Analyst");
    form.insert(0, ("id", &id));
    let reply = announced(&[&app, &other], hr.call("employer/vacancy/save", &form)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(shows(&mut visitor, &job, "Senior Data Analyst").await);
    assert!(shows(&mut visitor, search, "Senior Data Analyst").await);
    assert!(shows(&mut visitor, company, "Senior Data Analyst").await);
    assert!(shows(&mut elsewhere, &job, "Senior Data Analyst").await);

    // Paused: the page says so and the search no longer finds it.
    let reply = announced(&[&app, &other], change(&mut hr, &id, "pause")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(shows(&mut visitor, &job, "This vacancy is paused").await);
    assert!(shows(&mut elsewhere, &job, "This vacancy is paused").await);
    assert!(!shows(&mut visitor, search, "Senior Data Analyst").await);
    assert!(!shows(&mut visitor, company, "Senior Data Analyst").await);

    // Resumed, found again; closed, the page says so and search forgets it.
    announced(&[&app, &other], change(&mut hr, &id, "resume")).await;
    assert!(shows(&mut visitor, search, "Senior Data Analyst").await);
    let reply = announced(&[&app, &other], change(&mut hr, &id, "close")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(shows(&mut visitor, &job, "This vacancy is closed").await);
    assert!(shows(&mut elsewhere, &job, "This vacancy is closed").await);
    assert!(!shows(&mut visitor, search, "Senior Data Analyst").await);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn kept_vacancy_pages_still_count_each_visitor_once(pool: PgPool) {
    let app = listening_app(pool.clone()).await;
    let (_, id, job) = published_job(&app).await;
    let views = || async {
        sqlx::query_scalar::<_, i32>("select views_count from vacancies where id = $1::uuid")
            .bind(&id)
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    // Three visitors (another browser, another network), three visits each:
    // the first renders the page, the others are served the kept copy.
    for visitor in [
        app.client(),
        app.client().using("Firefox"),
        app.client().seen_as("203.0.113.9"),
    ] {
        let mut visitor = visitor;
        for _ in 0..3 {
            page(&mut visitor, &job).await;
        }
    }
    assert_eq!(views().await, 3);
    // Half an hour on, the visitor counts again, on another instance too
    // (which knows nothing of what this one counted), and only once there.
    sqlx::query("update vacancy_views set counted_at = now() - interval '31 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    let other = listening_app(pool.clone()).await;
    let mut first = other.client();
    for _ in 0..3 {
        page(&mut first, &job).await;
    }
    assert_eq!(views().await, 4);
}

/// A page as a browser asks for it (taking gzip): the reply and its body
/// uncompressed.
async fn page_in_gzip(client: &mut Client, path: &str) -> (Reply, String) {
    let reply = client
        .get_with(path, &[("accept-encoding", "gzip, deflate, br, zstd")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{path}");
    assert_eq!(reply.headers["content-encoding"], "gzip", "{path}");
    assert_eq!(reply.headers["vary"], "accept-encoding", "{path}");
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&reply.bytes[..]),
        &mut body,
    )
    .unwrap();
    (reply, body)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn browsers_taking_gzip_get_kept_and_personal_pages_compressed(pool: PgPool) {
    let app = listening_app(pool.clone()).await;
    let (mut hr, _, job) = published_job(&app).await;
    let mut visitor = app.client();
    settle(&[&app]).await;
    // An instance that keeps nothing renders the page afresh.
    let fresh = TestApp::new(pool.clone()).client().get(&job).await;
    let as_fresh = |reply: &Reply| fresh.body.replace(&fresh.nonce(), &reply.nonce());
    // The first request keeps the copy it is sent; the next two are sent it
    // again, each with its nonce in the page as in the policy.
    for _ in 0..3 {
        let (reply, body) = page_in_gzip(&mut visitor, &job).await;
        assert_ne!(reply.nonce(), fresh.nonce());
        assert!(body.contains(&format!("nonce=\"{}\"", reply.nonce())));
        assert_eq!(body, as_fresh(&reply));
    }
    // A browser not taking gzip gets the copy inflated, its stylesheet added.
    let plain = visitor.get(&job).await;
    assert!(plain.headers.get("content-encoding").is_none());
    assert_eq!(plain.body, as_fresh(&plain));
    // A signed-in page, rendered for its reader, and its error page.
    let (_, body) = page_in_gzip(&mut hr, "/employer/vacancies").await;
    assert!(body.contains("Data Analyst"));
    let missing = hr
        .get_with("/jobs/no-such-job", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers["content-encoding"], "gzip");
    // Without gzip among the encodings a page comes plain.
    let reply = visitor
        .get_with(&job, &[("accept-encoding", "br;q=1, gzip;q=0")])
        .await;
    assert!(reply.headers.get("content-encoding").is_none());
    assert!(reply.body.contains("Data Analyst"));
}
