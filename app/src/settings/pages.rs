//! The settings page: one form per section, each saved on its own.

use super::Settings;
use super::api::{
    ChangeEmail, ChangePassword, DeleteAccount, ERASURE_GRACE_DAYS, SaveLocale, SavePrivacy,
    get_settings,
};
use super::rules::{LANGUAGES, TIME_ZONES, VISIBILITIES};
use crate::ui::ActionForm;
use crate::ui::{
    ErrorNotice, FieldErrorText, FormError, PageHeading, Section, SubmitButton, TextField, Toggle,
    action_errors,
};
use leptos::prelude::*;
use leptos_meta::Title;

const SELECT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:outline-none focus:ring-2 focus:ring-indigo-600";

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = Resource::new(|| (), |_| get_settings());
    let notifications = Resource::new(
        || (),
        |_| crate::notifications::api::get_notification_preferences(),
    );
    view! {
        <Title text="Settings"/>
        <PageHeading title="Settings"/>
        // Confidential mode loads its own data, so it stays outside the
        // Suspenses: a resource created inside a Suspend may be created twice
        // while the server renders, which shifts the data handed to the browser.
        <div class="grid gap-6 lg:grid-cols-2">
            <crate::ui::PageData>
                {move || Suspend::new(async move {
                    match settings.await {
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(s) => view! { <PrivacySection settings=s/> }.into_any(),
                    }
                })}
            </crate::ui::PageData>
            <crate::profiles::confidential::pages::ConfidentialSection/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let notifications = notifications.await.ok();
                    settings.await.ok().map(|s| view! {
                        {notifications.map(|list| view! {
                            <crate::notifications::pages::NotificationPreferences list/>
                        })}
                        <LocaleSection settings=s.clone()/>
                        <PasswordSection/>
                        <EmailSection settings=s/>
                        <DataSection/>
                    })
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn PrivacySection(settings: Settings) -> impl IntoView {
    let action = ServerAction::<SavePrivacy>::new();
    let (field, form_error) = action_errors(action.value());
    let current = settings.profile_visibility.clone();
    view! {
        <Section id="privacy" title="Privacy">
            <ActionForm action=action attr:class="space-y-4">
                <FormError error=form_error/>
                <fieldset class="space-y-2" aria-describedby="profile_visibility-error">
                    <legend class="text-sm font-medium text-slate-800">"Who can see your profile"</legend>
                    {VISIBILITIES
                        .iter()
                        .map(|(value, label, help)| {
                            view! {
                                <label class="flex items-start gap-2 rounded-md border border-slate-200 p-3 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50">
                                    <input
                                        type="radio"
                                        name="profile_visibility"
                                        value=*value
                                        checked=current == *value
                                        class="mt-1 h-4 w-4 accent-indigo-700"
                                    />
                                    <span>
                                        <span class="block font-medium">{*label}</span>
                                        <span class="block text-sm text-slate-600">{*help}</span>
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()}
                    <FieldErrorText id="profile_visibility-error".to_string() error=field("profile_visibility")/>
                </fieldset>
                <Toggle name="show_email" label="Show my email address on my profile" checked=settings.show_email/>
                <Toggle name="show_phone" label="Show my phone number on my profile" checked=settings.show_phone/>
                <Toggle name="marketing_consent" label="Send me occasional product news by email" checked=settings.marketing_consent/>
                <SubmitButton label="Save privacy settings" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn LocaleSection(settings: Settings) -> impl IntoView {
    let action = ServerAction::<SaveLocale>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="locale" title="Language and time zone">
            <ActionForm action=action attr:class="space-y-4">
                <FormError error=form_error/>
                <div>
                    <label for="language" class="block text-sm font-medium text-slate-800">"Language"</label>
                    <select id="language" name="language" class=SELECT aria-describedby="language-hint language-error">
                        {LANGUAGES
                            .iter()
                            .map(|(code, name)| view! {
                                <option value=*code selected=settings.language == *code>{*name}</option>
                            })
                            .collect_view()}
                    </select>
                    <p id="language-hint" class="mt-1 text-sm text-slate-600">
                        "Hirewell and its emails are in English for now; your choice is kept for when translations arrive."
                    </p>
                    <FieldErrorText id="language-error".to_string() error=field("language")/>
                </div>
                <div>
                    <label for="timezone" class="block text-sm font-medium text-slate-800">"Time zone"</label>
                    <select id="timezone" name="timezone" class=SELECT aria-describedby="timezone-error">
                        {TIME_ZONES
                            .iter()
                            .map(|zone| view! {
                                <option value=*zone selected=settings.timezone == *zone>{zone.replace('_', " ")}</option>
                            })
                            .collect_view()}
                    </select>
                    <FieldErrorText id="timezone-error".to_string() error=field("timezone")/>
                </div>
                <SubmitButton label="Save language and time zone" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn PasswordSection() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="password" title="Password">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Current password" name="current_password" input_type="password" autocomplete="current-password" error=field("current_password")/>
                <TextField
                    label="New password"
                    name="new_password"
                    input_type="password"
                    autocomplete="new-password"
                    hint="At least 10 characters, mixing letters with numbers or symbols."
                    error=field("new_password")
                />
                <TextField label="Confirm new password" name="new_password_confirm" input_type="password" autocomplete="new-password" error=field("new_password_confirm")/>
                <SubmitButton label="Change password" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn EmailSection(settings: Settings) -> impl IntoView {
    let action = ServerAction::<ChangeEmail>::new();
    let (field, form_error) = action_errors(action.value());
    let status = if settings.email_verified {
        "confirmed"
    } else {
        "not confirmed yet"
    };
    view! {
        <Section id="email" title="Email address">
            <p class="mb-4 text-sm text-slate-700">
                "Your address is " <strong class="break-all">{settings.email}</strong> " (" {status} ")."
            </p>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="New email address" name="new_email" input_type="email" autocomplete="email" error=field("new_email")/>
                <TextField
                    label="Current password"
                    name="current_password"
                    id="email_password"
                    input_type="password"
                    autocomplete="current-password"
                    error=field("email_password")
                />
                <SubmitButton label="Change email address" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn DataSection() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Section id="data" title="Your data">
            <p class="text-sm text-slate-700">
                "Download everything we store about you as a JSON file."
            </p>
            <a
                href="/api/account/export"
                download="hirewell-my-data.json"
                class="mt-3 inline-block rounded-md border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100"
            >
                "Download my data"
            </a>
            <h3 class="mt-8 font-semibold text-red-800">"Delete my account"</h3>
            <p class="mt-1 text-sm text-slate-700">
                {format!(
                    "Your account closes at once and your profile disappears. After {ERASURE_GRACE_DAYS} days your personal data and files are erased for good."
                )}
            </p>
            <ActionForm action=action attr:class="mt-4 space-y-4" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField
                    label="Current password"
                    name="current_password"
                    id="delete_password"
                    input_type="password"
                    autocomplete="current-password"
                    error=field("delete_password")
                />
                <div class="space-y-1">
                    <label class="flex items-start gap-2 text-sm text-slate-800">
                        <input type="checkbox" name="confirm" class="mt-0.5 h-4 w-4 accent-red-700" aria-describedby="confirm-error"/>
                        <span>"I understand that this cannot be undone"</span>
                    </label>
                    <FieldErrorText id="confirm-error".to_string() error=field("confirm")/>
                </div>
                <button
                    type="submit"
                    disabled=move || action.pending().get()
                    class="w-full rounded-md bg-red-700 px-4 py-2.5 font-semibold text-white hover:bg-red-800 disabled:opacity-60 sm:w-auto"
                >
                    "Delete my account"
                </button>
            </ActionForm>
        </Section>
    }
}
