//! `/`: the visitor's introduction, or the member's home of what needs
//! them (see the module's types).

use super::api::get_home;
use super::{CandidateHome, EmployerHome, Home, MemberHome};
use crate::auth::pages::Auth;
use crate::profiles::pages::ProfileStrength;
use crate::ui::{ErrorNotice, Panel, count, format_time, relative_day};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use time::OffsetDateTime;

const PRIMARY: &str = "inline-flex items-center justify-center rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800";
const SECONDARY: &str = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100";
const ITEM_LINK: &str = "font-medium text-indigo-700 hover:underline";

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = Auth::get();
    // Loads again when someone logs in or out.
    let signed_in = move || {
        auth.session
            .get()
            .and_then(Result::ok)
            .and_then(|s| s.user)
            .map(|u| u.id)
    };
    let home = Resource::new(signed_in, |_| get_home());
    view! {
        <Title text="Hirewell: hiring that respects your time"/>
        <crate::ui::PageData label="Loading your home…">
            {move || Suspend::new(async move {
                match home.await {
                    Ok(None) => view! { <Welcome/> }.into_any(),
                    Ok(Some(Home { member: MemberHome::Admin, .. })) => view! { <Redirect path="/admin"/> }.into_any(),
                    Ok(Some(Home { now, member: MemberHome::Candidate(h) })) => view! { <CandidateHomeView h now/> }.into_any(),
                    Ok(Some(Home { now, member: MemberHome::Employer(h) })) => view! { <EmployerHomeView h now/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

/// The greeting, a line of what is going on, and the one main action.
#[component]
fn HomeHeader(
    title: String,
    summary: String,
    action: (String, &'static str),
    #[prop(optional)] secondary: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    let (href, label) = action;
    view! {
        <header class="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
            <div class="min-w-0">
                <h1 class="text-2xl font-semibold tracking-tight text-slate-900 break-words sm:text-3xl">{title}</h1>
                <p class="mt-2 text-slate-700">{summary}</p>
            </div>
            <div class="flex flex-wrap gap-3">
                <a class=PRIMARY href=href>{label}</a>
                {secondary.map(|(href, label)| view! { <a class=SECONDARY href=href>{label}</a> })}
            </div>
        </header>
    }
}

fn greeting(first_name: &str) -> String {
    if first_name.trim().is_empty() {
        "Welcome back".into()
    } else {
        format!("Welcome back, {}", first_name.trim())
    }
}

/// A job seeker is still getting started until their profile is half
/// complete or they have applied somewhere.
fn getting_started(h: &CandidateHome) -> bool {
    h.completeness.score < 50 && h.active_applications == 0 && h.interviews.is_empty()
}

#[component]
fn CandidateHomeView(h: CandidateHome, now: OffsetDateTime) -> impl IntoView {
    let new_user = getting_started(&h);
    let title = if new_user {
        "Let’s get you ready to apply".to_string()
    } else {
        greeting(&h.first_name)
    };
    let summary = if new_user {
        "A complete profile gets better matches. Start with your résumé: it takes a minute."
            .to_string()
    } else {
        let mut parts =
            vec![count(h.active_applications, "application", "applications") + " in progress"];
        if !h.interviews.is_empty() {
            parts.push(count(h.interviews.len() as i64, "interview", "interviews") + " coming up");
        }
        if h.new_matches > 0 {
            parts.push(count(h.new_matches, "new job", "new jobs") + " to discover");
        }
        format!("{}.", parts.join(", "))
    };
    let action = if new_user {
        ("/welcome".to_string(), "Upload your résumé")
    } else if h.new_matches > 0 {
        ("/swipe".to_string(), "Discover new jobs")
    } else {
        ("/jobs".to_string(), "Find jobs")
    };
    let secondary = if new_user {
        ("/jobs", "Browse jobs first")
    } else {
        ("/applications", "Your applications")
    };
    let show_strength = h.completeness.score < 100;
    let completeness = h.completeness.clone();
    view! {
        <HomeHeader title summary action secondary/>
        <div class="grid gap-4 md:grid-cols-2">
            {(!h.interviews.is_empty()).then(|| view! {
                <Panel title="Next interviews">
                    <ul class="divide-y divide-slate-100">
                        {h.interviews.into_iter().map(|i| view! {
                            <li class="py-3 first:pt-0 last:pb-0">
                                <a class=ITEM_LINK href=crate::vacancies::vacancy_url(&i.vacancy_slug)>{i.vacancy_title}</a>
                                <p class="text-sm text-slate-700">{i.company}</p>
                                <p class="mt-1 text-sm font-medium text-slate-900">
                                    {format!("{} · {}", relative_day(i.at, now), format_time(i.at))}
                                </p>
                                {(!i.location.is_empty()).then(|| view! { <p class="text-sm text-slate-700">{i.location}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </Panel>
            })}
            {show_strength.then(|| view! { <ProfileStrength completeness editor="/profile"/> })}
            <Panel title="Replies from employers">
                {if h.replies.is_empty() {
                    view! {
                        <p class="text-sm text-slate-700">
                            "Nothing new in the last two weeks. When a hiring team moves your application, it shows here."
                        </p>
                    }.into_any()
                } else {
                    view! {
                        <ul class="divide-y divide-slate-100">
                            {h.replies.into_iter().map(|r| view! {
                                <li class="py-3 first:pt-0 last:pb-0">
                                    <p class="font-medium text-slate-900">{r.title}</p>
                                    <p class="text-sm text-slate-700">{format!("{} · {} · {}", r.vacancy_title, r.company, relative_day(r.at, now))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                        <a class="mt-3 inline-block text-sm font-medium text-indigo-700 underline" href="/applications">"All your applications"</a>
                    }.into_any()
                }}
            </Panel>
            <Panel title="New matches">
                {if h.new_matches > 0 {
                    let label = if h.new_matches >= 100 { "100+ new jobs".to_string() } else { count(h.new_matches, "new job", "new jobs") };
                    view! {
                        <p class="text-sm text-slate-700">
                            <strong class="text-2xl font-semibold text-slate-900">{label}</strong>
                            " since you last swiped."
                        </p>
                        <a class="mt-3 inline-block text-sm font-medium text-indigo-700 underline" href="/swipe">"Swipe through them"</a>
                    }.into_any()
                } else {
                    view! {
                        <p class="text-sm text-slate-700">"You have seen every new job. We will show new ones here as they are posted."</p>
                    }.into_any()
                }}
            </Panel>
            {(!h.closing_saved.is_empty()).then(|| view! {
                <Panel title="Saved jobs closing soon">
                    <ul class="divide-y divide-slate-100">
                        {h.closing_saved.into_iter().map(|j| view! {
                            <li class="py-3 first:pt-0 last:pb-0">
                                <a class=ITEM_LINK href=crate::vacancies::vacancy_url(&j.slug)>{j.title}</a>
                                <p class="text-sm text-slate-700">
                                    {j.company.map(|c| format!("{c} · ")).unwrap_or_default()}
                                    {format!("closes {}", relative_day(j.expires_at, now))}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                </Panel>
            })}
        </div>
    }
}

#[component]
fn EmployerHomeView(h: EmployerHome, now: OffsetDateTime) -> impl IntoView {
    let Some(company) = h.company else {
        return view! {
            <HomeHeader
                title="Set up hiring at your company".to_string()
                summary="Create your company's page to post vacancies, or join your team through the invitation a colleague sent you.".to_string()
                action=("/company".to_string(), "Set up your company")
                secondary=("/company/join", "Invitations for you")
            />
        }
        .into_any();
    };
    let waiting: i64 = h.new_applicants.iter().map(|v| v.new_applicants).sum();
    let title = greeting(&h.first_name);
    let mut parts = vec![count(waiting, "new applicant", "new applicants") + " to review"];
    parts.push(count(h.interviews.len() as i64, "interview", "interviews") + " this week");
    let summary = format!("{company}: {}.", parts.join(", "));
    let action = match h.new_applicants.first() {
        Some(top) => (
            pipeline(top.vacancy_id, "?stage=submitted"),
            "Review new applicants",
        ),
        None if h.vacancies == 0 => (
            "/employer/vacancies/new".to_string(),
            "Post your first vacancy",
        ),
        None => ("/employer/vacancies/new".to_string(), "Post a vacancy"),
    };
    view! {
        <HomeHeader title summary action secondary=("/employer/vacancies", "All vacancies")/>
        <div class="grid gap-4 md:grid-cols-2">
            <Panel title="New applicants">
                {if h.new_applicants.is_empty() {
                    view! { <p class="text-sm text-slate-700">"No one is waiting for a first look."</p> }.into_any()
                } else {
                    view! {
                        <ul class="divide-y divide-slate-100">
                            {h.new_applicants.into_iter().map(|v| view! {
                                <li class="flex items-center justify-between gap-3 py-3 first:pt-0 last:pb-0">
                                    <a class=ITEM_LINK href=pipeline(v.vacancy_id, "?stage=submitted")>{v.title}</a>
                                    <span class="shrink-0 rounded-full bg-indigo-50 px-2.5 py-0.5 text-sm font-semibold text-indigo-800">
                                        {format!("{} new of {}", v.new_applicants, v.total)}
                                    </span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Panel>
            <Panel title="Interviews this week">
                {if h.interviews.is_empty() {
                    view! { <p class="text-sm text-slate-700">"No interviews in the next seven days."</p> }.into_any()
                } else {
                    view! {
                        <ul class="divide-y divide-slate-100">
                            {h.interviews.into_iter().map(|i| view! {
                                <li class="py-3 first:pt-0 last:pb-0">
                                    <a class=ITEM_LINK href=pipeline(i.vacancy_id, &format!("?application={}", i.application_id))>{i.candidate}</a>
                                    <p class="text-sm text-slate-700">{i.vacancy_title}</p>
                                    <p class="mt-1 text-sm font-medium text-slate-900">{format!("{} · {}", relative_day(i.at, now), format_time(i.at))}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Panel>
            {(!h.expiring.is_empty()).then(|| view! {
                <Panel title="Vacancies closing soon">
                    <ul class="divide-y divide-slate-100">
                        {h.expiring.into_iter().map(|v| view! {
                            <li class="py-3 first:pt-0 last:pb-0">
                                <a class=ITEM_LINK href=format!("/employer/vacancies/{}/edit", v.vacancy_id)>{v.title}</a>
                                <p class="text-sm text-slate-700">{format!("Listing ends {}", relative_day(v.expires_at, now))}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </Panel>
            })}
            {h.pending_invitations.filter(|n| *n > 0).map(|n| view! {
                <Panel title="Team invitations">
                    <p class="text-sm text-slate-700">{count(n, "invitation is", "invitations are")} " waiting for an answer."</p>
                    <a class="mt-3 inline-block text-sm font-medium text-indigo-700 underline" href="/company/team">"Manage your team"</a>
                </Panel>
            })}
        </div>
    }
    .into_any()
}

fn pipeline(vacancy_id: uuid::Uuid, query: &str) -> String {
    format!("/employer/vacancies/{vacancy_id}/pipeline{query}")
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <section class="py-8 text-center sm:py-16">
            <h1 class="mx-auto max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
                "Hiring that respects your time"
            </h1>
            <p class="mx-auto mt-6 max-w-2xl text-lg text-slate-700">
                "Hirewell connects job seekers and senior professionals with companies. "
                "You decide who sees your profile, and introductions happen only when both sides say yes."
            </p>
            <div class="mt-10 flex flex-col items-center justify-center gap-3 sm:flex-row">
                <a class="w-full rounded-md bg-indigo-700 px-6 py-3 font-semibold text-white hover:bg-indigo-800 sm:w-auto" href="/register">
                    "Create a free account"
                </a>
                <a class="w-full rounded-md border border-slate-300 bg-white px-6 py-3 font-semibold text-slate-900 hover:bg-slate-100 sm:w-auto" href="/login">
                    "Log in"
                </a>
            </div>
        </section>
        <section aria-label="Why Hirewell" class="grid gap-4 sm:grid-cols-3">
            <div class="rounded-xl border border-slate-200 bg-white p-6">
                <h2 class="font-semibold">"Private by design"</h2>
                <p class="mt-2 text-sm text-slate-700">"Your data stays yours: we never sell it, and you can take it with you."</p>
            </div>
            <div class="rounded-xl border border-slate-200 bg-white p-6">
                <h2 class="font-semibold">"For both sides"</h2>
                <p class="mt-2 text-sm text-slate-700">"One account type for people looking for work, one for the teams hiring them."</p>
            </div>
            <div class="rounded-xl border border-slate-200 bg-white p-6">
                <h2 class="font-semibold">"Secure accounts"</h2>
                <p class="mt-2 text-sm text-slate-700">"Modern password hashing, confirmed email addresses and lockout against guessing."</p>
            </div>
        </section>
    }
}
