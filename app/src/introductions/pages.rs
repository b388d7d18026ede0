//! The pages of introductions: the job seeker's requests (`/introductions`
//! and one request), the company's (`/company/introductions`) and the form
//! to ask someone (`/company/introductions/new?to=…`).

use super::api::{
    AcceptIntroduction, DeclineIntroduction, RecordOutcome, SendIntroduction, WithdrawIntroduction,
    get_ask_form, get_received, get_received_one, get_sent,
};
use super::rules::{Balance, DeclineReason, Outcome, Status, days_left_label};
use super::{AskForm, Contact, Received, Sent, SentOverview};
use crate::chat::pages::OpenChatButton;
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, ErrorNotice, FormError, PageHeading, PageVersion, SMALL_BUTTON,
    SelectField, SubmitButton, TextArea, action_errors, format_day, reload_on_success, uuid_param,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A request's state as a coloured label.
#[component]
fn StatusBadge(status: Status) -> impl IntoView {
    let (colours, label) = match status {
        Status::Pending => ("bg-amber-100 text-amber-900", "Waiting for an answer"),
        Status::Accepted => ("bg-emerald-100 text-emerald-900", "Accepted"),
        Status::Declined => ("bg-rose-100 text-rose-900", "Declined"),
        Status::Expired => ("bg-slate-200 text-slate-800", "Expired"),
        Status::Withdrawn => ("bg-slate-200 text-slate-800", "Withdrawn"),
    };
    view! {
        <span class=format!("inline-flex shrink-0 rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}")>
            {label}
        </span>
    }
}

/// The other side's email and phone, once a request is accepted.
#[component]
fn ContactCard(contact: Contact, #[prop(into)] heading: String) -> impl IntoView {
    let mail = format!("mailto:{}", contact.email);
    view! {
        <section class="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
            <h3 class="font-semibold">{heading}</h3>
            <p class="mt-1">{contact.name}</p>
            <p><a class="font-medium text-indigo-800 underline break-all" href=mail>{contact.email}</a></p>
            {contact.phone.map(|phone| {
                let tel = format!("tel:{phone}");
                view! { <p><a class="font-medium text-indigo-800 underline" href=tel>{phone}</a></p> }
            })}
        </section>
    }
}

fn company_name(r: &Received) -> String {
    r.company
        .clone()
        .unwrap_or_else(|| "A confidential company".to_string())
}

#[component]
pub fn ReceivedPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_received());
    view! {
        <Title text="Introduction requests"/>
        <PageHeading
            title="Introduction requests"
            subtitle=Some("Companies that would like to meet you for a role. Your email and phone stay hidden until you accept.")
        />
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <div class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                            <p class="font-medium text-slate-900">"No requests yet"</p>
                            <p class="mt-1">"Hiring teams find you through your profile. A complete profile that companies may see brings more requests."</p>
                            <p class="mt-3 flex flex-wrap justify-center gap-4">
                                <a class="font-medium text-indigo-700 underline" href="/profile">"Complete your profile"</a>
                                <a class="font-medium text-indigo-700 underline" href="/settings#privacy">"Who can see it"</a>
                            </p>
                        </div>
                    }
                    .into_any(),
                    Ok(list) => view! {
                        <ul class="space-y-3">
                            {list.into_iter().map(|r| view! { <li><ReceivedCard r=r/></li> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn ReceivedCard(r: Received) -> impl IntoView {
    let link = format!("/introductions/{}", r.id);
    let company = company_name(&r);
    let waiting = r.status == Status::Pending;
    let when = if waiting {
        days_left_label(r.days_left)
    } else {
        format!("Sent {}", format_day(r.sent_at))
    };
    view! {
        <article class="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="min-w-0">
                    <h2 class="text-lg font-semibold text-slate-900 break-words">
                        <a class="hover:underline" href=link.clone()>{r.vacancy_title.clone()}</a>
                    </h2>
                    <p class="text-sm text-slate-700">{company}{r.salary.map(|s| format!(" · {s}"))}</p>
                </div>
                <div class="flex items-center gap-2">
                    {(waiting && !r.viewed).then(|| view! {
                        <span class="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900">"New"</span>
                    })}
                    <StatusBadge status=r.status/>
                </div>
            </div>
            <p class="mt-2 line-clamp-2 text-sm text-slate-800">{r.message}</p>
            <div class="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
                <span class=if waiting && r.days_left <= 2 { "font-medium text-amber-900" } else { "text-slate-600" }>{when}</span>
                <a class=SMALL_BUTTON href=link>{if waiting { "Read and answer" } else { "Open" }}</a>
            </div>
        </article>
    }
}

#[component]
pub fn ReceivedOnePage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let id = uuid_param("id");
    let data = Resource::new(
        move || (id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_received_one(id.to_string()).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <p class="mb-4 text-sm"><a class="font-medium text-indigo-700 underline" href="/introductions">"← All introduction requests"</a></p>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <Title text="Introduction request"/><ErrorNotice error=e/> }.into_any(),
                    Ok(r) => view! { <ReceivedDetail r=r/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn ReceivedDetail(r: Received) -> impl IntoView {
    let company = company_name(&r);
    let title = format!("{} · {}", r.vacancy_title, company);
    let company_link = r
        .company_slug
        .clone()
        .map(|slug| format!("/companies/{slug}"));
    let vacancy_link = r.vacancy_slug.clone().map(|slug| format!("/jobs/{slug}"));
    let answer = match r.status {
        Status::Pending => view! { <AnswerForms id=r.id.to_string() company=company.clone() days_left=r.days_left/> }.into_any(),
        Status::Accepted => view! {
            <div>
                <p class="mt-4 text-sm text-slate-800">"You accepted. They have your email address and phone number, and you have theirs."</p>
                {r.contact.clone().map(|c| view! { <ContactCard contact=c heading="Who asked"/> })}
                <div class="mt-4">
                    <OpenChatButton about="introduction" id=r.id label=format!("Message {company}") primary=true/>
                </div>
            </div>
        }
        .into_any(),
        Status::Declined => view! {
            <p class="mt-4 text-sm text-slate-800">
                {format!(
                    "You declined{}. They saw your reason, never your contact details.",
                    r.decline_reason.map(|d| format!(": {}", d.label().to_lowercase())).unwrap_or_default()
                )}
            </p>
        }
        .into_any(),
        Status::Expired => view! { <p class="mt-4 text-sm text-slate-800">"This request expired without an answer."</p> }.into_any(),
        Status::Withdrawn => view! { <p class="mt-4 text-sm text-slate-800">"The company withdrew this request."</p> }.into_any(),
    };
    view! {
        <Title text=title/>
        <article class="rounded-xl border border-slate-200 bg-white p-5 sm:p-8">
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="min-w-0">
                    <p class="text-sm font-medium text-slate-600">
                        {match company_link {
                            Some(href) => view! { <a class="underline" href=href>{company.clone()}</a> }.into_any(),
                            None => company.clone().into_any(),
                        }}
                        " would like to be introduced to you"
                    </p>
                    <h1 class="mt-1 text-2xl font-semibold tracking-tight text-slate-900 break-words">
                        {match vacancy_link {
                            Some(href) => view! { <a class="hover:underline" href=href>{r.vacancy_title.clone()}</a> }.into_any(),
                            None => r.vacancy_title.clone().into_any(),
                        }}
                    </h1>
                </div>
                <StatusBadge status=r.status/>
            </div>
            <dl class="mt-4 grid gap-3 text-sm sm:grid-cols-3">
                {r.salary.clone().map(|s| view! {
                    <div><dt class="text-slate-600">"Pay"</dt><dd class="font-medium text-slate-900">{s}</dd></div>
                })}
                <div>
                    <dt class="text-slate-600">"Sent"</dt>
                    <dd class="font-medium text-slate-900">
                        {format_day(r.sent_at)}
                        {(r.status == Status::Pending).then(|| format!(" · {}", days_left_label(r.days_left)))}
                    </dd>
                </div>
                {r.figures.map(|f| view! {
                    <div><dt class="text-slate-600">"Answers to their requests"</dt><dd class="font-medium text-slate-900">{f.summary()}</dd></div>
                })}
            </dl>
            <figure class="mt-5 rounded-lg bg-slate-50 p-4">
                <figcaption class="text-sm font-medium text-slate-600">"Their message"</figcaption>
                <blockquote class="mt-1 whitespace-pre-line text-slate-900">{r.message.clone()}</blockquote>
            </figure>
            {(!r.reply.is_empty()).then(|| view! {
                <p class="mt-4 whitespace-pre-line text-sm text-slate-800">{format!("Your reply: {}", r.reply)}</p>
            })}
            {answer}
        </article>
    }
}

/// Accept or decline, side by side on wide screens.
#[component]
fn AnswerForms(id: String, company: String, days_left: i64) -> impl IntoView {
    let accept = ServerAction::<AcceptIntroduction>::new();
    let decline = ServerAction::<DeclineIntroduction>::new();
    reload_on_success(accept.value());
    reload_on_success(decline.value());
    let (accept_field, accept_error) = action_errors(accept.value());
    let (decline_field, decline_error) = action_errors(decline.value());
    let reasons = DeclineReason::ALL
        .into_iter()
        .map(|r| (r.as_str().to_string(), r.label().to_string()))
        .collect();
    let decline_id = id.clone();
    view! {
        <div class="mt-6 grid gap-4 lg:grid-cols-2">
            <section aria-labelledby="accept-heading" class="rounded-lg border border-emerald-200 p-4">
                <h2 id="accept-heading" class="font-semibold text-slate-900">"Accept"</h2>
                <p class="mt-1 text-sm text-slate-700">
                    {format!("{company} gets your email address and phone number, and you get theirs.")}
                </p>
                <ActionForm action=accept attr:class="mt-3 space-y-3" attr:novalidate=true>
                    <input type="hidden" name="id" value=id.clone()/>
                    <FormError error=accept_error/>
                    <TextArea label="A reply (optional)" name="reply" id="accept-reply" rows=3 value=String::new() error=accept_field("reply")/>
                    <SubmitButton label="Accept and share my contact details" pending=accept.pending()/>
                </ActionForm>
            </section>
            <section aria-labelledby="decline-heading" class="rounded-lg border border-slate-200 p-4">
                <h2 id="decline-heading" class="font-semibold text-slate-900">"Decline"</h2>
                <p class="mt-1 text-sm text-slate-700">
                    {format!("They see your reason, never your contact details. Otherwise the request expires: {}.", days_left_label(days_left).to_lowercase())}
                </p>
                <ActionForm action=decline attr:class="mt-3 space-y-3" attr:novalidate=true>
                    <input type="hidden" name="id" value=decline_id/>
                    <FormError error=decline_error/>
                    <SelectField label="Reason" name="reason" options=reasons selected=String::new() empty="Choose a reason" error=decline_field("reason")/>
                    <TextArea label="Anything to add (optional)" name="text" rows=2 value=String::new() error=decline_field("text")/>
                    <button type="submit" class=SMALL_BUTTON disabled=move || decline.pending().get()>"Decline"</button>
                </ActionForm>
            </section>
        </div>
    }
}

/// The company's credits: what it can spend, what waiting requests hold.
#[component]
fn Credits(balance: Balance) -> impl IntoView {
    let figure = |n: i64, label: &'static str, hint: &'static str| {
        view! {
            <div class="rounded-lg border border-slate-200 bg-white p-4">
                <p class="text-2xl font-semibold text-slate-900">{n}</p>
                <p class="text-sm font-medium text-slate-800">{label}</p>
                <p class="text-xs text-slate-600">{hint}</p>
            </div>
        }
    };
    view! {
        <section id="credits" aria-label="Introduction credits" class="grid grid-cols-3 gap-3">
            {figure(balance.available, "Credits available", "Each request holds one")}
            {figure(balance.held, "Held", "Back if declined or expired")}
            {figure(balance.spent, "Spent", "On accepted requests")}
        </section>
    }
}

#[component]
pub fn SentPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        (
            q.get("status").unwrap_or_default(),
            q.get("vacancy").unwrap_or_default(),
        )
    });
    let data = Resource::new(
        move || (filter.get(), version.get()),
        |((status, vacancy), _)| get_sent(status, vacancy),
    );
    view! {
        <Title text="Introductions"/>
        <crate::talent::pages::TalentNav current="/company/introductions"/>
        <PageHeading
            title="Introductions"
            subtitle=Some("People your team asked to meet, and what they answered.")
        />
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(overview) => {
                        let (status, vacancy) = filter.get_untracked();
                        view! { <SentView overview=overview status=status vacancy=vacancy/> }.into_any()
                    }
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn SentView(overview: SentOverview, status: String, vacancy: String) -> impl IntoView {
    let total: i64 = overview.counts.iter().map(|(_, n)| n).sum();
    let link = {
        let vacancy = vacancy.clone();
        move |s: &str| {
            let mut pairs = Vec::new();
            if !s.is_empty() {
                pairs.push(format!("status={s}"));
            }
            if !vacancy.is_empty() {
                pairs.push(format!("vacancy={vacancy}"));
            }
            if pairs.is_empty() {
                "/company/introductions".to_string()
            } else {
                format!("/company/introductions?{}", pairs.join("&"))
            }
        }
    };
    let chip = |href: String, label: String, current: bool| {
        let class = if current {
            "rounded-full bg-slate-900 px-3 py-1 text-sm font-medium text-white"
        } else {
            "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50"
        };
        view! { <a class=class href=href aria-current=current.then_some("page")>{label}</a> }
    };
    let mut chips = vec![chip(link(""), format!("All {total}"), status.is_empty())];
    for (s, n) in &overview.counts {
        let label = match s {
            Status::Pending => "Waiting",
            Status::Accepted => "Accepted",
            Status::Declined => "Declined",
            Status::Expired => "Expired",
            Status::Withdrawn => "Withdrawn",
        };
        chips.push(chip(
            link(s.as_str()),
            format!("{label} {n}"),
            status == s.as_str(),
        ));
    }
    let vacancy_options = overview
        .vacancies
        .iter()
        .map(|v| (v.vacancy_id.to_string(), v.title.clone()))
        .collect::<Vec<_>>();
    let per_vacancy = (!overview.vacancies.is_empty()).then(|| {
        view! {
            <details class="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <summary class="cursor-pointer font-medium text-slate-900">"By vacancy"</summary>
                <ul class="mt-3 divide-y divide-slate-100">
                    {overview.vacancies.iter().map(|v| view! {
                        <li class="flex flex-wrap justify-between gap-2 py-2">
                            <a class="font-medium text-indigo-700 underline break-words" href=format!("/company/introductions?vacancy={}", v.vacancy_id)>{v.title.clone()}</a>
                            <span class="text-slate-700">{format!("{} sent · {} waiting · {} accepted", v.total, v.pending, v.accepted)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        }
    });
    let empty = overview.requests.is_empty();
    view! {
        <Credits balance=overview.balance/>
        <nav aria-label="Filter by answer" class="mt-6 flex flex-wrap gap-2">{chips}</nav>
        {(!vacancy_options.is_empty()).then(|| view! {
            <form method="get" action="/company/introductions" class="mt-3 flex flex-wrap items-end gap-2">
                {(!status.is_empty()).then(|| view! { <input type="hidden" name="status" value=status.clone()/> })}
                <div class="min-w-[14rem]">
                    <SelectField label="Vacancy" name="vacancy" options=vacancy_options selected=vacancy.clone() empty="All vacancies" error=Signal::stored(None::<String>)/>
                </div>
                <button type="submit" class=SMALL_BUTTON>"Show"</button>
            </form>
        })}
        <div class="mt-4">{per_vacancy}</div>
        {if empty {
            view! {
                <div class="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                    <p class="font-medium text-slate-900">{if total == 0 { "No introductions yet" } else { "None match this filter" }}</p>
                    <p class="mt-1">"Open a job seeker's profile and choose “Ask for an introduction”. Each request holds one credit until they answer."</p>
                </div>
            }
            .into_any()
        } else {
            view! {
                <ul class="mt-6 space-y-3">
                    {overview.requests.into_iter().map(|s| view! { <li><SentCard s=s/></li> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn SentCard(s: Sent) -> impl IntoView {
    let anchor = format!("request-{}", s.id);
    let heading_id = format!("{anchor}-heading");
    let labelled_by = heading_id.clone();
    let profile = format!("/p/{}", s.professional_id);
    let detail = match s.status {
        Status::Pending => format!(
            "{} · {}",
            days_left_label(s.days_left),
            if s.viewed { "seen" } else { "not opened yet" }
        ),
        Status::Declined => format!(
            "Declined{}",
            s.decline_reason
                .map(|d| format!(": {}", d.label().to_lowercase()))
                .unwrap_or_default()
        ),
        Status::Accepted => "Accepted: reach them directly".to_string(),
        Status::Expired => "No answer in time; the credit came back".to_string(),
        Status::Withdrawn => "Withdrawn; the credit came back".to_string(),
    };
    let name = s.name.clone();
    let id = s.id.to_string();
    view! {
        <article id=anchor aria-labelledby=labelled_by class="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="min-w-0">
                    <h2 id=heading_id class="text-lg font-semibold text-slate-900 break-words">
                        <a class="hover:underline" href=profile>{s.name.clone()}</a>
                    </h2>
                    {(!s.headline.is_empty()).then(|| view! { <p class="text-sm text-slate-700 break-words">{s.headline.clone()}</p> })}
                    <p class="text-sm text-slate-600">
                        {format!("For {} · sent {} by {}", s.vacancy_title, format_day(s.sent_at), if s.sender.is_empty() { "a former member" } else { s.sender.as_str() })}
                    </p>
                </div>
                <StatusBadge status=s.status/>
            </div>
            <p class="mt-2 text-sm text-slate-800">{detail}</p>
            {(!s.reply.is_empty()).then(|| view! {
                <p class="mt-2 whitespace-pre-line text-sm text-slate-800">{format!("Their words: {}", s.reply)}</p>
            })}
            {s.contact.clone().map(|c| view! { <ContactCard contact=c heading="Contact details"/> })}
            {(s.status == Status::Accepted).then(|| view! {
                <div class="mt-3">
                    <OpenChatButton about="introduction" id=s.id label=format!("Message {}", s.name)/>
                </div>
                <OutcomeForm s=s.clone()/>
            })}
            {(s.status == Status::Pending).then(|| view! { <WithdrawButton id=id.clone() name=name.clone()/> })}
        </article>
    }
}

#[component]
fn WithdrawButton(id: String, name: String) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawIntroduction>::new();
    reload_on_success(withdraw.value());
    let (_, error) = action_errors(withdraw.value());
    view! {
        <div class="mt-3">
            <FormError error=error/>
            <ConfirmDialog
                id=format!("withdraw-{id}")
                button="Withdraw"
                button_label=format!("Withdraw the request to {name}")
                title=format!("Withdraw your request to {name}?")
                consequence="They can no longer accept it, and its credit comes back to your company. You cannot ask them again for this role."
            >
                <ActionForm action=withdraw>
                    <input type="hidden" name="id" value=id.clone()/>
                    <button type="submit" class=DANGER_BUTTON disabled=move || withdraw.pending().get()>"Withdraw"</button>
                </ActionForm>
            </ConfirmDialog>
        </div>
    }
}

#[component]
fn OutcomeForm(s: Sent) -> impl IntoView {
    let save = ServerAction::<RecordOutcome>::new();
    reload_on_success(save.value());
    let (field, error) = action_errors(save.value());
    let outcomes = Outcome::ALL
        .into_iter()
        .map(|o| (o.as_str().to_string(), o.label().to_string()))
        .collect();
    let summary = match s.outcome {
        Some(o) => format!("Outcome: {}", o.label()),
        None => "Record what came of it".to_string(),
    };
    let id = s.id.to_string();
    view! {
        <details class="mt-3 text-sm">
            <summary class="cursor-pointer font-medium text-indigo-700">{summary}</summary>
            <ActionForm action=save attr:class="mt-3 space-y-3" attr:novalidate=true>
                <input type="hidden" name="id" value=id.clone()/>
                <FormError error=error/>
                <SelectField
                    label="Outcome"
                    name="outcome"
                    id=format!("outcome-{id}")
                    options=outcomes
                    selected=s.outcome.map(|o| o.as_str().to_string()).unwrap_or_default()
                    empty="Choose"
                    error=field("outcome")
                />
                <TextArea label="Notes for your team (optional)" name="notes" id=format!("notes-{id}") rows=2 value=s.outcome_notes error=field("notes")/>
                <button type="submit" class=SMALL_BUTTON disabled=move || save.pending().get()>"Save outcome"</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn AskPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("to").unwrap_or_default(),
        get_ask_form,
    );
    view! {
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <Title text="Ask for an introduction"/><ErrorNotice error=e/> }.into_any(),
                    Ok(form) => view! { <AskView form=form/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn AskView(form: AskForm) -> impl IntoView {
    let send = ServerAction::<SendIntroduction>::new();
    let (field, error) = action_errors(send.value());
    let title = format!("Ask {} for an introduction", form.name);
    let profile = format!("/p/{}", form.professional_id);
    let asked = (!form.asked.is_empty()).then(|| {
        view! {
            <div class="mt-4 rounded-lg bg-slate-50 p-4 text-sm">
                <p class="font-medium text-slate-900">"Already asked"</p>
                <ul class="mt-2 space-y-1">
                    {form.asked.iter().map(|(title, status)| view! {
                        <li class="flex flex-wrap items-center gap-2 text-slate-800">{title.clone()} <StatusBadge status=*status/></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    let body = if form.balance.available <= 0 {
        view! {
            <div role="alert" class="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
                <p class="font-semibold">"Your company has no introduction credits left"</p>
                <p class="mt-1">
                    {format!(
                        "{} held by waiting requests come back when they are declined, withdrawn or expire. ",
                        crate::ui::count(form.balance.held, "credit", "credits")
                    )}
                    <a class="font-medium underline" href="/company/introductions#credits">"See your credits"</a>
                </p>
            </div>
        }
        .into_any()
    } else if form.vacancies.is_empty() {
        view! {
            <div class="mt-6 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-700">
                <p>"You ask about one of your open vacancies, and none is left to ask them about."</p>
                <a class="mt-2 inline-block font-medium text-indigo-700 underline" href="/employer/vacancies/new">"Post a vacancy"</a>
            </div>
        }
        .into_any()
    } else {
        let first = form.vacancies.len() == 1;
        view! {
            <ActionForm action=send attr:class="mt-6 space-y-5" attr:novalidate=true>
                <input type="hidden" name="professional_id" value=form.professional_id.to_string()/>
                <input type="hidden" name="key" value=form.key.clone()/>
                <FormError error=error/>
                <fieldset aria-describedby="vacancy_id-error">
                    <legend class="text-sm font-medium text-slate-800">"The role"</legend>
                    <p class="text-sm text-slate-600">"They see its pay range with your request."</p>
                    <div class="mt-2 space-y-2">
                        {form.vacancies.iter().map(|(id, title, salary)| view! {
                            <label class="flex items-start gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                                <input type="radio" name="vacancy_id" value=id.to_string() checked=first class="mt-0.5 h-4 w-4 shrink-0 accent-indigo-700"/>
                                <span>
                                    <span class="block font-medium text-slate-900">{title.clone()}</span>
                                    <span class="block text-slate-700">{salary.clone()}</span>
                                </span>
                            </label>
                        }).collect_view()}
                    </div>
                    <crate::ui::FieldErrorText id="vacancy_id-error".to_string() error=field("vacancy_id")/>
                </fieldset>
                <TextArea
                    label="Your message"
                    name="message"
                    rows=6
                    value=String::new()
                    hint="Why them, for this role: 50 to 2,000 characters. It is the first thing they read."
                    error=field("message")
                />
                <div class="flex flex-wrap items-center gap-3">
                    <SubmitButton label="Send request" pending=send.pending()/>
                    <span class="text-sm text-slate-700">
                        {format!("Holds 1 of your {} until they answer.", crate::ui::count(form.balance.available, "credit", "credits"))}
                    </span>
                </div>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <Title text=title.clone()/>
        <article class="mx-auto max-w-2xl rounded-xl border border-slate-200 bg-white p-5 sm:p-8">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
            <p class="mt-1 text-slate-700">
                <a class="font-medium text-indigo-700 underline" href=profile>{form.name.clone()}</a>
                {(!form.headline.is_empty()).then(|| format!(" · {}", form.headline))}
            </p>
            <p class="mt-3 text-sm text-slate-700">
                {format!(
                    "Their email and phone stay hidden until they accept. They have {} to answer.",
                    crate::ui::count(form.expiry_days, "day", "days")
                )}
            </p>
            {asked}
            {body}
            <p class="mt-6 text-sm"><a class="font-medium text-indigo-700 underline" href="/company/introductions">"Your team's introductions"</a></p>
        </article>
    }
}
