//! The plans editor: a change is the plan's next version, which new buyers
//! get; whoever bought an earlier version keeps it.

use crate::billing::billing;
use crate::common::TestApp;
use crate::payments::{checkout, pay};
use crate::plus::buy_plus;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

fn basic_form<'a>(monthly: &'a str, seats: &'a str, on_sale: bool) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("code", "basic"),
        ("name", "Basic"),
        (
            "description",
            "For a small team hiring a few roles at a time.",
        ),
        ("monthly_price", monthly),
        ("yearly_price", "540,000"),
        ("introduction_credits_monthly", "20"),
        ("team_seats", seats),
        ("active_vacancies", "5"),
        ("talent_searches_per_hour", "100"),
        ("features[0]", "basic_search"),
        ("features[1]", "confidential_roles"),
    ];
    if on_sale {
        form.push(("on_sale", "on"));
    }
    form
}

async fn versions(app: &TestApp, plan: &str) -> i64 {
    sqlx::query_scalar("select count(*) from plan_versions where plan_code = $1")
        .bind(plan)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_plans_new_price_is_for_new_buyers_and_payers_keep_what_they_bought(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    let mut admin = app.admin("admin@example.com").await;
    let plans = admin.call("admin/billing/plans", &[]).await.json();
    let codes: Vec<&str> = plans
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "trial",
            "basic",
            "professional",
            "enterprise",
            "free",
            "plus"
        ]
    );
    assert_eq!(plans[1]["version"], 1);
    assert_eq!(plans[1]["next_version"], 2);
    assert_eq!(plans[1]["on_this_version"], 1);

    // Bad input is named field by field, and nothing is saved.
    let reply = admin
        .call("admin/billing/plan/save", &basic_form("free", "0", true))
        .await;
    let AppError::Validation(errors) = reply.error() else {
        panic!("{}", reply.body);
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["team_seats", "monthly_price"]);
    assert_eq!(versions(&app, "basic").await, 1);
    // Only admins edit plans.
    assert_eq!(
        owner
            .call("admin/billing/plan/save", &basic_form("60000", "4", true))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // ₦60,000 and four recruiters, with confidential vacancies: version 2.
    let reply = admin
        .call("admin/billing/plan/save", &basic_form("60,000", "4", true))
        .await;
    assert_eq!(
        reply.headers["location"],
        "/admin/billing/plans?notice=plan_saved"
    );
    let basic = admin
        .call("admin/billing/plan", &[("code", "basic")])
        .await
        .json();
    assert_eq!(basic["version"], 2);
    assert_eq!(basic["next_version"], 3);
    assert_eq!(basic["monthly_price"], 6_000_000);
    assert_eq!(basic["limits"]["team_seats"], 4);
    assert_eq!(
        basic["features"],
        serde_json::json!(["basic_search", "confidential_roles"])
    );
    assert_eq!(
        (
            basic["subscribers"].as_i64(),
            basic["on_this_version"].as_i64()
        ),
        (Some(1), Some(0))
    );
    assert_eq!(app.audit_count("billing.plan_changed").await, 1);

    // The price list shows it; the paying company keeps version 1.
    let pricing = app.client().call("pricing", &[]).await.json();
    let listed = &pricing["plans"][1];
    assert_eq!(listed["monthly_price"]["minor"], 6_000_000);
    assert_eq!(listed["limits"]["team_seats"], 4);
    let acme = billing(&mut owner).await;
    assert_eq!(
        acme["subscription"]["plan"]["monthly_price"]["minor"],
        5_000_000
    );
    assert_eq!(acme["limits"]["team_seats"], 3);
    // A new buyer pays the new price.
    let mut globex = app
        .fresh_employer_of("owner@globex.example.com", "Globex", "")
        .await;
    let reference = checkout(&mut globex, "basic", "monthly").await;
    let page = globex
        .call("dev/checkout", &[("reference", &reference)])
        .await
        .json();
    assert_eq!(page["subtotal"]["minor"], 6_000_000);

    // Off sale: gone from the price list, and not sold.
    admin
        .call("admin/billing/plan/save", &basic_form("60,000", "4", false))
        .await;
    let pricing = app.client().call("pricing", &[]).await.json();
    assert!(
        pricing["plans"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["code"] != "basic")
    );
    let refused = globex
        .call(
            "company/billing/checkout",
            &[("plan", "basic"), ("cycle", "monthly")],
        )
        .await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    assert_eq!(versions(&app, "basic").await, 3);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn job_seekers_keep_the_plus_they_bought_when_it_changes(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    buy_plus(&app, &mut ada, "succeeds").await;
    let mut admin = app.admin("admin@example.com").await;
    let form = [
        ("code", "plus"),
        ("name", "Plus"),
        ("monthly_price", "3000"),
        ("super_likes_per_day", "12"),
        ("auto_applies_per_day", ""),
        ("on_sale", "on"),
        // Company limits and features are not a job seekers' plan's.
        ("team_seats", "0"),
        ("features[0]", "white_label"),
    ];
    let reply = admin.call("admin/billing/plan/save", &form).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let plus = admin
        .call("admin/billing/plan", &[("code", "plus")])
        .await
        .json();
    assert_eq!(plus["limits"]["super_likes_per_day"], 12);
    assert!(plus["limits"]["auto_applies_per_day"].is_null());
    assert!(plus["limits"]["team_seats"].is_null());
    assert_eq!(plus["features"], serde_json::json!(["plus_badge"]));

    // Ada keeps the ten she bought; Bob buys the new Plus.
    let deck = ada.call("swipe/deck", &[]).await.json();
    assert_eq!(deck["super_likes_per_day"], 10);
    assert_eq!(deck["auto_apply_cap"], 50);
    let mut bob = app.registered("bob@example.com", "candidate").await;
    let reply = bob.call("plus/checkout", &[]).await;
    let reference = crate::payments::test_checkout_reference(&reply);
    let page = bob
        .call("dev/checkout", &[("reference", &reference)])
        .await
        .json();
    assert_eq!(page["subtotal"]["minor"], 300_000);
    pay(&mut bob, &reference, "succeeds").await;
    let deck = bob.call("swipe/deck", &[]).await.json();
    assert_eq!(deck["super_likes_per_day"], 12);
    // No daily limit on the plan: the most anyone may set.
    assert_eq!(deck["auto_apply_cap"], 100);
}
