//! `/admin/billing/plans` (every plan at its current version) and
//! `/admin/billing/plans/{code}` (its editor).

use super::api::{SavePlan, admin_plan, admin_plans};
use super::{EditablePlan, FEATURES};
use crate::money::{Currency, Money};
use crate::profiles::rules::minor_to_money;
use crate::ui::ActionForm;
use crate::ui::{
    DataTable, ErrorNotice, FieldErrorText, FormError, PageData, SubmitButton, TextArea, TextField,
    Toggle, action_errors, count,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// "₦50,000 a month · ₦540,000 a year", "Free for 14 days", "By agreement".
fn price_text(plan: &EditablePlan) -> String {
    if plan.contact_sales {
        return "By agreement".into();
    }
    if let Some(days) = plan.terms.trial_days {
        return format!("Free for {}", count(i64::from(days), "day", "days"));
    }
    if plan.is_free() {
        return "Free".into();
    }
    let naira = |minor| Money::new(minor, Currency::Ngn).format_short();
    [
        plan.terms
            .monthly_price
            .map(|p| format!("{} a month", naira(p))),
        plan.terms
            .yearly_price
            .map(|p| format!("{} a year", naira(p))),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
}

fn audience(plan: &EditablePlan) -> &'static str {
    if plan.for_seekers {
        "Job seekers"
    } else {
        "Companies"
    }
}

#[component]
fn PlansHeader(title: String, back: (&'static str, &'static str), intro: String) -> impl IntoView {
    view! {
        <header class="mb-6">
            <a class="text-sm font-medium text-indigo-700 underline" href=back.0>{back.1}</a>
            <h1 class="mt-1 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
            <p class="mt-2 max-w-2xl text-slate-600">{intro}</p>
        </header>
    }
}

#[component]
pub fn AdminPlansPage() -> impl IntoView {
    let plans = Resource::new(|| (), |_| admin_plans());
    view! {
        <Title text="Plans · Admin"/>
        <PlansHeader
            title="Plans".to_string()
            back=("/admin/billing", "Billing")
            intro="A change to a plan becomes its next version: new buyers get it, and everyone on an earlier version keeps what they bought.".to_string()
        />
        <PageData>
            {move || Suspend::new(async move {
                match plans.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(plans) => view! { <PlanTable plans=plans/> }.into_any(),
                }
            })}
        </PageData>
    }
}

#[component]
fn PlanTable(plans: Vec<EditablePlan>) -> impl IntoView {
    view! {
        <DataTable headers=&["Plan", "For", "Price before VAT", "Version", "On sale", "Subscriptions", ""]>
            {plans
                .into_iter()
                .map(|p| view! {
                    <tr>
                        <th scope="row" class="px-4 py-2 text-left font-medium">{p.terms.name.clone()}</th>
                        <td class="px-4 py-2">{audience(&p)}</td>
                        <td class="px-4 py-2">{price_text(&p)}</td>
                        <td class="px-4 py-2 tabular-nums">{p.version}</td>
                        <td class="px-4 py-2">{if p.terms.on_sale { "Yes" } else { "No" }}</td>
                        <td class="whitespace-nowrap px-4 py-2 tabular-nums">
                            {format!("{} ({} on this version)", p.subscribers, p.on_this_version)}
                        </td>
                        <td class="px-4 py-2">
                            <a class="font-medium text-indigo-700 underline" href=format!("/admin/billing/plans/{}", p.code)>
                                {format!("Edit {}", p.terms.name)}
                            </a>
                        </td>
                    </tr>
                })
                .collect_view()}
        </DataTable>
    }
}

#[component]
pub fn AdminPlanPage() -> impl IntoView {
    let params = use_params_map();
    let plan = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        admin_plan,
    );
    view! {
        <Title text="Edit plan · Admin"/>
        <PageData>
            {move || Suspend::new(async move {
                match plan.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(plan) => view! { <PlanEditor plan=plan/> }.into_any(),
                }
            })}
        </PageData>
    }
}

#[component]
fn PlanEditor(plan: EditablePlan) -> impl IntoView {
    let action = ServerAction::<SavePlan>::new();
    let (field, form_error) = action_errors(action.value());
    let money = |minor: Option<i64>| minor.map(minor_to_money).unwrap_or_default();
    let number = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
    let t = plan.terms.clone();
    let l = t.limits;
    let intro = format!(
        "Version {}. {} on this plan, {} on this version.",
        plan.version,
        count(plan.subscribers, "subscription", "subscriptions"),
        plan.on_this_version
    );
    let priced = !plan.is_free() && !plan.contact_sales;
    let limits = if plan.for_seekers {
        view! {
            <TextField label="Super-likes a day" name="super_likes_per_day" input_type="number" value=number(l.super_likes_per_day) error=field("super_likes_per_day")/>
            <TextField label="Auto-applications a day" name="auto_applies_per_day" input_type="number" value=number(l.auto_applies_per_day) error=field("auto_applies_per_day")/>
        }
        .into_any()
    } else {
        view! {
            <TextField label="Introduction credits a month" name="introduction_credits_monthly" input_type="number" value=number(l.introduction_credits_monthly) error=field("introduction_credits_monthly")/>
            <TextField label="Recruiters" name="team_seats" input_type="number" value=number(l.team_seats) error=field("team_seats")/>
            <TextField label="Active vacancies" name="active_vacancies" input_type="number" value=number(l.active_vacancies) error=field("active_vacancies")/>
            <TextField label="Talent searches an hour" name="talent_searches_per_hour" input_type="number" value=number(l.talent_searches_per_hour) error=field("talent_searches_per_hour")/>
        }
        .into_any()
    };
    let features = (!plan.for_seekers).then(|| {
        let chosen = t.features.clone();
        view! {
            <fieldset class="rounded-xl border border-slate-200 bg-white p-4" aria-describedby="features-error">
                <legend class="px-1 font-semibold text-slate-900">"Features"</legend>
                <div class="mt-2 grid gap-2 sm:grid-cols-2">
                    {FEATURES
                        .iter()
                        .enumerate()
                        .map(|(i, (code, label))| view! {
                            <label class="flex items-center gap-2 text-sm text-slate-800">
                                <input type="checkbox" name=format!("features[{i}]") value=*code checked=chosen.iter().any(|f| f == code) class="h-4 w-4 accent-indigo-700"/>
                                <span>{*label}</span>
                            </label>
                        })
                        .collect_view()}
                </div>
                <FieldErrorText id="features-error".to_string() error=field("features")/>
            </fieldset>
        }
    });
    view! {
        <PlansHeader title=format!("Edit {}", t.name) back=("/admin/billing/plans", "Plans") intro=intro/>
        <ActionForm action=action attr:class="max-w-3xl space-y-6" attr:novalidate=true>
            <FormError error=form_error/>
            <input type="hidden" name="code" value=plan.code.clone()/>
            <section aria-labelledby="plan-offer" class="space-y-4 rounded-xl border border-slate-200 bg-white p-4">
                <h2 id="plan-offer" class="font-semibold text-slate-900">"What buyers see"</h2>
                <TextField label="Name" name="name" value=t.name.clone() error=field("name")/>
                <TextArea label="Description" name="description" value=t.description.clone() rows=2 error=field("description")/>
                {t.trial_days.map(|days| view! {
                    <TextField label="Trial length in days" name="trial_days" input_type="number" value=days.to_string() error=field("trial_days")/>
                })}
                {priced.then(|| view! {
                    <div class="grid gap-4 sm:grid-cols-2">
                        <TextField label="Monthly price in naira" name="monthly_price" value=money(t.monthly_price) hint="Before VAT." error=field("monthly_price")/>
                        <TextField label="Yearly price in naira" name="yearly_price" value=money(t.yearly_price) hint="Before VAT; leave it empty to sell the plan monthly only." error=field("yearly_price")/>
                    </div>
                })}
                <Toggle name="on_sale" label="On sale to new buyers" checked=t.on_sale/>
            </section>
            <section aria-labelledby="plan-limits" class="rounded-xl border border-slate-200 bg-white p-4">
                <h2 id="plan-limits" class="font-semibold text-slate-900">"Limits"</h2>
                <p class="mt-1 text-sm text-slate-600">"Leave a limit empty for no limit."</p>
                <div class="mt-4 grid gap-4 sm:grid-cols-2">{limits}</div>
            </section>
            {features}
            <p class="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
                {format!(
                    "Saving makes version {}, which new buyers get. Subscriptions on version {} ({} now) keep it until they change plan.",
                    plan.next_version,
                    plan.version,
                    plan.on_this_version
                )}
            </p>
            <SubmitButton label="Save as a new version" pending=action.pending()/>
        </ActionForm>
    }
}
