//! `/jobs`, the search (a plain GET form that updates as you type once the
//! page is live), and `/jobs/{slug}`, one vacancy.

use super::api::{get_job, search_jobs};
use super::query::{BEST_MATCH, COUNT_CAP, JobQuery, PAGE_SIZE, POSTED_WITHIN, SORTS};
use super::{JobHit, JobPosting, JobResults};
use crate::admin::api::SetVacancyFeatured;
use crate::applications::pages::{ApplyPanel, SaveToggle};
use crate::companies::pages::{Logo, VerifiedBadge};
use crate::matching::{Fit, MatchScore};
use crate::profiles::rules::{CURRENCIES, EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SENIORITIES};
use crate::ui::ActionForm;
use crate::ui::{ErrorNotice, choices, format_day, format_time};
use crate::vacancies::pages::VacancyDetails;
use crate::vacancies::rules::VacancyStatus;
use leptos::lazy;
use leptos::prelude::*;
use leptos_meta::{Script, Title};
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

const LABEL: &str = "block text-sm font-medium text-slate-800";
const INPUT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600";

/// How long typing may pause before the results follow.
const TYPING_PAUSE_MS: u64 = 350;

#[component]
pub fn JobsPage() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        JobQuery::from_pairs(
            JobQuery::FIELDS
                .iter()
                .filter_map(|name| params.get(name).map(|value| (*name, value))),
        )
    });
    let results = Resource::new(move || query.get(), search_jobs);
    // Live search says it is busy while the next results are on their way.
    let (searching, set_searching) = signal(false);
    // The form keeps what was typed; only the results follow the address.
    let initial = query.get_untracked();
    let navigate = use_navigate();
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    let follow_form = move |form: web_sys::HtmlFormElement, wait: u64| {
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let typed = JobQuery::from_pairs(
            JobQuery::FIELDS
                .iter()
                .filter_map(|name| data.get(name).as_string().map(|value| (*name, value))),
        );
        let navigate = navigate.clone();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let go = move || {
            navigate(
                &typed.url(),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            )
        };
        pending.set_value(set_timeout_with_handle(go, std::time::Duration::from_millis(wait)).ok());
    };
    let form_of = |ev: &leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
    };
    let on_input = {
        let follow_form = follow_form.clone();
        move |ev: leptos::ev::Event| {
            if let Some(form) = form_of(&ev) {
                follow_form(form, TYPING_PAUSE_MS);
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(form) = form_of(&ev) {
            follow_form(form, 0);
        }
    };
    view! {
        <Title text="Find a job"/>
        <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">"Find a job"</h1>
        <p class="mt-1 text-slate-600">"Every listing shows its pay. Search by words, place and what matters to you."</p>
        // The form lays its parts into the page's grid (`contents`), so the
        // results beside the filters stay outside it: their save buttons
        // are forms of their own, and forms cannot nest.
        <div class="mt-6 grid gap-x-6 gap-y-3 lg:grid-cols-[16rem_1fr] lg:gap-y-6">
        <form method="get" action="/jobs" role="search" aria-label="Jobs" class="contents" on:input=on_input on:submit=on_submit>
            <div class="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end lg:col-span-2">
                <div>
                    <label for="q" class=LABEL>"What"</label>
                    <input id="q" name="q" type="search" class=INPUT placeholder="Job title, skill or company" value=initial.q.clone()/>
                </div>
                <div>
                    <label for="location" class=LABEL>"Where"</label>
                    <input id="location" name="location" type="text" class=INPUT placeholder="City or country" value=initial.location.clone()/>
                </div>
                <button type="submit" class="rounded-md bg-indigo-700 px-5 py-2.5 font-semibold text-white hover:bg-indigo-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700">
                    "Search"
                </button>
            </div>
            // On a phone the filters are a sheet opened from this button
            // (a popover: no script needed); wide screens show them beside.
            <div class="flex items-center justify-between gap-3 lg:hidden">
                <button
                    type="button"
                    popovertarget="filters"
                    class="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
                >
                    {move || match query.read().active_filters() {
                        0 => "Filters".to_string(),
                        n => format!("Filters ({n})"),
                    }}
                </button>
                <p class="text-sm text-slate-600" aria-hidden="true">{move || searching.get().then_some("Searching…")}</p>
            </div>
            <Filters initial=initial.clone() results=results/>
        </form>
                <div class="min-w-0" aria-busy=move || searching.get().to_string()>
                    <Transition fallback=|| view! { <p>"Searching…"</p> } set_pending=set_searching>
                        {move || Suspend::new(async move {
                            match results.await {
                                Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                                Ok(r) => view! { <Results r=r query=query.get_untracked()/> }.into_any(),
                            }
                        })}
                    </Transition>
                </div>
        </div>
    }
}

/// A labelled select of the filter panel; "Any" leaves it out.
#[component]
fn FilterSelect(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    #[prop(default = "Any")] empty: &'static str,
) -> impl IntoView {
    view! {
        <div>
            <label for=name class=LABEL>{label}</label>
            <select id=name name=name class=INPUT>
                <option value="">{empty}</option>
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn SortSelect(best_match: bool, selected: String) -> impl IntoView {
    let mut options = choices(&SORTS);
    if best_match {
        options.insert(0, (BEST_MATCH.0.to_string(), BEST_MATCH.1.to_string()));
    }
    view! { <FilterSelect label="Sort by" name="sort" options selected empty="Most relevant"/> }
}

#[component]
fn Filters(
    initial: JobQuery,
    results: Resource<Result<JobResults, crate::error::AppError>>,
) -> impl IntoView {
    let currencies: Vec<(String, String)> = CURRENCIES
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect();
    let problem = move |field: &'static str| {
        view! {
            <Transition fallback=|| ()>
                {move || {
                    read_results(results, |r| {
                        r.problems.iter().find(|(f, _)| f == field).map(|(_, message)| message.clone())
                    })
                    .map(|message| {
                        view! { <p id=format!("{field}-error") class="mt-1 text-sm font-medium text-red-700">{message}</p> }
                    })
                }}
            </Transition>
        }
    };
    let industry = initial.industry.clone();
    let (sort, initial_sort) = (initial.sort.clone(), initial.sort.clone());
    view! {
        <div
            id="filters"
            popover="auto"
            class="inset-x-0 top-auto bottom-0 m-0 max-h-[85vh] w-full max-w-none space-y-4 overflow-y-auto rounded-t-2xl border border-slate-200 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-900/40 lg:static lg:block lg:max-h-none lg:overflow-visible lg:rounded-xl lg:shadow-none lg:self-start"
        >
            <div class="flex items-center justify-between">
                <h2 id="filters-heading" class="font-semibold text-slate-900">"Filters"</h2>
                <button type="button" popovertarget="filters" popovertargetaction="hide" class="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-800 lg:hidden">
                    "Show results"
                </button>
            </div>
            // "Best match" only for a reader whose profile says enough.
            <Transition fallback=move || view! { <SortSelect best_match=false selected=initial_sort.clone()/> }>
                {move || {
                    let best_match = read_results(results, |r| Some(r.best_match)) == Some(true);
                    view! { <SortSelect best_match selected=sort.clone()/> }
                }}
            </Transition>
            <FilterSelect label="Way of working" name="remote" options=choices(&REMOTE_PREFERENCES[1..]) selected=initial.remote.clone()/>
            <FilterSelect label="Kind of work" name="employment_type" options=choices(&EMPLOYMENT_TYPES) selected=initial.employment_type.clone()/>
            <FilterSelect label="Seniority" name="seniority" options=choices(&SENIORITIES) selected=initial.seniority.clone()/>
            <FilterSelect label="Posted" name="posted" options=choices(&POSTED_WITHIN) selected=initial.posted.clone() empty="Any time"/>
            <Transition fallback=|| ()>
                {move || {
                    let industry = industry.clone();
                    read_results(results, |r| {
                        Some(r.industries.iter().map(|(id, name)| (id.to_string(), name.clone())).collect())
                    })
                    .map(|options| view! { <FilterSelect label="Industry" name="industry" options=options selected=industry/> })
                }}
            </Transition>
            <div>
                <label for="skills" class=LABEL>"Skills"</label>
                <input id="skills" name="skills" type="text" class=INPUT placeholder="SQL, Python" value=initial.skills.clone()/>
            </div>
            <div>
                <label for="company" class=LABEL>"Company"</label>
                <input id="company" name="company" type="text" class=INPUT value=initial.company.clone()/>
            </div>
            <fieldset class="space-y-2">
                <legend class=LABEL>"Pay"</legend>
                <div class="grid grid-cols-2 gap-2">
                    <div>
                        <label for="salary_min" class="text-xs text-slate-700">"From"</label>
                        <input id="salary_min" name="salary_min" type="text" inputmode="decimal" class=INPUT value=initial.salary_min.clone() aria-describedby="salary_min-error"/>
                    </div>
                    <div>
                        <label for="salary_max" class="text-xs text-slate-700">"To"</label>
                        <input id="salary_max" name="salary_max" type="text" inputmode="decimal" class=INPUT value=initial.salary_max.clone() aria-describedby="salary_max-error"/>
                    </div>
                </div>
                {problem("salary_min")}
                {problem("salary_max")}
                <div class="grid grid-cols-2 gap-2">
                    <FilterSelect label="Currency" name="currency" options=currencies selected=initial.currency.clone() empty="Choose…"/>
                    <FilterSelect label="Per" name="period" options=vec![("month".into(), "Month".into()), ("hour".into(), "Hour".into())] selected=initial.period.clone() empty="Year"/>
                </div>
                {problem("currency")}
            </fieldset>
            <a href="/jobs" class="inline-block text-sm font-medium text-indigo-700 underline">"Clear all filters"</a>
        </div>
    }
}

/// What a part of the filter panel needs from the results, read in place:
/// each part cloning the page of results took about 4% of a search's time.
fn read_results<T>(
    results: Resource<Result<JobResults, crate::error::AppError>>,
    pick: impl FnOnce(&JobResults) -> Option<T>,
) -> Option<T> {
    results.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).and_then(pick))
}

#[component]
fn Results(r: JobResults, query: JobQuery) -> impl IntoView {
    let count = match r.total {
        0 => "No jobs match this search.".to_string(),
        1 => "1 job".to_string(),
        n if n >= COUNT_CAP => format!("More than {} jobs", COUNT_CAP - 1),
        n => format!("{n} jobs"),
    };
    let pages = (r.total + PAGE_SIZE - 1) / PAGE_SIZE;
    let page = r.page;
    let link = |target: i64, label: &'static str| {
        view! {
            <a href=query.on_page(target).url() class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
                {label}
            </a>
        }
    };
    let empty = r.hits.is_empty();
    // Where a card's save button brings a browser without script back to.
    let back = query.url();
    preload_save_buttons(&r.hits);
    view! {
        <section aria-labelledby="results-heading" class="min-w-0">
            <h2 id="results-heading" class="sr-only">"Results"</h2>
            <p role="status" class="text-sm font-medium text-slate-700">{count}</p>
            {empty.then(|| view! {
                <p class="mt-4 rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-700">
                    "Try fewer words, another spelling, or clear a filter."
                </p>
            })}
            <ol class="mt-3 space-y-3">
                {r.hits.into_iter().map(|hit| view! { <li><HitCard hit=hit now=r.now back=back.clone()/></li> }).collect_view()}
            </ol>
            {(pages > 1).then(|| view! {
                <nav aria-label="Pages" class="mt-6 flex items-center justify-between gap-2">
                    <div>{(page > 1).then(|| link(page - 1, "Previous"))}</div>
                    <p class="text-sm text-slate-700">{format!("Page {page} of {pages}")}</p>
                    <div>{(page < pages).then(|| link(page + 1, "Next"))}</div>
                </nav>
            })}
        </section>
    }
}

/// Names the save button's code in the page when these cards have one, so
/// the browser fetches it with the page.
pub(crate) fn preload_save_buttons(hits: &[JobHit]) {
    #[cfg(feature = "ssr")]
    if hits.iter().any(|hit| hit.saved.is_some()) {
        crate::preload::preload_split("save_toggle");
    }
    #[cfg(not(feature = "ssr"))]
    let _ = hits;
}

/// A vacancy's card in a list. `back` is where its save button brings a
/// browser without script back to; `show_company` is off on the company's
/// own page.
#[component]
pub(crate) fn HitCard(
    hit: JobHit,
    now: time::OffsetDateTime,
    back: String,
    #[prop(default = true)] show_company: bool,
) -> impl IntoView {
    let facts = [Some(hit.remote), Some(hit.employment_type), hit.seniority]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let company = hit
        .company
        .clone()
        .unwrap_or_else(|| "Confidential company".into());
    let save = hit.saved.map(|saved| {
        let toggle = save_toggle(hit.vacancy_id, hit.title.clone(), saved, back);
        view! { <Suspense fallback=|| ()>{Suspend::new(toggle)}</Suspense> }
    });
    // Cards out of sight are laid out only when scrolled to: the first
    // layout of a page of twenty took about twice as long without this.
    view! {
        <article id=format!("job-{}", hit.slug) class="scroll-mt-20 rounded-xl border border-slate-200 bg-white p-4 [contain-intrinsic-size:auto_14rem] [content-visibility:auto] hover:border-indigo-300">
            <div class="flex flex-wrap items-start justify-between gap-2">
                <div class="flex min-w-0 gap-3">
                    {show_company.then(|| view! { <Logo name=company.clone() url=hit.logo_url size="h-11 w-11"/> })}
                    <div class="min-w-0">
                        <h3 class="text-lg font-semibold text-slate-900 break-words">
                            <a href=crate::vacancies::vacancy_url(&hit.slug) class="hover:underline">{hit.title}</a>
                        </h3>
                        <p class="text-sm text-slate-700">
                            {[show_company.then_some(company), (!hit.place.is_empty()).then_some(hit.place)]
                                .into_iter()
                                .flatten()
                                .collect::<Vec<_>>()
                                .join(" · ")}
                        </p>
                    </div>
                </div>
                <div class="flex items-center gap-2">
                    {hit.featured.then(|| view! { <FeaturedBadge/> })}
                    {hit.match_score.map(|score| view! {
                        <span class="rounded-full bg-indigo-100 px-2.5 py-0.5 text-xs font-semibold text-indigo-900">
                            {format!("{score}% match")}
                        </span>
                    })}
                </div>
            </div>
            <p class="mt-2 font-semibold text-emerald-900">{hit.salary}</p>
            <p class="mt-1 text-sm text-slate-700">{facts}</p>
            <p class="mt-2 text-sm text-slate-800">
                {hit.snippet
                    .into_iter()
                    .map(|(text, marked)| {
                        if marked {
                            view! { <mark class="rounded bg-yellow-100 px-0.5 text-slate-900">{text}</mark> }.into_any()
                        } else {
                            text.into_any()
                        }
                    })
                    .collect_view()}
            </p>
            <div class="mt-3 flex flex-wrap items-center justify-between gap-2">
                <ul class="flex flex-wrap gap-1.5 text-xs" aria-label="Required skills">
                    {hit.skills.into_iter().map(|s| view! { <li class="rounded-md bg-slate-100 px-2 py-0.5 text-slate-800">{s}</li> }).collect_view()}
                </ul>
                <div class="flex items-center gap-3">
                    <p class="text-xs text-slate-600">{format!("Posted {}", crate::ui::relative_day(hit.published_at, now))}</p>
                    {save}
                </div>
            </div>
        </article>
    }
}

#[component]
fn FeaturedBadge() -> impl IntoView {
    view! {
        <span class="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">"Featured"</span>
    }
}

#[component]
pub fn JobPage() -> impl IntoView {
    crate::ui::PageVersion::provide();
    let version = crate::ui::PageVersion::get();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let job = Resource::new(move || (slug(), version.get()), |(slug, _)| get_job(slug));
    view! {
        // Visitors' pages stay on Suspense: a Transition's code would push
        // the job page past its first-load budget, and only an admin's
        // featuring reloads it.
        <Suspense fallback=|| view! { <crate::ui::PageSkeleton label="Loading…"/> }>
            {move || Suspend::new(async move {
                match job.await {
                    Err(e) => view! { <Title text="Job"/><ErrorNotice error=e/> }.into_any(),
                    Ok(job) => view! { <JobView job=job/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Why a vacancy takes no applications, or nothing while it does.
fn closed_notice(job: &JobPosting) -> Option<&'static str> {
    if job.open {
        return None;
    }
    Some(match job.status {
        VacancyStatus::Paused => "This vacancy is paused and is not taking applications right now.",
        VacancyStatus::Filled => {
            "This vacancy has been filled and is no longer taking applications."
        }
        VacancyStatus::Active => "This listing has ended and is no longer taking applications.",
        _ => "This vacancy is closed and is no longer taking applications.",
    })
}

#[component]
fn JobView(job: JobPosting) -> impl IntoView {
    let notice = closed_notice(&job);
    let json_ld = job.json_ld.clone();
    let edit = job.own_company.then(|| {
        view! {
            <a class="font-medium text-indigo-700 underline" href=format!("/employer/vacancies/{}/edit", job.id)>
                "Edit this vacancy"
            </a>
        }
    });
    view! {
        <Title text=job.display.title.clone()/>
        {json_ld.map(|text| view! { <Script type_="application/ld+json">{text}</Script> })}
        <p class="mb-4 text-sm"><a class="font-medium text-indigo-700 underline" href="/jobs">"All jobs"</a></p>
        {notice.map(|text| view! {
            <div role="alert" class="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-4 font-medium text-amber-900">{text}</div>
        })}
        <div class="grid gap-6 lg:grid-cols-[1fr_20rem]">
            <div class="min-w-0 rounded-xl border border-slate-200 bg-white p-6 lg:self-start">
                {job.featured.then(|| view! { <p class="mb-2"><FeaturedBadge/></p> })}
                <VacancyDetails d=job.display.clone() title_level=1/>
                <p class="mt-6 text-sm text-slate-600">
                    {format!("Posted {}", format_day(job.published_at))}
                    {job.open.then(|| job.expires_at.map(|e| format!(" · open until {}", format_time(e)))).flatten()}
                </p>
                {edit}
                {(!job.own_company && !job.can_feature).then(|| view! {
                    <p class="mt-4"><crate::moderation::pages::ReportLink entity=crate::moderation::rules::Entity::Vacancy id=job.id/></p>
                })}
            </div>
            <aside class="space-y-4">
                {match job.matching {
                    Some(m) => view! { <MatchCard m=m/> }.into_any(),
                    None => view! {
                        <section class="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
                            <h2 class="font-semibold text-slate-900">"How well do you match?"</h2>
                            <p class="mt-1">"Job seekers who are signed in see how their profile fits this role."</p>
                        </section>
                    }
                    .into_any(),
                }}
                {(job.visitor && job.open).then(|| view! { <VisitorApply/> })}
                {job.candidate.map(|side| {
                    #[cfg(feature = "ssr")]
                    crate::preload::preload_split("apply_panel");
                    let panel = apply_panel(job.id, job.open, side);
                    view! { <Suspense fallback=|| ()>{Suspend::new(panel)}</Suspense> }
                })}
                <CompanyCardView company=job.company/>
                {job.can_feature.then(|| {
                    #[cfg(feature = "ssr")]
                    crate::preload::preload_split("feature_panel");
                    let panel = feature_panel(job.id, job.featured);
                    view! { <Suspense fallback=|| ()>{Suspend::new(panel)}</Suspense> }
                })}
            </aside>
        </div>
    }
}

/// Applying, for someone not signed in: sign up or log in, and come back
/// to this job (`next=`), with a bar at the bottom of a phone's screen.
#[component]
fn VisitorApply() -> impl IntoView {
    let (login, register) = crate::ui::sign_in_links();
    let bar_register = register();
    view! {
        <section id="apply" aria-labelledby="apply-heading" class="scroll-mt-4 rounded-xl border border-indigo-200 bg-white p-4 text-sm">
            <h2 id="apply-heading" class="font-semibold text-slate-900">"Apply for this job"</h2>
            <p class="mt-1 text-slate-700">
                "Create a free account to apply in a minute and follow your application to the offer."
            </p>
            <a class=format!("mt-3 {}", crate::ui::PRIMARY_BUTTON) href=register>"Sign up to apply"</a>
            <p class="mt-3 text-slate-700">
                "Already have an account? "
                <a class="font-medium text-indigo-700 underline" href=login>"Log in"</a>
            </p>
        </section>
        <crate::ui::StickyActionBar>
            <a class=crate::ui::PRIMARY_BUTTON href=bar_register>"Sign up to apply"</a>
        </crate::ui::StickyActionBar>
    }
}

/// Apply and save, for a signed-in job seeker only: its code is a chunk of
/// its own, so visitors (most readers of a job page) never download it.
#[lazy]
fn apply_panel(
    vacancy_id: uuid::Uuid,
    open: bool,
    side: crate::applications::CandidateSide,
) -> AnyView {
    view! { <ApplyPanel vacancy_id open side/> }.into_any()
}

/// A result's save button, for a signed-in job seeker only (see
/// `apply_panel`).
#[lazy]
fn save_toggle(vacancy_id: uuid::Uuid, title: String, saved: bool, back: String) -> AnyView {
    view! { <SaveToggle vacancy_id title saved back/> }.into_any()
}

/// The admins' switch, loaded for admins only (see `apply_panel`).
#[lazy]
fn feature_panel(vacancy_id: uuid::Uuid, featured: bool) -> AnyView {
    view! { <FeaturePanel vacancy_id featured/> }.into_any()
}

/// Before a job page or the search is hydrated, the code of the panels the
/// server put in it (found by their headings, or the save buttons' mark): a
/// panel's `Suspense` must find its code loaded to hydrate what the server
/// sent, or it would render its fallback over it. Other pages have none.
#[cfg(target_arch = "wasm32")]
pub(crate) async fn preload_panels() {
    let present = |id: &str| document().get_element_by_id(id).is_some();
    if document()
        .query_selector("[data-save-toggle]")
        .ok()
        .flatten()
        .is_some()
    {
        __preload_save_toggle().await;
    }
    if present("save-heading") {
        __preload_apply_panel().await;
    }
    if present("feature-heading") {
        __preload_feature_panel().await;
    }
}

/// The admins' switch for the featured badge.
#[component]
fn FeaturePanel(vacancy_id: uuid::Uuid, featured: bool) -> impl IntoView {
    let feature = ServerAction::<SetVacancyFeatured>::new();
    crate::ui::reload_on_success(feature.value());
    let (_, error) = crate::ui::action_errors(feature.value());
    view! {
        <section aria-labelledby="feature-heading" class="rounded-xl border border-slate-200 bg-white p-4 text-sm">
            <h2 id="feature-heading" class="font-semibold text-slate-900">"Admin"</h2>
            <p class="mt-1 text-slate-700">
                {if featured { "Featured: the badge shows in search and here." } else { "Not featured." }}
            </p>
            <ActionForm action=feature attr:class="mt-3">
                <crate::ui::FormError error=error/>
                <input type="hidden" name="vacancy_id" value=vacancy_id.to_string()/>
                <input type="hidden" name="featured" value=(!featured).to_string()/>
                <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-900 hover:bg-slate-100">
                    {if featured { "Stop featuring" } else { "Feature this job" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The candidate's score and its factors in words; `nested` under another
/// heading (a deck card), its own heading is one level down.
#[component]
pub(crate) fn MatchCard(m: MatchScore, #[prop(optional)] nested: bool) -> impl IntoView {
    let score = m.shown();
    let title = match score {
        Some(score) => format!("Your match: {score}%"),
        None => "Your match: not enough information yet".to_string(),
    };
    let class = "font-semibold text-slate-900";
    let heading = if nested {
        view! { <h3 id="match-heading" class=class>{title}</h3> }.into_any()
    } else {
        view! { <h2 id="match-heading" class=class>{title}</h2> }.into_any()
    };
    // Until enough is known, the factors still to fill in, not a number.
    let factors: Vec<_> = match score {
        Some(_) => m.factors,
        None => m
            .factors
            .into_iter()
            .filter(|f| f.fit == Fit::Unknown)
            .collect(),
    };
    let meter = match score {
        Some(score) => view! {
            <div class="mt-2 h-2 rounded-full bg-slate-100" aria-hidden="true">
                <div class="h-2 rounded-full bg-indigo-600" style=format!("width: {score}%")></div>
            </div>
        }
        .into_any(),
        None => view! {
            <p class="mt-1 text-sm text-slate-700">
                "Add your skills and experience to see how well you fit. "
                <a class="font-medium text-indigo-700 underline" href="/profile">"Complete your profile"</a>
            </p>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="match-heading" class="rounded-xl border border-indigo-200 bg-white p-4">
            {heading}
            {meter}
            <ul class="mt-3 space-y-2 text-sm">
                {factors
                    .into_iter()
                    .map(|f| {
                        let (mark, colour, said) = match f.fit {
                            Fit::Good => ("✓", "text-emerald-800", "Good fit"),
                            Fit::Partial => ("◐", "text-amber-800", "Partial fit"),
                            Fit::Poor => ("✗", "text-rose-800", "Poor fit"),
                            Fit::Unknown => ("?", "text-slate-600", "Not known yet"),
                        };
                        view! {
                            <li class="flex gap-2">
                                <span class=format!("w-4 shrink-0 font-bold {colour}") aria-hidden="true">{mark}</span>
                                <span>
                                    <span class="sr-only">{format!("{said}: ")}</span>
                                    <span class="font-medium text-slate-900">{f.name}</span>
                                    <span class="text-slate-700">{format!(": {}", f.detail)}</span>
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn CompanyCardView(company: Option<super::CompanyCard>) -> impl IntoView {
    match company {
        None => view! {
            <section class="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700">
                <h2 class="font-semibold text-slate-900">"Confidential company"</h2>
                <p class="mt-1">"The employer shares its name with candidates who apply or accept an introduction."</p>
            </section>
        }
        .into_any(),
        Some(c) => {
            let facts = [c.industry.clone(), c.size.clone(), Some(c.headquarters.clone())]
                .into_iter()
                .flatten()
                .filter(|f| !f.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <section aria-labelledby="company-heading" class="rounded-xl border border-slate-200 bg-white p-4 text-sm">
                    <div class="flex items-center gap-3">
                        <Logo name=c.name.clone() url=c.logo_url.clone() size="h-12 w-12"/>
                        <div class="min-w-0">
                            <h2 id="company-heading" class="font-semibold text-slate-900 break-words">
                                <a class="hover:underline" href=format!("/companies/{}", c.slug)>{c.name.clone()}</a>
                            </h2>
                            <VerifiedBadge verified=c.verified/>
                        </div>
                    </div>
                    <p class="mt-3 text-slate-700">{facts}</p>
                    {(!c.description.is_empty()).then(|| view! {
                        <p class="mt-2 line-clamp-5 whitespace-pre-line text-slate-800">{c.description.clone()}</p>
                    })}
                </section>
            }
            .into_any()
        }
    }
}
