//! `/pricing` (public: the company plans side by side), `/company/billing`
//! (the company's plan, its state, its use of what the plan allows and its
//! invoices) and an invoice's printable page.

use super::api::{
    BuyCredits, CancelPlan, ResumePlan, SaveBillingDetails, SchedulePlan, StartCheckout,
    get_billing, get_invoice, get_pricing,
};
use super::rules::{
    Cycle, InvoiceStatus, Purchase, Status, capitalised, days_left, grace_end, limit_label, meter,
    percent_label, purchase, yearly_saving_percent,
};
use super::{
    BillingOverview, Bought, CreditNoteSummary, CreditPack, CurrentPlan, Invoice, InvoiceSummary,
    Limits, Party, PaymentNotice, PaymentState, Plan, Pricing,
};
use crate::chat::pages::OpenChatButton;
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, ErrorNotice, FormError, PageData, PageHeading, PageVersion,
    SMALL_BUTTON, SubmitButton, TextArea, TextField, action_errors, format_day, reload_on_success,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

pub(super) const CTA: &str =
    "inline-flex w-full items-center justify-center rounded-md px-4 py-2.5 font-semibold";
pub(super) const CTA_PRIMARY: &str = "bg-indigo-700 text-white hover:bg-indigo-800";
pub(super) const CTA_SECONDARY: &str =
    "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100";
const TALK_TO_US: &str = "inline-flex w-full items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2.5 font-semibold text-slate-900 hover:bg-slate-100";

#[component]
pub fn PricingPage() -> impl IntoView {
    let query = use_query_map();
    let cycle = Memo::new(move |_| match query.read().get("cycle").as_deref() {
        Some("annual") => Cycle::Annual,
        _ => Cycle::Monthly,
    });
    let data = Resource::new(|| (), |_| get_pricing());
    view! {
        <Title text="Pricing"/>
        <Meta name="description" content="Hirewell's plans for hiring teams: start with a free 14-day trial, prices in naira."/>
        <header class="mx-auto mb-8 max-w-2xl text-center">
            <h1 class="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">"Plans for hiring teams"</h1>
            <p class="mt-3 text-lg text-slate-700">
                "Every company starts with a free 14-day trial. Job seekers never pay to be found."
            </p>
            <p class="mt-2 text-sm text-slate-600">
                "Looking for work? "
                <a class="font-medium text-indigo-700 underline" href="/plus">"Plus"</a>
                " adds super-likes and auto-applications."
            </p>
        </header>
        <nav aria-label="Billing period" class="mb-8 flex justify-center">
            <div class="inline-flex rounded-full border border-slate-300 bg-white p-1 text-sm font-semibold">
                {[(Cycle::Monthly, "Monthly", "/pricing"), (Cycle::Annual, "Yearly", "/pricing?cycle=annual")]
                    .into_iter()
                    .map(|(c, label, href)| view! {
                        <a
                            href=href
                            aria-current=move || (cycle.get() == c).then_some("page")
                            class="rounded-full px-4 py-1.5 text-slate-700 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
                        >
                            {label}
                        </a>
                    })
                    .collect_view()}
            </div>
        </nav>
        <PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(pricing) => view! { <PlanCards pricing=pricing cycle=cycle.get()/> }.into_any(),
                }
            })}
        </PageData>
        <section aria-labelledby="pricing-notes" class="mx-auto mt-12 max-w-3xl text-sm text-slate-700">
            <h2 id="pricing-notes" class="text-lg font-semibold text-slate-900">"Good to know"</h2>
            <dl class="mt-4 grid gap-6 sm:grid-cols-2">
                <div>
                    <dt class="font-semibold text-slate-900">"Introduction credits"</dt>
                    <dd class="mt-1">"Asking a professional to meet takes one credit, held until they answer. It is spent only if they accept, and comes back if they decline or do not answer."</dd>
                </div>
                <div>
                    <dt class="font-semibold text-slate-900">"VAT"</dt>
                    <dd class="mt-1">"Prices are before VAT; 7.5% is added on your invoice as its own line."</dd>
                </div>
                <div>
                    <dt class="font-semibold text-slate-900">"Recruiters"</dt>
                    <dd class="mt-1">"Each member of your hiring team, and each invitation waiting for an answer, takes a seat."</dd>
                </div>
                <div>
                    <dt class="font-semibold text-slate-900">"Active vacancies"</dt>
                    <dd class="mt-1">"Vacancies open for applications at the same time. Drafts, paused and closed ones do not count."</dd>
                </div>
            </dl>
        </section>
    }
}

#[component]
fn PlanCards(pricing: Pricing, cycle: Cycle) -> impl IntoView {
    let cards = pricing
        .plans
        .into_iter()
        .map(|plan| {
            let current = pricing
                .current
                .as_ref()
                .is_some_and(|c| c.code == plan.code);
            // The plan most teams should look at first.
            let featured = plan.code == "professional";
            let border = if featured {
                "border-indigo-600 ring-1 ring-indigo-600"
            } else {
                "border-slate-200"
            };
            let action = plan_action(&plan, cycle, pricing.current.as_ref());
            let heading_id = format!("plan-{}", plan.code);
            let tag = if current {
                Some(("Your plan", "bg-emerald-100 text-emerald-900"))
            } else {
                featured.then_some(("Most chosen", "bg-indigo-100 text-indigo-900"))
            };
            view! {
                <section aria-labelledby=heading_id.clone() class=format!("flex flex-col rounded-2xl border bg-white p-6 {border}")>
                    <div class="flex items-center justify-between gap-2">
                        <h2 id=heading_id.clone() class="text-lg font-semibold text-slate-900">{plan.name.clone()}</h2>
                        {tag.map(|(text, colours)| view! {
                            <span class=format!("rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}")>{text}</span>
                        })}
                    </div>
                    <p class="mt-2 text-sm text-slate-700 lg:min-h-[3.75rem]">{plan.description.clone()}</p>
                    <Price plan=plan.clone() cycle=cycle/>
                    <LimitList limits=plan.limits contact_sales=plan.contact_sales/>
                    <div class="mt-auto">{action}</div>
                </section>
            }
        })
        .collect_view();
    view! { <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">{cards}</div> }
}

/// What a card offers: for visitors the way in; for a company its billing,
/// the plans it can move to now (paid through the checkout), or a
/// conversation about an agreement.
fn plan_action(plan: &Plan, cycle: Cycle, current: Option<&CurrentPlan>) -> AnyView {
    let Some(current) = current else {
        let style = if plan.code == "professional" {
            CTA_PRIMARY
        } else {
            CTA_SECONDARY
        };
        return view! { <a class=format!("mt-6 {CTA} {style}") href="/register?as=employer">"Start your free trial"</a> }.into_any();
    };
    let same_plan = current.code == plan.code;
    if same_plan && (current.standing.cycle == cycle || plan.trial_days.is_some()) {
        return view! { <a class=format!("mt-6 {CTA} {CTA_SECONDARY}") href="/company/billing">"See your billing"</a> }.into_any();
    }
    if plan.contact_sales {
        return view! {
            <div class="mt-6">
                <OpenChatButton about="support" label="Talk to us".to_string() class=TALK_TO_US/>
            </div>
        }
        .into_any();
    }
    if plan.trial_days.is_some() {
        return ().into_any();
    }
    let note =
        |text: String| view! { <p class="mt-6 text-sm text-slate-600">{text}</p> }.into_any();
    match purchase(current.standing, plan.rank, cycle) {
        Err(why) => note(why.to_string()),
        Ok(_) if !current.can_buy => note("Your company's owner can change the plan.".to_string()),
        Ok(Purchase::AtPeriodEnd)
            if current.scheduled.as_ref() == Some(&(plan.code.clone(), cycle)) =>
        {
            note("Starts when the period you paid for ends.".to_string())
        }
        Ok(Purchase::AtPeriodEnd) => {
            let label = if same_plan {
                "Switch to monthly billing".to_string()
            } else {
                format!("Move to {}", plan.name)
            };
            view! { <ScheduleButton plan=plan.code.clone() cycle=cycle label=label/> }.into_any()
        }
        Ok(Purchase::Now { credit: credited }) => {
            let paying = matches!(current.standing.status, Status::Active | Status::PastDue);
            let label = if same_plan {
                "Switch to yearly billing".to_string()
            } else if paying {
                format!("Upgrade to {}", plan.name)
            } else {
                format!("Choose {}", plan.name)
            };
            view! { <BuyButton plan=plan.code.clone() cycle=cycle label=label credited=credited/> }
                .into_any()
        }
    }
}

/// Introduction credits to buy once, beside the plan's monthly ones.
#[component]
fn CreditPacks(packs: Vec<CreditPack>) -> impl IntoView {
    (!packs.is_empty()).then(|| {
        let buttons = packs
            .into_iter()
            .map(|pack| view! { <CreditPackButton pack=pack/> })
            .collect_view();
        view! {
            <section id="credits" aria-labelledby="credits-heading" class="mt-6 border-t border-slate-200 pt-5">
                <h3 id="credits-heading" class="font-semibold text-slate-900">"More introduction credits"</h3>
                <p class="mt-1 text-sm text-slate-600">"Credits you buy are added once paid and never lapse."</p>
                <div class="mt-3 flex flex-wrap gap-3">{buttons}</div>
            </section>
        }
    })
}

#[component]
fn CreditPackButton(pack: CreditPack) -> impl IntoView {
    let action = ServerAction::<BuyCredits>::new();
    let (_, form_error) = action_errors(action.value());
    view! {
        <ActionForm action=action attr:class="w-full sm:w-auto">
            <FormError error=form_error/>
            <input type="hidden" name="pack" value=pack.code/>
            <button type="submit" class=format!("{CTA} {CTA_SECONDARY} sm:px-5") disabled=move || action.pending().get()>
                {format!("Buy {} credits", pack.credits)}
            </button>
            <p class="mt-1 text-center text-xs text-slate-600">{format!("{} before VAT", pack.price.format())}</p>
        </ActionForm>
    }
}

/// Schedules a plan for the end of the period paid for.
#[component]
fn ScheduleButton(plan: String, cycle: Cycle, label: String) -> impl IntoView {
    let action = ServerAction::<SchedulePlan>::new();
    let (_, form_error) = action_errors(action.value());
    view! {
        <ActionForm action=action attr:class="mt-6">
            <FormError error=form_error/>
            <input type="hidden" name="plan" value=plan/>
            <input type="hidden" name="cycle" value=cycle.as_str()/>
            <button type="submit" class=format!("{CTA} {CTA_SECONDARY}") disabled=move || action.pending().get()>{label}</button>
            <p class="mt-2 text-center text-xs text-slate-600">"From the end of the period you paid for; nothing is charged now."</p>
        </ActionForm>
    }
}

/// Starts the checkout for a plan.
#[component]
fn BuyButton(plan: String, cycle: Cycle, label: String, credited: bool) -> impl IntoView {
    let action = ServerAction::<StartCheckout>::new();
    let (_, form_error) = action_errors(action.value());
    view! {
        <ActionForm action=action attr:class="mt-6">
            <FormError error=form_error/>
            <input type="hidden" name="plan" value=plan/>
            <input type="hidden" name="cycle" value=cycle.as_str()/>
            <button type="submit" class=format!("{CTA} {CTA_PRIMARY}") disabled=move || action.pending().get()>{label}</button>
            {credited.then(|| view! {
                <p class="mt-2 text-center text-xs text-slate-600">"The unused part of your plan is taken off the price."</p>
            })}
        </ActionForm>
    }
}

#[component]
fn Price(plan: Plan, cycle: Cycle) -> impl IntoView {
    let (amount, note) = match (
        plan.trial_days,
        plan.monthly_price,
        plan.yearly_price,
        cycle,
    ) {
        (Some(days), _, _, _) => ("Free".to_string(), format!("for {days} days")),
        (None, Some(monthly), Some(yearly), Cycle::Annual) => {
            let saving = yearly_saving_percent(monthly.minor, yearly.minor);
            let note = if saving > 0 {
                format!("a year, saving {saving}%")
            } else {
                "a year".to_string()
            };
            (yearly.format_short(), note)
        }
        (None, Some(monthly), _, _) => (monthly.format_short(), "a month".to_string()),
        _ => ("Custom".to_string(), "agreed with you".to_string()),
    };
    view! {
        <p class="mt-4 flex flex-wrap items-baseline gap-x-2">
            <span class="text-3xl font-bold tracking-tight text-slate-900">{amount}</span>
            <span class="text-sm text-slate-600">{note}</span>
        </p>
    }
}

#[component]
fn LimitList(limits: Limits, contact_sales: bool) -> impl IntoView {
    let line = |limit: Option<i32>, one: &'static str, many: &'static str| -> String {
        match limit {
            None if contact_sales => format!("{} as agreed", capitalised(many)),
            None => format!("Unlimited {many}"),
            Some(1) => format!("1 {one}"),
            Some(n) => format!("{} {many}", limit_label(Some(n))),
        }
    };
    let lines = [
        line(
            limits.introduction_credits_monthly,
            "introduction credit a month",
            "introduction credits a month",
        ),
        line(limits.team_seats, "recruiter", "recruiters"),
        line(
            limits.active_vacancies,
            "active vacancy",
            "active vacancies",
        ),
        line(
            limits.talent_searches_per_hour,
            "talent search an hour",
            "talent searches an hour",
        ),
    ];
    view! {
        <ul class="mt-6 space-y-2 text-sm text-slate-800">
            {lines.into_iter().map(|text| view! {
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

#[component]
pub fn BillingPage() -> impl IntoView {
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
        |(_, payment)| get_billing(payment),
    );
    view! {
        <Title text="Billing"/>
        <PageHeading title="Billing" subtitle=Some("Your plan and what your team uses of it.")/>
        <PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(overview) => view! { <BillingView overview=overview/> }.into_any(),
                }
            })}
        </PageData>
    }
}

#[component]
fn BillingView(overview: BillingOverview) -> impl IntoView {
    let s = overview.subscription.clone();
    let (badge, badge_colours) = match s.status {
        Status::Trial => ("Trial", "bg-indigo-100 text-indigo-900"),
        Status::Active => ("Active", "bg-emerald-100 text-emerald-900"),
        Status::PastDue => (Status::PastDue.label(), "bg-amber-100 text-amber-900"),
        Status::Cancelled | Status::Expired => (s.status.label(), "bg-slate-200 text-slate-800"),
    };
    let left = days_left(overview.now, s.period_end);
    let period_line = match s.status {
        Status::Trial => format!(
            "Free until {} ({}).",
            format_day(s.period_end),
            crate::ui::count(left, "day left", "days left")
        ),
        Status::Active if s.cancel_at_period_end => {
            format!("Ends on {}; it will not renew.", format_day(s.period_end))
        }
        Status::Active => match &s.scheduled {
            Some(change) => format!(
                "Moves to the {} plan, billed {}, on {}.",
                change.plan,
                change.cycle.billed(),
                format_day(s.period_end)
            ),
            None => format!("Renews on {}.", format_day(s.period_end)),
        },
        Status::PastDue => format!(
            "The renewal on {} could not be paid. Pay by {} to keep the plan.",
            format_day(s.period_start),
            format_day(grace_end(s.period_start))
        ),
        Status::Cancelled | Status::Expired => {
            "Your company has the trial's limits until it chooses a plan.".to_string()
        }
    };
    let price = match (
        s.plan.trial_days,
        s.cycle,
        s.plan.monthly_price,
        s.plan.yearly_price,
    ) {
        (Some(_), ..) => None,
        (None, Cycle::Monthly, Some(p), _) | (None, Cycle::Annual, _, Some(p)) => {
            Some(format!("{} {}, before VAT", p.format(), s.cycle.per()))
        }
        _ => Some("Price as agreed".to_string()),
    };
    let u = overview.usage;
    let l = overview.limits;
    let credits_note = match l.introduction_credits_monthly {
        Some(n) => format!(
            "{} held for requests waiting for an answer. Your plan adds {n} a month. \
             What is left of them at the month's end lapses; credits you buy do not.",
            u.credits_held
        ),
        None => format!(
            "{} held for requests waiting for an answer.",
            u.credits_held
        ),
    };
    view! {
        {overview.payment.clone().map(|payment| view! {
            <PaymentBanner payment=payment holder="your company is" plans="/pricing"/>
        })}
        <div class="grid gap-6 lg:grid-cols-3">
            <section aria-labelledby="plan-heading" class="rounded-xl border border-slate-200 bg-white p-6 lg:col-span-1">
                <p class="text-sm font-medium text-slate-600">{overview.company.clone()}</p>
                <div class="mt-1 flex flex-wrap items-center gap-2">
                    <h2 id="plan-heading" class="text-2xl font-semibold text-slate-900">{format!("{} plan", s.plan.name)}</h2>
                    <span class=format!("rounded-full px-2.5 py-0.5 text-xs font-semibold {badge_colours}")>{badge}</span>
                </div>
                {price.map(|p| view! { <p class="mt-3 text-slate-900">{p}</p> })}
                <p class="mt-1 text-sm text-slate-700">{period_line}</p>
                {overview.card.clone().map(|card| view! { <p class="mt-3 text-sm text-slate-700">{format!("Paid with {card}")}</p> })}
                {(s.status == Status::PastDue).then(|| view! {
                    <BuyButton plan=s.plan.code.clone() cycle=s.cycle label="Pay now".to_string() credited=false/>
                })}
                {(s.status == Status::Active).then(|| view! {
                    <Renewal
                        changing=s.cancel_at_period_end || s.scheduled.is_some()
                        keep="Keep my plan"
                        cancel_label="Cancel plan"
                        title=format!("Cancel your {} plan?", s.plan.name)
                        consequence=format!("It stays until {} and is not charged again. After that your company has the trial's limits: nothing is deleted, and you can choose a plan again at any time.", format_day(s.period_end))
                    />
                })}
                <a class=format!("mt-6 {CTA} {CTA_SECONDARY}") href="/pricing">"Change plan"</a>
            </section>
            <section aria-labelledby="usage-heading" class="rounded-xl border border-slate-200 bg-white p-6 lg:col-span-2">
                <h2 id="usage-heading" class="text-lg font-semibold text-slate-900">"What your team uses"</h2>
                <ul class="mt-4 grid gap-6 sm:grid-cols-2">
                    <MeterRow label="Active vacancies" used=u.active_vacancies limit=l.active_vacancies note="Open for applications now."/>
                    <MeterRow label="Recruiters" used=u.seats limit=l.team_seats note="Members and invitations waiting for an answer."/>
                    <UseRow label="Introduction credits available" value=u.credits_available.to_string() note=credits_note/>
                    <MeterRow label="Your talent searches this hour" used=u.searches_this_hour limit=l.talent_searches_per_hour note="Each member has their own."/>
                </ul>
                <div class="mt-6 border-t border-slate-200 pt-4">
                    <ThisMonth
                        title="This month, the whole team"
                        figures=vec![
                            ("Talent searches", u.searches_this_month),
                            ("Introductions asked for", u.introductions_this_month),
                            ("Vacancies published", u.published_this_month),
                        ]
                    />
                </div>
                <CreditPacks packs=overview.credit_packs.clone()/>
            </section>
        </div>
        <div class="mt-6 grid gap-6 lg:grid-cols-3">
            <div class="lg:col-span-2">
                <InvoiceList invoices=overview.invoices base="/company/billing"/>
            </div>
            <InvoiceDetails buyer=overview.buyer/>
        </div>
    }
}

/// Cancelling a paid plan (it stays until the period's end), or keeping
/// one that was cancelled or is to change then: a company's or Plus.
#[component]
pub(super) fn Renewal(
    /// Cancelled, or changing at the period's end.
    changing: bool,
    /// "Keep my plan".
    keep: &'static str,
    /// "Cancel plan".
    cancel_label: &'static str,
    /// The confirmation's question and what cancelling does.
    title: String,
    consequence: String,
) -> impl IntoView {
    let cancel = ServerAction::<CancelPlan>::new();
    let resume = ServerAction::<ResumePlan>::new();
    reload_on_success(cancel.value());
    reload_on_success(resume.value());
    let (field, cancel_error) = action_errors(cancel.value());
    let (_, resume_error) = action_errors(resume.value());
    if changing {
        return view! {
            <ActionForm action=resume attr:class="mt-3">
                <FormError error=resume_error/>
                <button type="submit" class=format!("{CTA} {CTA_PRIMARY}") disabled=move || resume.pending().get()>{keep}</button>
            </ActionForm>
        }
        .into_any();
    }
    view! {
        <div class="mt-3 text-center">
            <FormError error=cancel_error/>
            <ConfirmDialog
                id="cancel-plan".to_string()
                button=cancel_label
                button_class="text-sm font-medium text-slate-700 underline"
                title=title
                consequence=consequence
            >
                <ActionForm action=cancel attr:class="flex w-full flex-wrap items-end justify-end gap-3">
                    <div class="w-full text-left">
                        <TextArea label="Why are you leaving? (optional)" name="reason" value=String::new() rows=2 error=field("reason")/>
                    </div>
                    <button type="submit" class=DANGER_BUTTON disabled=move || cancel.pending().get()>"Cancel at period end"</button>
                </ActionForm>
            </ConfirmDialog>
        </div>
    }
    .into_any()
}

/// How the payment the buyer comes back from went. `holder` is who now
/// has the plan ("your company is", "you are"); `plans` where to try again.
#[component]
pub(super) fn PaymentBanner(
    payment: PaymentNotice,
    holder: &'static str,
    plans: &'static str,
) -> impl IntoView {
    let (paid, unchanged, again, waiting) = match &payment.bought {
        Bought::Plan(plan) => (
            format!("Payment received: {holder} on the {plan} plan. Your invoice is below."),
            "your plan has not changed",
            plans,
            "Your new plan starts as soon as they do.",
        ),
        Bought::Credits(credits) => (
            format!(
                "Payment received: {} are added. Your invoice is below.",
                crate::ui::count(*credits, "introduction credit", "introduction credits")
            ),
            "no credits were added",
            "#credits",
            "Your credits are added as soon as they do.",
        ),
    };
    match payment.state {
        PaymentState::Paid => view! {
            <p role="status" class="mb-6 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-950">
                {paid}
            </p>
        }
        .into_any(),
        PaymentState::Failed(reason) => view! {
            <div role="alert" class="mb-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-950">
                <p class="font-semibold">"The payment did not go through"</p>
                <p class="mt-1">{format!("{reason} Nothing was charged and {unchanged}.")}</p>
                <a class="mt-2 inline-block font-medium text-red-900 underline" href=again>"Try again"</a>
            </div>
        }
        .into_any(),
        PaymentState::Waiting => view! {
            <div role="status" class="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
                <p>{format!("We are waiting for the payment provider to confirm your payment. {waiting}")}</p>
                <a class="mt-2 inline-block font-medium text-amber-900 underline" href="">"Check again"</a>
            </div>
        }
        .into_any(),
    }
}

/// The company's legal details, printed on the invoices issued after.
#[component]
fn InvoiceDetails(buyer: Party) -> impl IntoView {
    let action = ServerAction::<SaveBillingDetails>::new();
    reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    view! {
        <section id="invoice-details" aria-labelledby="invoice-details-heading" class="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id="invoice-details-heading" class="text-lg font-semibold text-slate-900">"Invoice details"</h2>
            <p class="mt-1 text-sm text-slate-600">"Printed on your invoices from now on; issued ones keep theirs."</p>
            <ActionForm action=action attr:class="mt-4 space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Legal name (optional)" name="legal_name" autocomplete="organization" value=buyer.name hint="Your company's name is used without one." error=field("legal_name")/>
                <TextArea label="Billing address (optional)" name="billing_address" value=buyer.address rows=3 error=field("billing_address")/>
                <TextField label="Tax ID (optional)" name="tax_id" value=buyer.tax_id error=field("tax_id")/>
                <SubmitButton label="Save invoice details" pending=action.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
pub(super) fn InvoiceList(
    invoices: Vec<InvoiceSummary>,
    /// The invoices' pages are under it.
    base: &'static str,
) -> impl IntoView {
    let body = if invoices.is_empty() {
        view! {
            <p class="mt-2 text-sm text-slate-700">"Your invoices will be listed here once you pay for a plan."</p>
        }
        .into_any()
    } else {
        view! {
            <ul class="mt-2 divide-y divide-slate-100">
                {invoices.into_iter().map(|i| view! {
                    <li class="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3">
                        <a class="font-medium text-indigo-700 underline" href=format!("{base}/invoices/{}", i.id)>{i.number.clone()}</a>
                        <span class="text-sm text-slate-700">{format_day(i.issued_at)}</span>
                        <span class="text-sm font-semibold text-slate-900">{i.total.format()}</span>
                        <InvoiceBadge status=i.status/>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="invoices-heading" class="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id="invoices-heading" class="text-lg font-semibold text-slate-900">"Invoices"</h2>
            {body}
        </section>
    }
}

#[component]
pub fn InvoiceBadge(status: InvoiceStatus) -> impl IntoView {
    let colours = match status {
        InvoiceStatus::Paid => "bg-emerald-100 text-emerald-900",
        InvoiceStatus::Open => "bg-amber-100 text-amber-900",
        InvoiceStatus::Draft | InvoiceStatus::Void | InvoiceStatus::Refunded => {
            "bg-slate-200 text-slate-800"
        }
    };
    view! {
        <span class=format!("rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}")>{status.label()}</span>
    }
}

/// An invoice as a document: readable on screen, printed on one page.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("id").unwrap_or_default(),
        get_invoice,
    );
    // A job seeker's invoices are under their Plus page, a company's under
    // its billing page.
    let home = if use_location().pathname.get_untracked().starts_with("/plus") {
        "/plus"
    } else {
        "/company/billing"
    };
    view! {
        <Title text="Invoice"/>
        <PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(invoice) => view! { <InvoiceDocument invoice=invoice home=home/> }.into_any(),
                }
            })}
        </PageData>
    }
}

/// An invoice on screen and in print, with its refunds. `home` is the
/// billing page it belongs under, where its PDF and its credit notes' are.
#[component]
pub(crate) fn InvoiceDocument(invoice: Invoice, home: &'static str) -> impl IntoView {
    let party = |title: &'static str, p: Party| {
        view! {
            <div>
                <h2 class="text-xs font-semibold uppercase tracking-wide text-slate-600">{title}</h2>
                <p class="mt-1 font-semibold text-slate-900">{p.name}</p>
                {(!p.address.is_empty()).then(|| view! { <p class="whitespace-pre-line text-sm text-slate-700">{p.address}</p> })}
                {(!p.tax_id.is_empty()).then(|| view! { <p class="text-sm text-slate-700">{format!("Tax ID: {}", p.tax_id)}</p> })}
            </div>
        }
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = window().print();
        }
    };
    // The button needs script; without it the browser's own print works.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let paid_line = invoice
        .paid_at
        .map(|at| format!("Paid on {}", format_day(at)))
        .or_else(|| {
            invoice
                .due_at
                .map(|at| format!("Due on {}", format_day(at)))
        });
    let refunds = (!invoice.credit_notes.is_empty()).then(|| {
        view! { <Refunds notes=invoice.credit_notes.clone() home=home/> }
    });
    view! {
        <nav class="mb-4 flex flex-wrap items-center justify-between gap-2 print:hidden">
            <a class="text-sm font-medium text-indigo-700 underline" href=home>"Back to billing"</a>
            <div class="flex gap-2">
                <a class=SMALL_BUTTON href=format!("{home}/invoices/{}/pdf", invoice.id) download="">"Download PDF"</a>
                <Show when=move || scripted.get()>
                    <button type="button" class=SMALL_BUTTON on:click=print>"Print"</button>
                </Show>
            </div>
        </nav>
        <article aria-labelledby="invoice-heading" class="mx-auto max-w-3xl rounded-xl border border-slate-200 bg-white p-4 sm:p-10 print:border-0 print:p-0">
            <header class="flex flex-wrap items-start justify-between gap-4">
                <div>
                    <h1 id="invoice-heading" class="text-2xl font-semibold text-slate-900">{format!("Invoice {}", invoice.number)}</h1>
                    <p class="mt-1 text-sm text-slate-700">{format!("Issued on {}", format_day(invoice.issued_at))}</p>
                    {paid_line.map(|line| view! { <p class="text-sm text-slate-700">{line}</p> })}
                </div>
                <InvoiceBadge status=invoice.status/>
            </header>
            <div class="mt-8 grid gap-6 sm:grid-cols-2">
                {party("From", invoice.seller.clone())}
                {party("Billed to", invoice.buyer.clone())}
            </div>
            <div class="mt-8 overflow-x-auto">
                <table class="w-full text-sm">
                    <caption class="sr-only">"What this invoice is for"</caption>
                    <thead>
                        <tr class="border-b border-slate-200 text-left text-slate-600">
                            <th scope="col" class="py-2 pr-4 font-medium">"Description"</th>
                            <th scope="col" class="hidden py-2 pr-4 text-right font-medium sm:table-cell">"Quantity"</th>
                            <th scope="col" class="hidden py-2 pr-4 text-right font-medium sm:table-cell">"Unit price"</th>
                            <th scope="col" class="py-2 text-right font-medium">"Amount"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {invoice.lines.iter().map(|l| view! {
                            <tr class="border-b border-slate-100">
                                <td class="py-3 pr-4 text-slate-900">
                                    {l.description.clone()}
                                    // Phones show the quantity and unit price here, not in columns.
                                    <span class="block text-xs text-slate-600 sm:hidden">{format!("{} × {}", l.quantity, l.unit_amount.format())}</span>
                                </td>
                                <td class="hidden py-3 pr-4 text-right tabular-nums sm:table-cell">{l.quantity}</td>
                                <td class="hidden py-3 pr-4 text-right tabular-nums sm:table-cell">{l.unit_amount.format()}</td>
                                <td class="py-3 text-right tabular-nums">{l.amount.format()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <dl class="ml-auto mt-4 max-w-xs space-y-1 text-sm text-slate-900">
                <div class="flex justify-between gap-4">
                    <dt>"Subtotal"</dt>
                    <dd class="tabular-nums">{invoice.subtotal.format()}</dd>
                </div>
                <div class="flex justify-between gap-4">
                    <dt>{format!("VAT ({})", percent_label(invoice.vat_basis_points))}</dt>
                    <dd class="tabular-nums">{invoice.vat.format()}</dd>
                </div>
                <div class="flex justify-between gap-4 border-t border-slate-200 pt-2 text-base font-semibold">
                    <dt>"Total"</dt>
                    <dd class="tabular-nums">{invoice.total.format()}</dd>
                </div>
            </dl>
            {refunds}
        </article>
    }
}

/// What was given back of an invoice: each refund with its reason and its
/// credit note.
#[component]
fn Refunds(notes: Vec<CreditNoteSummary>, home: &'static str) -> impl IntoView {
    view! {
        <section aria-labelledby="refunds-heading" class="mt-8 scroll-mt-20 border-t border-slate-200 pt-6">
            <h2 id="refunds-heading" class="text-base font-semibold text-slate-900">"Refunds"</h2>
            <ul class="mt-2 divide-y divide-slate-100 text-sm">
                {notes
                    .into_iter()
                    .map(|n| view! {
                        <li class="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3">
                            <div class="min-w-0">
                                <p class="font-medium text-slate-900">{format!("{} refunded on {}", n.total.format(), format_day(n.issued_at))}</p>
                                <p class="break-words text-slate-700">{n.reason}</p>
                            </div>
                            <a class="font-medium text-indigo-700 underline" href=format!("{home}/credit-notes/{}/pdf", n.id) download="">
                                {format!("Credit note {}", n.number)}
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// What was used since the month began, as counted at each action.
#[component]
pub(super) fn ThisMonth(title: &'static str, figures: Vec<(&'static str, i64)>) -> impl IntoView {
    view! {
        <h3 class="text-sm font-semibold text-slate-900">{title}</h3>
        <dl class="mt-2 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3">
            {figures
                .into_iter()
                .map(|(label, n)| view! {
                    <div>
                        <dt class="text-slate-600">{label}</dt>
                        <dd class="text-lg font-semibold tabular-nums text-slate-900">{n}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
}

/// One use against its limit, as a labelled bar.
#[component]
fn MeterRow(
    label: &'static str,
    used: i64,
    limit: Option<i32>,
    note: &'static str,
) -> impl IntoView {
    let m = meter(used, limit);
    let note = match m.limit_note() {
        Some(limit) => format!("{note} {limit}"),
        None => note.to_string(),
    };
    let bar = m.percent.map(|percent| {
        let colour = if m.at_limit {
            "bg-amber-500"
        } else {
            "bg-indigo-600"
        };
        view! {
            <div
                role="meter"
                aria-label=label
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=percent.to_string()
                aria-valuetext=m.text.clone()
                class="mt-2 h-2 overflow-hidden rounded-full bg-slate-200"
            >
                <div class=format!("h-full rounded-full {colour}") style=format!("width: {percent}%")></div>
            </div>
        }
        .into_any()
    });
    view! { <UseRow label value=m.text note bar=bar/> }
}

/// A figure of the company's use, with what it means.
#[component]
fn UseRow(
    label: &'static str,
    value: String,
    note: String,
    #[prop(optional_no_strip)] bar: Option<AnyView>,
) -> impl IntoView {
    view! {
        <li>
            <div class="flex items-baseline justify-between gap-2">
                <span class="text-sm font-medium text-slate-800">{label}</span>
                <span class="text-sm font-semibold text-slate-900">{value}</span>
            </div>
            {bar}
            <p class="mt-1 text-xs text-slate-600">{note}</p>
        </li>
    }
}
