//! `/plus`: the free plan and Plus side by side, or the job seeker's Plus
//! with its renewal, and their invoices.

use super::api::{StartPlus, get_plus};
use super::{PlusOverview, SeekerPlan, SeekerSubscription};
use crate::billing::pages::{
    CTA, CTA_PRIMARY, CTA_SECONDARY, InvoiceList, PaymentBanner, Renewal, ThisMonth,
};
use crate::billing::rules::{Status, grace_end};
use crate::ui::ActionForm;
use crate::ui::{
    ErrorNotice, FormError, PageData, PageHeading, PageVersion, action_errors, count, format_day,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PlusPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                version.get(),
                query.read().get("payment").unwrap_or_default(),
            )
        },
        |(_, payment)| get_plus(payment),
    );
    view! {
        <Title text="Plus"/>
        <PageHeading title="Hirewell Plus" subtitle=Some("Stand out to the companies you like most, and let auto-apply do more of the work.")/>
        <PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(overview) => view! { <PlusView overview=overview/> }.into_any(),
                }
            })}
        </PageData>
    }
}

#[component]
fn PlusView(overview: PlusOverview) -> impl IntoView {
    let plus = overview.plans.iter().find(|p| p.code == "plus").cloned();
    let main = match (overview.subscription, plus) {
        (Some(subscription), plus) => view! {
            <YourPlus subscription=subscription plan=plus card=overview.card/>
        }
        .into_any(),
        (None, _) => view! { <PlanChoice plans=overview.plans/> }.into_any(),
    };
    view! {
        {overview.payment.map(|payment| view! {
            <PaymentBanner payment=payment holder="you are" plans="/plus"/>
        })}
        {main}
        <section aria-label="Your use" class="mt-6 max-w-3xl rounded-xl border border-slate-200 bg-white p-6">
            <ThisMonth
                title="This month"
                figures=vec![
                    ("Super-likes", overview.this_month.super_likes),
                    ("Auto-applications", overview.this_month.auto_applications),
                ]
            />
        </section>
        {(!overview.invoices.is_empty()).then(|| view! {
            <div class="mt-6 max-w-3xl">
                <InvoiceList invoices=overview.invoices base="/plus"/>
            </div>
        })}
    }
}

/// What a plan allows, as a list of ticks.
fn allowances(plan: &SeekerPlan) -> Vec<String> {
    let super_likes = match plan.super_likes_per_day {
        Some(n) => count(i64::from(n), "super-like a day", "super-likes a day"),
        None => "Unlimited super-likes".to_string(),
    };
    let auto_apply = match plan.auto_applies_per_day {
        Some(n) => format!(
            "Auto-apply to up to {}",
            count(i64::from(n), "role a day", "roles a day")
        ),
        None => "Auto-apply without a daily limit".to_string(),
    };
    vec![
        super_likes,
        auto_apply,
        "Applications, saved jobs and introductions as always".to_string(),
    ]
}

#[component]
fn Allowances(plan: SeekerPlan) -> impl IntoView {
    view! {
        <ul class="mt-4 space-y-2 text-sm text-slate-800">
            {allowances(&plan).into_iter().map(|text| view! {
                <li class="flex gap-2">
                    <svg class="mt-0.5 h-4 w-4 flex-none text-emerald-700" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
                        <path fill-rule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0z"/>
                    </svg>
                    <span>{text}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The free plan (theirs) beside Plus.
#[component]
fn PlanChoice(plans: Vec<SeekerPlan>) -> impl IntoView {
    view! {
        <div class="grid max-w-3xl gap-6 sm:grid-cols-2">
            {plans.into_iter().map(|plan| {
                let paid = plan.monthly_price.is_some();
                let (heading_id, labelled_by) = (format!("plan-{}", plan.code), format!("plan-{}", plan.code));
                let border = if paid { "border-indigo-600 ring-1 ring-indigo-600" } else { "border-slate-200" };
                view! {
                    <section aria-labelledby=labelled_by class=format!("flex flex-col rounded-2xl border bg-white p-6 {border}")>
                        <div class="flex items-center justify-between gap-2">
                            <h2 id=heading_id class="text-xl font-semibold text-slate-900">{plan.name.clone()}</h2>
                            {(!paid).then(|| view! {
                                <span class="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-semibold text-slate-800">"Your plan"</span>
                            })}
                        </div>
                        <p class="mt-1 text-sm text-slate-700">{plan.description.clone()}</p>
                        <p class="mt-4 flex flex-wrap items-baseline gap-x-2">
                            <span class="text-3xl font-bold tracking-tight text-slate-900">
                                {plan.monthly_price.map(|p| p.format_short()).unwrap_or_else(|| "Free".to_string())}
                            </span>
                            {paid.then(|| view! { <span class="text-sm text-slate-600">"a month, before VAT"</span> })}
                        </p>
                        <Allowances plan=plan.clone()/>
                        <div class="mt-auto">
                            {paid.then(|| view! {
                                <BuyPlus label="Get Plus"/>
                                <p class="mt-2 text-center text-xs text-slate-600">"Renews monthly. Cancel whenever you like."</p>
                            })}
                        </div>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// Starts the checkout for a month of Plus.
#[component]
fn BuyPlus(label: &'static str) -> impl IntoView {
    let action = ServerAction::<StartPlus>::new();
    let (_, form_error) = action_errors(action.value());
    view! {
        <ActionForm action=action attr:class="mt-6">
            <FormError error=form_error/>
            <button type="submit" class=format!("{CTA} {CTA_PRIMARY}") disabled=move || action.pending().get()>{label}</button>
        </ActionForm>
    }
}

/// The job seeker's Plus: until when, and renewing or not.
#[component]
fn YourPlus(
    subscription: SeekerSubscription,
    plan: Option<SeekerPlan>,
    card: Option<String>,
) -> impl IntoView {
    let s = subscription;
    let (badge, colours) = match s.status {
        Status::PastDue => (Status::PastDue.label(), "bg-amber-100 text-amber-900"),
        _ => ("Active", "bg-emerald-100 text-emerald-900"),
    };
    let period_line = match s.status {
        Status::PastDue => format!(
            "The renewal on {} could not be paid. Pay by {} to keep Plus.",
            format_day(s.period_start),
            format_day(grace_end(s.period_start))
        ),
        _ if s.cancel_at_period_end => {
            format!("Ends on {}; it will not renew.", format_day(s.period_end))
        }
        _ => format!("Renews on {}.", format_day(s.period_end)),
    };
    let price = plan
        .as_ref()
        .and_then(|p| p.monthly_price)
        .map(|p| format!("{} a month, before VAT", p.format()));
    let action = match s.status {
        Status::PastDue => view! { <BuyPlus label="Pay now"/> }.into_any(),
        _ => view! {
            <Renewal
                changing=s.cancel_at_period_end
                keep="Keep Plus"
                cancel_label="Cancel Plus"
                title="Cancel Plus?".to_string()
                consequence=format!("You keep Plus until {} and are not charged again. After that you have the free plan's limits; nothing you saved or sent is lost.", format_day(s.period_end))
            />
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="your-plus" class="max-w-3xl rounded-2xl border border-indigo-600 bg-white p-6 ring-1 ring-indigo-600">
            <div class="flex flex-wrap items-center gap-2">
                <h2 id="your-plus" class="text-2xl font-semibold text-slate-900">{format!("You have {}", s.plan)}</h2>
                <span class=format!("rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}")>{badge}</span>
            </div>
            {price.map(|p| view! { <p class="mt-3 text-slate-900">{p}</p> })}
            <p class="mt-1 text-sm text-slate-700">{period_line}</p>
            {card.map(|card| view! { <p class="mt-3 text-sm text-slate-700">{format!("Paid with {card}")}</p> })}
            {plan.map(|plan| view! { <Allowances plan=plan/> })}
            <a class=format!("mt-6 {CTA} {CTA_SECONDARY} sm:w-auto") href="/swipe">"Discover jobs"</a>
            {action}
        </section>
    }
}
