//! The test gateway's checkout page (`/dev/checkout/{reference}`, only in
//! development with the test gateway): it stands where Paystack's or
//! Stripe's page would, lets the buyer choose what the card does, and
//! reports the outcome through the signed webhook as a gateway would.

use super::InvoiceLine;
use crate::error::AppError;
use crate::money::Money;
use crate::ui::ActionForm;
use crate::ui::{ErrorNotice, FormError, PRIMARY_BUTTON, PageData, SMALL_BUTTON, action_errors};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::gateway::testing::TestGateway,
    crate::state::{AppState, app_state, respond},
};

/// A payment waiting at the test gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestCheckout {
    pub reference: String,
    /// Who pays: the company's name, or the job seeker's email.
    pub payer: String,
    /// The billing page the buyer came from.
    pub back: String,
    pub lines: Vec<InvoiceLine>,
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
}

/// The state, when the test gateway takes this site's payments.
#[cfg(feature = "ssr")]
fn test_gateway() -> Result<AppState, AppError> {
    let state = app_state()?;
    let on =
        state.config.dev_mailbox && state.payments.as_ref().is_some_and(|g| g.name() == "test");
    if on {
        Ok(state)
    } else {
        Err(AppError::NotFound)
    }
}

/// A test payment of the signed-in buyer's (their own, or their
/// company's when they manage its billing).
#[cfg(feature = "ssr")]
struct Pending {
    amount: i64,
    lines: serde_json::Value,
    /// Who pays: the company's name, or the job seeker's email.
    payer_name: String,
    waiting: bool,
    /// The payer's billing page.
    page: &'static str,
    /// That page, telling how this payment went.
    back: String,
}

#[cfg(feature = "ssr")]
async fn pending(state: &AppState, reference: &str) -> Result<Pending, AppError> {
    let (_, payer) = super::api::paying_for().await?;
    let row = sqlx::query!(
        r#"select p.id, p.amount, p.lines, p.status,
                  coalesce(c.name, u.email) as "payer_name!"
             from payments p
             left join companies c on c.id = p.company_id
             left join users u on u.id = p.user_id
            where p.reference = $1 and (p.company_id = $2 or p.user_id = $3)
              and p.gateway = 'test'"#,
        reference,
        payer.company_id(),
        payer.user_id()
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Pending {
        page: payer.billing_page(),
        back: format!("{}?payment={}", payer.billing_page(), row.id),
        amount: row.amount,
        lines: row.lines,
        payer_name: row.payer_name,
        waiting: row.status == "pending",
    })
}

#[server(endpoint = "dev/checkout")]
pub async fn get_test_checkout(reference: String) -> Result<TestCheckout, AppError> {
    respond(async move {
        let state = test_gateway()?;
        let payment = pending(&state, reference.trim()).await?;
        if !payment.waiting {
            // Paid or declined already: the billing page says which.
            leptos_axum::redirect(&payment.back);
        }
        let items: Vec<super::rules::InvoiceItem> =
            serde_json::from_value(payment.lines).map_err(|_| AppError::Internal)?;
        let amounts: Vec<i64> = items
            .iter()
            .map(super::rules::InvoiceItem::amount)
            .collect();
        let (subtotal, vat, total) =
            super::rules::invoice_totals(&amounts, crate::money::VAT_BASIS_POINTS);
        let naira = |minor| Money::new(minor, crate::money::Currency::Ngn);
        Ok(TestCheckout {
            reference: reference.trim().to_string(),
            payer: payment.payer_name,
            back: payment.page.to_string(),
            lines: items
                .iter()
                .map(|item| InvoiceLine {
                    description: item.description.clone(),
                    quantity: item.quantity,
                    unit_amount: naira(item.unit_amount),
                    amount: naira(item.amount()),
                })
                .collect(),
            subtotal: naira(subtotal),
            vat: naira(vat),
            total: naira(total),
        })
    })
    .await
}

/// What the test card does: `succeeds`, `declined`, `authenticate` (the
/// bank asks first), then `authenticated` or `authentication_failed`.
#[server(endpoint = "dev/checkout/pay")]
pub async fn pay_test_checkout(reference: String, card: String) -> Result<(), AppError> {
    respond(async move {
        let state = test_gateway()?;
        let reference = reference.trim();
        let payment = pending(&state, reference).await?;
        if !payment.waiting {
            leptos_axum::redirect(&payment.back);
            return Ok(());
        }
        let declined = match card.as_str() {
            "succeeds" | "authenticated" => None,
            "declined" => Some("Your card was declined by your bank."),
            "authentication_failed" => Some("Your bank could not confirm it was you."),
            "authenticate" => {
                leptos_axum::redirect(&format!("/dev/checkout/{reference}?step=authenticate"));
                return Ok(());
            }
            _ => return Err(AppError::field("card", "Choose what the card does.")),
        };
        let gateway = TestGateway::new(state.cipher.signer(), state.pool.clone());
        let outcome = gateway
            .record(
                reference,
                payment.amount,
                declined,
                &TestGateway::new_card(),
            )
            .await
            .map_err(|error| {
                tracing::error!(%error, "the test gateway could not record the payment");
                AppError::Internal
            })?;
        let (headers, body) =
            gateway.delivery(reference, &outcome, time::OffsetDateTime::now_utc());
        let (status, answer) = super::webhooks::receive(&state, "test", &headers, &body).await;
        if !status.is_success() {
            tracing::error!(%status, answer, "the test gateway's webhook was refused");
            return Err(AppError::Internal);
        }
        leptos_axum::redirect(&payment.back);
        Ok(())
    })
    .await
}

#[component]
pub fn TestCheckoutPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || params.read().get("reference").unwrap_or_default(),
        get_test_checkout,
    );
    let authenticating =
        Memo::new(move |_| query.read().get("step").as_deref() == Some("authenticate"));
    view! {
        <Title text="Test checkout"/>
        <div class="mx-auto max-w-md">
            <p class="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
                <strong>"Test payments. "</strong>
                "This page stands in for the payment provider while the site runs in development: no card is charged."
            </p>
            <PageData>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(checkout) if authenticating.get() => view! { <Authenticate checkout=checkout/> }.into_any(),
                        Ok(checkout) => view! { <Pay checkout=checkout/> }.into_any(),
                    }
                })}
            </PageData>
        </div>
    }
}

#[component]
fn Pay(checkout: TestCheckout) -> impl IntoView {
    let action = ServerAction::<PayTestCheckout>::new();
    let (field, form_error) = action_errors(action.value());
    let card_error = field("card");
    let choices = [
        ("succeeds", "The payment goes through", true),
        ("declined", "The card is declined", false),
        (
            "authenticate",
            "The bank asks to confirm (3-D Secure)",
            false,
        ),
    ];
    view! {
        <section aria-labelledby="checkout-heading" class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
            <p class="text-sm text-slate-600">{format!("Paying Hirewell for {}", checkout.payer)}</p>
            <h1 id="checkout-heading" class="mt-1 text-3xl font-bold tracking-tight text-slate-900">{checkout.total.format()}</h1>
            <dl class="mt-4 space-y-1 border-y border-slate-100 py-3 text-sm text-slate-800">
                {checkout.lines.iter().map(|line| view! {
                    <div class="flex justify-between gap-4">
                        <dt>{line.description.clone()}</dt>
                        <dd class="tabular-nums">{line.amount.format()}</dd>
                    </div>
                }).collect_view()}
                <div class="flex justify-between gap-4">
                    <dt>"VAT (7.5%)"</dt>
                    <dd class="tabular-nums">{checkout.vat.format()}</dd>
                </div>
            </dl>
            <ActionForm action=action attr:class="mt-4 space-y-4">
                <FormError error=form_error/>
                <input type="hidden" name="reference" value=checkout.reference.clone()/>
                <fieldset>
                    <legend class="text-sm font-semibold text-slate-900">"Test card: Visa ending in 4242"</legend>
                    <p class="text-sm text-slate-600">"What should happen?"</p>
                    <div class="mt-2 space-y-2">
                        {choices.into_iter().map(|(value, label, checked)| view! {
                            <label class="flex items-center gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm text-slate-900 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                                <input type="radio" name="card" value=value checked=checked class="h-4 w-4 accent-indigo-700"/>
                                {label}
                            </label>
                        }).collect_view()}
                    </div>
                    {move || card_error.get().map(|e| view! { <p class="mt-1 text-sm text-red-700">{e}</p> })}
                </fieldset>
                <button type="submit" class=format!("{PRIMARY_BUTTON} sm:w-full") disabled=move || action.pending().get()>
                    {format!("Pay {}", checkout.total.format())}
                </button>
            </ActionForm>
            <a class="mt-3 block text-center text-sm font-medium text-indigo-700 underline" href=checkout.back.clone()>"Cancel and go back"</a>
        </section>
    }
}

/// The bank's step of a 3-D Secure payment.
#[component]
fn Authenticate(checkout: TestCheckout) -> impl IntoView {
    let confirm = ServerAction::<PayTestCheckout>::new();
    let refuse = ServerAction::<PayTestCheckout>::new();
    let (reference, again) = (checkout.reference.clone(), checkout.reference.clone());
    view! {
        <section aria-labelledby="bank-heading" class="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
            <h1 id="bank-heading" class="text-xl font-semibold text-slate-900">"Confirm this payment with your bank"</h1>
            <p class="mt-2 text-sm text-slate-700">
                {format!("Test Bank asks you to confirm a payment of {} to Hirewell.", checkout.total.format())}
            </p>
            <div class="mt-6 flex flex-col gap-3 sm:flex-row">
                <ActionForm action=confirm>
                    <input type="hidden" name="reference" value=reference/>
                    <input type="hidden" name="card" value="authenticated"/>
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || confirm.pending().get()>"Confirm payment"</button>
                </ActionForm>
                <ActionForm action=refuse>
                    <input type="hidden" name="reference" value=again/>
                    <input type="hidden" name="card" value="authentication_failed"/>
                    <button type="submit" class=SMALL_BUTTON disabled=move || refuse.pending().get()>"Fail authentication"</button>
                </ActionForm>
            </div>
        </section>
    }
}
