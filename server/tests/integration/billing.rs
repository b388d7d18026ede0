//! Plans, subscriptions and the limits in force: every company starts on
//! the trial, a plan's version is what a company keeps, a lapsed plan falls
//! back to the trial's limits, and billing is only for the members allowed.

use crate::applications::open_vacancy;
use crate::common::{Client, TestApp};
use crate::job_board::publish;
use app::billing::Party;
use app::billing::db::{NewInvoice, NewSubscription, issue, mark_paid, replace};
use app::billing::rules::{Cycle, InvoiceItem, Status, plan_items};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

pub async fn billing(client: &mut Client) -> serde_json::Value {
    let reply = client.call("company/billing", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

pub async fn company_of(app: &TestApp, name: &str) -> Uuid {
    sqlx::query_scalar("select id from companies where name = $1")
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Acme's owner, a member without billing, and the company.
async fn acme_with_a_member(app: &TestApp) -> (Client, Client, Uuid) {
    let mut owner = app
        .employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let member = app
        .join_company(&mut owner, "member@acme.example.com", "member")
        .await;
    (owner, member, company_of(app, "Acme Bank").await)
}

pub(crate) async fn put_on(app: &TestApp, company_id: Uuid, plan_code: &str, status: Status) {
    let now = OffsetDateTime::now_utc();
    let mut conn = app.pool.acquire().await.unwrap();
    replace(
        &mut conn,
        &NewSubscription {
            payer: app::billing::Payer::Company(company_id),
            plan_code,
            version: None,
            cycle: Cycle::Monthly,
            status,
            start: now,
            end: now + Duration::days(30),
        },
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_new_company_starts_on_the_fourteen_day_trial(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let overview = billing(&mut owner).await;
    assert_eq!(overview["company"], "Acme Bank");
    let subscription = &overview["subscription"];
    assert_eq!(subscription["plan"]["code"], "trial");
    assert_eq!(subscription["status"], "Trial");
    let days: i64 = sqlx::query_scalar(
        "select extract(day from current_period_end - current_period_start)::bigint
           from subscriptions where ended_at is null",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(days, 14);
    // Seed 001's trial: 5 credits, 1 recruiter, 2 active vacancies.
    let limits = &overview["limits"];
    assert_eq!(limits["introduction_credits_monthly"], 5);
    assert_eq!(limits["team_seats"], 1);
    assert_eq!(limits["active_vacancies"], 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_price_list_is_public_in_kobo_and_marks_the_members_plan(pool: PgPool) {
    let app = TestApp::new(pool);
    let reply = app.client().call("pricing", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let pricing = reply.json();
    let plans = pricing["plans"].as_array().unwrap();
    let codes: Vec<&str> = plans.iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["trial", "basic", "professional", "enterprise"]);
    assert_eq!(plans[1]["monthly_price"]["minor"], 5_000_000);
    assert_eq!(plans[1]["yearly_price"]["minor"], 54_000_000);
    assert_eq!(plans[2]["monthly_price"]["minor"], 15_000_000);
    assert_eq!(plans[3]["contact_sales"], true);
    assert!(plans[3]["monthly_price"].is_null());
    assert!(pricing["current"].is_null());

    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    put_on(
        &app,
        company_of(&app, "Acme Bank").await,
        "basic",
        Status::Active,
    )
    .await;
    let current = hr.call("pricing", &[]).await.json()["current"].clone();
    assert_eq!(current["code"], "basic");
    assert_eq!(current["standing"]["status"], "Active");
    assert_eq!(current["can_buy"], true);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn use_is_counted_against_the_limits(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, _) = open_vacancy(&app, "owner@acme.example.com", "Acme Bank").await;
    publish(&app, &mut owner, "Finance Manager", &[]).await;
    app.join_company(&mut owner, "teammate@acme.example.com", "member")
        .await;
    app.invite(&mut owner, "later@acme.example.com", "member")
        .await;
    owner
        .call("company/talent/search", &[("q", "analyst")])
        .await;
    let usage = billing(&mut owner).await["usage"].clone();
    assert_eq!(usage["active_vacancies"], 2);
    // Two members and one invitation waiting.
    assert_eq!(usage["seats"], 3);
    assert_eq!(usage["credits_available"], 5);
    assert_eq!(usage["credits_held"], 0);
    assert_eq!(usage["searches_this_hour"], 1);
    // The month's use, counted where each action happened.
    assert_eq!(usage["searches_this_month"], 1);
    assert_eq!(usage["published_this_month"], 2);
    assert_eq!(usage["introductions_this_month"], 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_company_keeps_the_version_it_bought_and_falls_back_to_the_trial_when_it_lapses(
    pool: PgPool,
) {
    let app = TestApp::new(pool);
    let mut owner = app
        .employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let company = company_of(&app, "Acme Bank").await;
    put_on(&app, company, "basic", Status::Active).await;
    assert_eq!(billing(&mut owner).await["limits"]["team_seats"], 3);

    // An admin changes Basic: new buyers get 4 seats; Acme keeps its 3.
    sqlx::query(
        "insert into plan_versions (id, plan_code, version, monthly_price, yearly_price,
                                    introduction_credits_monthly, team_seats, active_vacancies,
                                    talent_searches_per_hour)
         values (gen_random_uuid(), 'basic', 2, 6000000, 64800000, 20, 4, 5, 100)",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "update plans set current_version_id =
            (select id from plan_versions where plan_code = 'basic' and version = 2)
          where code = 'basic'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let overview = billing(&mut owner).await;
    assert_eq!(overview["limits"]["team_seats"], 3);
    assert_eq!(
        overview["subscription"]["plan"]["monthly_price"]["minor"],
        5_000_000
    );
    let pricing = app.client().call("pricing", &[]).await.json();
    assert_eq!(pricing["plans"][1]["limits"]["team_seats"], 4);

    // Expired: the trial's limits, whatever it had bought.
    sqlx::query("update subscriptions set status = 'expired' where ended_at is null")
        .execute(&app.pool)
        .await
        .unwrap();
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "Expired");
    assert_eq!(overview["limits"]["team_seats"], 1);
    assert_eq!(overview["limits"]["active_vacancies"], 2);

    // The history keeps every subscription; one is current.
    let (all, current): (i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where ended_at is null)
           from subscriptions where company_id = $1",
    )
    .bind(company)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((all, current), (2, 1));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_talent_search_limit_is_the_plans(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let company = company_of(&app, "Acme Bank").await;
    put_on(&app, company, "basic", Status::Active).await;
    sqlx::query("update plan_versions set talent_searches_per_hour = 1 where plan_code = 'basic'")
        .execute(&app.pool)
        .await
        .unwrap();
    let first = hr.call("company/talent/search", &[]).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let refused = hr.call("company/talent/search", &[]).await;
    assert!(matches!(refused.error(), AppError::PlanLimit(_)));
    // Enterprise has no limit.
    put_on(&app, company, "enterprise", Status::Active).await;
    let again = hr.call("company/talent/search", &[]).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn billing_is_only_for_members_allowed(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let mut admin = app
        .join_company(&mut owner, "admin@acme.example.com", "admin")
        .await;
    let mut member = app
        .join_company(&mut owner, "member@acme.example.com", "member")
        .await;
    for client in [&mut admin, &mut member] {
        let reply = client.call("company/billing", &[]).await;
        assert!(
            matches!(reply.error(), AppError::Refused(_)),
            "{}",
            reply.body
        );
    }
    // The owner can allow a member; then they see it.
    let member_id: Uuid =
        sqlx::query_scalar("select id from users where email = 'member@acme.example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    sqlx::query("update company_members set can_manage_billing = true where user_id = $1")
        .bind(member_id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(billing(&mut member).await["company"], "Acme Bank");

    // Another company's owner sees only their own; people without a
    // company, job seekers and visitors see none.
    let mut other = app
        .employer_of("owner@globex.example.com", "Globex", "")
        .await;
    assert_eq!(billing(&mut other).await["company"], "Globex");
    let mut lone = app.registered("lone@example.com", "employer").await;
    assert!(matches!(
        lone.call("company/billing", &[]).await.error(),
        AppError::NoCompany
    ));
    let mut seeker = app.registered("ada@example.com", "candidate").await;
    assert!(
        seeker
            .call("company/billing", &[])
            .await
            .status
            .is_client_error()
    );
    assert_eq!(
        app.client().call("company/billing", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
}

static BASIC_MONTH: std::sync::LazyLock<Vec<InvoiceItem>> =
    std::sync::LazyLock::new(|| plan_items("Basic", Cycle::Monthly, 5_000_000, None));

/// A month of Basic, issued now and due in a week.
fn basic_month(company_id: Uuid, seller: &Party) -> NewInvoice<'_> {
    let now = OffsetDateTime::now_utc();
    NewInvoice {
        payer: app::billing::Payer::Company(company_id),
        subscription_id: None,
        lines: &BASIC_MONTH,
        seller,
        issued_at: now,
        due_at: now + Duration::days(7),
    }
}

async fn issue_basic_month(pool: &PgPool, company_id: Uuid, seller: &Party) -> Uuid {
    let mut conn = pool.acquire().await.unwrap();
    issue(&mut conn, &basic_month(company_id, seller))
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn invoice_numbers_run_without_gaps_under_concurrency(pool: PgPool) {
    let app = TestApp::new(pool);
    app.employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let company = company_of(&app, "Acme Bank").await;
    let seller = app.state.config.seller.clone();
    // A failed payment's transaction gives its number back.
    {
        let mut tx = app.pool.begin().await.unwrap();
        issue(&mut tx, &basic_month(company, &seller))
            .await
            .unwrap();
        tx.rollback().await.unwrap();
    }
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let pool = app.pool.clone();
            let seller = seller.clone();
            tokio::spawn(async move {
                let mut tx = pool.begin().await.unwrap();
                issue(&mut tx, &basic_month(company, &seller))
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let numbers: Vec<String> = sqlx::query_scalar("select number from invoices order by number")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let year = OffsetDateTime::now_utc().year();
    let expected: Vec<String> = (1..=20)
        .map(|n| app::billing::rules::Series::Invoice.number(year, n))
        .collect();
    assert_eq!(numbers, expected);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_invoice_carries_vat_on_its_own_line_and_only_its_company_reads_it(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, mut member, company) = acme_with_a_member(&app).await;
    sqlx::query(
        "update companies set legal_name = 'Acme Bank Plc', billing_address = '2 Marina, Lagos',
                              tax_id = 'TIN-777' where id = $1",
    )
    .bind(company)
    .execute(&app.pool)
    .await
    .unwrap();
    let id = issue_basic_month(&app.pool, company, &app.state.config.seller).await;

    let reply = owner
        .call("billing/invoice", &[("id", &id.to_string())])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let invoice = reply.json();
    let year = OffsetDateTime::now_utc().year();
    assert_eq!(invoice["number"], format!("HW-{year}-000001"));
    assert_eq!(invoice["status"], "Open");
    assert_eq!(invoice["subtotal"]["minor"], 5_000_000);
    assert_eq!(invoice["vat_basis_points"], 750);
    assert_eq!(invoice["vat"]["minor"], 375_000);
    assert_eq!(invoice["total"]["minor"], 5_375_000);
    assert_eq!(invoice["lines"][0]["description"], "Basic plan, one month");
    assert_eq!(invoice["buyer"]["name"], "Acme Bank Plc");
    assert_eq!(invoice["buyer"]["tax_id"], "TIN-777");
    assert_eq!(invoice["seller"]["name"], "Hirewell Test Ltd");
    let listed = billing(&mut owner).await["invoices"].clone();
    assert_eq!(listed[0]["id"], id.to_string());
    assert_eq!(listed[0]["total"]["minor"], 5_375_000);

    // Paid once; paying again changes nothing.
    let now = OffsetDateTime::now_utc();
    assert!(mark_paid(&app.pool, id, now).await.unwrap());
    assert!(!mark_paid(&app.pool, id, now).await.unwrap());
    let paid = owner
        .call("billing/invoice", &[("id", &id.to_string())])
        .await
        .json();
    assert_eq!(paid["status"], "Paid");

    // The PDF says the same.
    let pdf = owner
        .get(&format!("/company/billing/invoices/{id}/pdf"))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let text = pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap();
    for expected in [
        format!("Invoice HW-{year}-000001"),
        "Paid".to_string(),
        "Acme Bank Plc".to_string(),
        "Tax ID: TIN-777".to_string(),
        "Basic plan, one month".to_string(),
        "VAT (7.5%)".to_string(),
        "NGN 3,750.00".to_string(),
        "NGN 53,750.00".to_string(),
    ] {
        assert!(text.contains(&expected), "{expected} not in {text}");
    }

    // A member without billing, another company, a bad id: nothing.
    assert!(matches!(
        member
            .call("billing/invoice", &[("id", &id.to_string())])
            .await
            .error(),
        AppError::Refused(_)
    ));
    let mut other = app
        .employer_of("owner@globex.example.com", "Globex", "")
        .await;
    for asked in [id.to_string(), "not-an-id".to_string()] {
        assert_eq!(
            other
                .call("billing/invoice", &[("id", &asked)])
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let pdf = format!("/company/billing/invoices/{asked}/pdf");
        assert_eq!(other.get(&pdf).await.status, StatusCode::NOT_FOUND);
        assert_eq!(member.get(&pdf).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.client().get(&pdf).await.status, StatusCode::NOT_FOUND);
    }
    assert!(
        billing(&mut other).await["invoices"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn invoice_details_are_checked_and_printed_on_new_invoices_only(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, mut member, company) = acme_with_a_member(&app).await;
    let before = issue_basic_month(&app.pool, company, &app.state.config.seller).await;

    let long_name = "A".repeat(201);
    let refused = owner
        .call(
            "company/billing/details",
            &[
                ("legal_name", long_name.as_str()),
                ("billing_address", "2 Marina\nLagos"),
                ("tax_id", "<script>"),
            ],
        )
        .await;
    let error = refused.error();
    assert!(
        error.field_message("legal_name").is_some(),
        "{}",
        refused.body
    );
    assert!(error.field_message("tax_id").is_some(), "{}", refused.body);
    assert_eq!(billing(&mut owner).await["buyer"]["address"], "");

    let details = [
        ("legal_name", "Acme Bank Plc"),
        ("billing_address", "2 Marina\nLagos"),
        ("tax_id", "12345678-0001"),
    ];
    assert!(matches!(
        member
            .call("company/billing/details", &details)
            .await
            .error(),
        AppError::Refused(_)
    ));
    let saved = owner.call("company/billing/details", &details).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let buyer = billing(&mut owner).await["buyer"].clone();
    assert_eq!(buyer["name"], "Acme Bank Plc");
    assert_eq!(buyer["address"], "2 Marina\nLagos");
    assert_eq!(buyer["tax_id"], "12345678-0001");
    assert_eq!(app.audit_count("billing.details_saved").await, 1);

    // New invoices carry them; the one issued before keeps what it had.
    let after = issue_basic_month(&app.pool, company, &app.state.config.seller).await;
    let buyer_of = |id: Uuid| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "select buyer_name, buyer_tax_id from invoices where id = $1",
            )
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    assert_eq!(buyer_of(before).await, ("Acme Bank".into(), String::new()));
    assert_eq!(
        buyer_of(after).await,
        ("Acme Bank Plc".into(), "12345678-0001".into())
    );

    // Cleared again, the company's own name is printed.
    let cleared = owner
        .call(
            "company/billing/details",
            &[("legal_name", ""), ("billing_address", ""), ("tax_id", "")],
        )
        .await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.body);
    assert_eq!(billing(&mut owner).await["buyer"]["name"], "");
}
