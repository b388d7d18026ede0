//! What a plan allows, enforced where the action happens: publishing needs
//! a plan in force, a confirmed domain and room among the open vacancies;
//! inviting needs a free seat; confidential vacancies need the feature. A
//! plan that ends pauses the vacancies beyond the trial's limit, and paying
//! opens them again.

use crate::billing::{company_of, put_on};
use crate::common::{Client, TestApp};
use crate::payments::{billing_notices, checkout, clock_at, current_period, pay};
use crate::vacancies::{change, create, vacancy_form};
use app::billing::rules::Status;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;
use time::Duration;

/// An owner whose confirmed address is at the company's website's domain,
/// so the domain is confirmed; the company is on the trial.
async fn confirmed_owner(app: &TestApp, email: &str, company: &str, website: &str) -> Client {
    let mut owner = app.fresh_employer_of(email, company, website).await;
    let token = app
        .token_from_email(email, "Confirm your email address")
        .await;
    let reply = owner.call("verify-email", &[("token", &token)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    owner
}

async fn statuses(app: &TestApp) -> Vec<(String, bool)> {
    sqlx::query_as("select status, paused_for_plan from vacancies order by created_at")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

fn plan_limit(reply: &crate::common::Reply) -> String {
    assert_eq!(reply.status, StatusCode::PAYMENT_REQUIRED, "{}", reply.body);
    match reply.error() {
        AppError::PlanLimit(message) => message,
        other => panic!("not a plan limit: {other:?}"),
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn publishing_needs_a_confirmed_domain(pool: PgPool) {
    let app = TestApp::new(pool);
    // Their address is at another domain than the company's website.
    let mut hr = confirmed_owner(
        &app,
        "hr@mail.example.org",
        "Acme Bank",
        "https://www.acme.example.com",
    )
    .await;
    let id = create(&app, &mut hr, &vacancy_form("Data Analyst")).await;
    let refused = change(&mut hr, &id, "publish").await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let AppError::Refused(message) = refused.error() else {
        panic!("{}", refused.body)
    };
    assert!(message.contains("acme.example.com"), "{message}");
    assert_eq!(statuses(&app).await, [("draft".to_string(), false)]);
    // Our team verifies the company: now it may.
    sqlx::query("update companies set verification_status = 'verified'")
        .execute(&app.pool)
        .await
        .unwrap();
    let reply = change(&mut hr, &id, "publish").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // A member at a subdomain of the website's domain confirms it too.
    let mut other = confirmed_owner(
        &app,
        "hr@lagos.globex.example.com",
        "Globex",
        "https://globex.example.com",
    )
    .await;
    let id = create(&app, &mut other, &vacancy_form("Data Analyst")).await;
    let reply = change(&mut other, &id, "publish").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn open_vacancies_stop_at_the_plans_limit_and_a_plan_that_ended_publishes_nothing(
    pool: PgPool,
) {
    let app = TestApp::new(pool);
    let mut hr = confirmed_owner(
        &app,
        "hr@acme.example.com",
        "Acme Bank",
        "https://acme.example.com",
    )
    .await;
    // The trial allows two open at once.
    let mut ids = Vec::new();
    for title in ["Data Analyst", "Treasury Lead", "Risk Manager"] {
        ids.push(create(&app, &mut hr, &vacancy_form(title)).await);
    }
    for id in &ids[..2] {
        let reply = change(&mut hr, id, "publish").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let refused = change(&mut hr, &ids[2], "publish").await;
    assert_eq!(
        plan_limit(&refused),
        "Your plan allows 2 vacancies open at once. Pause or close one, or upgrade for more."
    );
    // Publishing from the editor is refused the same way, and nothing is saved.
    let mut fields = vec![("id", ""), ("publish", "on")];
    fields.extend_from_slice(&vacancy_form("Head of Payments"));
    plan_limit(&hr.call("employer/vacancy/save", &fields).await);
    assert_eq!(count(&app, "select count(*) from vacancies").await, 3);
    // Below the limit again, it opens; a paused one cannot come back over it.
    let reply = change(&mut hr, &ids[0], "pause").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = change(&mut hr, &ids[2], "publish").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    plan_limit(&change(&mut hr, &ids[0], "resume").await);

    // Once the trial is over nothing new is published, whatever the room.
    let reply = change(&mut hr, &ids[1], "close").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let (_, trial_end) = current_period(&app).await;
    clock_at(&app, trial_end + Duration::seconds(1)).await;
    let ended = plan_limit(&change(&mut hr, &ids[0], "resume").await);
    assert!(ended.contains("plan has ended"), "{ended}");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn fifty_publishes_at_once_open_only_what_the_plan_allows(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = confirmed_owner(
        &app,
        "hr@acme.example.com",
        "Acme Bank",
        "https://acme.example.com",
    )
    .await;
    let mut ids = Vec::new();
    for n in 0..50 {
        ids.push(create(&app, &mut hr, &vacancy_form(&format!("Analyst {n}"))).await);
    }
    let tasks: Vec<_> = ids
        .into_iter()
        .map(|id| {
            let mut client = hr.clone();
            tokio::spawn(async move { change(&mut client, &id, "publish").await.status })
        })
        .collect();
    let mut opened = 0;
    for task in tasks {
        match task.await.unwrap() {
            StatusCode::OK => opened += 1,
            StatusCode::PAYMENT_REQUIRED => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(opened, 2);
    assert_eq!(
        count(
            &app,
            "select count(*) from vacancies where status = 'active'"
        )
        .await,
        2
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn invitations_stop_at_the_plans_seats(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = confirmed_owner(
        &app,
        "owner@acme.example.com",
        "Acme Bank",
        "https://acme.example.com",
    )
    .await;
    let company = company_of(&app, "Acme Bank").await;
    let invite = |email: &'static str| [("email", email), ("role", "member")];
    // The trial is one recruiter: the owner.
    let refused = owner
        .call("company/invite", &invite("ada@acme.example.com"))
        .await;
    assert_eq!(
        plan_limit(&refused),
        "Your plan has 1 seat on the team, invitations waiting included. \
         Revoke an invitation, or upgrade for more."
    );
    // Basic has three: two invitations fit, a third does not until one is revoked.
    put_on(&app, company, "basic", Status::Active).await;
    app.invite(&mut owner, "ada@acme.example.com", "member")
        .await;
    app.invite(&mut owner, "bo@acme.example.com", "member")
        .await;
    plan_limit(
        &owner
            .call("company/invite", &invite("cy@acme.example.com"))
            .await,
    );
    let ada_invite: uuid::Uuid =
        sqlx::query_scalar("select id from company_invites where email = 'ada@acme.example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let reply = owner
        .call("company/invite/revoke", &[("id", &ada_invite.to_string())])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    app.invite(&mut owner, "cy@acme.example.com", "member")
        .await;

    // The plan ends: the trial's one seat is taken, so an invitation
    // waiting cannot be accepted.
    sqlx::query("update subscriptions set status = 'expired' where ended_at is null")
        .execute(&app.pool)
        .await
        .unwrap();
    let token = app
        .token_from_email("bo@acme.example.com", "Join Acme Bank on Hirewell")
        .await;
    let mut bo = app.registered("bo@acme.example.com", "employer").await;
    let refused = bo.call("company/invite/accept", &[("token", &token)]).await;
    let AppError::Refused(message) = refused.error() else {
        panic!("{}", refused.body)
    };
    assert!(message.contains("no free seat"), "{message}");
    assert_eq!(count(&app, "select count(*) from company_members").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn confidential_vacancies_come_with_the_plans_that_have_them(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = confirmed_owner(
        &app,
        "hr@acme.example.com",
        "Acme Bank",
        "https://acme.example.com",
    )
    .await;
    let company = company_of(&app, "Acme Bank").await;
    put_on(&app, company, "basic", Status::Active).await;
    let mut confidential = vec![("id", ""), ("is_confidential", "on")];
    confidential.extend_from_slice(&vacancy_form("Chief Risk Officer"));
    let refused = hr.call("employer/vacancy/save", &confidential).await;
    assert_eq!(
        plan_limit(&refused),
        "Confidential vacancies come with the Professional plan and above."
    );
    assert_eq!(count(&app, "select count(*) from vacancies").await, 0);
    put_on(&app, company, "professional", Status::Active).await;
    let reply = hr.call("employer/vacancy/save", &confidential).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Back on Basic, the one it has stays confidential through an edit.
    put_on(&app, company, "basic", Status::Active).await;
    let id: uuid::Uuid = sqlx::query_scalar("select id from vacancies")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let id = id.to_string();
    let mut edit = vec![("id", id.as_str()), ("is_confidential", "on")];
    edit.extend_from_slice(&vacancy_form("Chief Risk Officer, Lagos"));
    let reply = hr.call("employer/vacancy/save", &edit).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_plan_that_ends_pauses_what_is_beyond_the_trial_and_paying_opens_it_again(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = confirmed_owner(
        &app,
        "owner@acme.example.com",
        "Acme Bank",
        "https://acme.example.com",
    )
    .await;
    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    let mut ids = Vec::new();
    for title in ["Analyst", "Treasurer", "Risk Lead", "Engineer", "Designer"] {
        let id = create(&app, &mut owner, &vacancy_form(title)).await;
        let reply = change(&mut owner, &id, "publish").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        ids.push(id);
    }
    // One the team paused itself stays paused through all of it.
    change(&mut owner, &ids[0], "pause").await;
    owner.call("billing/cancel", &[]).await;
    let (_, period_end) = current_period(&app).await;
    clock_at(&app, period_end + Duration::seconds(1)).await;
    // The trial's two most recently published stay open; two more pause.
    let paused = |by_plan: bool| ("paused".to_string(), by_plan);
    let open = ("active".to_string(), false);
    assert_eq!(
        statuses(&app).await,
        [
            paused(false),
            paused(true),
            paused(true),
            open.clone(),
            open.clone()
        ]
    );
    assert_eq!(app.audit_count("billing.vacancies_paused").await, 1);
    assert_eq!(
        billing_notices(&app, "owner@acme.example.com").await.last(),
        Some(&"Your Basic plan has ended".to_string())
    );
    let body: String = sqlx::query_scalar(
        "select body from notifications where title = 'Your Basic plan has ended'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        body.contains("2 vacancies beyond its limit are paused"),
        "{body}"
    );

    // Paying again opens them; the one paused by hand stays as it was.
    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    assert_eq!(
        statuses(&app).await,
        [
            paused(false),
            open.clone(),
            open.clone(),
            open.clone(),
            open.clone()
        ]
    );
    assert_eq!(app.audit_count("billing.vacancies_resumed").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_smaller_plan_waits_for_the_periods_end_and_pauses_what_it_does_not_allow(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = confirmed_owner(
        &app,
        "owner@acme.example.com",
        "Acme Bank",
        "https://acme.example.com",
    )
    .await;
    let reference = checkout(&mut owner, "professional", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    for n in 0..6 {
        let id = create(&app, &mut owner, &vacancy_form(&format!("Analyst {n}"))).await;
        let reply = change(&mut owner, &id, "publish").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    // Basic is smaller: it is not paid now, it waits for the month's end.
    let refused = owner
        .call(
            "company/billing/checkout",
            &[("plan", "basic"), ("cycle", "monthly")],
        )
        .await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    let schedule = |plan: &'static str, cycle: &'static str| [("plan", plan), ("cycle", cycle)];
    // A bigger plan is not scheduled: it is paid for now.
    let refused = owner
        .call(
            "company/billing/schedule",
            &schedule("enterprise", "monthly"),
        )
        .await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    let reply = owner
        .call("company/billing/schedule", &schedule("basic", "monthly"))
        .await;
    assert_eq!(
        reply.headers["location"],
        "/company/billing?notice=plan_change_scheduled"
    );
    let overview = crate::billing::billing(&mut owner).await;
    assert_eq!(overview["subscription"]["scheduled"]["plan"], "Basic");
    assert_eq!(overview["subscription"]["plan"]["code"], "professional");
    // "Keep my plan" drops it; cancelling would too.
    owner.call("billing/resume", &[]).await;
    let overview = crate::billing::billing(&mut owner).await;
    assert!(overview["subscription"]["scheduled"].is_null());
    owner
        .call("company/billing/schedule", &schedule("basic", "monthly"))
        .await;
    assert_eq!(app.audit_count("billing.change_scheduled").await, 2);

    // At the month's end Basic takes over: a sixth vacancy is one too many.
    let (_, month_end) = current_period(&app).await;
    clock_at(&app, month_end + Duration::seconds(1)).await;
    let overview = crate::billing::billing(&mut owner).await;
    assert_eq!(overview["subscription"]["plan"]["code"], "basic");
    assert_eq!(
        count(
            &app,
            "select count(*) from vacancies where status = 'active'"
        )
        .await,
        5
    );
    assert_eq!(
        count(&app, "select count(*) from vacancies where paused_for_plan").await,
        1
    );
    // Its first renewal charges Basic's price on the kept card.
    clock_at(&app, month_end + Duration::seconds(2)).await;
    let totals: Vec<i64> = sqlx::query_scalar("select total from invoices order by issued_at")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(totals, [16_125_000, 5_375_000]);
    let (start, end) = current_period(&app).await;
    assert_eq!(start, month_end);
    assert!(end > start + Duration::days(27));
    assert_eq!(
        count(
            &app,
            "select count(*) from subscriptions where ended_at is not null"
        )
        .await,
        2,
        "the trial and Professional are history"
    );
}

/// The limits are asked for inside bigger statements on every deck page,
/// every publish and every talent search: the planner folds them in
/// rather than running (and planning) a function per call. Someone without
/// a plan of their own still gets the one row of the default plan.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_limits_in_force_are_planned_with_the_statement_that_asks(pool: PgPool) {
    let nobody = uuid::Uuid::now_v7();
    for (function, default_plan) in [("seeker_limits", "free"), ("company_limits", "trial")] {
        // A prepared statement outlives the transaction on its connection,
        // which the pool may hand out again: one name per function.
        let mut tx = pool.begin().await.unwrap();
        sqlx::query(&format!(
            "prepare {function}_plan(uuid) as select plan_code from {function}($1)"
        ))
        .execute(&mut *tx)
        .await
        .unwrap();
        let plan: Vec<String> = sqlx::query_scalar(&format!(
            "explain (costs off) execute {function}_plan('{nobody}')"
        ))
        .fetch_all(&mut *tx)
        .await
        .unwrap();
        assert!(
            !plan.iter().any(|line| line.contains("Function Scan")),
            "{function} runs as a function of its own:\n{}",
            plan.join("\n")
        );
        let codes: Vec<String> =
            sqlx::query_scalar(&format!("select plan_code from {function}($1)"))
                .bind(nobody)
                .fetch_all(&mut *tx)
                .await
                .unwrap();
        assert_eq!(codes, [default_plan], "{function}");
    }
}
