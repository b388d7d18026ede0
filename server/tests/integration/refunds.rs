//! Refunds: an admin gives back part or all of a paid invoice through the
//! test gateway, each refund a credit note with its own gapless numbers;
//! never more than was paid, even when refunds race; a credit pack's
//! credits go back with its money; the buyer sees and downloads the
//! credit notes, nobody else does.

use crate::billing::company_of;
use crate::common::{Client, Reply, TestApp};
use crate::payments::{billing_notices, checkout, pay, test_checkout_reference};
use crate::plus::buy_plus;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

/// The invoice a payment by reference issued.
async fn invoice_of(app: &TestApp, reference: &str) -> Uuid {
    sqlx::query_scalar("select invoice_id from payments where reference = $1")
        .bind(reference)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Acme pays for Basic monthly: ₦53,750.00 with VAT. Its owner and the
/// invoice.
async fn acme_on_basic(app: &TestApp) -> (Client, Uuid) {
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reference = checkout(&mut owner, "basic", "monthly").await;
    pay(&mut owner, &reference, "succeeds").await;
    let invoice = invoice_of(app, &reference).await;
    (owner, invoice)
}

async fn refund(admin: &mut Client, invoice: Uuid, amount: &str, reason: &str) -> Reply {
    admin
        .call(
            "admin/billing/refund",
            &[
                ("invoice_id", &invoice.to_string()),
                ("amount", amount),
                ("reason", reason),
            ],
        )
        .await
}

fn succeeded(reply: &Reply) -> bool {
    reply.status.is_success() || reply.status.is_redirection()
}

fn assert_done(reply: &Reply) {
    assert!(succeeded(reply), "{} {}", reply.status, reply.body);
}

/// The invoice's credit notes: number, subtotal, VAT and total.
async fn credit_notes(app: &TestApp, invoice: Uuid) -> Vec<(String, i64, i64, i64)> {
    sqlx::query_as(
        "select number, subtotal, vat, total from credit_notes
          where invoice_id = $1 order by number",
    )
    .bind(invoice)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn invoice_status(app: &TestApp, invoice: Uuid) -> String {
    sqlx::query_scalar("select status from invoices where id = $1")
        .bind(invoice)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

fn year() -> i32 {
    time::OffsetDateTime::now_utc().year()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn an_admin_refunds_part_then_the_rest_with_credit_notes(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut owner, invoice) = acme_on_basic(&app).await;
    let mut admin = app.admin("admin@example.com").await;
    let why = "Charged twice for December";

    let seen = admin
        .call("admin/billing/invoice", &[("id", &invoice.to_string())])
        .await
        .json();
    assert_eq!(seen["gateway"], "test");
    assert_eq!(seen["invoice"]["total"]["minor"], 5_375_000);
    assert!(seen["company_id"].is_string());

    // Half: ₦25,000.00 and ₦1,875.00 of VAT given back.
    assert_done(&refund(&mut admin, invoice, "26,875", why).await);
    let first = format!("CN-{}-000001", year());
    assert_eq!(
        credit_notes(&app, invoice).await,
        vec![(first.clone(), 2_500_000, 187_500, 2_687_500)]
    );
    assert_eq!(invoice_status(&app, invoice).await, "paid");

    // More than is left, no amount, no reason: each named, nothing given.
    let too_much = refund(&mut admin, invoice, "26875.01", why).await.error();
    assert_eq!(
        too_much.field_message("amount").as_deref(),
        Some("At most ₦26,875.00 is left to give back.")
    );
    let bad = refund(&mut admin, invoice, "", "why").await.error();
    assert!(bad.field_message("amount").is_some(), "{bad:?}");
    assert!(bad.field_message("reason").is_some(), "{bad:?}");
    assert_eq!(credit_notes(&app, invoice).await.len(), 1);

    // The rest: the invoice is refunded, and nothing more can be.
    assert_done(&refund(&mut admin, invoice, "26875.00", why).await);
    let notes = credit_notes(&app, invoice).await;
    assert_eq!(notes[1].0, format!("CN-{}-000002", year()));
    assert_eq!(notes[1].3, 2_687_500);
    assert_eq!(invoice_status(&app, invoice).await, "refunded");
    let again = refund(&mut admin, invoice, "1", why).await.error();
    assert_eq!(
        again,
        AppError::Refused("This invoice has been refunded in full.".into())
    );
    // The gateway gave back what the credit notes say, no more.
    let given: i64 = sqlx::query_scalar("select sum(amount)::bigint from test_gateway_refunds")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(given, 5_375_000);
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'billing.refunded'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 2);
    // This month's revenue counts the invoice paid and its refunds.
    let revenue = admin.call("admin/billing/revenue", &[]).await.json();
    assert_eq!(revenue["months"][11]["total"]["minor"], 5_375_000);
    assert_eq!(revenue["months"][11]["refunded"]["minor"], 5_375_000);

    // The owner sees both refunds on the invoice, is told, and downloads
    // a credit note.
    let own = owner
        .call("billing/invoice", &[("id", &invoice.to_string())])
        .await
        .json();
    assert_eq!(own["status"], "Refunded");
    let listed = own["credit_notes"].as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["number"], first.as_str());
    assert_eq!(listed[0]["reason"], why);
    assert!(
        billing_notices(&app, "owner@acme.example.com")
            .await
            .contains(&"We refunded ₦26,875.00".to_string())
    );
    let note = listed[0]["id"].as_str().unwrap().to_string();
    let pdf = owner
        .get(&format!("/company/billing/credit-notes/{note}/pdf"))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let text = pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap();
    assert!(text.contains(&format!("Credit note {first}")), "{text}");
    assert!(text.contains(why), "{text}");
    assert!(text.contains("NGN 26,875.00"), "{text}");
    let admin_pdf = admin
        .get(&format!("/admin/billing/credit-notes/{note}/pdf"))
        .await;
    assert_eq!(admin_pdf.status, StatusCode::OK);
    let invoice_pdf = admin
        .get(&format!("/admin/billing/invoices/{invoice}/pdf"))
        .await;
    assert_eq!(invoice_pdf.status, StatusCode::OK);

    // Another company, a job seeker and a visitor find no such note, and
    // only admins refund.
    let mut other = app
        .fresh_employer_of("owner@globex.example.com", "Globex", "")
        .await;
    let mut seeker = app.registered("ada@example.com", "candidate").await;
    let mut visitor = app.client();
    for client in [&mut other, &mut seeker, &mut visitor] {
        let reply = client
            .get(&format!("/company/billing/credit-notes/{note}/pdf"))
            .await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        refund(&mut owner, invoice, "1", why).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        other
            .call("admin/billing/invoice", &[("id", &invoice.to_string())])
            .await
            .error(),
        AppError::Forbidden
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn refunds_at_the_same_time_never_give_back_more_than_was_paid(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, invoice) = acme_on_basic(&app).await;
    let admin = app.admin("admin@example.com").await;
    // Ten refunds of ₦10,000.00 at once on ₦53,750.00: those that find
    // another under way are turned away, and never more is given back
    // than was paid.
    let tries = (0..10).map(|_| {
        let mut admin = admin.clone();
        async move { refund(&mut admin, invoice, "10000", "Goodwill for the outage").await }
    });
    let replies = futures::future::join_all(tries).await;
    let done = replies.iter().filter(|r| succeeded(r)).count();
    assert!(done >= 1);
    for reply in replies.iter().filter(|r| r.status.is_client_error()) {
        let error = reply.error();
        assert!(
            error.field_message("amount").is_some()
                || error
                    == AppError::Refused(
                        "Another refund of this invoice is being made; look again in a moment."
                            .into()
                    ),
            "{}",
            reply.body
        );
    }
    // Then one after another until nothing fits: five in all.
    let mut admin = admin.clone();
    while succeeded(&refund(&mut admin, invoice, "10000", "Goodwill for the outage").await) {}
    let notes = credit_notes(&app, invoice).await;
    let numbers: Vec<String> = notes.iter().map(|n| n.0.clone()).collect();
    let expected: Vec<String> = (1..=5).map(|n| format!("CN-{}-{n:06}", year())).collect();
    assert_eq!(numbers, expected);
    assert_eq!(notes.iter().map(|n| n.3).sum::<i64>(), 5_000_000);
    let given: i64 = sqlx::query_scalar("select sum(amount)::bigint from test_gateway_refunds")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(given, 5_000_000);
    assert_eq!(invoice_status(&app, invoice).await, "paid");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn refunding_a_credit_pack_takes_its_credits_back(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    let reply = owner
        .call("company/billing/credits", &[("pack", "credits_10")])
        .await;
    let reference = test_checkout_reference(&reply);
    pay(&mut owner, &reference, "succeeds").await;
    let invoice = invoice_of(&app, &reference).await;
    let acme = company_of(&app, "Acme Bank").await;
    let available = |app: &TestApp| {
        let pool = app.pool.clone();
        async move {
            let mut conn = pool.acquire().await.unwrap();
            app::introductions::db::balance(&mut conn, acme)
                .await
                .unwrap()
                .available
        }
    };
    // The trial's five and the pack's ten.
    assert_eq!(available(&app).await, 15);

    // A third of ₦32,250.00 takes back 4 of the 10 (3.3, rounded up).
    let mut admin = app.admin("admin@example.com").await;
    assert_done(
        &refund(
            &mut admin,
            invoice,
            "10750",
            "Bought the wrong pack by mistake",
        )
        .await,
    );
    assert_eq!(available(&app).await, 11);
    // The rest takes back the others.
    assert_done(
        &refund(
            &mut admin,
            invoice,
            "21500",
            "Bought the wrong pack by mistake",
        )
        .await,
    );
    assert_eq!(available(&app).await, 5);
    let taken: Vec<i32> = sqlx::query_scalar(
        "select credits_taken_back from credit_notes where invoice_id = $1 order by number",
    )
    .bind(invoice)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(taken, vec![4, 6]);
    let billing = admin
        .call(
            "admin/billing/company",
            &[("company_id", &acme.to_string())],
        )
        .await
        .json();
    assert_eq!(billing["ledger"][0]["change"], -6);
    assert!(
        billing["ledger"][0]["note"]
            .as_str()
            .unwrap()
            .starts_with("Taken back with the refund CN-")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_job_seekers_plus_is_refunded_and_an_invoice_paid_elsewhere_is_not(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let payment = buy_plus(&app, &mut ada, "succeeds").await;
    let invoice: Uuid = sqlx::query_scalar("select invoice_id from payments where id = $1")
        .bind(payment)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut admin = app.admin("admin@example.com").await;
    assert_done(
        &refund(
            &mut admin,
            invoice,
            "2687.50",
            "Plus did not work on her phone",
        )
        .await,
    );
    assert_eq!(invoice_status(&app, invoice).await, "refunded");
    let own = ada
        .call("billing/invoice", &[("id", &invoice.to_string())])
        .await
        .json();
    let note = own["credit_notes"][0]["id"].as_str().unwrap().to_string();
    let pdf = ada.get(&format!("/plus/credit-notes/{note}/pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);

    // An invoice without a gateway's payment (entered by hand) has
    // nothing to give back.
    let acme = app
        .fresh_employer_of("owner@acme.example.com", "Acme Bank", "")
        .await;
    drop(acme);
    let company = company_of(&app, "Acme Bank").await;
    let mut conn = app.pool.acquire().await.unwrap();
    let now = time::OffsetDateTime::now_utc();
    let lines = [app::billing::rules::InvoiceItem {
        description: "Basic plan, one month".into(),
        quantity: 1,
        unit_amount: 5_000_000,
    }];
    let by_hand = app::billing::db::issue(
        &mut conn,
        &app::billing::db::NewInvoice {
            payer: app::billing::Payer::Company(company),
            subscription_id: None,
            lines: &lines,
            seller: &app.state.config.seller,
            issued_at: now,
            due_at: now,
        },
    )
    .await
    .unwrap();
    app::billing::db::mark_paid(&mut *conn, by_hand, now)
        .await
        .unwrap();
    let refused = refund(&mut admin, by_hand, "100", "Goodwill for the outage").await;
    assert!(
        matches!(refused.error(), AppError::Refused(_)),
        "{}",
        refused.body
    );
    assert_eq!(credit_notes(&app, by_hand).await, vec![]);
}
