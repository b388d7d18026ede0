//! `/welcome`: a new job seeker's first steps, one screen each. The résumé
//! comes first (what it suggests is added with a click), then who they are,
//! then what they look for; every step saves on its own, can be skipped, and
//! the progress shows where they are. Changes made on a step return to it:
//! the profile's and the files' server functions send a change back to the
//! step it came from (`step_of` the page's address).

use super::pages::{
    CompletenessBar, CurrentRoleSection, IdentitySection, LocationSection, PreferencesSection,
};
use crate::ui::{ErrorNotice, PRIMARY_BUTTON, PageSkeleton, PageVersion};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The steps, by title; the screen after the last says what comes next.
const STEPS: [&str; 3] = [
    "Start with your résumé",
    "About you",
    "What you are looking for",
];

/// The onboarding step (from 1) an address is on, if it is one: the
/// profile's changes return there instead of to the editor. Only
/// `/welcome?step=N` of this site counts, whatever else the address says.
pub fn step_of(address: &str) -> Option<usize> {
    let path = match address.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/')?..],
        None => address,
    };
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    if path != "/welcome" {
        return None;
    }
    let step = query
        .split(['&', '#'])
        .find_map(|pair| pair.strip_prefix("step="))
        .map_or(Some(1), |n| n.parse().ok())?;
    (1..=STEPS.len()).contains(&step).then_some(step)
}

/// After a change to the profile or its files: back to the onboarding step
/// the change came from, or to the editor's `anchor`, showing `notice`.
#[cfg(feature = "ssr")]
pub fn return_after_change(notice: &str, anchor: &str) {
    let step = use_context::<http::request::Parts>()
        .and_then(|parts| parts.headers.get(http::header::REFERER).cloned())
        .and_then(|referer| step_of(referer.to_str().ok()?));
    let to = match step {
        Some(step) => format!("/welcome?step={step}&notice={notice}"),
        None if anchor.is_empty() => format!("/profile?notice={notice}"),
        None => format!("/profile?notice={notice}#{anchor}"),
    };
    leptos_axum::redirect(&to);
}

#[component]
pub fn WelcomePage() -> impl IntoView {
    PageVersion::provide();
    let query = use_query_map();
    let step = Memo::new(move |_| {
        query
            .read()
            .get("step")
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, STEPS.len() + 1)
    });
    let href = |n: usize| {
        if n == 1 {
            "/welcome".to_string()
        } else {
            format!("/welcome?step={n}")
        }
    };
    view! {
        <Title text="Get started"/>
        <div class="mx-auto max-w-2xl">
            <StepProgress step=step/>
            {move || {
                let n = step.get();
                match n {
                    1 => view! { <ResumeStep/> }.into_any(),
                    2 => view! { <ProfileStep step=2/> }.into_any(),
                    3 => view! { <ProfileStep step=3/> }.into_any(),
                    _ => view! { <Ready/> }.into_any(),
                }
            }}
            {move || {
                let n = step.get();
                (n <= STEPS.len()).then(|| view! {
                    <nav aria-label="Onboarding" class="mt-8 flex items-center justify-between gap-3 border-t border-slate-200 pt-4">
                        {
                            let (back, label) = if n > 1 { (href(n - 1), "Back") } else { ("/".to_string(), "Do this later") };
                            view! { <a class="font-medium text-indigo-700 underline" href=back>{label}</a> }
                        }
                        <a class=PRIMARY_BUTTON href=href(n + 1)>"Continue"</a>
                    </nav>
                })
            }}
        </div>
    }
}

/// "Step 2 of 3", a bar, and the steps by name with the current one marked.
#[component]
fn StepProgress(step: Memo<usize>) -> impl IntoView {
    let total = STEPS.len();
    view! {
        {move || {
            let n = step.get();
            (n <= total).then(|| {
                let width = format!("width: {}%", n * 100 / total);
                view! {
                    <p class="text-sm font-medium text-indigo-700">{format!("Step {n} of {total}")}</p>
                    <div class="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                        <div class="h-full rounded-full bg-indigo-600" style=width></div>
                    </div>
                    <ol aria-label="Steps" class="mt-3 hidden gap-4 text-sm sm:flex">
                        {STEPS.iter().enumerate().map(|(i, title)| {
                            let current = i + 1 == n;
                            let class = if current { "font-semibold text-slate-900" } else { "text-slate-600" };
                            view! { <li class=class aria-current=current.then_some("step")>{format!("{}. {title}", i + 1)}</li> }
                        }).collect_view()}
                    </ol>
                    <h1 class="mt-6 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{STEPS[n - 1]}</h1>
                }
            })
        }}
    }
}

/// The résumé: uploaded here, it is read in the background and what it
/// suggests (skills, titles, years) appears beside it to add.
#[component]
fn ResumeStep() -> impl IntoView {
    let version = PageVersion::get();
    let media = Resource::new(move || version.get(), |_| crate::media::api::get_my_media());
    view! {
        <p class="mt-2 mb-6 text-slate-700">
            "We read it for your skills, job titles and experience, and you choose what goes on your profile. Only you can download it."
        </p>
        <Transition fallback=|| view! { <PageSkeleton label="Loading your résumés…" compact=true/> }>
            {move || Suspend::new(async move {
                match media.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(m) => view! {
                        <crate::media::pages::ResumesSection then="/welcome?step=1&notice=resume_uploaded" resumes=m.resumes/>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// Who they are (step 2) or what they look for (step 3): the editor's own
/// sections.
#[component]
fn ProfileStep(step: usize) -> impl IntoView {
    let version = PageVersion::get();
    let profile = Resource::new(move || version.get(), |_| super::api::get_my_profile());
    let intro = if step == 2 {
        "Your name and a one-line headline are what companies see first."
    } else {
        "Jobs are matched and ordered by these. Skip anything you would rather not say."
    };
    view! {
        <p class="mt-2 mb-6 text-slate-700">{intro}</p>
        <crate::ui::PageData label="Loading your profile…">
            {move || Suspend::new(async move {
                match profile.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) if step == 2 => view! {
                        <div class="space-y-6">
                            <IdentitySection p=p.clone()/>
                            <CurrentRoleSection p=p.clone()/>
                            <LocationSection p=p/>
                        </div>
                    }
                    .into_any(),
                    Ok(p) => view! { <PreferencesSection p=p/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

/// The end: how complete the profile is, and where to go now.
#[component]
fn Ready() -> impl IntoView {
    view! {
        <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">"You are ready"</h1>
        <p class="mt-2 mb-6 text-slate-700">
            "Companies can find you, and jobs are ordered by how well you match. Everything can be changed later in your profile."
        </p>
        <CompletenessBar/>
        <div class="flex flex-wrap gap-3">
            <a class=PRIMARY_BUTTON href="/swipe">"Discover jobs"</a>
            <a class="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2.5 font-semibold text-slate-800 hover:bg-slate-50" href="/profile">"Open your profile"</a>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::step_of;

    #[test]
    fn only_this_sites_welcome_steps_count() {
        assert_eq!(step_of("http://localhost:3000/welcome?step=2"), Some(2));
        assert_eq!(step_of("https://hirewell.example/welcome"), Some(1));
        assert_eq!(step_of("/welcome?notice=saved&step=3"), Some(3));
        assert_eq!(step_of("/welcome?step=4"), None);
        assert_eq!(step_of("/welcome?step=x"), None);
        assert_eq!(step_of("/profile?step=2"), None);
        assert_eq!(step_of("https://evil.example/welcomes?step=1"), None);
        assert_eq!(step_of("https://host"), None);
    }
}
