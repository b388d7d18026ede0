//! The admin's billing: what the plans bring in, every invoice with its
//! filters, one company's billing, and adjusting its credits with a
//! reason. Only admins.

use crate::billing::company_of;
use crate::common::{Client, TestApp};
use crate::payments::{checkout, pay};
use app::error::AppError;
use sqlx::PgPool;

/// Acme pays Basic monthly, Globex Professional for a year, and Initech's
/// card is declined (it stays on its trial).
async fn three_companies(app: &TestApp) {
    for (email, company, plan, cycle, card) in [
        (
            "owner@acme.example.com",
            "Acme Bank",
            "basic",
            "monthly",
            "succeeds",
        ),
        (
            "owner@globex.example.com",
            "Globex",
            "professional",
            "annual",
            "succeeds",
        ),
        (
            "owner@initech.example.com",
            "Initech",
            "professional",
            "monthly",
            "declined",
        ),
    ] {
        let mut owner = app.fresh_employer_of(email, company, "").await;
        let reference = checkout(&mut owner, plan, cycle).await;
        pay(&mut owner, &reference, card).await;
    }
}

/// The invoice list with these filters (the others left empty).
async fn invoices(admin: &mut Client, filter: &[(&str, &str)]) -> serde_json::Value {
    let mut form = vec![
        ("status", ""),
        ("search", ""),
        ("from", ""),
        ("to", ""),
        ("page", "1"),
    ];
    for (name, value) in filter {
        if let Some(field) = form.iter_mut().find(|(n, _)| n == name) {
            field.1 = value;
        }
    }
    admin.call("admin/billing/invoices", &form).await.json()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn admins_see_what_the_plans_bring_and_every_invoice(pool: PgPool) {
    let app = TestApp::new(pool);
    three_companies(&app).await;
    let mut admin = app.admin("admin@example.com").await;

    let revenue = admin.call("admin/billing/revenue", &[]).await.json();
    // ₦50,000 a month, and a twelfth of ₦1,620,000 a year.
    assert_eq!(revenue["mrr"]["minor"], 5_000_000 + 13_500_000);
    let plan = |name: &str| {
        revenue["plans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["plan"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {revenue}"))
    };
    assert_eq!(plan("Basic")["active"], 1);
    assert_eq!(plan("Professional")["active"], 1);
    assert_eq!(plan("Professional")["mrr"]["minor"], 13_500_000);
    assert_eq!(plan("Trial")["trial"], 1);
    // Two trials ended when a plan was paid for; Initech's goes on.
    assert_eq!(revenue["trials_ended"], 2);
    assert_eq!(revenue["trials_converted"], 2);
    assert_eq!(revenue["failed_payments"], 1);
    assert_eq!(revenue["failed_amount"]["minor"], 16_125_000);
    let months = revenue["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    // Both invoices with VAT, this month.
    assert_eq!(months[11]["invoices"], 2);
    assert_eq!(months[11]["total"]["minor"], 5_375_000 + 174_150_000);
    assert_eq!(months[0]["invoices"], 0);

    let all = invoices(&mut admin, &[]).await;
    assert_eq!(all["total"], 2);
    assert_eq!(all["amount"]["minor"], 5_375_000 + 174_150_000);
    let acme = invoices(&mut admin, &[("search", "acme"), ("status", "paid")]).await;
    assert_eq!(acme["total"], 1);
    assert_eq!(acme["invoices"][0]["buyer"], "Acme Bank");
    assert!(
        acme["invoices"][0]["number"]
            .as_str()
            .unwrap()
            .starts_with("HW-")
    );
    let number = acme["invoices"][0]["number"].as_str().unwrap().to_string();
    assert_eq!(
        invoices(&mut admin, &[("search", &number)]).await["total"],
        1
    );
    assert_eq!(
        invoices(&mut admin, &[("status", "refunded")]).await["total"],
        0
    );
    // Wildcards are taken as they are typed.
    assert_eq!(invoices(&mut admin, &[("search", "%")]).await["total"], 0);
    let tomorrow = (time::OffsetDateTime::now_utc() + time::Duration::days(1)).date();
    let tomorrow = tomorrow.to_string();
    assert_eq!(
        invoices(&mut admin, &[("from", &tomorrow)]).await["total"],
        0
    );
    assert_eq!(invoices(&mut admin, &[("to", &tomorrow)]).await["total"], 2);
    let form = [
        ("status", ""),
        ("search", ""),
        ("from", "30/11/2026"),
        ("to", ""),
        ("page", "1"),
    ];
    let refused = admin.call("admin/billing/invoices", &form).await.error();
    assert!(refused.field_message("from").is_some(), "{refused:?}");

    // One company's billing: its subscriptions and payments.
    let initech = company_of(&app, "Initech").await.to_string();
    let billing = admin
        .call("admin/billing/company", &[("company_id", &initech)])
        .await
        .json();
    assert_eq!(billing["company"], "Initech");
    assert_eq!(billing["subscriptions"][0]["plan"], "Trial");
    assert_eq!(billing["payments"][0]["status"], "Failed");
    assert_eq!(billing["payments"][0]["bought"], "Professional, monthly");
    assert_eq!(
        billing["payments"][0]["reason"],
        "Your card was declined by your bank."
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_admin_adjusts_a_companys_credits_saying_why(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let acme = company_of(&app, "Acme Bank").await.to_string();
    let mut admin = app.admin("admin@example.com").await;
    let why = "Goodwill after the outage on Monday";
    let adjust = |direction: &'static str, credits: &'static str, note: &'static str| {
        let mut admin = admin.clone();
        let acme = acme.clone();
        async move {
            admin
                .call(
                    "admin/billing/adjust-credits",
                    &[
                        ("company_id", &acme),
                        ("direction", direction),
                        ("credits", credits),
                        ("note", note),
                    ],
                )
                .await
        }
    };
    let available = |admin: &Client| {
        let mut admin = admin.clone();
        let acme = acme.clone();
        async move {
            admin
                .call("admin/billing/company", &[("company_id", &acme)])
                .await
                .json()
        }
    };
    // The trial's five.
    assert_eq!(available(&admin).await["balance"]["available"], 5);

    let added = adjust("add", "10", why).await;
    assert!(
        added.status.is_success() || added.status.is_redirection(),
        "{}",
        added.body
    );
    let billing = available(&admin).await;
    assert_eq!(billing["balance"]["available"], 15);
    assert_eq!(billing["ledger"][0]["reason"], "Adjusted by an admin");
    assert_eq!(billing["ledger"][0]["change"], 10);
    assert_eq!(billing["ledger"][0]["by"], "admin@example.com");
    assert_eq!(billing["ledger"][0]["note"], why);

    // Not more than there is to take, and never without a reason.
    let refused = adjust("remove", "20", why).await.error();
    assert_eq!(
        refused.field_message("credits").as_deref(),
        Some("Only 15 available credits can be taken back.")
    );
    let refused = adjust("remove", "3", "because").await.error();
    assert!(refused.field_message("note").is_some());
    assert_eq!(available(&admin).await["balance"]["available"], 15);
    adjust("remove", "3", why).await;
    let billing = available(&admin).await;
    assert_eq!(billing["balance"]["available"], 12);
    assert_eq!(billing["ledger"][0]["change"], -3);
    // The company's own billing page counts the same.
    assert_eq!(
        crate::billing::billing(&mut owner).await["usage"]["credits_available"],
        12
    );

    // Nobody else adjusts or reads a company's billing.
    let unknown = uuid::Uuid::now_v7().to_string();
    assert_eq!(
        admin
            .call("admin/billing/company", &[("company_id", &unknown)])
            .await
            .error(),
        AppError::NotFound
    );
    let mut seeker = app.registered("seeker@example.com", "candidate").await;
    for client in [&mut owner, &mut seeker] {
        let reply = client
            .call(
                "admin/billing/adjust-credits",
                &[
                    ("company_id", &acme),
                    ("direction", "add"),
                    ("credits", "100"),
                    ("note", why),
                ],
            )
            .await;
        assert_eq!(reply.error(), AppError::Forbidden);
        let reply = client
            .call("admin/billing/company", &[("company_id", &acme)])
            .await;
        assert_eq!(reply.error(), AppError::Forbidden);
    }
    assert_eq!(available(&admin).await["balance"]["available"], 12);
}
