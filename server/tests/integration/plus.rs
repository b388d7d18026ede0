//! Plus, the job seekers' plan: bought through the same checkout and
//! webhook as the company plans, it raises the super-likes a day and the
//! auto-apply cap; it renews monthly on the kept card and, unpaid or
//! cancelled, gives way to the free plan's limits.

use crate::common::{Client, TestApp};
use crate::payments::{billing_notices, clock_at, current_period, pay, test_checkout_reference};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;
use time::Duration;
use uuid::Uuid;

async fn plus(client: &mut Client) -> serde_json::Value {
    client.call("plus", &[]).await.json()
}

async fn deck(client: &mut Client) -> serde_json::Value {
    client.call("swipe/deck", &[]).await.json()
}

/// Saves auto-apply (off) with a daily cap.
async fn set_daily_cap(client: &mut Client, per_day: &str) -> crate::common::Reply {
    client
        .call(
            "swipe/auto-apply",
            &[
                ("min_score", "70"),
                ("max_per_day", per_day),
                ("max_per_company_per_week", "2"),
                ("resume_id", ""),
            ],
        )
        .await
}

/// Buys a month of Plus with the test card; the payment's id.
pub(crate) async fn buy_plus(app: &TestApp, client: &mut Client, card: &str) -> Uuid {
    let reply = client.call("plus/checkout", &[]).await;
    let reference = test_checkout_reference(&reply);
    let back = pay(client, &reference, card).await;
    let id: Uuid = sqlx::query_scalar("select id from payments where reference = $1")
        .bind(&reference)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(back, format!("/plus?payment={id}"));
    id
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_job_seeker_buys_plus_and_gets_more_super_likes_and_auto_applications(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;

    // The free plan: 3 super-likes a day, auto-apply up to 10.
    let before = deck(&mut ada).await;
    assert_eq!(before["super_likes_per_day"], 3);
    assert_eq!(before["plus"], false);
    assert_eq!(before["auto_apply_cap"], 10);
    let AppError::Validation(errors) = set_daily_cap(&mut ada, "20").await.error() else {
        panic!("over the free plan's cap");
    };
    assert_eq!(errors[0].field, "max_per_day");
    assert_eq!(errors[0].message, "Enter a whole number from 1 to 10.");
    let overview = plus(&mut ada).await;
    let plans: Vec<&str> = overview["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(plans, ["free", "plus"]);
    assert_eq!(overview["plans"][1]["monthly_price"]["minor"], 250_000);
    assert!(overview["subscription"].is_null());

    // The checkout shows the month with VAT, paid for by the job seeker.
    let reply = ada.call("plus/checkout", &[]).await;
    let reference = test_checkout_reference(&reply);
    let page = ada
        .call("dev/checkout", &[("reference", &reference)])
        .await
        .json();
    assert_eq!(page["payer"], "ada@example.com");
    assert_eq!(page["lines"][0]["description"], "Plus plan, one month");
    assert_eq!(page["total"]["minor"], 268_750);
    assert_eq!(page["back"], "/plus");
    // Nobody else can see or pay it.
    let mut bob = app.registered("bob@example.com", "candidate").await;
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    for other in [&mut bob, &mut owner] {
        for endpoint in ["dev/checkout", "dev/checkout/pay"] {
            let reply = other
                .call(endpoint, &[("reference", &reference), ("card", "succeeds")])
                .await;
            assert_eq!(reply.status, StatusCode::NOT_FOUND, "{endpoint}");
        }
    }

    let back = pay(&mut ada, &reference, "succeeds").await;
    let overview = ada
        .call("plus", &[("payment", back.split('=').nth(1).unwrap())])
        .await
        .json();
    assert_eq!(overview["payment"]["state"], "Paid");
    assert_eq!(overview["payment"]["bought"]["Plan"], "Plus");
    assert_eq!(overview["subscription"]["status"], "Active");
    assert_eq!(overview["subscription"]["plan"], "Plus");
    assert_eq!(overview["card"], "Visa ending in 4242");
    let invoices = overview["invoices"].as_array().unwrap();
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0]["total"]["minor"], 268_750);
    let invoice_id = invoices[0]["id"].as_str().unwrap().to_string();
    let invoice = ada
        .call("billing/invoice", &[("id", &invoice_id)])
        .await
        .json();
    assert_eq!(invoice["buyer"]["name"], "ada@example.com");
    assert_eq!(invoice["vat"]["minor"], 18_750);
    let pdf = format!("/plus/invoices/{invoice_id}/pdf");
    let download = ada.get(&pdf).await;
    assert_eq!(download.status, StatusCode::OK);
    let text = pdf_extract::extract_text_from_mem(&download.bytes).unwrap();
    assert!(text.contains("Plus plan, one month"), "{text}");
    // Another job seeker, a company or a visitor: no such invoice.
    for other in [&mut bob, &mut owner] {
        let reply = other.call("billing/invoice", &[("id", &invoice_id)]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
        assert_eq!(other.get(&pdf).await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(app.client().get(&pdf).await.status, StatusCode::NOT_FOUND);
    assert!(
        plus(&mut bob).await["invoices"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Plus is for job seekers.
    assert_eq!(owner.call("plus", &[]).await.status, StatusCode::FORBIDDEN);

    // Ten super-likes a day now, and auto-apply up to 50.
    let after = deck(&mut ada).await;
    assert_eq!(after["super_likes_per_day"], 10);
    assert_eq!(after["plus"], true);
    assert_eq!(after["auto_apply_cap"], 50);
    assert_eq!(set_daily_cap(&mut ada, "20").await.status, StatusCode::OK);
    assert_eq!(deck(&mut ada).await["auto_apply"]["max_per_day"], 20);
    // Bought once: a second checkout is refused.
    assert!(matches!(
        ada.call("plus/checkout", &[]).await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(app.audit_count("billing.payment_succeeded").await, 1);

    // Admins count it apart from the companies, and find the invoice.
    let mut admin = app.admin("admin@example.com").await;
    let revenue = admin.call("admin/billing/revenue", &[]).await.json();
    let plus = revenue["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["plan"] == "Plus")
        .cloned()
        .unwrap();
    assert_eq!(plus["for_seekers"], true);
    assert_eq!(plus["active"], 1);
    assert_eq!(revenue["mrr"]["minor"], 250_000);
    let found = admin
        .call(
            "admin/billing/invoices",
            &[
                ("status", ""),
                ("search", "ada@"),
                ("from", ""),
                ("to", ""),
                ("page", "1"),
            ],
        )
        .await
        .json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["invoices"][0]["buyer"], "ada@example.com");
    assert!(found["invoices"][0]["company_id"].is_null());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn plus_renews_on_the_kept_card_and_gives_way_to_the_free_plan_when_unpaid(pool: PgPool) {
    let app = TestApp::new(pool);
    let email = "ada@example.com";
    let mut ada = app.registered(email, "candidate").await;
    buy_plus(&app, &mut ada, "succeeds").await;
    assert_eq!(set_daily_cap(&mut ada, "30").await.status, StatusCode::OK);
    let (_, first_end) = current_period(&app).await;

    // A month on, the kept card pays the next.
    assert_eq!(clock_at(&app, first_end - Duration::hours(1)).await, 0);
    assert_eq!(clock_at(&app, first_end + Duration::hours(1)).await, 1);
    let overview = plus(&mut ada).await;
    assert_eq!(overview["subscription"]["status"], "Active");
    assert_eq!(overview["invoices"].as_array().unwrap().len(), 2);
    assert_eq!(
        billing_notices(&app, email).await,
        ["Your Plus plan is renewed"]
    );

    // The card stops working: past due (Plus stays through the grace),
    // then the free plan's limits.
    sqlx::query("update payment_methods set token = 'test_declined_card'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, due) = current_period(&app).await;
    assert_eq!(clock_at(&app, due + Duration::minutes(5)).await, 1);
    assert_eq!(plus(&mut ada).await["subscription"]["status"], "PastDue");
    assert_eq!(deck(&mut ada).await["super_likes_per_day"], 10);
    assert_eq!(clock_at(&app, due + Duration::days(7)).await, 1);
    let overview = plus(&mut ada).await;
    assert!(overview["subscription"].is_null());
    assert_eq!(overview["invoices"].as_array().unwrap().len(), 2);
    let after = deck(&mut ada).await;
    assert_eq!(after["super_likes_per_day"], 3);
    assert_eq!(after["plus"], false);
    // The cap chosen on Plus holds at the free plan's.
    assert_eq!(after["auto_apply"]["max_per_day"], 10);
    assert_eq!(
        billing_notices(&app, email)
            .await
            .last()
            .map(String::as_str),
        Some("Your Plus plan has ended")
    );

    // Buying again brings it back.
    sqlx::query("update payment_methods set token = 'test_card_new'")
        .execute(&app.pool)
        .await
        .unwrap();
    buy_plus(&app, &mut ada, "succeeds").await;
    assert_eq!(deck(&mut ada).await["auto_apply"]["max_per_day"], 30);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn cancelled_plus_stays_until_the_month_ends_and_a_declined_card_changes_nothing(
    pool: PgPool,
) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;

    // Declined: nothing bought, nothing invoiced.
    let declined = buy_plus(&app, &mut ada, "declined").await;
    let overview = ada
        .call("plus", &[("payment", &declined.to_string())])
        .await
        .json();
    assert_eq!(
        overview["payment"]["state"]["Failed"],
        "Your card was declined by your bank."
    );
    assert!(overview["subscription"].is_null());
    assert!(overview["invoices"].as_array().unwrap().is_empty());
    assert_eq!(deck(&mut ada).await["super_likes_per_day"], 3);

    // Nothing to cancel on the free plan.
    assert!(matches!(
        ada.call("billing/cancel", &[]).await.error(),
        AppError::Refused(_)
    ));
    buy_plus(&app, &mut ada, "succeeds").await;
    let reply = ada
        .call("billing/cancel", &[("reason", "Found a job")])
        .await;
    assert_eq!(reply.headers["location"], "/plus?notice=plan_cancelled");
    assert_eq!(
        plus(&mut ada).await["subscription"]["cancel_at_period_end"],
        true
    );
    // Kept after all, then cancelled again.
    ada.call("billing/resume", &[]).await;
    assert_eq!(
        plus(&mut ada).await["subscription"]["cancel_at_period_end"],
        false
    );
    ada.call("billing/cancel", &[]).await;
    assert_eq!(app.audit_count("billing.plan_cancelled").await, 2);

    let (_, end) = current_period(&app).await;
    assert_eq!(clock_at(&app, end - Duration::hours(1)).await, 0);
    assert_eq!(deck(&mut ada).await["super_likes_per_day"], 10);
    assert_eq!(clock_at(&app, end + Duration::hours(1)).await, 1);
    assert!(plus(&mut ada).await["subscription"].is_null());
    assert_eq!(deck(&mut ada).await["super_likes_per_day"], 3);
    // Not charged again.
    let paid: i64 = sqlx::query_scalar("select count(*) from payments where status = 'succeeded'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(paid, 1);
}
