//! `/profile`, the candidate's editor (one form per section), and `/p/{id}`,
//! the profile as others may see it.

use super::api::{
    SaveCurrentRole, SaveIdentity, SaveLinks, SaveLocation, SavePreferences, get_completeness,
    get_my_profile, get_public_profile,
};
use super::completeness::Completeness;
use super::rules::{CURRENCIES, EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SALARY_PERIODS, SENIORITIES};
use super::{ProfileForm, PublicProfile};
use crate::ui::ActionForm;
use crate::ui::choices;
use crate::ui::{
    ErrorNotice, FoldingSection, FormError, PageHeading, SelectField, SubmitButton, TextArea,
    TextField, Toggle, action_errors,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    crate::ui::PageVersion::provide();
    // On a phone the page is a list of sections, each opened to edit.
    crate::ui::FoldingPanels::provide();
    // Loads again after each save, so the folded sections' lines are current.
    let version = crate::ui::PageVersion::get();
    let profile = Resource::new(move || version.get(), |_| get_my_profile());
    view! {
        <Title text="Your profile"/>
        <PageHeading
            title="Your profile"
            subtitle=Some("Each section saves on its own. Who can see your profile is set in Settings.")
        />
        <crate::ui::ContinueBanner text="When your résumé is uploaded:"/>
        // Inside a Transition: the session resource must resolve before this
        // renders, on the server as in the browser, or hydration would differ.
        <Transition fallback=|| ()>
            {move || {
                crate::auth::pages::Auth::get()
                    .session
                    .get()
                    .and_then(Result::ok)
                    .and_then(|s| s.user)
                    .map(|user| view! {
                        <p class="-mt-3 mb-6">
                            <a class="font-medium text-indigo-700 underline" href=format!("/p/{}", user.id)>
                                "See your profile as others do"
                            </a>
                        </p>
                    })
            }}
        </Transition>
        <CompletenessBar/>
        // The résumé first: its suggestions fill in the rest.
        <crate::media::pages::MediaEditor/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match profile.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! {
                        <div class="mt-6 grid gap-6 lg:grid-cols-2">
                            <IdentitySection p=p.clone()/>
                            <CurrentRoleSection p=p.clone()/>
                            <LocationSection p=p.clone()/>
                            <PreferencesSection p=p.clone()/>
                            <LinksSection p=p/>
                        </div>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
        // These load their own data. They sit outside the Transition above:
        // a resource created inside a Suspend may be created twice while the
        // server renders, which shifts the data handed to the browser.
        <super::sections::pages::ProfileSectionsEditor/>
        <super::views::pages::ProfileViewsCard/>
    }
}

/// The profile's completeness and links to what would raise it; loads
/// again after every change on the page.
#[component]
pub(crate) fn CompletenessBar() -> impl IntoView {
    let version = crate::ui::PageVersion::get();
    let completeness = Resource::new(move || version.get(), |_| get_completeness());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                completeness.await.ok().map(|c| view! {
                    <div class="mb-6"><ProfileStrength completeness=c editor=""/></div>
                })
            })}
        </Transition>
    }
}

/// The completeness score as a bar, with a link to each missing part of the
/// profile editor (at `editor`: empty on the editor itself).
#[component]
pub fn ProfileStrength(completeness: Completeness, editor: &'static str) -> impl IntoView {
    let c = completeness;
    let width = format!("width: {}%", c.score);
    view! {
        <section aria-labelledby="completeness-heading" class="rounded-xl border border-slate-200 bg-white p-6">
            <div class="flex items-baseline justify-between gap-4">
                <h2 id="completeness-heading" class="text-lg font-semibold">"Profile strength"</h2>
                <p class="text-2xl font-semibold tabular-nums" data-testid="completeness-score">{format!("{}%", c.score)}</p>
            </div>
            <div
                class="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-200"
                role="progressbar"
                aria-label="Profile completeness"
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=c.score
            >
                <div class="h-full rounded-full bg-emerald-600" style=width></div>
            </div>
            {if c.missing.is_empty() {
                view! { <p class="mt-3 text-sm text-slate-700">"Your profile is complete. Well done."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-3 flex flex-wrap gap-2 text-sm">
                        {c.missing.into_iter().map(|m| view! {
                            <li>
                                <a class="inline-block rounded-full border border-indigo-200 bg-indigo-50 px-3 py-1 font-medium text-indigo-800 hover:bg-indigo-100" href=format!("{editor}#{}", m.anchor)>
                                    {format!("{} (+{})", m.label, m.points)}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub(crate) fn IdentitySection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveIdentity>::new();
    crate::ui::reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let status = p.identity_status();
    view! {
        <FoldingSection id="identity" title="About you" status=status>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="First name" name="first_name" autocomplete="given-name" value=p.first_name error=field("first_name")/>
                    <TextField label="Last name" name="last_name" autocomplete="family-name" value=p.last_name error=field("last_name")/>
                </div>
                <TextField label="Preferred name (optional)" name="preferred_name" autocomplete="nickname" value=p.preferred_name error=field("preferred_name")/>
                <TextField
                    label="Headline"
                    name="headline"
                    hint="One line, for example: Finance director with 15 years in banking."
                    value=p.headline
                    error=field("headline")
                />
                <TextArea label="Summary" name="summary" value=p.summary hint="Your career in a few paragraphs." error=field("summary")/>
                <TextField label="Phone" name="phone" input_type="tel" autocomplete="tel" value=p.phone error=field("phone")/>
                <SubmitButton label="Save about you" pending=action.pending()/>
            </ActionForm>
        </FoldingSection>
    }
}

#[component]
pub(crate) fn CurrentRoleSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveCurrentRole>::new();
    crate::ui::reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let industries = p
        .industries
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    let status = p.current_role_status();
    view! {
        <FoldingSection id="current-role" title="Current role" status=status>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Job title" name="current_title" autocomplete="organization-title" value=p.current_title error=field("current_title")/>
                <TextField label="Company" name="current_company" autocomplete="organization" value=p.current_company error=field("current_company")/>
                <SelectField label="Industry" name="industry_id" options=industries selected=p.industry_id empty="Not set" error=field("industry_id")/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="Years of experience" name="years_of_experience" input_type="number" value=p.years_of_experience error=field("years_of_experience")/>
                    <SelectField label="Seniority" name="seniority" options=choices(&SENIORITIES) selected=p.seniority empty="Not set" error=field("seniority")/>
                </div>
                <SubmitButton label="Save current role" pending=action.pending()/>
            </ActionForm>
        </FoldingSection>
    }
}

#[component]
pub(crate) fn LocationSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveLocation>::new();
    crate::ui::reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let status = p.location_status();
    view! {
        <FoldingSection id="location" title="Location" status=status>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Country" name="country" autocomplete="country-name" value=p.country error=field("country")/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="State or region" name="region" autocomplete="address-level1" value=p.region error=field("region")/>
                    <TextField label="City" name="city" autocomplete="address-level2" value=p.city error=field("city")/>
                </div>
                <Toggle name="willing_to_relocate" label="I am willing to relocate" checked=p.willing_to_relocate/>
                <SubmitButton label="Save location" pending=action.pending()/>
            </ActionForm>
        </FoldingSection>
    }
}

#[component]
pub(crate) fn PreferencesSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SavePreferences>::new();
    crate::ui::reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let currencies = CURRENCIES
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect();
    let status = p.preferences_status();
    view! {
        <FoldingSection id="preferences" title="What you want" status=status>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <fieldset class="space-y-2">
                    <legend class="text-sm font-medium text-slate-800">"Kinds of work"</legend>
                    <div class="grid gap-2 sm:grid-cols-2">
                        {EMPLOYMENT_TYPES
                            .iter()
                            .map(|(value, label)| {
                                let checked = p.employment_types.iter().any(|t| t == value);
                                view! { <Toggle name=*value label=*label checked=checked/> }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <SelectField label="Way of working" name="remote_preference" options=choices(&REMOTE_PREFERENCES) selected=p.remote_preference error=field("remote_preference")/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="Minimum salary" name="salary_min" input_type="text" value=p.salary_min error=field("salary_min")/>
                    <TextField label="Maximum salary" name="salary_max" input_type="text" value=p.salary_max error=field("salary_max")/>
                    <SelectField label="Currency" name="salary_currency" options=currencies selected=p.salary_currency empty="Not set" error=field("salary_currency")/>
                    <SelectField label="Salary period" name="salary_period" options=choices(&SALARY_PERIODS) selected=p.salary_period empty="Not set" error=field("salary_period")/>
                </div>
                <TextField label="Notice period in days" name="notice_period_days" input_type="number" value=p.notice_period_days error=field("notice_period_days")/>
                <Toggle name="open_to_opportunities" label="I am open to new opportunities" checked=p.open_to_opportunities/>
                <SubmitButton label="Save what you want" pending=action.pending()/>
            </ActionForm>
        </FoldingSection>
    }
}

#[component]
fn LinksSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveLinks>::new();
    crate::ui::reload_on_success(action.value());
    let (field, form_error) = action_errors(action.value());
    let status = p.links_status();
    view! {
        <FoldingSection id="links" title="Links" status=status>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="LinkedIn profile" name="linkedin_url" input_type="url" autocomplete="url" value=p.linkedin_url error=field("linkedin_url")/>
                <TextField label="Portfolio or website" name="portfolio_url" input_type="url" value=p.portfolio_url error=field("portfolio_url")/>
                <SubmitButton label="Save links" pending=action.pending()/>
            </ActionForm>
        </FoldingSection>
    }
}

/// The mark of a professional whose identity an administrator checked.
#[component]
pub fn IdentityBadge() -> impl IntoView {
    view! {
        <span
            class="inline-flex items-center gap-1 rounded-full bg-sky-100 px-2.5 py-0.5 text-xs font-semibold text-sky-900"
            title="Our team checked who this person is"
        >
            <svg aria-hidden="true" viewBox="0 0 20 20" class="h-3.5 w-3.5" fill="currentColor">
                <path d="M10 1l2.4 1.8 3-.2.9 2.9 2.5 1.7-1 2.8 1 2.8-2.5 1.7-.9 2.9-3-.2L10 19l-2.4-1.8-3 .2-.9-2.9-2.5-1.7 1-2.8-1-2.8 2.5-1.7.9-2.9 3 .2zM8.6 13.4l5.3-5.3-1.2-1.2-4.1 4.1-1.9-1.9-1.2 1.2z"/>
            </svg>
            "Identity verified"
        </span>
    }
}

#[component]
pub fn PublicProfilePage() -> impl IntoView {
    let profile = Resource::new(crate::ui::uuid_param("id"), |id| async move {
        match id {
            Some(id) => get_public_profile(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=|| view! { <crate::ui::PageSkeleton label="Loading…"/> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Err(e) => view! { <Title text="Profile not found"/><ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <PublicProfileView p=p/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PublicProfileView(p: PublicProfile) -> impl IntoView {
    let role = match (&p.current_title, &p.current_company) {
        (Some(t), Some(c)) => Some(format!("{t} at {c}")),
        (Some(t), None) => Some(t.clone()),
        (None, Some(c)) => Some(c.clone()),
        (None, None) => None,
    };
    let facts: Vec<(&str, String)> = [
        ("Industry", p.industry.clone()),
        (
            "Experience",
            p.years_of_experience.map(|y| format!("{y} years")),
        ),
        ("Seniority", p.seniority.clone()),
        ("Location", p.location.clone()),
        (
            "Relocation",
            p.willing_to_relocate
                .then(|| "Willing to relocate".to_string()),
        ),
        (
            "Looking for",
            (!p.employment_types.is_empty()).then(|| p.employment_types.join(", ")),
        ),
        ("Way of working", Some(p.remote_preference.clone())),
        ("Email", p.email.clone()),
        ("Phone", p.phone.clone()),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, v)))
    .collect();
    let owner_note = p.is_owner.then(|| {
        let who = match p.visibility.as_str() {
            "public" => "everyone",
            "network" => "signed-in companies",
            _ => "only you",
        };
        view! {
            <div class="mb-6 rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm text-indigo-900">
                {format!("This is your profile as others see it. It is visible to {who}. ")}
                <a class="font-semibold underline" href="/profile">"Edit profile"</a>
                " · "
                <a class="font-semibold underline" href="/settings#privacy">"Change who can see it"</a>
            </div>
        }
    });
    view! {
        <Title text=p.display_name.clone()/>
        {owner_note}
        <article class="rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
            <header class="flex flex-col gap-6 border-b border-slate-100 pb-6 sm:flex-row sm:items-center">
                {p.photo_id.map(|id| view! {
                    <img
                        src=crate::media::PhotoItem::url(id)
                        alt=format!("Photo of {}", p.display_name)
                        width="128"
                        height="128"
                        class="h-32 w-32 shrink-0 rounded-full border border-slate-200 object-cover"
                    />
                })}
                <div>
                <h1 class="text-3xl font-semibold tracking-tight">{p.display_name.clone()}</h1>
                {p.headline.clone().map(|h| view! { <p class="mt-2 text-lg text-slate-700">{h}</p> })}
                {role.map(|r| view! { <p class="mt-1 text-slate-600">{r}</p> })}
                <p class="mt-3 flex flex-wrap gap-2 empty:hidden">
                    {p.identity_verified.then(|| view! { <IdentityBadge/> })}
                    {p.open_to_opportunities.then(|| view! {
                        <span class="rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-900">
                            "Open to opportunities"
                        </span>
                    })}
                </p>
                {p.can_ask_introduction.then(|| view! {
                    <p class="mt-4">
                        <a class=crate::ui::PRIMARY_BUTTON href=format!("/company/introductions/new?to={}", p.user_id)>
                            "Ask for an introduction"
                        </a>
                    </p>
                })}
                </div>
            </header>
            <div class="mt-6 grid gap-8 lg:grid-cols-3">
                <div class="space-y-8 lg:col-span-2">
                    <section aria-labelledby="summary-heading">
                        <h2 id="summary-heading" class="text-lg font-semibold">"Summary"</h2>
                        <p class="mt-2 whitespace-pre-line text-slate-800">
                            {p.summary.clone().unwrap_or_else(|| "No summary yet.".into())}
                        </p>
                    </section>
                    {p.video.clone().map(|v| view! {
                        <crate::media::video::pages::PublicVideo v=v name=p.display_name.clone()/>
                    })}
                    <super::sections::pages::PublicSections sections=p.sections.clone()/>
                </div>
                <section aria-labelledby="facts-heading">
                    <h2 id="facts-heading" class="text-lg font-semibold">"Details"</h2>
                    <dl class="mt-2 space-y-2 text-sm">
                        {facts
                            .into_iter()
                            .map(|(label, value)| view! {
                                <div>
                                    <dt class="text-slate-600">{label}</dt>
                                    <dd class="font-medium break-words">{value}</dd>
                                </div>
                            })
                            .collect_view()}
                    </dl>
                    <ul class="mt-4 space-y-1 text-sm">
                        {p.linkedin_url.clone().map(|url| view! {
                            <li><a class="font-medium text-indigo-700 underline" href=url rel="noopener noreferrer nofollow">"LinkedIn profile"</a></li>
                        })}
                        {p.portfolio_url.clone().map(|url| view! {
                            <li><a class="font-medium text-indigo-700 underline" href=url rel="noopener noreferrer nofollow">"Portfolio or website"</a></li>
                        })}
                    </ul>
                    {(!p.is_owner).then(|| view! {
                        <p class="mt-6"><crate::moderation::pages::ReportLink entity=crate::moderation::rules::Entity::Profile id=p.user_id/></p>
                    })}
                </section>
            </div>
        </article>
    }
}
