//! `/report/{kind}/{id}`, the owner's `/moderation/{id}`, and the
//! moderators' `/admin/moderation` queue and case pages.

use super::api::{
    AppealDecision, ClaimCase, DecideAppeal, DecideCase, ReportContent, admin_moderation_case,
    admin_moderation_queue, moderation_decision, reportable_item,
};
use super::rules::{Action, Entity, Reason};
use super::{
    Appeal, Case, Decision, Item, OwnerCase, QUEUE_PER_PAGE, Queue, QueueRow, ReportTarget,
};
use crate::error::AppError;
use crate::ui::ActionForm;
use crate::ui::{
    DataTable, ErrorNotice, FormError, PageHeading, Pager, RadioGroup, SMALL_BUTTON, SubmitButton,
    TextArea, action_errors, format_time, uuid_param,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

const LINK: &str = "font-medium text-indigo-700 underline";

/// The quiet "Report" link public pages carry (a page of its own, so the
/// public pages ship no code for it).
#[component]
pub fn ReportLink(entity: Entity, id: uuid::Uuid) -> impl IntoView {
    let label = match entity {
        Entity::Vacancy => "Report this vacancy",
        Entity::Profile => "Report this profile",
        Entity::Company => "Report this company",
        Entity::Message => "Report this message",
    };
    view! {
        <a class="text-sm text-slate-600 underline hover:text-slate-900" href=super::report_path(entity, id)>{label}</a>
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let target = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("kind").unwrap_or_default(),
                p.get("id").and_then(|id| id.parse().ok()),
            )
        },
        |(kind, id)| async move {
            match id {
                Some(id) => reportable_item(kind, id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Report"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match target.await {
                    Err(e) => view! { <PageHeading title="Report"/><ErrorNotice error=e/> }.into_any(),
                    Ok(target) => view! { <ReportForm target/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn ReportForm(target: ReportTarget) -> impl IntoView {
    let send = ServerAction::<ReportContent>::new();
    let (field, form_error) = action_errors(send.value());
    let item = target.item;
    let back = item.link.clone().unwrap_or_else(|| "/".into());
    let heading = match item.entity {
        Entity::Vacancy => "Report a vacancy",
        Entity::Profile => "Report a profile",
        Entity::Company => "Report a company",
        Entity::Message => "Report a message",
    };
    view! {
        <div class="mx-auto max-w-xl">
            <PageHeading title=heading/>
            <p class="-mt-4 mb-6 text-slate-700">
                <a class=LINK href=back.clone()>{item.title.clone()}</a>
            </p>
            {match target.reported_at {
                Some(at) => view! {
                    <div role="status" class="rounded-lg border border-slate-200 bg-white p-4 text-slate-800">
                        <p>{format!("You reported this on {}. Our team is looking at it; you can report it again once they have decided.", format_time(at))}</p>
                        <p class="mt-3"><a class=LINK href=back>"Back"</a></p>
                    </div>
                }
                .into_any(),
                None => view! {
                    <ActionForm action=send attr:class="space-y-5 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" attr:novalidate=true>
                        <FormError error=form_error/>
                        <input type="hidden" name="entity" value=item.entity.as_str()/>
                        <input type="hidden" name="id" value=item.id.to_string()/>
                        <RadioGroup
                            legend="What is wrong?"
                            name="reason"
                            choices=Reason::ALL.into_iter().map(|r| (r.as_str(), r.label(), Some(r.hint()))).collect()
                            error=field("reason")
                        />
                        <TextArea
                            label="Details"
                            name="details"
                            value=String::new()
                            rows=4
                            hint="Optional unless you chose “Something else”. Only our moderators read it; the owner is not told who reported."
                            error=field("details")
                        />
                        <div class="flex flex-wrap-reverse items-center justify-end gap-3">
                            <a class=SMALL_BUTTON href=back>"Cancel"</a>
                            <SubmitButton label="Send report" pending=send.pending()/>
                        </div>
                    </ActionForm>
                }
                .into_any(),
            }}
        </div>
    }
}

/// The decision, its reason and the appeal, as the owner reads them.
#[component]
pub fn DecisionPage() -> impl IntoView {
    let id = uuid_param("id");
    let appeal = ServerAction::<AppealDecision>::new();
    let case = Resource::new(
        move || (id(), appeal.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => moderation_decision(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Our team's decision"/>
        <div class="mx-auto max-w-2xl">
            <PageHeading title="Our team's decision"/>
            <crate::ui::PageData>
                {move || Suspend::new(async move {
                    match case.await {
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(case) => view! { <OwnerDecision case appeal/> }.into_any(),
                    }
                })}
            </crate::ui::PageData>
        </div>
    }
}

#[component]
fn OwnerDecision(case: OwnerCase, appeal: ServerAction<AppealDecision>) -> impl IntoView {
    let (field, form_error) = action_errors(appeal.value());
    let hidden_note = case
        .hidden
        .then_some("It is hidden from everyone else until a moderator reinstates it.");
    view! {
        <ItemLine item=case.item.clone()/>
        {case.words.clone().map(|words| view! {
            <blockquote class="mb-4 whitespace-pre-line border-l-4 border-slate-300 pl-3 text-sm text-slate-700 [overflow-wrap:anywhere]">{words}</blockquote>
        })}
        <DecisionCard decision=case.decision.clone() note=hidden_note/>
        <section aria-labelledby="appeal-heading" class="mt-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
            <h2 id="appeal-heading" class="text-lg font-semibold text-slate-900">"Appeal"</h2>
            {match case.appeal {
                Some(appeal) => view! { <AppealCard appeal/> }.into_any(),
                None => view! {
                    <p class="mt-1 text-sm text-slate-700">
                        "If you think the decision is wrong, or you have fixed what it names, tell us. You can appeal once; another moderator reads it."
                    </p>
                    <ActionForm action=appeal attr:class="mt-4 space-y-4" attr:novalidate=true>
                        <FormError error=form_error/>
                        <input type="hidden" name="id" value=case.id.to_string()/>
                        <TextArea label="Your appeal" name="text" value=String::new() rows=5 error=field("text")/>
                        <div class="flex justify-end">
                            <SubmitButton label="Send appeal" pending=appeal.pending()/>
                        </div>
                    </ActionForm>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The item's kind and title, linked where the public sees it.
#[component]
fn ItemLine(item: Item) -> impl IntoView {
    view! {
        <p class="mb-4 text-slate-700">
            <span class="mr-2 rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-semibold text-slate-800">{item.entity.label()}</span>
            {match item.link {
                Some(link) => view! { <a class=LINK href=link>{item.title}</a> }.into_any(),
                None => view! { <span class="font-medium">{item.title}</span> }.into_any(),
            }}
        </p>
    }
}

#[component]
fn DecisionCard(decision: Decision, note: Option<&'static str>) -> impl IntoView {
    let by = decision
        .by
        .map(|by| format!(" by {by}"))
        .unwrap_or_default();
    view! {
        <section aria-labelledby="decision-heading" class="rounded-xl border border-amber-200 bg-amber-50 p-4 text-amber-950 sm:p-6">
            <h2 id="decision-heading" class="font-semibold">{decision.action.outcome()}</h2>
            <p class="mt-1 text-sm">{format!("Decided on {}{by}. The reason:", format_time(decision.at))}</p>
            <blockquote class="mt-2 border-l-4 border-amber-300 pl-3 text-sm">{decision.reason}</blockquote>
            {note.map(|n| view! { <p class="mt-2 text-sm">{n}</p> })}
        </section>
    }
}

#[component]
fn AppealCard(appeal: Appeal) -> impl IntoView {
    let outcome = match appeal.outcome.as_deref() {
        Some("reinstated") => "Granted: the decision is undone.",
        Some(_) => "Turned down: the decision stands.",
        None => "Waiting for a moderator's answer.",
    };
    view! {
        <p class="mt-1 text-sm text-slate-600">{format!("Sent on {}.", format_time(appeal.at))}</p>
        <blockquote class="mt-2 whitespace-pre-line border-l-4 border-slate-300 pl-3 text-sm text-slate-800">{appeal.text}</blockquote>
        <p class="mt-3 text-sm font-semibold text-slate-900">{outcome}</p>
        {appeal.reason.map(|r| view! { <p class="mt-1 text-sm text-slate-700">{r}</p> })}
    }
}

#[component]
pub fn AdminModerationPage() -> impl IntoView {
    let query = use_query_map();
    let view_name = move || query.read().get("view").unwrap_or_else(|| "open".into());
    let page = crate::ui::page_in_address();
    let queue = Resource::new(
        move || (view_name(), page()),
        |(view, page)| admin_moderation_queue(view, page),
    );
    view! {
        <Title text="Moderation · Admin"/>
        <PageHeading title="Moderation" subtitle=Some("Reports from people and the automatic checks' flags, most urgent first.")/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(queue) => view! { <QueueView queue/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

fn severity_class(severity: &str) -> &'static str {
    match severity {
        "critical" => "rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white",
        "high" => "rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800",
        "medium" => "rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900",
        _ => "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800",
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "pending" => "Waiting",
        "appealed" => "Appealed",
        "decided" => "Decided",
        _ => "Closed",
    }
}

#[component]
fn QueueView(queue: Queue) -> impl IntoView {
    let open = queue.view == "open";
    let tab = |active: bool| {
        if active {
            "rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white"
        } else {
            "rounded-md px-3 py-1.5 text-sm font-semibold text-slate-700 hover:bg-slate-100"
        }
    };
    view! {
        <nav aria-label="Cases" class="mb-4 flex flex-wrap items-center gap-2">
            <a class=tab(open) href="/admin/moderation" aria-current=open.then_some("page")>{format!("Open ({})", queue.open)}</a>
            <a class=tab(!open) href="/admin/moderation?view=decided" aria-current=(!open).then_some("page")>"Decided"</a>
        </nav>
        {(queue.companies_awaiting > 0).then(|| view! {
            <p class="mb-4 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
                {crate::ui::count(queue.companies_awaiting, "new company waits", "new companies wait")}
                " for verification: "
                <a class=LINK href="/admin/companies">"Companies"</a>
            </p>
        })}
        {if queue.rows.is_empty() {
            view! {
                <div class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
                    {if open { "Nothing to review. Reports and automatic flags appear here." } else { "No decisions yet." }}
                </div>
            }
            .into_any()
        } else {
            let pages = crate::ui::page_count(if open { queue.open } else { queue.decided }, QUEUE_PER_PAGE);
            let link = move |n: i64| {
                if open {
                    format!("/admin/moderation?page={n}")
                } else {
                    format!("/admin/moderation?view=decided&page={n}")
                }
            };
            view! {
                <CaseTable rows=queue.rows show_claims=open link=true/>
                {(pages > 1).then(|| view! { <Pager page=queue.page pages=pages link=link/> })}
            }
            .into_any()
        }}
    }
}

/// Cases in a table; `link` opens each case, `show_claims` names who is
/// working on an open one.
#[component]
pub fn CaseTable(rows: Vec<QueueRow>, show_claims: bool, link: bool) -> impl IntoView {
    view! {
        <DataTable headers=&["Urgency", "Item", "Why", "State", "Since"]>
            {rows.into_iter().map(|row| {
                let why = match (row.reports, row.flagged_by_system) {
                    (0, _) => "Automatic check".to_string(),
                    (n, flagged) => format!("{}{}", crate::ui::count(n, "report", "reports"), if flagged { " and a check" } else { "" }),
                };
                let state = match &row.claimed_by {
                    Some(by) if show_claims => format!("{} · {by}", status_label(&row.status)),
                    _ => status_label(&row.status).to_string(),
                };
                let item = if link {
                    view! { <a class=LINK href=format!("/admin/moderation/{}", row.id)>{row.title}</a> }.into_any()
                } else {
                    view! { <span>{row.title}</span> }.into_any()
                };
                view! {
                    <tr>
                        <td class="px-4 py-2"><span class=severity_class(&row.severity)>{row.severity.clone()}</span></td>
                        <td class="px-4 py-2">
                            <span class="block text-xs text-slate-600">{row.entity.label()}</span>
                            {item}
                        </td>
                        <td class="px-4 py-2">{why}</td>
                        <td class="px-4 py-2">{state}</td>
                        <td class="whitespace-nowrap px-4 py-2">{format_time(row.created_at)}</td>
                    </tr>
                }
            }).collect_view()}
        </DataTable>
    }
}

#[component]
pub fn AdminCasePage() -> impl IntoView {
    let id = uuid_param("id");
    let claim = ServerAction::<ClaimCase>::new();
    let decide = ServerAction::<DecideCase>::new();
    let answer = ServerAction::<DecideAppeal>::new();
    let case = Resource::new(
        move || {
            (
                id(),
                claim.version().get(),
                decide.version().get(),
                answer.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => admin_moderation_case(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text="Case · Moderation"/>
        <a class=LINK href="/admin/moderation">"← The queue"</a>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match case.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(case) => view! { <CaseView case claim decide answer/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn CaseView(
    case: Case,
    claim: ServerAction<ClaimCase>,
    decide: ServerAction<DecideCase>,
    answer: ServerAction<DecideAppeal>,
) -> impl IntoView {
    let open = matches!(case.status.as_str(), "pending" | "appealed");
    let (_, claim_error) = action_errors(claim.value());
    view! {
        <header class="mb-4 mt-3">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900 [overflow-wrap:anywhere] sm:text-3xl">{case.item.title.clone()}</h1>
            <p class="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <span class="rounded-full bg-slate-100 px-2.5 py-0.5 font-medium text-slate-800">{case.item.entity.label()}</span>
                <span class=severity_class(&case.severity)>{case.severity.clone()}</span>
                <span>{status_label(&case.status)}</span>
                <span>{format!("· {}", case.item.owner)}</span>
                {case.hidden.then(|| view! { <span class="rounded-full bg-red-100 px-2.5 py-0.5 font-medium text-red-800">"Hidden"</span> })}
                {case.item.link.clone().map(|link| view! { <a class=LINK href=link>"See it on the site"</a> })}
            </p>
        </header>
        {open.then(|| view! {
            <section aria-label="Claim" class="mb-6 flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-4 text-sm">
                <p class="grow text-slate-700">{match (&case.claimed_by, case.claimed_by_me) {
                    (_, true) => "You are handling this case.".to_string(),
                    (Some(by), false) => format!("{by} is handling this case."),
                    (None, _) => "Nobody is handling this case yet.".to_string(),
                }}</p>
                <ActionForm action=claim>
                    <input type="hidden" name="id" value=case.id.to_string()/>
                    <input type="hidden" name="claim" value=(!case.claimed_by_me).to_string()/>
                    <button type="submit" class=SMALL_BUTTON>{if case.claimed_by_me { "Give it back" } else { "Claim" }}</button>
                </ActionForm>
                <div class="basis-full empty:hidden"><FormError error=claim_error/></div>
            </section>
        })}
        <div class="grid gap-6 lg:grid-cols-[1fr_24rem]">
            <div class="min-w-0 space-y-6">
                <section aria-labelledby="content-heading" class="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
                    <h2 id="content-heading" class="font-semibold text-slate-900">"What it says"</h2>
                    <p class="mt-2 max-h-96 overflow-y-auto whitespace-pre-line text-sm text-slate-800 [overflow-wrap:anywhere]">
                        {if case.excerpt.is_empty() { "No text.".to_string() } else { case.excerpt.clone() }}
                    </p>
                </section>
                {case.system_reason.clone().map(|why| view! {
                    <section aria-labelledby="check-heading" class="rounded-xl border border-slate-200 bg-white p-4 text-sm sm:p-6">
                        <h2 id="check-heading" class="font-semibold text-slate-900">"Automatic check"</h2>
                        <p class="mt-1 text-slate-700">{why}</p>
                    </section>
                })}
                <section aria-labelledby="reports-heading">
                    <h2 id="reports-heading" class="mb-3 text-lg font-semibold">{crate::ui::count(case.reports.len() as i64, "report", "reports")}</h2>
                    <ul class="space-y-3">
                        {case.reports.clone().into_iter().map(|r| view! {
                            <li class="rounded-xl border border-slate-200 bg-white p-4 text-sm">
                                <p class="font-medium text-slate-900">{r.reason}</p>
                                {(!r.details.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-slate-800 [overflow-wrap:anywhere]">{r.details.clone()}</p> })}
                                <p class="mt-2 text-slate-600">{format!("{} · {}", r.reporter, format_time(r.created_at))}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            </div>
            <div class="space-y-6">
                {case.decision.clone().map(|d| view! { <DecisionCard decision=d note=None/> })}
                {case.appeal.clone().map(|appeal| view! {
                    <section aria-labelledby="appeal-heading" class="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
                        <h2 id="appeal-heading" class="font-semibold text-slate-900">"The owner's appeal"</h2>
                        <AppealCard appeal/>
                    </section>
                })}
                {(case.claimed_by_me && case.status == "pending").then(|| view! { <DecideForm case=case.clone() decide/> })}
                {(case.claimed_by_me && case.status == "appealed").then(|| view! { <AppealForm id=case.id answer/> })}
            </div>
        </div>
    }
}

#[component]
fn DecideForm(case: Case, decide: ServerAction<DecideCase>) -> impl IntoView {
    let (field, form_error) = action_errors(decide.value());
    let choices = case
        .item
        .entity
        .actions()
        .iter()
        .map(|a| {
            (
                a.as_str(),
                a.label(),
                Some(action_hint(*a, case.item.entity)),
            )
        })
        .collect();
    view! {
        <section aria-labelledby="decide-heading" class="rounded-xl border border-indigo-200 bg-white p-4 sm:p-6">
            <h2 id="decide-heading" class="font-semibold text-slate-900">"Decide"</h2>
            <ActionForm action=decide attr:class="mt-3 space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="id" value=case.id.to_string()/>
                <RadioGroup legend="Decision" name="action" choices error=field("action")/>
                <TextArea label="Reason" name="reason" value=String::new() rows=3 hint="The owner reads it as you write it." error=field("reason")/>
                <div class="flex justify-end">
                    <SubmitButton label="Decide" pending=decide.pending()/>
                </div>
            </ActionForm>
        </section>
    }
}

fn action_hint(action: Action, entity: Entity) -> &'static str {
    match (action, entity) {
        (Action::Approve, _) => "The reports are closed; the owner is not told.",
        (Action::Warn, _) => "It stays up; the owner reads the reason.",
        (Action::Hide, Entity::Company) => {
            "The company page and its listed vacancies vanish from search, the deck and every page until reinstated."
        }
        (Action::Hide, Entity::Message) => {
            "The conversation shows “Removed by a moderator” in its place, until reinstated."
        }
        (Action::Hide, _) => {
            "It vanishes from search, the deck and its page at once, until reinstated."
        }
        (Action::Remove, _) => {
            "Hidden and closed to applications; reinstating brings it back closed."
        }
        (Action::Suspend, Entity::Vacancy | Entity::Message) => {
            "The account that wrote it is signed out and cannot log in; all it published is hidden."
        }
        (Action::Suspend, _) => {
            "The person is signed out and cannot log in; all they published is hidden."
        }
    }
}

#[component]
fn AppealForm(id: uuid::Uuid, answer: ServerAction<DecideAppeal>) -> impl IntoView {
    let (field, form_error) = action_errors(answer.value());
    view! {
        <section aria-labelledby="answer-heading" class="rounded-xl border border-indigo-200 bg-white p-4 sm:p-6">
            <h2 id="answer-heading" class="font-semibold text-slate-900">"Answer the appeal"</h2>
            <ActionForm action=answer attr:class="mt-3 space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="id" value=id.to_string()/>
                <RadioGroup
                    legend="Outcome"
                    name="outcome"
                    choices=vec![
                        ("reinstated", "Reinstate", Some("Undo the decision: what it hid or suspended comes back.")),
                        ("upheld", "Keep the decision", Some("Nothing changes; the owner cannot appeal again.")),
                    ]
                    error=field("outcome")
                />
                <TextArea label="Reason" name="reason" value=String::new() rows=3 hint="The owner reads it as you write it." error=field("reason")/>
                <div class="flex justify-end">
                    <SubmitButton label="Answer" pending=answer.pending()/>
                </div>
            </ActionForm>
        </section>
    }
}
