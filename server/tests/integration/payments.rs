//! Paying for a plan through the test gateway: the checkout, the signed
//! webhook that settles the payment once, the plan, invoice and credits it
//! brings, and a declined card that changes nothing.

use crate::billing::{billing, company_of};
use crate::common::{Client, TestApp};
use app::billing::gateway::Outcome;
use app::billing::gateway::testing::{ANSWER_LOST_TOKEN, SIGNATURE_HEADER, TestGateway};
use app::billing::payments::settle;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// Starts a checkout; the reference the gateway was given.
pub(crate) async fn checkout(client: &mut Client, plan: &str, cycle: &str) -> String {
    let reply = client
        .call(
            "company/billing/checkout",
            &[("plan", plan), ("cycle", cycle)],
        )
        .await;
    test_checkout_reference(&reply)
}

/// The payment's reference in the test checkout the buyer is sent to.
pub(crate) fn test_checkout_reference(reply: &crate::common::Reply) -> String {
    let location = reply
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no redirect: {} {}", reply.status, reply.body));
    location
        .strip_prefix("/dev/checkout/")
        .unwrap_or_else(|| panic!("not the test checkout: {location}"))
        .to_string()
}

/// Pays at the test checkout; where the buyer is sent back to.
pub(crate) async fn pay(client: &mut Client, reference: &str, card: &str) -> String {
    let reply = client
        .call(
            "dev/checkout/pay",
            &[("reference", reference), ("card", card)],
        )
        .await;
    assert!(reply.status.is_success(), "{} {}", reply.status, reply.body);
    reply.headers["location"].to_str().unwrap().to_string()
}

async fn payment_id(app: &TestApp, reference: &str) -> Uuid {
    sqlx::query_scalar("select id from payments where reference = $1")
        .bind(reference)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_trial_company_pays_for_professional_and_gets_it_at_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reference = checkout(&mut owner, "professional", "monthly").await;
    // The gateway's page shows the price with VAT.
    let page = owner
        .call("dev/checkout", &[("reference", &reference)])
        .await
        .json();
    assert_eq!(page["payer"], "Acme Bank");
    assert_eq!(
        page["lines"][0]["description"],
        "Professional plan, one month"
    );
    assert_eq!(page["subtotal"]["minor"], 15_000_000);
    assert_eq!(page["vat"]["minor"], 1_125_000);
    assert_eq!(page["total"]["minor"], 16_125_000);

    let back = pay(&mut owner, &reference, "succeeds").await;
    let id = payment_id(&app, &reference).await;
    assert_eq!(back, format!("/company/billing?payment={id}"));
    let overview = owner
        .call("company/billing", &[("payment", &id.to_string())])
        .await
        .json();
    assert_eq!(overview["payment"]["state"], "Paid");
    assert_eq!(overview["payment"]["bought"]["Plan"], "Professional");
    assert_eq!(overview["card"], "Visa ending in 4242");
    let subscription = &overview["subscription"];
    assert_eq!(subscription["plan"]["code"], "professional");
    assert_eq!(subscription["status"], "Active");
    assert_eq!(subscription["cycle"], "Monthly");
    assert_eq!(overview["limits"]["team_seats"], 10);
    // The paid invoice, numbered in the paying transaction.
    let invoices = overview["invoices"].as_array().unwrap();
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0]["status"], "Paid");
    assert_eq!(invoices[0]["total"]["minor"], 16_125_000);
    let invoice = owner
        .call(
            "billing/invoice",
            &[("id", invoices[0]["id"].as_str().unwrap())],
        )
        .await
        .json();
    assert_eq!(invoice["vat"]["minor"], 1_125_000);
    assert_eq!(invoice["buyer"]["name"], "Acme Bank");
    // The trial's 5 credits and the plan's first month's 50.
    assert_eq!(overview["usage"]["credits_available"], 55);
    // A month from the payment.
    let days = count(
        &app,
        "select extract(day from current_period_end - current_period_start)::bigint
           from subscriptions where ended_at is null",
    )
    .await;
    assert!((28..=31).contains(&days), "{days}");
    assert_eq!(app.audit_count("billing.payment_succeeded").await, 1);
    assert_eq!(app.audit_count("billing.checkout_started").await, 1);

    // Back at the checkout page of a settled payment: sent to billing.
    let again = owner
        .call("dev/checkout", &[("reference", &reference)])
        .await;
    assert_eq!(again.headers["location"], back.as_str());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_declined_card_leaves_the_plan_and_the_books_as_they_were(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reference = checkout(&mut owner, "basic", "annual").await;
    // The bank asks first, then the buyer fails its check.
    let step = pay(&mut owner, &reference, "authenticate").await;
    assert_eq!(step, format!("/dev/checkout/{reference}?step=authenticate"));
    pay(&mut owner, &reference, "authentication_failed").await;
    let id = payment_id(&app, &reference).await;
    let overview = owner
        .call("company/billing", &[("payment", &id.to_string())])
        .await
        .json();
    assert_eq!(
        overview["payment"]["state"]["Failed"],
        "Your bank could not confirm it was you."
    );
    assert_eq!(overview["subscription"]["plan"]["code"], "trial");
    assert_eq!(overview["usage"]["credits_available"], 5);
    assert!(overview["card"].is_null());
    assert_eq!(count(&app, "select count(*) from invoices").await, 0);
    assert_eq!(
        count(&app, "select count(*) from document_numbers").await,
        0
    );

    // A second try with a card that works.
    let reference = checkout(&mut owner, "basic", "annual").await;
    pay(&mut owner, &reference, "declined").await;
    let reference = checkout(&mut owner, "basic", "annual").await;
    pay(&mut owner, &reference, "succeeds").await;
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["plan"]["code"], "basic");
    assert_eq!(overview["subscription"]["cycle"], "Annual");
    assert_eq!(overview["invoices"][0]["total"]["minor"], 58_050_000);
    assert_eq!(app.audit_count("billing.payment_failed").await, 2);
}

/// Puts the company on monthly Basic, paid, ten days into its month.
async fn ten_days_into_basic(app: &TestApp, company_id: Uuid) {
    let now = OffsetDateTime::now_utc();
    let mut conn = app.pool.acquire().await.unwrap();
    app::billing::db::replace(
        &mut conn,
        &app::billing::db::NewSubscription {
            payer: app::billing::Payer::Company(company_id),
            plan_code: "basic",
            version: None,
            cycle: app::billing::rules::Cycle::Monthly,
            status: app::billing::rules::Status::Active,
            start: now - Duration::days(10),
            end: now + Duration::days(20),
        },
    )
    .await
    .unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_upgrade_credits_the_unused_part_of_the_paid_month(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    ten_days_into_basic(&app, company_of(&app, "Acme Bank").await).await;

    // Smaller, the same, or monthly after yearly: not now.
    for (plan, cycle, why) in [
        ("basic", "monthly", "This is your plan already."),
        ("trial", "monthly", "This plan cannot be bought here."),
        ("enterprise", "monthly", "This plan cannot be bought here."),
        ("nonsense", "monthly", "This plan cannot be bought here."),
    ] {
        let reply = owner
            .call(
                "company/billing/checkout",
                &[("plan", plan), ("cycle", cycle)],
            )
            .await;
        assert_eq!(reply.error(), AppError::Refused(why.into()), "{plan}");
    }
    assert_eq!(
        owner
            .call(
                "company/billing/checkout",
                &[("plan", "basic"), ("cycle", "weekly")]
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let reference = checkout(&mut owner, "professional", "monthly").await;
    let page = owner
        .call("dev/checkout", &[("reference", &reference)])
        .await
        .json();
    // Two thirds of Basic's ₦50,000 month are left (give or take the
    // seconds the test takes).
    assert_eq!(
        page["lines"][1]["description"],
        "Unused time on the Basic plan"
    );
    let credit = -page["lines"][1]["amount"]["minor"].as_i64().unwrap();
    assert!((3_333_000..=3_333_333).contains(&credit), "{credit}");
    assert_eq!(page["subtotal"]["minor"], 15_000_000 - credit);
    pay(&mut owner, &reference, "succeeds").await;
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["plan"]["code"], "professional");
    let lines: i64 = count(&app, "select count(*) from invoice_lines").await;
    assert_eq!(lines, 2);

    // Now on Professional, Basic is smaller.
    let reply = owner
        .call(
            "company/billing/checkout",
            &[("plan", "basic"), ("cycle", "annual")],
        )
        .await;
    assert_eq!(
        reply.error(),
        AppError::Refused(
            "This change starts when your paid period ends: nothing is paid now.".into()
        )
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn webhooks_are_believed_only_when_signed_and_applied_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reference = checkout(&mut owner, "professional", "monthly").await;
    let gateway = TestGateway::new(app.state.cipher.signer(), app.pool.clone());
    let now = OffsetDateTime::now_utc();
    let paid = Outcome::Paid {
        amount: 16_125_000,
        currency: "NGN".into(),
        card: None,
        transaction: None,
    };
    let (headers, body) = gateway.delivery(&reference, &paid, now);
    let body = String::from_utf8(body).unwrap();
    let signature = headers[SIGNATURE_HEADER].to_str().unwrap().to_string();
    let post = |client: &Client, path: &'static str, body: String, signature: String| {
        let mut client = client.clone();
        async move {
            client
                .post_from_elsewhere(
                    path,
                    "application/json",
                    &body,
                    &[(SIGNATURE_HEADER, signature.as_str())],
                )
                .await
                .status
        }
    };
    let gateway_side = app.client();

    // A tampered body, another key, a stale time: refused, nothing stored.
    let tampered = body.replace("16125000", "100");
    assert_eq!(
        post(&gateway_side, "/webhooks/test", tampered, signature.clone()).await,
        StatusCode::UNAUTHORIZED
    );
    let wrong_key = app::billing::gateway::stripe::sign("x", body.as_bytes(), now);
    assert_eq!(
        post(&gateway_side, "/webhooks/test", body.clone(), wrong_key).await,
        StatusCode::UNAUTHORIZED
    );
    let (old_headers, old_body) = gateway.delivery(&reference, &paid, now - Duration::minutes(10));
    assert_eq!(
        post(
            &gateway_side,
            "/webhooks/test",
            String::from_utf8(old_body).unwrap(),
            old_headers[SIGNATURE_HEADER].to_str().unwrap().to_string()
        )
        .await,
        StatusCode::UNAUTHORIZED
    );
    // Gateways this site does not use.
    for path in ["/webhooks/paystack", "/webhooks/stripe", "/webhooks/nope"] {
        assert_eq!(
            post(&gateway_side, path, body.clone(), signature.clone()).await,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(count(&app, "select count(*) from webhook_events").await, 0);

    // Signed, but the gateway's own books do not say it was paid: nothing
    // is granted, and the gateway is asked to send it again later.
    assert_eq!(
        post(
            &gateway_side,
            "/webhooks/test",
            body.clone(),
            signature.clone()
        )
        .await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(count(&app, "select count(*) from webhook_events").await, 0);
    assert_eq!(
        billing(&mut owner).await["subscription"]["plan"]["code"],
        "trial"
    );
    gateway
        .record(&reference, 16_125_000, None, &TestGateway::new_card())
        .await
        .unwrap();

    // The same event twenty times at once: applied by the first only.
    let deliveries: Vec<_> = (0..20)
        .map(|_| {
            tokio::spawn(post(
                &gateway_side,
                "/webhooks/test",
                body.clone(),
                signature.clone(),
            ))
        })
        .collect();
    for delivery in deliveries {
        assert_eq!(delivery.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(count(&app, "select count(*) from webhook_events").await, 1);
    assert_eq!(count(&app, "select count(*) from invoices").await, 1);
    assert_eq!(count(&app, "select count(*) from subscriptions").await, 2);
    assert_eq!(billing(&mut owner).await["usage"]["credits_available"], 55);

    // A decline arriving late (another event) does not undo the payment.
    let declined = Outcome::Declined {
        reason: "Declined".into(),
    };
    let (late_headers, late_body) = gateway.delivery(&reference, &declined, now);
    assert_eq!(
        post(
            &gateway_side,
            "/webhooks/test",
            String::from_utf8(late_body).unwrap(),
            late_headers[SIGNATURE_HEADER].to_str().unwrap().to_string()
        )
        .await,
        StatusCode::OK
    );
    let outcome: String =
        sqlx::query_scalar("select outcome from webhook_events order by received_at desc limit 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(outcome, "ignored: already succeeded");
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["plan"]["code"], "professional");
    assert_eq!(overview["invoices"][0]["status"], "Paid");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_payment_of_another_amount_is_not_taken_for_the_plan(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reference = checkout(&mut owner, "professional", "monthly").await;
    let mut conn = app.pool.acquire().await.unwrap();
    let paid_less = Outcome::Paid {
        amount: 100,
        currency: "NGN".into(),
        card: None,
        transaction: None,
    };
    let now = OffsetDateTime::now_utc();
    let seller = &app.state.config.seller;
    let (_, outcome) = settle(&mut conn, "test", &reference, &paid_less, seller, now)
        .await
        .unwrap();
    assert_eq!(outcome, "refused: amount differs");
    // Unknown payments and other gateways' references are left alone.
    let (payment, outcome) = settle(&mut conn, "test", "hw_unknown", &paid_less, seller, now)
        .await
        .unwrap();
    assert_eq!(
        (payment, outcome.as_str()),
        (None, "ignored: no such payment")
    );
    let (payment, _) = settle(&mut conn, "stripe", &reference, &paid_less, seller, now)
        .await
        .unwrap();
    assert_eq!(payment, None);
    assert_eq!(
        billing(&mut owner).await["subscription"]["plan"]["code"],
        "trial"
    );
}

/// Acme's owner and a member without the billing permission, on the trial
/// (made big enough for two).
async fn acme_owner_and_member(app: &TestApp) -> (Client, Client) {
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    sqlx::query("update plan_versions set team_seats = 2 where plan_code = 'trial'")
        .execute(&app.pool)
        .await
        .unwrap();
    let member = app
        .join_company(&mut owner, "member@acme.example.com", "member")
        .await;
    (owner, member)
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_the_companys_billing_members_pay_and_see_its_checkout(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, mut member) = acme_owner_and_member(&app).await;
    let reference = checkout(&mut owner, "basic", "monthly").await;
    let mut other = app
        .fresh_employer_of("owner@globex.example.com", "Globex", "")
        .await;
    let mut seeker = app.registered("ada@example.com", "candidate").await;
    let mut visitor = app.client();
    // A member without billing is told whom to ask; to anyone else there is
    // no such payment.
    for (client, expected) in [
        (&mut member, StatusCode::CONFLICT),
        (&mut other, StatusCode::NOT_FOUND),
        (&mut seeker, StatusCode::NOT_FOUND),
        (&mut visitor, StatusCode::UNAUTHORIZED),
    ] {
        let page = client
            .call("dev/checkout", &[("reference", &reference)])
            .await;
        assert_eq!(page.status, expected, "{}", page.body);
        let paid = client
            .call(
                "dev/checkout/pay",
                &[("reference", &reference), ("card", "succeeds")],
            )
            .await;
        assert_eq!(paid.status, expected, "{}", paid.body);
    }
    let refused = member
        .call(
            "company/billing/checkout",
            &[("plan", "basic"), ("cycle", "monthly")],
        )
        .await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    // Another company's payment is not found on its billing page either.
    let id = payment_id(&app, &reference).await.to_string();
    assert!(
        other
            .call("company/billing", &[("payment", &id)])
            .await
            .json()["payment"]
            .is_null()
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from payments where status = 'pending'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_test_gateway_exists_only_in_development(pool: PgPool) {
    let app = TestApp::with_mode(pool, false);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reply = owner
        .call(
            "company/billing/checkout",
            &[("plan", "basic"), ("cycle", "monthly")],
        )
        .await;
    assert!(
        matches!(reply.error(), AppError::Refused(ref why) if why.starts_with("Plans cannot be bought online")),
        "{}",
        reply.body
    );
    let page = owner.call("dev/checkout", &[("reference", "hw_1")]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let hook = app
        .client()
        .post_from_elsewhere("/webhooks/test", "application/json", "{}", &[])
        .await;
    assert_eq!(hook.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_company_past_due_is_told_on_every_page_until_it_pays(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, mut member) = acme_owner_and_member(&app).await;
    let mut other = app
        .fresh_employer_of("owner@globex.example.com", "Globex", "")
        .await;
    let company = company_of(&app, "Acme Bank").await;
    let due = OffsetDateTime::now_utc() - Duration::days(3);
    let mut conn = app.pool.acquire().await.unwrap();
    app::billing::db::replace(
        &mut conn,
        &app::billing::db::NewSubscription {
            payer: app::billing::Payer::Company(company),
            plan_code: "basic",
            version: None,
            cycle: app::billing::rules::Cycle::Monthly,
            status: app::billing::rules::Status::PastDue,
            start: due,
            end: due + Duration::days(30),
        },
    )
    .await
    .unwrap();
    let alert = |client: &mut Client| {
        let mut client = client.clone();
        async move { client.call("session", &[]).await.json()["billing_alert"].clone() }
    };
    let told = alert(&mut owner).await;
    assert_eq!(told["plan"], "Basic");
    assert_eq!(told["can_pay"], true);
    assert_eq!(alert(&mut member).await["can_pay"], false);
    assert!(alert(&mut other).await.is_null());
    assert!(
        alert(&mut app.registered("ada@example.com", "candidate").await)
            .await
            .is_null()
    );

    // The month is paid again as it was: no credit for an unpaid period.
    let reference = checkout(&mut owner, "basic", "monthly").await;
    let page = owner
        .call("dev/checkout", &[("reference", &reference)])
        .await
        .json();
    assert_eq!(page["total"]["minor"], 5_375_000);
    pay(&mut owner, &reference, "succeeds").await;
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "Active");
    assert!(alert(&mut owner).await.is_null());
    assert!(alert(&mut member).await.is_null());
}

/// Moves the clock to `at`: queues what is due and runs it.
pub(crate) async fn clock_at(app: &TestApp, at: OffsetDateTime) -> usize {
    app::billing::lifecycle::queue_due(&app.pool, at)
        .await
        .unwrap();
    app.run_jobs().await
}

pub(crate) async fn billing_notices(app: &TestApp, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select n.title from notifications n join users u on u.id = n.user_id
          where u.email = $1 and n.kind = 'billing' order by n.id",
    )
    .bind(email)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

pub(crate) async fn current_period(app: &TestApp) -> (OffsetDateTime, OffsetDateTime) {
    sqlx::query_as(
        "select current_period_start, current_period_end from subscriptions
          where ended_at is null",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_plan_renews_on_the_kept_card_and_a_declined_one_ends_after_the_grace(pool: PgPool) {
    let app = TestApp::new(pool);
    let email = "owner@acme.example.com";
    let mut owner = app.fresh_employer_of(email, "Acme Bank", "").await;
    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    let (_, first_end) = current_period(&app).await;

    // Nothing is due before the period ends.
    assert_eq!(clock_at(&app, first_end - Duration::hours(1)).await, 0);
    // At its end the kept card pays the next month.
    assert_eq!(clock_at(&app, first_end + Duration::hours(1)).await, 1);
    let (start, second_end) = current_period(&app).await;
    assert_eq!(start, first_end);
    assert!(second_end - start >= Duration::days(28));
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "Active");
    assert_eq!(overview["invoices"].as_array().unwrap().len(), 2);
    assert_eq!(overview["invoices"][0]["total"]["minor"], 5_375_000);
    // The trial's 5 and the new month's 20: the first month's, unused, lapsed.
    assert_eq!(overview["usage"]["credits_available"], 25);
    assert_eq!(
        billing_notices(&app, email).await,
        ["Your Basic plan is renewed"]
    );

    // The card stops working: past due, told on day 0, 3 and 6.
    sqlx::query("update payment_methods set token = 'test_declined_card'")
        .execute(&app.pool)
        .await
        .unwrap();
    let due = second_end;
    assert_eq!(clock_at(&app, due + Duration::minutes(5)).await, 1);
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "PastDue");
    assert_eq!(overview["limits"]["team_seats"], 3, "the plan stays");
    let session = owner.call("session", &[]).await.json();
    assert_eq!(session["billing_alert"]["plan"], "Basic");
    assert_eq!(clock_at(&app, due + Duration::days(2)).await, 0);
    assert_eq!(clock_at(&app, due + Duration::days(3)).await, 1);
    assert_eq!(clock_at(&app, due + Duration::days(6)).await, 1);
    assert_eq!(
        billing_notices(&app, email).await,
        [
            "Your Basic plan is renewed",
            "We could not renew your Basic plan",
            "We still could not renew your Basic plan",
            "We still could not renew your Basic plan",
        ]
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from payments where status = 'failed'"
        )
        .await,
        3
    );

    // After seven days the plan ends: the trial's limits, nothing deleted.
    assert_eq!(clock_at(&app, due + Duration::days(7)).await, 1);
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "Expired");
    assert_eq!(overview["limits"]["team_seats"], 1);
    assert_eq!(overview["invoices"].as_array().unwrap().len(), 2);
    assert!(owner.call("session", &[]).await.json()["billing_alert"].is_null());
    assert_eq!(
        billing_notices(&app, email)
            .await
            .last()
            .map(String::as_str),
        Some("Your Basic plan has ended")
    );
    // Nothing more happens to an ended plan.
    assert_eq!(clock_at(&app, due + Duration::days(60)).await, 0);

    // Paying again starts the plan afresh.
    let reference = checkout(&mut owner, "basic", "monthly").await;
    sqlx::query("update payment_methods set token = 'test_card_new'")
        .execute(&app.pool)
        .await
        .unwrap();
    pay(&mut owner, &reference, "succeeds").await;
    assert_eq!(
        billing(&mut owner).await["subscription"]["status"],
        "Active"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_renewal_whose_answer_was_lost_is_asked_after_and_charged_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let email = "owner@acme.example.com";
    let mut owner = app.fresh_employer_of(email, "Acme Bank", "").await;
    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    let (first_start, first_end) = current_period(&app).await;
    // The gateway charges the card, but its answer never arrives.
    sqlx::query("update payment_methods set token = $1")
        .bind(format!("{ANSWER_LOST_TOKEN}card"))
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(clock_at(&app, first_end + Duration::hours(1)).await, 1);
    // The step failed and left everything as it was but the payment,
    // written apart, and the gateway's own record of the charge.
    assert_eq!(current_period(&app).await, (first_start, first_end));
    let renewals = "select count(*) from payments where renews_subscription_id is not null";
    assert_eq!(count(&app, renewals).await, 1);
    assert_eq!(
        count(&app, "select count(*) from test_gateway_payments").await,
        2
    );

    // Tried again, the step asks the gateway instead of charging again.
    sqlx::query("update jobs set run_at = now() where kind = 'billing_step' and done_at is null")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(current_period(&app).await.0, first_end);
    assert_eq!(count(&app, renewals).await, 1);
    assert_eq!(
        count(&app, "select count(*) from test_gateway_payments").await,
        2,
        "charged once"
    );
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "Active");
    assert_eq!(overview["invoices"].as_array().unwrap().len(), 2);
    assert_eq!(
        billing_notices(&app, email).await,
        ["Your Basic plan is renewed"]
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_trial_ends_and_a_cancelled_plan_stops_at_its_periods_end(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, mut member) = acme_owner_and_member(&app).await;
    // A trial has nothing to cancel.
    let refused = owner.call("billing/cancel", &[]).await;
    assert_eq!(
        refused.error(),
        AppError::Refused("Only a paid plan that renews can be cancelled.".into())
    );
    let (_, trial_end) = current_period(&app).await;
    assert_eq!(clock_at(&app, trial_end + Duration::seconds(1)).await, 1);
    assert_eq!(
        billing(&mut owner).await["subscription"]["status"],
        "Expired"
    );
    assert_eq!(
        billing_notices(&app, "owner@acme.example.com").await,
        ["Your Trial plan has ended"]
    );

    let reference = checkout(&mut owner, "professional", "annual").await;
    pay(&mut owner, &reference, "succeeds").await;
    // Only the members who manage billing cancel; a reason is kept.
    let refused = member.call("billing/cancel", &[]).await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    let long = "x".repeat(1001);
    let invalid = owner
        .call("billing/cancel", &[("reason", long.as_str())])
        .await;
    assert!(invalid.error().field_message("reason").is_some());
    let cancelled = owner
        .call("billing/cancel", &[("reason", "Hired everyone we needed")])
        .await;
    assert_eq!(
        cancelled.headers["location"],
        "/company/billing?notice=plan_cancelled"
    );
    assert_eq!(
        billing(&mut owner).await["subscription"]["cancel_at_period_end"],
        true
    );
    // Taken back, then cancelled again.
    owner.call("billing/resume", &[]).await;
    assert_eq!(
        billing(&mut owner).await["subscription"]["cancel_at_period_end"],
        false
    );
    assert!(matches!(
        owner.call("billing/resume", &[]).await.error(),
        AppError::Refused(_)
    ));
    owner.call("billing/cancel", &[]).await;
    assert_eq!(app.audit_count("billing.plan_cancelled").await, 2);
    assert_eq!(app.audit_count("billing.plan_resumed").await, 1);
    let (_, year_end) = current_period(&app).await;
    assert!(year_end - OffsetDateTime::now_utc() > Duration::days(364));
    assert_eq!(clock_at(&app, year_end + Duration::hours(1)).await, 1);
    let overview = billing(&mut owner).await;
    assert_eq!(overview["subscription"]["status"], "Cancelled");
    assert_eq!(
        overview["invoices"].as_array().unwrap().len(),
        1,
        "not charged again"
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_paid_year_brings_credits_each_month_and_what_is_left_lapses(pool: PgPool) {
    use app::billing::rules::add_months;
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let company = company_of(&app, "Acme Bank").await;
    let reference = checkout(&mut owner, "basic", "annual").await;
    pay(&mut owner, &reference, "succeeds").await;
    let available = "select available from credit_balances";
    // The trial's 5 and the first month's 20.
    assert_eq!(count(&app, available).await, 25);
    let (start, year_end) = current_period(&app).await;
    // Requests waiting for an answer hold 23 of them.
    sqlx::query(
        "insert into credit_transfers (id, company_id, from_account, to_account, amount, reason)
         values (gen_random_uuid(), $1, 'available', 'held', 23, 'hold')",
    )
    .bind(company)
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(count(&app, available).await, 2);

    // A month on: the 2 left lapse, the held stay held, the new month's 20 come.
    let second = add_months(start, 1);
    assert_eq!(clock_at(&app, second + Duration::seconds(1)).await, 1);
    assert_eq!(count(&app, available).await, 20);
    assert_eq!(count(&app, "select held from credit_balances").await, 23);
    let lapsed =
        "select coalesce(sum(amount), 0)::bigint from credit_transfers where reason = 'lapse'";
    assert_eq!(count(&app, lapsed).await, 2);
    // Nothing more is due until the next month.
    assert_eq!(clock_at(&app, second + Duration::days(1)).await, 0);

    // Cancelled: the months go on to the year's end, where the last lapses.
    owner.call("billing/cancel", &[]).await;
    for month in 2..12 {
        clock_at(&app, add_months(start, month) + Duration::seconds(1)).await;
    }
    assert_eq!(
        count(
            &app,
            "select count(*) from credit_transfers where reason = 'grant' and idempotency_key like 'plan:%'"
        )
        .await,
        12
    );
    assert_eq!(count(&app, available).await, 20);
    clock_at(&app, year_end + Duration::seconds(1)).await;
    assert_eq!(
        billing(&mut owner).await["subscription"]["status"],
        "Cancelled"
    );
    assert_eq!(count(&app, available).await, 0);
    assert_eq!(count(&app, lapsed).await, 2 + 20 * 11);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_pack_of_credits_is_added_once_paid_and_never_lapses(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, mut member) = acme_owner_and_member(&app).await;
    let pack = |code: &'static str| [("pack", code)];
    // Only the members who manage billing buy; an unknown pack is not found.
    let refused = member
        .call("company/billing/credits", &pack("credits_10"))
        .await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    let unknown = owner
        .call("company/billing/credits", &pack("credits_999"))
        .await;
    assert_eq!(unknown.error(), AppError::NotFound);

    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    let available = "select available from credit_balances";
    assert_eq!(count(&app, available).await, 25);
    let reply = owner
        .call("company/billing/credits", &pack("credits_10"))
        .await;
    let reference = test_checkout_reference(&reply);
    // Declined, nothing is added.
    pay(&mut owner, &reference, "declined").await;
    assert_eq!(count(&app, available).await, 25);
    let reply = owner
        .call("company/billing/credits", &pack("credits_10"))
        .await;
    let reference = test_checkout_reference(&reply);
    let back = pay(&mut owner, &reference, "succeeds").await;
    assert_eq!(count(&app, available).await, 35);
    let payment = back.rsplit('=').next().unwrap().to_string();
    let overview = owner
        .call("company/billing", &[("payment", payment.as_str())])
        .await
        .json();
    assert_eq!(overview["payment"]["state"], "Paid");
    assert_eq!(overview["payment"]["bought"]["Credits"], 10);
    // Its own invoice, VAT on top, tied to no plan.
    let (description, total, subscription): (String, i64, Option<Uuid>) = sqlx::query_as(
        "select l.description, i.total, i.subscription_id
           from invoices i join invoice_lines l on l.invoice_id = i.id
          order by i.issued_at desc limit 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (description.as_str(), total, subscription),
        ("10 introduction credits", 3_225_000, None)
    );
    assert_eq!(
        billing(&mut owner).await["subscription"]["plan"]["code"],
        "basic"
    );

    // At the month's end only the plan's unused 20 lapse; bought ones stay.
    let (_, month_end) = current_period(&app).await;
    clock_at(&app, month_end + Duration::seconds(1)).await;
    assert_eq!(
        count(
            &app,
            "select coalesce(sum(amount), 0)::bigint from credit_transfers where reason = 'lapse'"
        )
        .await,
        20
    );
    assert_eq!(count(&app, available).await, 35);
}
