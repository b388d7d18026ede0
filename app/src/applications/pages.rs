//! The candidate's pages: the apply and save panel on a vacancy's page,
//! `/applications` (the tracker) and `/saved`.

use super::api::{
    Apply, SaveVacancyForLater, SetVacancySaved, UnsaveVacancy, WithdrawApplication,
    get_my_applications, get_saved,
};
use super::{CandidateSide, MyApplication, MyApplicationsPage, SavedItem, TimelineEntry};
use crate::chat::pages::OpenChatButton;
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, EmptyState, ErrorNotice, FormError, PageHeading, PageVersion,
    SMALL_BUTTON, StickyActionBar, SubmitButton, TextArea, action_errors, format_day, format_time,
    reload_on_success,
};
use leptos::prelude::*;
use leptos_meta::Title;
use uuid::Uuid;

/// Marks an application sent by auto-apply.
#[component]
pub fn AutoAppliedBadge() -> impl IntoView {
    view! {
        <span class="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900">"Auto-applied"</span>
    }
}

/// A stage as a coloured label.
#[component]
pub fn StageBadge(stage: super::rules::Stage) -> impl IntoView {
    use super::rules::Stage as S;
    let colours = match stage {
        S::Submitted => "bg-slate-100 text-slate-800",
        S::Reviewing => "bg-sky-100 text-sky-900",
        S::Interview => "bg-indigo-100 text-indigo-900",
        S::Offer => "bg-amber-100 text-amber-900",
        S::Hired => "bg-emerald-100 text-emerald-900",
        S::Rejected => "bg-rose-100 text-rose-900",
        S::Withdrawn => "bg-slate-200 text-slate-700",
    };
    view! {
        <span class=format!("inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold {colours}")>
            {stage.label()}
        </span>
    }
}

/// An application's timeline, oldest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    view! {
        <ol class="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
            {entries
                .into_iter()
                .map(|e| {
                    let when = e.scheduled_at.map(|t| format!("On {}", format_time(t)));
                    let place = (!e.location.is_empty()).then(|| format!("Where: {}", e.location));
                    view! {
                        <li>
                            <p class="font-medium text-slate-900">
                                {e.title}
                                {e.private.then(|| view! { <span class="ml-2 rounded bg-slate-100 px-1.5 text-xs font-normal text-slate-700">"Only your team sees this"</span> })}
                            </p>
                            {when.map(|w| view! { <p class="text-slate-800">{w}</p> })}
                            {place.map(|p| view! { <p class="text-slate-800 break-words">{p}</p> })}
                            {(!e.body.is_empty()).then(|| view! { <p class="whitespace-pre-line text-slate-800">{e.body}</p> })}
                            <p class="text-xs text-slate-600">
                                {format_time(e.at)}
                                {e.by.map(|b| format!(" · {b}"))}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// Apply and save, on a vacancy's page, for a signed-in candidate.
#[component]
pub fn ApplyPanel(vacancy_id: Uuid, open: bool, side: CandidateSide) -> impl IntoView {
    let apply = ServerAction::<Apply>::new();
    reload_on_success(apply.value());
    let (apply_field, apply_error) = action_errors(apply.value());
    let id = vacancy_id.to_string();
    let applied = side.application.map(|(_, stage)| {
        view! {
            <section aria-labelledby="apply-heading" class="rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm">
                <h2 id="apply-heading" class="font-semibold text-emerald-950">"You applied"</h2>
                <p class="mt-1 flex items-center gap-2 text-emerald-950">"Stage: " <StageBadge stage=stage/></p>
                <a class="mt-2 inline-block font-medium text-indigo-700 underline" href="/applications">"Follow it in your applications"</a>
            </section>
        }
    });
    let ready = side.email_verified && !side.resumes.is_empty();
    let steps = (side.application.is_none() && open && !ready)
        .then(|| view! { <ApplySteps email_verified=side.email_verified has_resume=!side.resumes.is_empty()/> });
    let form = (side.application.is_none() && open && ready).then(|| {
        let resumes = side.resumes.clone();
        view! {
            <section id="apply" aria-labelledby="apply-heading" class="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4">
                <h2 id="apply-heading" class="font-semibold text-slate-900">"Apply"</h2>
                <ActionForm action=apply attr:class="mt-3 space-y-3" attr:novalidate=true>
                    <input type="hidden" name="vacancy_id" value=id.clone()/>
                    <FormError error=apply_error/>
                    <fieldset>
                        <legend class="text-sm font-medium text-slate-800">"Résumé"</legend>
                        <div class="mt-1 space-y-1">
                            {resumes
                                .into_iter()
                                .map(|r| view! {
                                    <label class="flex items-center gap-2 text-sm text-slate-800 break-all">
                                        <input type="radio" name="resume_id" value=r.id.to_string() checked=r.is_primary class="h-4 w-4 accent-indigo-700"/>
                                        {r.file_name}
                                    </label>
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                    {move || apply_field("resume_id").get().map(|m| view! { <p class="text-sm font-medium text-red-700">{m}</p> })}
                    <TextArea label="Cover letter (optional)" name="cover_letter" rows=5 value=String::new() error=apply_field("cover_letter")/>
                    <SubmitButton label="Apply now" pending=apply.pending()/>
                </ActionForm>
            </section>
        }
    });
    // On a phone the panel sits below the whole description: a bar at the
    // bottom of the screen leads to it.
    let bar = (side.application.is_none() && open).then(|| {
        let label = if ready {
            "Apply now"
        } else {
            "Get ready to apply"
        };
        view! {
            <StickyActionBar above_tabs=true>
                <a href="#apply" class=crate::ui::PRIMARY_BUTTON>{label}</a>
            </StickyActionBar>
        }
    });
    view! {
        {applied}
        {steps}
        {form}
        {bar}
        <SavePanel vacancy_id=vacancy_id note=side.saved_note/>
    }
}

/// What a candidate still has to do before applying, each step leading to
/// where it is done, instead of a form that can only fail.
#[component]
fn ApplySteps(email_verified: bool, has_resume: bool) -> impl IntoView {
    let here = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let profile = format!("/profile?next={}#resumes", crate::ui::urlencode(&here));
    let left = usize::from(!email_verified) + usize::from(!has_resume);
    let step = |done: bool, title: &'static str, body: AnyView| {
        view! {
            <li class="flex gap-3">
                <span
                    class=if done { "mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-xs font-bold text-white" } else { "mt-0.5 h-5 w-5 shrink-0 rounded-full border-2 border-slate-400" }
                    aria-hidden="true"
                >
                    {done.then_some("✓")}
                </span>
                <div>
                    <p class="font-medium text-slate-900">
                        {title}
                        <span class="sr-only">{if done { " (done)" } else { " (to do)" }}</span>
                    </p>
                    {(!done).then_some(body)}
                </div>
            </li>
        }
    };
    view! {
        <section id="apply" aria-labelledby="apply-heading" class="scroll-mt-4 rounded-xl border border-amber-200 bg-white p-4 text-sm">
            <h2 id="apply-heading" class="font-semibold text-slate-900">
                {if left == 1 { "One step before you apply" } else { "Two steps before you apply" }}
            </h2>
            <ol class="mt-3 space-y-3">
                {step(
                    email_verified,
                    "Confirm your email address",
                    view! {
                        <p class="text-slate-700">
                            "Open the link we emailed you. No email? Use “Resend confirmation email” at the top of the page."
                        </p>
                    }
                    .into_any(),
                )}
                {step(
                    has_resume,
                    "Add your résumé",
                    view! {
                        <a class="font-medium text-indigo-700 underline" href=profile>"Upload your résumé"</a>
                    }
                    .into_any(),
                )}
            </ol>
        </section>
    }
}

/// The bookmark on a search result: saves or unsaves in place; without
/// script the post returns to the card (`back` is the search's address).
/// One form whose fields and button follow the state: the page's
/// structure is the same on the server and in the browser.
#[component]
pub fn SaveToggle(vacancy_id: Uuid, title: String, saved: bool, back: String) -> impl IntoView {
    let is_saved = RwSignal::new(saved);
    let set = ServerAction::<SetVacancySaved>::new();
    Effect::new(move |_| {
        if let Some(Ok(now)) = set.value().get() {
            is_saved.set(now);
        }
    });
    let (save_label, remove_label) = (
        format!("Save {title}"),
        format!("Remove {title} from saved"),
    );
    view! {
        <ActionForm action=set attr:data-save-toggle="">
            <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
            <input type="hidden" name="saved" value=move || (!is_saved.get()).to_string()/>
            <input type="hidden" name="back" value=back/>
            <button
                type="submit"
                aria-label=move || if is_saved.get() { remove_label.clone() } else { save_label.clone() }
                aria-pressed=move || is_saved.get().to_string()
                class="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-pressed:border-indigo-300 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-900"
            >
                <svg class="h-4 w-4" viewBox="0 0 20 20" aria-hidden="true" fill=move || if is_saved.get() { "currentColor" } else { "none" } stroke="currentColor" stroke-width="1.5">
                    <path d="M5 3.5h10v13l-5-3.5-5 3.5z" stroke-linejoin="round"/>
                </svg>
                {move || if is_saved.get() { "Saved" } else { "Save" }}
            </button>
        </ActionForm>
    }
}

/// Save for later with a private note, or remove from the saved list.
#[component]
fn SavePanel(vacancy_id: Uuid, note: Option<String>) -> impl IntoView {
    let save = ServerAction::<SaveVacancyForLater>::new();
    reload_on_success(save.value());
    let (field, error) = action_errors(save.value());
    let unsave = ServerAction::<UnsaveVacancy>::new();
    reload_on_success(unsave.value());
    let id = vacancy_id.to_string();
    let unsave_id = id.clone();
    let saved = note.is_some();
    view! {
        <section aria-labelledby="save-heading" class="rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="save-heading" class="font-semibold text-slate-900">
                {if saved { "Saved for later" } else { "Save for later" }}
            </h2>
            <ActionForm action=save attr:class="mt-3 space-y-3" attr:novalidate=true>
                <input type="hidden" name="vacancy_id" value=id.clone()/>
                <FormError error=error/>
                <TextArea label="Private note (optional)" name="note" rows=2 value=note.unwrap_or_default() error=field("note")/>
                <button type="submit" class=SMALL_BUTTON disabled=move || save.pending().get()>
                    {if saved { "Update note" } else { "Save" }}
                </button>
            </ActionForm>
            {saved.then(|| view! {
                <ActionForm action=unsave attr:class="mt-2">
                    <input type="hidden" name="vacancy_id" value=unsave_id.clone()/>
                    <input type="hidden" name="back" value="job"/>
                    <button type="submit" class="text-sm font-medium text-slate-700 underline" disabled=move || unsave.pending().get()>
                        "Remove from saved"
                    </button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let page = crate::ui::page_in_address();
    let data = Resource::new(
        move || (version.get(), page()),
        |(_, page)| get_my_applications(Some(page)),
    );
    view! {
        <Title text="Your applications"/>
        <PageHeading title="Your applications" subtitle=Some("Every job you applied to, where it stands and what happened.")/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(tracker) => view! { <Tracker tracker=tracker/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

/// A page of the candidate's applications, or where to go instead.
#[component]
fn Tracker(tracker: MyApplicationsPage) -> impl IntoView {
    let address = |page: i64| match page {
        1 => "/applications".to_string(),
        page => format!("/applications?page={page}"),
    };
    if tracker.total == 0 {
        return view! { <EmptyState text="You have not applied anywhere yet." next="Find a job" href="/jobs"/> }
            .into_any();
    }
    if tracker.applications.is_empty() {
        return view! {
            <EmptyState text="This page is past the last of your applications." next="See the first page" href=address(1)/>
        }
        .into_any();
    }
    let pages = crate::ui::page_count(tracker.total, super::APPLICATIONS_PER_PAGE);
    let count = match tracker.total {
        1 => "1 application".to_string(),
        n => format!("{n} applications"),
    };
    view! {
        <p class="mb-3 text-sm text-slate-700">{count}</p>
        <ol class="space-y-4">
            {tracker.applications.into_iter().map(|a| view! { <li><ApplicationCard a=a/></li> }).collect_view()}
        </ol>
        {(pages > 1).then(|| view! { <crate::ui::Pager page=tracker.page pages=pages link=address/> })}
    }
    .into_any()
}

/// What withdrawing does, in words fitting how far the application got.
fn withdraw_consequence(stage: super::rules::Stage, company: &str) -> String {
    use super::rules::Stage as S;
    let lost = match stage {
        S::Interview => " Any interview you have planned with them is off.",
        S::Offer => " Their offer to you lapses.",
        _ => "",
    };
    format!("{company} stops considering you for this job and you cannot apply to it again.{lost}")
}

#[component]
fn ApplicationCard(a: MyApplication) -> impl IntoView {
    let withdraw = ServerAction::<WithdrawApplication>::new();
    reload_on_success(withdraw.value());
    let (_, error) = action_errors(withdraw.value());
    let heading_id = format!("application-{}", a.id);
    let labelled_by = heading_id.clone();
    let may_withdraw = !a.stage.is_final();
    let id = a.id.to_string();
    let title = a.vacancy_title.clone();
    view! {
        <article aria-labelledby=labelled_by class="rounded-xl border border-slate-200 bg-white p-5">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="min-w-0">
                    <h2 id=heading_id class="text-lg font-semibold text-slate-900 break-words">
                        <a class="hover:underline" href=crate::vacancies::vacancy_url(&a.vacancy_slug)>{a.vacancy_title}</a>
                    </h2>
                    <p class="text-sm text-slate-700">{format!("{} · applied {}", a.company, format_day(a.applied_at))}</p>
                </div>
                <div class="flex items-center gap-2">
                    {a.auto_applied.then(|| view! { <AutoAppliedBadge/> })}
                    <StageBadge stage=a.stage/>
                </div>
            </div>
            <details class="mt-3">
                <summary class="cursor-pointer text-sm font-medium text-indigo-700">"Timeline"</summary>
                <div class="mt-3"><Timeline entries=a.timeline/></div>
            </details>
            <FormError error=error/>
            {(a.stage != super::rules::Stage::Submitted).then(|| view! {
                <div class="mt-3">
                    <OpenChatButton about="application" id=a.id label="Message the hiring team".to_string()/>
                </div>
            })}
            {may_withdraw.then(|| {
                let consequence = withdraw_consequence(a.stage, &a.company);
                view! {
                    <div class="mt-3">
                        <ConfirmDialog
                            id=format!("withdraw-{id}")
                            button="Withdraw application"
                            button_label=format!("Withdraw application: {title}")
                            title=format!("Withdraw your application for {title}?")
                            consequence=consequence
                        >
                            <ActionForm action=withdraw>
                                <input type="hidden" name="id" value=id.clone()/>
                                <button type="submit" class=DANGER_BUTTON disabled=move || withdraw.pending().get()>
                                    "Withdraw"
                                </button>
                            </ActionForm>
                        </ConfirmDialog>
                    </div>
                }
            })}
        </article>
    }
}

#[component]
pub fn SavedPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let data = Resource::new(move || version.get(), |_| get_saved());
    view! {
        <Title text="Saved jobs"/>
        <PageHeading title="Saved jobs" subtitle=Some("Jobs you kept for later, with your private notes.")/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match data.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! {
                        <p class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                            "Nothing saved yet. "
                            <a class="font-medium text-indigo-700 underline" href="/jobs">"Find a job"</a>
                        </p>
                    }
                    .into_any(),
                    Ok(list) => view! {
                        <ul class="space-y-3">
                            {list.into_iter().map(|s| view! { <li><SavedCard s=s/></li> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn SavedCard(s: SavedItem) -> impl IntoView {
    let unsave = ServerAction::<UnsaveVacancy>::new();
    reload_on_success(unsave.value());
    let title = s.title.clone();
    view! {
        <article class="flex flex-wrap items-start justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4">
            <div class="min-w-0">
                <h2 class="font-semibold text-slate-900 break-words">
                    <a class="hover:underline" href=crate::vacancies::vacancy_url(&s.slug)>{s.title}</a>
                </h2>
                <p class="text-sm text-slate-700">
                    {s.company.unwrap_or_else(|| "Confidential company".into())}
                    {s.salary.map(|pay| format!(" · {pay}"))}
                </p>
                {(!s.open).then(|| view! { <p class="text-sm font-medium text-amber-900">"No longer taking applications"</p> })}
                {(!s.note.is_empty()).then(|| view! { <p class="mt-1 whitespace-pre-line text-sm text-slate-800">{format!("Your note: {}", s.note)}</p> })}
            </div>
            <ActionForm action=unsave>
                <input type="hidden" name="vacancy_id" value=s.vacancy_id.to_string()/>
                <input type="hidden" name="back" value="saved"/>
                <button type="submit" class=SMALL_BUTTON aria-label=format!("Remove from saved: {title}") disabled=move || unsave.pending().get()>
                    "Remove from saved"
                </button>
            </ActionForm>
        </article>
    }
}
