//! `/talent` (search job seekers) and `/talent/saved` (the people the team
//! kept), with the sub-navigation of the talent area, which the company's
//! introductions page shares.

use super::api::{
    DeleteSearch, SaveProfessional, SaveSearch, SetSearchAlert, UnsaveProfessional,
    get_saved_professionals, get_saved_searches, search_talent,
};
use super::query::{COUNT_CAP, PAGE_SIZE, SORTS, TalentQuery};
use super::{SavedProfessional, SavedSearch, TalentHit, TalentResults};
use crate::profiles::rules::{CURRENCIES, REMOTE_PREFERENCES, SENIORITIES};
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, ErrorNotice, FormError, PageHeading, PageVersion, SMALL_BUTTON,
    TextArea, TextField, Toggle, action_errors, choices, format_day, reload_on_success,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The pages of the talent area, as tabs under its heading.
#[component]
pub fn TalentNav(current: &'static str) -> impl IntoView {
    let tab = |href: &'static str, label: &'static str| {
        let here = href == current;
        let class = if here {
            "border-b-2 border-indigo-700 px-1 pb-2 text-sm font-semibold text-indigo-800"
        } else {
            "border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-700 hover:text-slate-900"
        };
        view! { <a class=class href=href aria-current=here.then_some("page")>{label}</a> }
    };
    view! {
        <nav aria-label="Talent" class="mb-6 flex gap-6 border-b border-slate-200">
            {tab("/talent", "Search")}
            {tab("/talent/saved", "Saved")}
            {tab("/company/introductions", "Introductions")}
        </nav>
    }
}

#[component]
pub fn TalentPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        TalentQuery::from_pairs(
            TalentQuery::FIELDS
                .iter()
                .filter_map(|name| params.get(name).map(|value| (*name, value))),
        )
    });
    PageVersion::provide();
    let version = PageVersion::get();
    let results = Resource::new(
        move || (query.get(), version.get()),
        |(query, _)| search_talent(query),
    );
    view! {
        <Title text="Find talent"/>
        <TalentNav current="/talent"/>
        <PageHeading title="Find talent" subtitle=Some("People who let companies see their profile. Their email and phone stay hidden until they accept an introduction.")/>
        // The form lists the company's open vacancies, which come with the
        // results, so both show together.
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                let typed = query.get_untracked();
                match results.await {
                    Err(e) => view! { <SearchForm typed=typed vacancies=Vec::new()/> <ErrorNotice error=e/> }.into_any(),
                    Ok(mut found) => {
                        let vacancies = std::mem::take(&mut found.vacancies);
                        view! {
                            <SearchForm typed=typed.clone() vacancies=vacancies/>
                            <Results found=found query=typed/>
                        }
                        .into_any()
                    }
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn SearchForm(typed: TalentQuery, vacancies: Vec<(uuid::Uuid, String)>) -> impl IntoView {
    let no_error = || Signal::stored(None::<String>);
    let filters = [
        &typed.remote,
        &typed.seniority,
        &typed.years,
        &typed.skills,
        &typed.budget,
        &typed.open,
        &typed.verified,
        &typed.vacancy,
    ]
    .iter()
    .filter(|v| !v.is_empty())
    .count();
    let open_filters = filters > 0;
    let select = |label: &'static str,
                  name: &'static str,
                  options: Vec<(String, String)>,
                  selected: String,
                  empty: &'static str| {
        view! {
            <crate::ui::SelectField label=label name=name options=options selected=selected empty=empty error=no_error()/>
        }
    };
    view! {
        <form method="get" action="/talent" role="search" aria-label="Search talent" class="rounded-xl border border-slate-200 bg-white p-4">
            <div class="grid gap-3 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
                <TextField label="Role, skill or keyword" name="q" value=typed.q.clone() error=no_error()/>
                <TextField label="Location" name="location" value=typed.location.clone() error=no_error()/>
                <button type="submit" class=crate::ui::PRIMARY_BUTTON>"Search"</button>
            </div>
            <details class="mt-3" open=open_filters>
                <summary class="cursor-pointer text-sm font-medium text-indigo-700">
                    {if filters > 0 { format!("More filters ({filters})") } else { "More filters".to_string() }}
                </summary>
                <div class="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                    {(!vacancies.is_empty()).then(|| select(
                        "Match to your vacancy",
                        "vacancy",
                        vacancies.iter().map(|(id, title)| (id.to_string(), title.clone())).collect(),
                        typed.vacancy.clone(),
                        "None",
                    ))}
                    <TextField label="Skills (all of, comma separated)" name="skills" value=typed.skills.clone() error=no_error()/>
                    {select("Seniority", "seniority", choices(&SENIORITIES), typed.seniority.clone(), "Any")}
                    <TextField label="At least this many years" name="years" input_type="number" value=typed.years.clone() error=no_error()/>
                    {select("Way of working", "remote", choices(&REMOTE_PREFERENCES[1..]), typed.remote.clone(), "Any")}
                    {select(
                        "Budget currency",
                        "currency",
                        CURRENCIES.iter().map(|c| (c.to_string(), c.to_string())).collect(),
                        typed.currency.clone(),
                        "Choose",
                    )}
                    <TextField label="Yearly budget (their expectation fits)" name="budget" value=typed.budget.clone() error=no_error()/>
                    {select("Order", "sort", choices(&SORTS), typed.sort.clone(), "Best first")}
                    <label class="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
                        <input type="checkbox" name="open" value="1" checked=typed.open == "1" class="h-4 w-4 accent-indigo-700"/>
                        "Open to opportunities only"
                    </label>
                    <label class="flex items-center gap-2 self-end pb-2 text-sm text-slate-800">
                        <input type="checkbox" name="verified" value="1" checked=typed.verified == "1" class="h-4 w-4 accent-indigo-700"/>
                        "Verified identity only"
                    </label>
                </div>
                <button type="submit" class=format!("{SMALL_BUTTON} mt-3")>"Apply filters"</button>
            </details>
        </form>
    }
}

#[component]
fn Results(found: TalentResults, query: TalentQuery) -> impl IntoView {
    let problems = (!found.problems.is_empty()).then(|| {
        view! {
            <ul role="alert" class="mt-4 space-y-1 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
                {found.problems.iter().map(|(_, message)| view! { <li>{message.clone()}</li> }).collect_view()}
            </ul>
        }
    });
    let count = if found.total >= COUNT_CAP {
        format!("{COUNT_CAP}+ people")
    } else {
        crate::ui::count(found.total, "person", "people")
    };
    let pages = crate::ui::page_count(found.total.min(COUNT_CAP), PAGE_SIZE);
    let back = query.url(found.page);
    let pager_query = query.clone();
    let body = if found.hits.is_empty() {
        view! {
            <div class="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                <p class="font-medium text-slate-900">"Nobody matches this search"</p>
                <p class="mt-1">"Try fewer words or filters. Only people who let companies see their profile are found."</p>
                <a class="mt-3 inline-block font-medium text-indigo-700 underline" href="/talent">"Clear the search"</a>
            </div>
        }
        .into_any()
    } else {
        view! {
            <ul class="mt-4 space-y-3">
                {found.hits.into_iter().map(|hit| view! { <li><HitCard hit=hit back=back.clone()/></li> }).collect_view()}
            </ul>
            <crate::ui::Pager page=found.page pages=pages.max(found.page + i64::from(found.has_next)) link=move |p| pager_query.url(p)/>
        }
        .into_any()
    };
    let searched = TalentQuery {
        page: String::new(),
        ..query.clone()
    } != TalentQuery::default();
    view! {
        {problems}
        <div class="mt-4 flex flex-wrap items-start justify-between gap-3">
            <p class="text-sm text-slate-700" aria-live="polite">
                {count}
                {found.looks_like.then_some(" whose title looks like your words")}
            </p>
            {searched.then(|| view! { <SaveSearchForm query=query/> })}
        </div>
        {body}
    }
}

/// Keeps the search shown under a name, with an optional daily alert.
#[component]
fn SaveSearchForm(query: TalentQuery) -> impl IntoView {
    let save = ServerAction::<SaveSearch>::new();
    reload_on_success(save.value());
    let (field, error) = action_errors(save.value());
    let kept: Vec<(String, String)> = TalentQuery::FIELDS
        .iter()
        .filter(|name| **name != "page")
        .map(|name| (format!("query[{name}]"), query.value(name).to_string()))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    view! {
        <details class="w-full text-sm sm:w-auto">
            <summary class="cursor-pointer font-medium text-indigo-700">"Save this search"</summary>
            <ActionForm action=save attr:class="mt-3 space-y-3 rounded-lg border border-slate-200 bg-white p-4 sm:w-96" attr:novalidate=true>
                {kept.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                <FormError error=error/>
                <TextField label="Name of the search" name="search_name" value=String::new() error=field("search_name")/>
                <Toggle name="alert" label="Tell me once a day of people who newly match" checked=true/>
                <button type="submit" class=SMALL_BUTTON disabled=move || save.pending().get()>"Save search"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn HitCard(hit: TalentHit, back: String) -> impl IntoView {
    let profile = format!("/p/{}", hit.user_id);
    let ask = format!("/company/introductions/new?to={}", hit.user_id);
    let facts: Vec<String> = [
        hit.seniority.clone(),
        hit.years.map(|y| format!("{y} years")),
        Some(hit.remote.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let id = hit.user_id.to_string();
    let name = hit.name.clone();
    view! {
        <article class="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="min-w-0">
                    <h2 class="text-lg font-semibold text-slate-900 break-words">
                        <a class="hover:underline" href=profile>{hit.name.clone()}</a>
                    </h2>
                    {(!hit.headline.is_empty()).then(|| view! { <p class="text-sm text-slate-800 break-words">{hit.headline.clone()}</p> })}
                    <p class="text-sm text-slate-600">
                        {[hit.role.clone(), hit.place.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                    </p>
                </div>
                <div class="flex flex-wrap gap-1.5">
                    {hit.match_score.map(|score| view! {
                        <span class="rounded-full bg-indigo-100 px-2.5 py-0.5 text-xs font-semibold text-indigo-900">{format!("{score}% match")}</span>
                    })}
                    {hit.identity_verified.then(|| view! { <crate::profiles::pages::IdentityBadge/> })}
                    {hit.open_to_opportunities.then(|| view! {
                        <span class="rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-semibold text-emerald-900">"Open to opportunities"</span>
                    })}
                </div>
            </div>
            <p class="mt-2 text-sm text-slate-700">{facts.join(" · ")}</p>
            {(!hit.skills.is_empty()).then(|| view! {
                <ul class="mt-2 flex flex-wrap gap-1.5" aria-label="Skills">
                    {hit.skills.iter().map(|s| view! { <li class="rounded-md bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">{s.clone()}</li> }).collect_view()}
                </ul>
            })}
            <div class="mt-3 flex flex-wrap items-center gap-3">
                <a class=SMALL_BUTTON href=ask aria-label=format!("Ask for an introduction: {name}")>"Ask for an introduction"</a>
                {if hit.saved {
                    view! { <a class="text-sm font-medium text-emerald-800 underline" href="/talent/saved">"Saved by your team"</a> }.into_any()
                } else {
                    view! { <SaveForm id=id name=name.clone() note=String::new() tags=String::new() back=back/> }.into_any()
                }}
            </div>
        </article>
    }
}

/// Save someone with a private note and tags (or change them).
#[component]
fn SaveForm(id: String, name: String, note: String, tags: String, back: String) -> impl IntoView {
    let save = ServerAction::<SaveProfessional>::new();
    reload_on_success(save.value());
    let (field, error) = action_errors(save.value());
    let editing = !note.is_empty() || !tags.is_empty();
    view! {
        <details class="w-full text-sm sm:w-auto">
            <summary class="cursor-pointer font-medium text-indigo-700">
                {if editing { "Edit note and tags".to_string() } else { format!("Save {name}") }}
            </summary>
            <ActionForm action=save attr:class="mt-3 space-y-3" attr:novalidate=true>
                <input type="hidden" name="professional_id" value=id.clone()/>
                <input type="hidden" name="back" value=back/>
                <FormError error=error/>
                <TextArea label="Private note for your team" name="note" id=format!("note-{id}") rows=2 value=note error=field("note")/>
                <TextField label="Tags (comma separated)" name="tags" id=format!("tags-{id}") value=tags error=field("tags")/>
                <button type="submit" class=SMALL_BUTTON disabled=move || save.pending().get()>"Save"</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn SavedTalentPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let params = use_query_map();
    let tag = Memo::new(move |_| params.read().get("tag").unwrap_or_default());
    let saved = Resource::new(
        move || (tag.get(), version.get()),
        |(tag, _)| get_saved_professionals(tag),
    );
    let searches = Resource::new(move || version.get(), |_| get_saved_searches());
    view! {
        <Title text="Saved talent"/>
        <TalentNav current="/talent/saved"/>
        <PageHeading title="Saved talent" subtitle=Some("Your saved searches, and the people your team kept with their notes and tags.")/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                let searches = match searches.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! { <SavedSearches list=list/> }.into_any(),
                };
                let people = match saved.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) => view! { <SavedList list=list tag=tag.get_untracked()/> }.into_any(),
                };
                view! {
                    <section id="searches" aria-labelledby="searches-heading" class="mb-8">
                        <h2 id="searches-heading" class="mb-3 text-lg font-semibold text-slate-900">"Your saved searches"</h2>
                        {searches}
                    </section>
                    <section aria-labelledby="people-heading">
                        <h2 id="people-heading" class="mb-3 text-lg font-semibold text-slate-900">"People your team saved"</h2>
                        {people}
                    </section>
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn SavedSearches(list: Vec<SavedSearch>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="rounded-xl border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
                "No saved searches yet. Run a search and choose “Save this search” to come back to it, with a daily alert of people who newly match."
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {list.into_iter().map(|s| view! { <li><SavedSearchRow s=s/></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SavedSearchRow(s: SavedSearch) -> impl IntoView {
    let alert = ServerAction::<SetSearchAlert>::new();
    reload_on_success(alert.value());
    let delete = ServerAction::<DeleteSearch>::new();
    reload_on_success(delete.value());
    let id = s.id.to_string();
    let dialog = format!("delete-search-{id}");
    let delete_id = id.clone();
    let name = s.name.clone();
    let (switch, switch_words) = if s.alert {
        ("", "Turn alert off")
    } else {
        ("1", "Turn alert on")
    };
    let switch_label = format!("{switch_words}: {name}");
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3 p-4">
            <div class="min-w-0">
                <a class="font-medium text-indigo-800 underline break-words" href=s.url.clone()>{s.name.clone()}</a>
                <p class="text-xs text-slate-600">
                    {if s.alert { "Daily alert on" } else { "No alert" }}
                    {format!(" · saved {}", format_day(s.created_at))}
                </p>
            </div>
            <div class="flex flex-wrap items-center gap-2">
                <ActionForm action=alert>
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="on" value=switch/>
                    <button type="submit" class=SMALL_BUTTON aria-label=switch_label disabled=move || alert.pending().get()>
                        {switch_words}
                    </button>
                </ActionForm>
                <ConfirmDialog
                    id=dialog
                    button="Delete"
                    button_label=format!("Delete: {name}")
                    title=format!("Delete the search “{name}”?")
                    consequence="Its alerts stop. The people it found stay where they are."
                >
                    <ActionForm action=delete>
                        <input type="hidden" name="id" value=delete_id/>
                        <button type="submit" class=DANGER_BUTTON disabled=move || delete.pending().get()>"Delete"</button>
                    </ActionForm>
                </ConfirmDialog>
            </div>
        </div>
    }
}

#[component]
fn SavedList(list: Vec<SavedProfessional>, tag: String) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <div class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                <p class="font-medium text-slate-900">{if tag.is_empty() { "Nobody saved yet".to_string() } else { format!("Nobody tagged “{tag}”") }}</p>
                <p class="mt-1">"Save people from a search with a note and tags; everyone in your team sees them here."</p>
                <a class="mt-3 inline-block font-medium text-indigo-700 underline" href="/talent">"Search talent"</a>
            </div>
        }
        .into_any();
    }
    let mut tags: Vec<String> = list.iter().flat_map(|s| s.tags.clone()).collect();
    tags.sort_by_key(|t| t.to_lowercase());
    tags.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let back = if tag.is_empty() {
        "/talent/saved".to_string()
    } else {
        format!("/talent/saved?tag={}", crate::ui::urlencode(&tag))
    };
    view! {
        {(!tags.is_empty()).then(|| view! {
            <nav aria-label="Tags" class="mb-4 flex flex-wrap gap-2">
                <a class=if tag.is_empty() { "rounded-full bg-slate-900 px-3 py-1 text-sm font-medium text-white" } else { "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800" } href="/talent/saved">"All"</a>
                {tags.into_iter().map(|t| {
                    let here = t == tag;
                    let href = format!("/talent/saved?tag={}", crate::ui::urlencode(&t));
                    let class = if here { "rounded-full bg-slate-900 px-3 py-1 text-sm font-medium text-white" } else { "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800" };
                    view! { <a class=class href=href aria-current=here.then_some("page")>{t}</a> }
                }).collect_view()}
            </nav>
        })}
        <ul class="space-y-3">
            {list.into_iter().map(|s| view! { <li><SavedCard s=s back=back.clone()/></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn SavedCard(s: SavedProfessional, back: String) -> impl IntoView {
    let unsave = ServerAction::<UnsaveProfessional>::new();
    reload_on_success(unsave.value());
    let id = s.professional_id.to_string();
    let profile = format!("/p/{id}");
    let ask = format!("/company/introductions/new?to={id}");
    let name = s.name.clone();
    view! {
        <article class="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
            <h2 class="text-lg font-semibold text-slate-900 break-words"><a class="hover:underline" href=profile>{s.name.clone()}</a></h2>
            {(!s.headline.is_empty()).then(|| view! { <p class="text-sm text-slate-800">{s.headline.clone()}</p> })}
            {(!s.note.is_empty()).then(|| view! { <p class="mt-2 whitespace-pre-line text-sm text-slate-900">{s.note.clone()}</p> })}
            {(!s.tags.is_empty()).then(|| view! {
                <ul class="mt-2 flex flex-wrap gap-1.5" aria-label="Tags">
                    {s.tags.iter().map(|t| view! { <li class="rounded-md bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-900">{t.clone()}</li> }).collect_view()}
                </ul>
            })}
            <p class="mt-2 text-xs text-slate-600">
                {format!("Saved {} by {}", format_day(s.saved_at), if s.mine { "you" } else if s.saved_by.is_empty() { "a teammate" } else { s.saved_by.as_str() })}
            </p>
            <div class="mt-3 flex flex-wrap items-center gap-3">
                <a class=SMALL_BUTTON href=ask aria-label=format!("Ask for an introduction: {name}")>"Ask for an introduction"</a>
                {s.mine.then(|| {
                    let tags = s.tags.join(", ");
                    view! {
                        <SaveForm id=id.clone() name=name.clone() note=s.note.clone() tags=tags back=back.clone()/>
                        <ActionForm action=unsave>
                            <input type="hidden" name="professional_id" value=id.clone()/>
                            <input type="hidden" name="back" value=back.clone()/>
                            <button type="submit" class="text-sm font-medium text-slate-700 underline" aria-label=format!("Remove {name} from saved") disabled=move || unsave.pending().get()>
                                "Remove"
                            </button>
                        </ActionForm>
                    }
                })}
            </div>
        </article>
    }
}
