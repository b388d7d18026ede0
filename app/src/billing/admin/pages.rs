//! `/admin/billing` (revenue and every invoice), an invoice with its
//! refunds (`/admin/billing/invoices/{id}`) and
//! `/admin/companies/{id}/billing` (one company's subscriptions, payments
//! and credits).

use super::api::{
    AdjustCredits, INVOICE_STATES, RefundInvoice, admin_company_billing, admin_invoice,
    admin_invoices, admin_revenue,
};
use super::{
    CompanyBilling, InvoicePage, InvoiceWithPayment, LedgerRow, PaymentRow, Revenue,
    SubscriptionRow,
};
use crate::error::AppError;
use crate::ui::ActionForm;
use crate::ui::chart::{Bar, BarChart};
use crate::ui::{
    DataTable, ErrorNotice, Figure, Figures, FormError, PageHeading, Pager, SelectField,
    SubmitButton, TextArea, TextField, action_errors, format_day, format_time, page_count,
    urlencode,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AdminBillingPage() -> impl IntoView {
    let revenue = Resource::new(|| (), |_| admin_revenue());
    view! {
        <Title text="Billing · Admin"/>
        <PageHeading title="Billing" subtitle=Some("What the plans bring in, and every invoice issued.")/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match revenue.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(r) => view! { <RevenueFigures revenue=r/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
        <Invoices/>
    }
}

#[component]
fn RevenueFigures(revenue: Revenue) -> impl IntoView {
    let companies = || revenue.plans.iter().filter(|p| !p.for_seekers);
    let paying: i64 = companies().map(|p| p.active).sum();
    let past_due: i64 = companies().map(|p| p.past_due).sum();
    let conversion = match revenue.trials_ended {
        0 => "No trial ended in the last 90 days".to_string(),
        ended => format!(
            "{} of {}",
            revenue.trials_converted,
            crate::ui::count(ended, "trial", "trials")
        ),
    };
    let converted_share = (revenue.trials_ended > 0).then(|| {
        format!(
            "{}%",
            (revenue.trials_converted * 100 + revenue.trials_ended / 2) / revenue.trials_ended
        )
    });
    let figures = vec![
        Figure {
            label: "Monthly recurring revenue",
            value: revenue.mrr.format(),
            note: Some("Active plans, before VAT".into()),
        },
        Figure {
            label: "Paying companies",
            value: paying.to_string(),
            note: Some(crate::ui::count(past_due, "more past due", "more past due")),
        },
        Figure {
            label: "Trial conversion",
            value: converted_share.unwrap_or_else(|| "—".into()),
            note: Some(conversion),
        },
        Figure {
            label: "Failed payments",
            value: revenue.failed_payments.to_string(),
            note: Some(format!(
                "{} in the last 30 days",
                revenue.failed_amount.format()
            )),
        },
    ];
    let bars = revenue
        .months
        .iter()
        .map(|m| {
            let kept = crate::money::Money::new(m.total.minor - m.refunded.minor, m.total.currency);
            let refunded = match m.refunded.minor {
                0 => String::new(),
                _ => format!(", {} refunded", m.refunded.format()),
            };
            Bar {
                label: format!("{:.3}", m.month.month().to_string()),
                value: kept.minor.max(0),
                shown: format!(
                    "{} ({}{refunded})",
                    kept.format(),
                    crate::ui::count(m.invoices, "invoice", "invoices")
                ),
            }
        })
        .collect::<Vec<_>>();
    view! {
        <Figures figures label="Revenue" columns="grid-cols-1 sm:grid-cols-2 lg:grid-cols-4"/>
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <BarChart
                title="Paid invoices less refunds, the last 12 months".to_string()
                headers=("Month", "Paid")
                bars=bars
                empty="No invoice was paid in the last 12 months."
            />
            <section aria-labelledby="plans-heading" class="min-w-0">
                <div class="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                    <h2 id="plans-heading" class="text-lg font-semibold">"Subscriptions by plan"</h2>
                    <a class="text-sm font-medium text-indigo-700 underline" href="/admin/billing/plans">"Edit plans"</a>
                </div>
                <DataTable headers=&["Plan", "Trial", "Active", "Past due", "Monthly revenue"]>
                    {revenue
                        .plans
                        .into_iter()
                        .map(|p| view! {
                            <tr>
                                <th scope="row" class="px-4 py-2 text-left font-medium">{p.plan}</th>
                                <td class="px-4 py-2 tabular-nums">{p.trial}</td>
                                <td class="px-4 py-2 tabular-nums">{p.active}</td>
                                <td class="px-4 py-2 tabular-nums">{p.past_due}</td>
                                <td class="whitespace-nowrap px-4 py-2 tabular-nums">{p.mrr.format()}</td>
                            </tr>
                        })
                        .collect_view()}
                </DataTable>
            </section>
        </div>
    }
}

/// The invoice list with its filters, which live in the address.
#[component]
fn Invoices() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let page = move || param("page").parse::<i64>().unwrap_or(1);
    let invoices = Resource::new(
        move || {
            (
                param("status"),
                param("q"),
                param("from"),
                param("to"),
                page(),
            )
        },
        |(status, q, from, to, page)| admin_invoices(status, q, from, to, page),
    );
    view! {
        <section aria-labelledby="invoices-heading" class="mt-10">
            <h2 id="invoices-heading" class="mb-3 text-lg font-semibold">"Invoices"</h2>
            <crate::ui::PageData>
                {move || Suspend::new(async move {
                    let found = invoices.await;
                    let error = found.as_ref().err().cloned();
                    let field = move |name: &'static str| {
                        let error = error.clone();
                        Signal::derive(move || error.as_ref().and_then(|e| e.field_message(name)))
                    };
                    view! {
                        <form method="get" action="/admin/billing#invoices-heading" class="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
                            <TextField label="Buyer or number" name="q" id="invoice-search" input_type="search" value=param("q") error=field("q")/>
                            <SelectField
                                label="Status"
                                name="status"
                                id="invoice-status"
                                options=INVOICE_STATES.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect()
                                selected=param("status")
                                empty="Any"
                                error=field("status")
                            />
                            <TextField label="Issued from" name="from" id="invoice-from" input_type="date" value=param("from") error=field("from")/>
                            <TextField label="Issued until" name="to" id="invoice-to" input_type="date" value=param("to") error=field("to")/>
                            <button type="submit" class="rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800">"Filter"</button>
                        </form>
                        {match found {
                            Err(AppError::Validation(_)) => ().into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            Ok(p) => view! { <InvoiceTable page=p/> }.into_any(),
                        }}
                    }
                    .into_any()
                })}
            </crate::ui::PageData>
        </section>
    }
}

#[component]
fn InvoiceTable(page: InvoicePage) -> impl IntoView {
    let query = use_query_map();
    let pages = page_count(page.total, page.per_page);
    let link = move |n: i64| {
        let read = query.read();
        let value = |name: &str| urlencode(&read.get(name).unwrap_or_default());
        format!(
            "/admin/billing?status={}&q={}&from={}&to={}&page={n}#invoices-heading",
            value("status"),
            value("q"),
            value("from"),
            value("to")
        )
    };
    if page.invoices.is_empty() {
        return view! {
            <p class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
                "No invoice matches these filters."
            </p>
        }
        .into_any();
    }
    view! {
        <p class="mb-2 text-sm text-slate-600">
            {format!("{}, {} in all", crate::ui::count(page.total, "invoice", "invoices"), page.amount.format())}
        </p>
        <DataTable headers=&["Number", "Billed to", "Issued", "Total", "Status"]>
            {page
                .invoices
                .into_iter()
                .map(|i| view! {
                    <tr>
                        <td class="whitespace-nowrap px-4 py-2 font-medium">
                            <a class="text-indigo-700 underline" href=format!("/admin/billing/invoices/{}", i.id)>{i.number}</a>
                        </td>
                        <td class="px-4 py-2">
                            {match i.company_id {
                                Some(id) => view! {
                                    <a class="text-indigo-700 underline" href=format!("/admin/companies/{id}/billing")>{i.buyer}</a>
                                }.into_any(),
                                // A job seeker's Plus.
                                None => view! { <span>{i.buyer}</span> }.into_any(),
                            }}
                        </td>
                        <td class="whitespace-nowrap px-4 py-2">{format_day(i.issued_at)}</td>
                        <td class="whitespace-nowrap px-4 py-2 tabular-nums">{i.total.format()}</td>
                        <td class="px-4 py-2"><crate::billing::pages::InvoiceBadge status=i.status/></td>
                    </tr>
                })
                .collect_view()}
        </DataTable>
        <Pager page=page.page pages=pages link=link/>
    }
    .into_any()
}

/// An invoice as its buyer sees it, with who it bills and the refund form.
#[component]
pub fn AdminInvoicePage() -> impl IntoView {
    let params = use_params_map();
    let refund = ServerAction::<RefundInvoice>::new();
    let data = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                refund.version().get(),
            )
        },
        |(id, _)| async move {
            let id = id.parse().map_err(|_| AppError::NotFound)?;
            admin_invoice(id).await
        },
    );
    view! {
        <Title text="Invoice · Admin"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(a) => view! { <AdminInvoiceView found=a refund=refund/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn AdminInvoiceView(
    found: InvoiceWithPayment,
    refund: ServerAction<RefundInvoice>,
) -> impl IntoView {
    let InvoiceWithPayment {
        invoice,
        company_id,
        gateway,
    } = found;
    let buyer = match company_id {
        Some(id) => view! {
            <a class="font-medium text-indigo-700 underline" href=format!("/admin/companies/{id}/billing")>
                {format!("{}'s billing", invoice.buyer.name)}
            </a>
        }
        .into_any(),
        None => view! { <span>{format!("{}, a job seeker (Plus)", invoice.buyer.name)}</span> }.into_any(),
    };
    let left = invoice.refundable();
    let refund_part = match gateway {
        None => view! {
            <p class="text-sm text-slate-700">"This invoice was not paid through a payment gateway, so there is nothing to give back here."</p>
        }
        .into_any(),
        Some(_) if left.minor <= 0 => view! {
            <p class="text-sm text-slate-700">"Everything paid on this invoice has been given back."</p>
        }
        .into_any(),
        Some(gateway) => view! {
            <RefundForm invoice_id=invoice.id left=left gateway=gateway refund=refund/>
        }
        .into_any(),
    };
    view! {
        <p class="mb-4 text-sm text-slate-700 print:hidden">"Billed to " {buyer}</p>
        <crate::billing::pages::InvoiceDocument invoice=invoice home="/admin/billing"/>
        <section aria-labelledby="refund-heading" class="mx-auto mt-8 max-w-3xl print:hidden">
            <h2 id="refund-heading" class="mb-3 text-lg font-semibold">"Refund"</h2>
            {refund_part}
        </section>
    }
}

/// Asks for the amount and the reason in a dialog that says what giving
/// money back does; its errors show inside it.
#[component]
fn RefundForm(
    invoice_id: uuid::Uuid,
    left: crate::money::Money,
    gateway: String,
    refund: ServerAction<RefundInvoice>,
) -> impl IntoView {
    let (field, form_error) = action_errors(refund.value());
    let dialog = "refund-dialog".to_string();
    // The page keeps its elements when it shows the refund: the dialog is
    // closed by hand once the money is given back.
    let dialog_ref = NodeRef::<leptos::html::Dialog>::new();
    Effect::new(move |_| {
        if let (Some(Ok(())), Some(open)) = (refund.value().get(), dialog_ref.get_untracked()) {
            open.close();
        }
    });
    let gateway = crate::billing::rules::capitalised(&gateway);
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4">
            <p class="text-sm text-slate-700">
                {format!("{} can still be given back, to the card it was paid with through {gateway}.", left.format())}
            </p>
            <button type="button" class=crate::ui::SMALL_BUTTON commandfor=dialog.clone() command="show-modal">"Refund…"</button>
        </div>
        <crate::ui::DialogBox
            id=dialog.clone()
            title="Give money back?"
            consequence="The amount goes back to the buyer's card and cannot be taken again; a credit note is issued and the buyer is told."
            node_ref=dialog_ref
            stays_open=true
        >
            <ActionForm action=refund attr:class="mt-4 space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="invoice_id" value=invoice_id.to_string()/>
                <TextField
                    label="Amount (₦, with VAT)"
                    name="amount"
                    id="refund-amount"
                    value=crate::profiles::rules::minor_to_money(left.minor)
                    hint=format!("At most {}.", left.format())
                    error=field("amount")
                />
                <TextArea label="Reason" name="reason" id="refund-reason" value=String::new() rows=3 hint="Printed on the credit note: the buyer reads it." error=field("reason")/>
                <div class="flex flex-wrap-reverse items-center justify-end gap-3">
                    <crate::ui::CancelButton dialog=dialog/>
                    <SubmitButton label="Give the money back" pending=refund.pending()/>
                </div>
            </ActionForm>
        </crate::ui::DialogBox>
    }
}

#[component]
pub fn AdminCompanyBillingPage() -> impl IntoView {
    let params = use_params_map();
    let adjust = ServerAction::<AdjustCredits>::new();
    let billing = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                adjust.version().get(),
            )
        },
        |(id, _)| async move {
            let id = id.parse().map_err(|_| AppError::NotFound)?;
            admin_company_billing(id).await
        },
    );
    view! {
        <Title text="Company billing · Admin"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match billing.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(b) => view! { <CompanyBillingView billing=b adjust=adjust/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn CompanyBillingView(
    billing: CompanyBilling,
    adjust: ServerAction<AdjustCredits>,
) -> impl IntoView {
    view! {
        <header class="mb-6">
            <a class="text-sm font-medium text-indigo-700 underline" href="/admin/billing">"Billing"</a>
            <h1 class="mt-1 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{billing.company.clone()}</h1>
            <p class="mt-2 text-slate-600">"Its plans, payments and introduction credits."</p>
        </header>
        <div class="space-y-8">
            <Subscriptions rows=billing.subscriptions/>
            <Payments rows=billing.payments/>
            <Credits billing_company=billing.company_id balance=billing.balance ledger=billing.ledger adjust=adjust/>
        </div>
    }
}

#[component]
fn Subscriptions(rows: Vec<SubscriptionRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="subscriptions-heading">
            <h2 id="subscriptions-heading" class="mb-3 text-lg font-semibold">"Subscriptions"</h2>
            <DataTable headers=&["Plan", "Status", "Started", "Period ends", "Ended"]>
                {rows
                    .into_iter()
                    .map(|s| view! {
                        <tr>
                            <td class="px-4 py-2 font-medium">{format!("{}, billed {}", s.plan, s.cycle.billed())}</td>
                            <td class="px-4 py-2">{s.status.label()}</td>
                            <td class="whitespace-nowrap px-4 py-2">{format_day(s.started_at)}</td>
                            <td class="whitespace-nowrap px-4 py-2">{format_day(s.period_end)}</td>
                            <td class="whitespace-nowrap px-4 py-2">{s.ended_at.map(format_day).unwrap_or_else(|| "Current".into())}</td>
                        </tr>
                    })
                    .collect_view()}
            </DataTable>
        </section>
    }
}

#[component]
fn Payments(rows: Vec<PaymentRow>) -> impl IntoView {
    let body = if rows.is_empty() {
        view! { <p class="text-sm text-slate-700">"No payment yet."</p> }.into_any()
    } else {
        view! {
            <DataTable headers=&["When", "For", "Amount", "Outcome"]>
                {rows
                    .into_iter()
                    .map(|p| view! {
                        <tr>
                            <td class="whitespace-nowrap px-4 py-2">{format_time(p.created_at)}</td>
                            <td class="px-4 py-2">{p.bought}{p.renewal.then_some(" (renewal)")}</td>
                            <td class="whitespace-nowrap px-4 py-2 tabular-nums">{p.amount.format()}</td>
                            <td class="px-4 py-2">
                                {p.status}
                                {p.reason.map(|r| view! { <span class="block text-sm text-slate-600">{r}</span> })}
                            </td>
                        </tr>
                    })
                    .collect_view()}
            </DataTable>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="payments-heading">
            <h2 id="payments-heading" class="mb-3 text-lg font-semibold">"Payments"</h2>
            {body}
        </section>
    }
}

#[component]
fn Credits(
    billing_company: uuid::Uuid,
    balance: crate::introductions::rules::Balance,
    ledger: Vec<LedgerRow>,
    adjust: ServerAction<AdjustCredits>,
) -> impl IntoView {
    let (field, form_error) = action_errors(adjust.value());
    let figures = [
        ("Available", balance.available),
        ("Held for waiting requests", balance.held),
        ("Spent", balance.spent),
    ]
    .into_iter()
    .map(|(label, n)| Figure {
        label,
        value: n.to_string(),
        note: None,
    })
    .collect();
    view! {
        <section id="credits" aria-labelledby="credits-heading" class="scroll-mt-20">
            <h2 id="credits-heading" class="mb-3 text-lg font-semibold">"Introduction credits"</h2>
            <Figures figures columns="grid-cols-3"/>
            <div class="mt-4 grid items-start gap-6 lg:grid-cols-[1fr_2fr]">
                <ActionForm action=adjust attr:class="space-y-4 rounded-xl border border-slate-200 bg-white p-4" attr:novalidate=true>
                    <h3 class="font-semibold">"Adjust credits"</h3>
                    <FormError error=form_error/>
                    <input type="hidden" name="company_id" value=billing_company.to_string()/>
                    <SelectField
                        label="Change"
                        name="direction"
                        options=vec![("add".into(), "Add credits".into()), ("remove".into(), "Take back available credits".into())]
                        selected="add".to_string()
                        error=field("direction")
                    />
                    <TextField label="Credits" name="credits" id="adjust-credits" input_type="number" error=field("credits")/>
                    <TextArea label="Why" name="note" value=String::new() rows=3 hint="Kept with the ledger entry and in the audit log." error=field("note")/>
                    <SubmitButton label="Adjust credits" pending=adjust.pending()/>
                </ActionForm>
                <Ledger rows=ledger/>
            </div>
        </section>
    }
}

#[component]
fn Ledger(rows: Vec<LedgerRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="text-sm text-slate-700">"No credit has moved yet."</p> }
            .into_any();
    }
    view! {
        <DataTable headers=&["When", "What", "Available", "By"]>
            {rows
                .into_iter()
                .map(|l| view! {
                    <tr>
                        <td class="whitespace-nowrap px-4 py-2">{format_time(l.at)}</td>
                        <td class="px-4 py-2">
                            {l.reason}
                            {l.note.map(|n| view! { <span class="block text-sm text-slate-600">{n}</span> })}
                        </td>
                        <td class="px-4 py-2 tabular-nums">{match l.change {
                            0 => "—".to_string(),
                            n if n > 0 => format!("+{n}"),
                            n => n.to_string(),
                        }}</td>
                        <td class="whitespace-nowrap px-4 py-2">{l.by.unwrap_or_else(|| "Hirewell".into())}</td>
                    </tr>
                })
                .collect_view()}
        </DataTable>
    }
    .into_any()
}
