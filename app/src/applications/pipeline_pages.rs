//! `/employer/vacancies/{id}/pipeline`: the applicants of one vacancy by
//! stage, moved one at a time or together, and the open applicant's
//! profile, résumé and timeline. The stage shown (`?stage=`), the page
//! (`?page=`) and the open applicant (`?application=`) are in the address.

use super::pages::{AutoAppliedBadge, StageBadge, Timeline};
use super::pipeline::{
    AddInteraction, ApplicantDetail, ApplicantRow, MoveApplications, PIPELINE_PAGE_SIZE, Pipeline,
    get_applicant, get_pipeline,
};
use super::rules::{INTERACTIONS, Stage};
use crate::ui::{
    ErrorNotice, FormError, PageVersion, Pager, SelectField, SubmitButton, TextArea, TextField,
    action_errors, choices, format_date, page_count, reload_on_success, uuid_param,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn stage_choices() -> Vec<(String, String)> {
    Stage::employer_targets()
        .into_iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect()
}

/// The pipeline's address showing `stage` (all when empty), `page` and the
/// open application (none when empty).
fn pipeline_href(base: &str, stage: &str, page: i64, application: &str) -> String {
    let page = if page > 1 {
        page.to_string()
    } else {
        String::new()
    };
    let params: Vec<String> = [
        ("stage", stage),
        ("page", &page),
        ("application", application),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={v}"))
    .collect();
    if params.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let id = uuid_param("id");
    let query = use_query_map();
    let stage = move || query.read().get("stage").unwrap_or_default();
    let open = move || query.read().get("application").unwrap_or_default();
    let page = move || query.read().get("page").and_then(|p| p.parse::<i64>().ok());
    let pipeline = Resource::new(
        move || (id(), stage(), page(), version.get()),
        |(id, stage, page, _)| {
            get_pipeline(id.map(|i| i.to_string()).unwrap_or_default(), stage, page)
        },
    );
    let applicant = Resource::new(
        move || (open(), version.get()),
        |(open, _)| async move {
            if open.is_empty() {
                Ok(None)
            } else {
                get_applicant(open).await.map(Some)
            }
        },
    );
    view! {
        <Title text="Applicants"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match pipeline.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <PipelineView p=p stage=stage() open=open()/> }.into_any(),
                }
            })}
        </Suspense>
        <crate::swipe::employer::SuperLikers vacancy_id=Signal::derive(id)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match applicant.await {
                    Err(e) => view! { <div class="mt-6"><ErrorNotice error=e/></div> }.into_any(),
                    Ok(None) => ().into_any(),
                    Ok(Some(a)) => view! { <ApplicantView a=a/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PipelineView(p: Pipeline, stage: String, open: String) -> impl IntoView {
    let base = format!("/employer/vacancies/{}/pipeline", p.vacancy_id);
    let total: i64 = p.counts.iter().map(|(_, n)| n).sum();
    let listed = p
        .counts
        .iter()
        .find(|(s, _)| s.as_str() == stage)
        .map_or(total, |(_, n)| *n);
    let pages = page_count(listed, PIPELINE_PAGE_SIZE).max(p.page - 1 + i64::from(p.has_next));
    let page = p.page;
    let page_link = {
        let (base, stage) = (base.clone(), stage.clone());
        move |n: i64| pipeline_href(&base, &stage, n, "")
    };
    let tab = |href: String, label: String, current: bool| {
        let class = if current {
            "rounded-full bg-indigo-700 px-3 py-1 text-sm font-semibold text-white"
        } else {
            "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100"
        };
        view! { <a href=href class=class aria-current=current.then_some("page")>{label}</a> }
    };
    let tabs = std::iter::once(tab(
        base.clone(),
        format!("All ({total})"),
        stage.is_empty(),
    ))
    .chain(p.counts.iter().map(|(s, n)| {
        tab(
            pipeline_href(&base, s.as_str(), 1, ""),
            format!("{} ({n})", s.label()),
            stage == s.as_str(),
        )
    }))
    .collect_view();
    let bulk = ServerAction::<MoveApplications>::new();
    reload_on_success(bulk.value());
    let (field, error) = action_errors(bulk.value());
    let empty = p.applicants.is_empty();
    let rows = p
        .applicants
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let link = pipeline_href(&base, &stage, page, &a.id.to_string());
            view! { <ApplicantRowView a=a index=i link=link open=open.clone()/> }
        })
        .collect_view();
    view! {
        <header class="mb-4 flex flex-wrap items-end justify-between gap-3">
            <div class="min-w-0">
                <p class="text-sm text-slate-600">"Applicants for"</p>
                <h1 class="text-2xl font-semibold tracking-tight text-slate-900 break-words sm:text-3xl">{p.title}</h1>
            </div>
            <div class="flex flex-wrap gap-3 text-sm">
                <a class="font-medium text-indigo-700 underline" href=format!("/employer/vacancies/{}/edit", p.vacancy_id)>"Edit vacancy"</a>
                <crate::swipe::employer::AutoApplySwitch vacancy_id=p.vacancy_id accepts=p.accepts_auto_apply/>
                {p.slug.map(|slug| view! { <a class="font-medium text-indigo-700 underline" href=crate::vacancies::vacancy_url(&slug)>"Job page"</a> })}
            </div>
        </header>
        <nav aria-label="Stages" class="mb-4 flex flex-wrap gap-2">{tabs}</nav>
        {if empty {
            view! {
                <p class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                    "No applicants at this stage."
                </p>
            }
            .into_any()
        } else {
            view! {
                <ActionForm action=bulk attr:class="space-y-3" attr:novalidate=true>
                    <input type="hidden" name="vacancy_id" value=p.vacancy_id.to_string()/>
                    <FormError error=error/>
                    <ul class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">{rows}</ul>
                    {(pages > 1).then(|| view! { <Pager page=page pages=pages link=page_link/> })}
                    <fieldset class="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
                        <legend class="sr-only">"Move the chosen applicants"</legend>
                        <div class="min-w-[12rem]">
                            <SelectField label="Move chosen to" name="to" id="bulk-to" options=stage_choices() selected=String::new() empty="Choose a stage…" error=field("to")/>
                        </div>
                        <div class="min-w-[16rem] flex-1">
                            <TextField label="Reason, if not selected (only your team sees it)" name="reason" id="bulk-reason" error=field("reason")/>
                        </div>
                        <SubmitButton label="Move" pending=bulk.pending()/>
                    </fieldset>
                </ActionForm>
            }
            .into_any()
        }}
    }
}

#[component]
fn ApplicantRowView(a: ApplicantRow, index: usize, link: String, open: String) -> impl IntoView {
    let is_open = open == a.id.to_string();
    let check_id = format!("pick-{}", a.id);
    view! {
        <li class=if is_open { "flex items-center gap-3 bg-indigo-50 px-4 py-3" } else { "flex items-center gap-3 px-4 py-3" }>
            <input id=check_id.clone() type="checkbox" name=format!("ids[{index}]") value=a.id.to_string() class="h-4 w-4 accent-indigo-700"/>
            <label for=check_id class="sr-only">{format!("Choose {}", a.name)}</label>
            <div class="min-w-0 flex-1">
                <a href=link class="font-medium text-indigo-700 underline break-words" aria-current=is_open.then_some("true")>{a.name}</a>
                <p class="truncate text-sm text-slate-700">{a.headline}</p>
            </div>
            {a.auto_applied.then(|| view! { <AutoAppliedBadge/> })}
            <span class="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-semibold text-indigo-900">{format!("{}% match", a.match_score)}</span>
            <StageBadge stage=a.stage/>
            <span class="hidden text-xs text-slate-600 sm:inline">{format_date(a.applied_at.date())}</span>
        </li>
    }
}

#[component]
fn ApplicantView(a: ApplicantDetail) -> impl IntoView {
    let single = ServerAction::<MoveApplications>::new();
    reload_on_success(single.value());
    let (move_field, move_error) = action_errors(single.value());
    let note = ServerAction::<AddInteraction>::new();
    reload_on_success(note.value());
    let (note_field, note_error) = action_errors(note.value());
    let id = a.id.to_string();
    let move_id = id.clone();
    let closed = a.stage.is_final();
    let heading = format!("{} · {}% match", a.name, a.match_score);
    view! {
        <section aria-labelledby="applicant-heading" class="mt-8 grid gap-6 lg:grid-cols-2">
            <div class="space-y-4 rounded-xl border border-slate-200 bg-white p-6">
                <h2 id="applicant-heading" class="text-xl font-semibold text-slate-900 break-words">{heading}</h2>
                <p class="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                    <StageBadge stage=a.stage/>
                    {format!("Applied {}", format_date(a.applied_at.date()))}
                </p>
                <p class="text-slate-800">{a.headline}</p>
                <p class="text-sm text-slate-700">{a.place}</p>
                <p class="text-sm"><a class="font-medium text-indigo-700 underline break-all" href=format!("mailto:{}", a.email)>{a.email.clone()}</a></p>
                {(!a.skills.is_empty()).then(|| view! {
                    <ul class="flex flex-wrap gap-1.5 text-xs" aria-label="Skills">
                        {a.skills.into_iter().map(|s| view! { <li class="rounded-md bg-slate-100 px-2 py-0.5 text-slate-800">{s}</li> }).collect_view()}
                    </ul>
                })}
                <p class="flex flex-wrap gap-4 text-sm">
                    <a class="font-medium text-indigo-700 underline" href=format!("/p/{}", a.candidate_id)>"Full profile"</a>
                    {a.resume.map(|(url, name)| view! {
                        <a class="font-medium text-indigo-700 underline break-all" href=url>{format!("Download résumé ({name})")}</a>
                    })}
                </p>
                {(!a.cover_letter.is_empty()).then(|| view! {
                    <div>
                        <h3 class="font-semibold text-slate-900">"Cover letter"</h3>
                        <p class="mt-1 whitespace-pre-line text-sm text-slate-800">{a.cover_letter}</p>
                    </div>
                })}
                {(!a.rejection_reason.is_empty()).then(|| view! {
                    <p class="text-sm text-slate-700">{format!("Reason (your team only): {}", a.rejection_reason)}</p>
                })}
                {(!closed).then(|| view! {
                    <ActionForm action=single attr:class="space-y-3 border-t border-slate-100 pt-4" attr:novalidate=true>
                        <h3 class="font-semibold text-slate-900">"Move"</h3>
                        <input type="hidden" name="vacancy_id" value=a.vacancy_id.to_string()/>
                        <input type="hidden" name="ids[0]" value=move_id/>
                        <FormError error=move_error/>
                        <SelectField label="Stage" name="to" id="one-to" options=stage_choices() selected=String::new() empty="Choose a stage…" error=move_field("to")/>
                        <TextField label="Reason, if not selected (only your team sees it)" name="reason" id="one-reason" error=move_field("reason")/>
                        <SubmitButton label="Move applicant" pending=single.pending()/>
                    </ActionForm>
                })}
            </div>
            <div class="space-y-4 rounded-xl border border-slate-200 bg-white p-6">
                <h3 class="font-semibold text-slate-900">"Add to the timeline"</h3>
                <ActionForm action=note attr:class="space-y-3" attr:novalidate=true>
                    <input type="hidden" name="application_id" value=id.clone()/>
                    <FormError error=note_error/>
                    <SelectField label="What happened" name="kind" id="interaction-kind" options=choices(&INTERACTIONS) selected="interview".to_string() error=note_field("kind")/>
                    <div class="grid gap-3 sm:grid-cols-2">
                        <TextField label="Date and time (UTC)" name="scheduled_at" id="interaction-when" input_type="datetime-local" hint="For interviews and calls." error=note_field("scheduled_at")/>
                        <TextField label="Place or video link" name="location" id="interaction-where" error=note_field("location")/>
                    </div>
                    <TextArea label="Details" name="body" id="interaction-body" rows=3 value=String::new() hint="Interviews are shared with the candidate; calls, notes and feedback stay with your team." error=note_field("body")/>
                    <SubmitButton label="Add" pending=note.pending()/>
                </ActionForm>
                <h3 class="pt-2 font-semibold text-slate-900">"Timeline"</h3>
                <Timeline entries=a.timeline/>
            </div>
        </section>
    }
}
