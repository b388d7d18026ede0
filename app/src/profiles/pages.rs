//! `/profile`: the candidate's editor, one form per section.

use super::ProfileForm;
use super::api::{
    SaveCurrentRole, SaveIdentity, SaveLinks, SaveLocation, SavePreferences, get_my_profile,
};
use super::rules::{CURRENCIES, EMPLOYMENT_TYPES, REMOTE_PREFERENCES, SALARY_PERIODS, SENIORITIES};
use crate::ui::{
    ErrorNotice, FormError, PageHeading, Section, SelectField, SubmitButton, TextArea, TextField,
    Toggle, action_errors,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect()
}

#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = Resource::new(|| (), |_| get_my_profile());
    view! {
        <Title text="Your profile"/>
        <PageHeading
            title="Your profile"
            subtitle=Some("Each section saves on its own. Who can see your profile is set in Settings.")
        />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! {
                        <div class="grid gap-6 lg:grid-cols-2">
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
        </Suspense>
    }
}

#[component]
fn IdentitySection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveIdentity>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="identity" title="About you">
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
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="Phone" name="phone" input_type="tel" autocomplete="tel" value=p.phone error=field("phone")/>
                    <TextField label="Date of birth (optional)" name="date_of_birth" input_type="date" autocomplete="bday" value=p.date_of_birth error=field("date_of_birth")/>
                </div>
                <SubmitButton label="Save about you" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn CurrentRoleSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveCurrentRole>::new();
    let (field, form_error) = action_errors(action.value());
    let industries = p
        .industries
        .iter()
        .map(|(id, name)| (id.to_string(), name.clone()))
        .collect();
    view! {
        <Section id="current-role" title="Current role">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Job title" name="current_title" autocomplete="organization-title" value=p.current_title error=field("current_title")/>
                <TextField label="Company" name="current_company" autocomplete="organization" value=p.current_company error=field("current_company")/>
                <SelectField label="Industry" name="industry_id" options=industries selected=p.industry_id empty="Not set" error=field("industry_id")/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="Years of experience" name="years_of_experience" input_type="number" value=p.years_of_experience error=field("years_of_experience")/>
                    <SelectField label="Seniority" name="seniority" options=options(&SENIORITIES) selected=p.seniority empty="Not set" error=field("seniority")/>
                </div>
                <SubmitButton label="Save current role" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn LocationSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveLocation>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="location" title="Location">
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
        </Section>
    }
}

#[component]
fn PreferencesSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SavePreferences>::new();
    let (field, form_error) = action_errors(action.value());
    let currencies = CURRENCIES
        .iter()
        .map(|c| (c.to_string(), c.to_string()))
        .collect();
    view! {
        <Section id="preferences" title="What you want">
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
                <SelectField label="Way of working" name="remote_preference" options=options(&REMOTE_PREFERENCES) selected=p.remote_preference error=field("remote_preference")/>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField label="Minimum salary" name="salary_min" input_type="text" value=p.salary_min error=field("salary_min")/>
                    <TextField label="Maximum salary" name="salary_max" input_type="text" value=p.salary_max error=field("salary_max")/>
                    <SelectField label="Currency" name="salary_currency" options=currencies selected=p.salary_currency empty="Not set" error=field("salary_currency")/>
                    <SelectField label="Salary period" name="salary_period" options=options(&SALARY_PERIODS) selected=p.salary_period empty="Not set" error=field("salary_period")/>
                </div>
                <TextField label="Notice period in days" name="notice_period_days" input_type="number" value=p.notice_period_days error=field("notice_period_days")/>
                <Toggle name="open_to_opportunities" label="I am open to new opportunities" checked=p.open_to_opportunities/>
                <SubmitButton label="Save what you want" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn LinksSection(p: ProfileForm) -> impl IntoView {
    let action = ServerAction::<SaveLinks>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="links" title="Links">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="LinkedIn profile" name="linkedin_url" input_type="url" autocomplete="url" value=p.linkedin_url error=field("linkedin_url")/>
                <TextField label="Portfolio or website" name="portfolio_url" input_type="url" value=p.portfolio_url error=field("portfolio_url")/>
                <SubmitButton label="Save links" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}
