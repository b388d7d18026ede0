//! Auto-apply: a good-enough like is queued, waits, and is sent once by the
//! worker within the candidate's caps, never twice and never to a vacancy
//! that closed meanwhile, nor for an unconfirmed address; the candidate can
//! cancel or send it now.

use crate::applications::candidate;
use crate::common::{Client, TestApp};
use crate::vacancies::{change, create, vacancy_form};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

async fn open_vacancies(app: &TestApp, email: &str, company: &str, n: usize) -> Vec<String> {
    let mut hr = app.employer_of(email, company, "").await;
    let mut ids = Vec::new();
    for i in 0..n {
        let id = create(app, &mut hr, &vacancy_form(&format!("Data Analyst {i}"))).await;
        assert_eq!(change(&mut hr, &id, "publish").await.status, StatusCode::OK);
        ids.push(id);
    }
    ids
}

pub(crate) async fn turn_on(client: &mut Client, per_day: &str, per_company: &str) {
    let reply = client
        .call(
            "swipe/auto-apply",
            &[
                ("enabled", "on"),
                ("min_score", "0"),
                ("max_per_day", per_day),
                ("max_per_company_per_week", per_company),
                ("resume_id", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

pub(crate) async fn like(client: &mut Client, vacancy: &str) {
    let reply = client
        .call(
            "swipe/swipe",
            &[("vacancy_id", vacancy), ("direction", "right")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

pub(crate) async fn make_due(app: &TestApp) {
    sqlx::query("update application_queue set scheduled_at = now() where status = 'pending'")
        .execute(&app.pool)
        .await
        .unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_liked_match_waits_then_is_sent_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = open_vacancies(&app, "hr@acme.example.com", "Acme Bank", 2).await;
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    // Off: a like only saves.
    like(&mut ada, &ids[0]).await;
    assert_eq!(
        count(&app, "select count(*) from application_queue").await,
        0
    );

    turn_on(&mut ada, "5", "2").await;
    like(&mut ada, &ids[1]).await;
    let queue = ada.call("swipe/queue", &[]).await.json();
    assert_eq!(queue.as_array().unwrap().len(), 1);
    assert_eq!(queue[0]["status"], "pending");
    let deck = ada.call("swipe/deck", &[]).await.json();
    assert_eq!(
        (&deck["queued"], &deck["auto_apply"]["enabled"]),
        (&1.into(), &true.into())
    );
    let waits = count(
        &app,
        "select extract(epoch from scheduled_at - now())::bigint from application_queue",
    )
    .await;
    assert!((880..=900).contains(&waits), "waits {waits} s");

    // Not due yet: nothing is sent.
    assert_eq!(app::swipe::queue::process_due(&app.pool).await.unwrap(), 0);
    make_due(&app).await;
    let (a, b) = tokio::join!(
        app::swipe::queue::process_due(&app.pool),
        app::swipe::queue::process_due(&app.pool)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(ada.call("swipe/deck", &[]).await.json()["queued"], 0);
    assert_eq!(
        count(
            &app,
            "select count(*) from applications where source = 'auto_apply'"
        )
        .await,
        1
    );
    assert_eq!(
        ada.call("plus", &[]).await.json()["this_month"]["auto_applications"],
        1
    );
    assert_eq!(
        ada.call("swipe/queue", &[]).await.json()[0]["status"],
        "sent"
    );
    assert_eq!(
        ada.call("applications/mine", &[]).await.json()["applications"][0]["auto_applied"],
        true
    );
    assert!(count(&app, "select count(*) from automation_logs").await >= 2);
    // Nothing more to do, and the card is gone from the deck.
    assert_eq!(app::swipe::queue::process_due(&app.pool).await.unwrap(), 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn caps_hold_when_two_workers_share_thirty_due_entries(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ids = Vec::new();
    for (email, company) in [
        ("hr@acme.example.com", "Acme Bank"),
        ("hr@globex.example.com", "Globex"),
        ("hr@initech.example.com", "Initech"),
    ] {
        ids.extend(open_vacancies(&app, email, company, 10).await);
    }
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    turn_on(&mut ada, "5", "2").await;
    for id in &ids {
        like(&mut ada, id).await;
    }
    assert_eq!(
        count(&app, "select count(*) from application_queue").await,
        30
    );
    make_due(&app).await;
    let (a, b) = tokio::join!(
        app::swipe::queue::process_due(&app.pool),
        app::swipe::queue::process_due(&app.pool)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 30);
    assert_eq!(
        count(
            &app,
            "select count(*) from applications where source = 'auto_apply'"
        )
        .await,
        5
    );
    assert_eq!(
        count(
            &app,
            "select max(n) from (select count(*) as n from applications a
               join vacancies v on v.id = a.vacancy_id group by v.company_id) per_company"
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from application_queue where status = 'skipped'"
        )
        .await,
        25
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from application_queue where status = 'pending'"
        )
        .await,
        0
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_vacancy_that_closed_or_refuses_auto_apply_ends_the_entry(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let mut ids = Vec::new();
    for title in ["Data Analyst", "Data Engineer"] {
        let id = create(&app, &mut hr, &vacancy_form(title)).await;
        change(&mut hr, &id, "publish").await;
        ids.push(id);
    }
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    turn_on(&mut ada, "5", "2").await;
    like(&mut ada, &ids[0]).await;
    like(&mut ada, &ids[1]).await;
    change(&mut hr, &ids[0], "close").await;
    // Only the company switches it, and switching ends the waiting entry.
    let switch = [("vacancy_id", ids[1].as_str()), ("accepted", "false")];
    let mut other = app.employer_of("hr@globex.example.com", "Globex", "").await;
    assert_eq!(
        other
            .call("swipe/auto-apply-accepted", &switch)
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        ada.call("swipe/auto-apply-accepted", &switch).await.error(),
        AppError::Forbidden
    );
    let reply = hr.call("swipe/auto-apply-accepted", &switch).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        count(
            &app,
            "select count(*) from application_queue where status = 'pending'"
        )
        .await,
        1
    );
    assert_eq!(app.audit_count("vacancy.auto_apply_changed").await, 1);
    make_due(&app).await;
    app::swipe::queue::process_due(&app.pool).await.unwrap();
    assert_eq!(count(&app, "select count(*) from applications").await, 0);
    let reasons: Vec<String> =
        sqlx::query_scalar("select reason from application_queue order by created_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        reasons,
        vec![
            "The job closed before it was sent.",
            "The employer does not take auto-applications for this job."
        ]
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_unconfirmed_email_ends_the_entry_without_applying(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = open_vacancies(&app, "hr@acme.example.com", "Acme Bank", 1).await;
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    turn_on(&mut ada, "5", "2").await;
    like(&mut ada, &ids[0]).await;
    // As after changing the address and before confirming the new one.
    sqlx::query("update users set email_verified_at = null where lower(email) = 'ada@example.com'")
        .execute(&app.pool)
        .await
        .unwrap();
    make_due(&app).await;
    app::swipe::queue::process_due(&app.pool).await.unwrap();
    assert_eq!(count(&app, "select count(*) from applications").await, 0);
    let reason: String = sqlx::query_scalar("select reason from application_queue")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(reason, "Confirm your email address to send applications.");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_the_candidate_cancels_or_sends_their_entry(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = open_vacancies(&app, "hr@acme.example.com", "Acme Bank", 2).await;
    let (mut ada, _) = candidate(&app, "ada@example.com").await;
    let (mut ben, _) = candidate(&app, "ben@example.com").await;
    // An unconfirmed email, then no résumé: no auto-apply.
    let mut cat = app.registered("cat@example.com", "candidate").await;
    let form = [
        ("enabled", "on"),
        ("min_score", "70"),
        ("max_per_day", "5"),
        ("max_per_company_per_week", "2"),
    ];
    assert!(matches!(
        cat.call("swipe/auto-apply", &form).await.error(),
        AppError::Refused(_)
    ));
    sqlx::query("update users set email_verified_at = now() where email = 'cat@example.com'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(matches!(
        cat.call("swipe/auto-apply", &form).await.error(),
        AppError::Validation(_)
    ));

    turn_on(&mut ada, "5", "2").await;
    like(&mut ada, &ids[0]).await;
    like(&mut ada, &ids[1]).await;
    let queue = ada.call("swipe/queue", &[]).await.json();
    let (second, first) = (
        queue[0]["id"].as_str().unwrap().to_string(),
        queue[1]["id"].as_str().unwrap().to_string(),
    );
    for form in [
        vec![("id", first.as_str())],
        vec![("id", first.as_str()), ("send", "now")],
    ] {
        assert!(matches!(
            ben.call("swipe/queue/change", &form).await.error(),
            AppError::Refused(_)
        ));
    }
    assert!(
        ben.call("swipe/queue", &[])
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );

    let reply = ada.call("swipe/queue/change", &[("id", &first)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = ada
        .call("swipe/queue/change", &[("id", &second), ("send", "now")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let statuses: Vec<String> =
        sqlx::query_scalar("select status from application_queue order by created_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(statuses, vec!["cancelled", "sent"]);
    // A cancelled entry cannot be sent afterwards.
    assert!(matches!(
        ada.call("swipe/queue/change", &[("id", &first), ("send", "now")])
            .await
            .error(),
        AppError::Refused(_)
    ));
}
