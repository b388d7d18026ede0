//! The second step of an administrator's sign-in: setting up an
//! authenticator the first time, entering its code every time after.

use super::SecondStep;
use super::api::{VerifySecondFactor, get_second_step};
use crate::auth::pages::{AuthCard, LINK, next_param};
use crate::ui::ActionForm;
use crate::ui::{FormError, SubmitButton, TextField, action_errors, urlencode};
use leptos::prelude::*;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let step = Resource::new(|| (), |_| get_second_step());
    let next = next_param();
    view! {
        <Suspense fallback=|| view! { <p class="text-center text-sm text-slate-600">"Loading…"</p> }>
            {move || {
                let next = next.clone();
                step.get().map(|step| match step {
                    Ok(SecondStep::Enter { email }) => view! { <EnterCode email next/> }.into_any(),
                    Ok(SecondStep::SetUp { email, key, uri, qr_svg, recovery_codes }) => {
                        view! { <SetUpAuthenticator email key uri qr_svg recovery_codes next/> }
                            .into_any()
                    }
                    Err(error) => view! { <TimedOut error next/> }.into_any(),
                })
            }}
        </Suspense>
    }
}

/// The form that sends a code (the first one also turns the authenticator
/// on).
#[component]
fn CodeForm(
    label: &'static str,
    submit: &'static str,
    hint: &'static str,
    next: String,
) -> impl IntoView {
    let action = ServerAction::<VerifySecondFactor>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
            <FormError error=form_error/>
            <input type="hidden" name="next" value=next/>
            <TextField
                label=label
                name="code"
                autocomplete="one-time-code"
                required=true
                hint=hint
                error=field("code")
            />
            <SubmitButton label=submit pending=action.pending()/>
        </ActionForm>
    }
}

#[component]
fn EnterCode(email: String, next: String) -> impl IntoView {
    view! {
        <AuthCard
            title="Enter your sign-in code"
            subtitle="Open your authenticator app and enter the six-digit code it shows for Hirewell."
            footer=("Not you? ", "/login".to_string(), "Log in as someone else")
        >
            <p class="mb-5 text-sm text-slate-700">"Signing in as " <strong class="break-all">{email}</strong></p>
            <CodeForm
                label="Code"
                submit="Continue"
                hint="Lost your phone? Enter one of your recovery codes instead."
                next
            />
        </AuthCard>
    }
}

const STEP_HEADING: &str = "text-base font-semibold text-slate-900";

#[component]
fn SetUpAuthenticator(
    email: String,
    key: String,
    uri: String,
    qr_svg: String,
    recovery_codes: Vec<String>,
    next: String,
) -> impl IntoView {
    view! {
        <AuthCard
            title="Set up two-step sign-in"
            subtitle="Administrators sign in with a code from an authenticator app as well as their password."
        >
            <p class="mb-5 text-sm text-slate-700">"For " <strong class="break-all">{email}</strong></p>
            <ol class="space-y-8">
                <li class="space-y-3">
                    <h2 class=STEP_HEADING>"1. Add Hirewell to your authenticator app"</h2>
                    <p class="text-sm text-slate-700">
                        "Scan this code with an app such as 1Password, Google Authenticator or Microsoft Authenticator."
                    </p>
                    <div role="img" aria-label="QR code for your authenticator app" class="mx-auto w-48 [&>svg]:h-auto [&>svg]:w-full" inner_html=qr_svg></div>
                    <p class="text-sm text-slate-700">
                        "Can’t scan it? Enter this key in the app: "
                        <code aria-label="Key" class="block rounded-md bg-slate-100 px-3 py-2 text-center font-mono text-sm tracking-wider text-slate-900 break-all">{key}</code>
                    </p>
                    <p class="text-sm"><a class=LINK href=uri>"Open in an authenticator app on this device"</a></p>
                </li>
                <li class="space-y-3">
                    <h2 class=STEP_HEADING>"2. Keep your recovery codes"</h2>
                    <p class="text-sm text-slate-700">
                        "If you lose your phone, each of these codes signs you in once. Keep them somewhere safe, such as your password manager: they are shown only until you finish this step."
                    </p>
                    <ul aria-label="Recovery codes" class="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-sm text-slate-900">
                        {recovery_codes.into_iter().map(|code| view! { <li class="text-center">{code}</li> }).collect_view()}
                    </ul>
                </li>
                <li class="space-y-3">
                    <h2 class=STEP_HEADING>"3. Enter the code your app shows"</h2>
                    <CodeForm
                        label="Code from your app"
                        submit="Turn on and continue"
                        hint="Six digits; the app shows a new one every 30 seconds."
                        next
                    />
                </li>
            </ol>
        </AuthCard>
    }
}

#[component]
fn TimedOut(error: crate::error::AppError, next: String) -> impl IntoView {
    let login = if next.is_empty() {
        "/login".to_string()
    } else {
        format!("/login?next={}", urlencode(&next))
    };
    view! {
        <AuthCard title="Log in again">
            <p role="alert" class="text-sm text-slate-800">{error.to_string()}</p>
            <p class="mt-5"><a class=LINK href=login>"Log in"</a></p>
        </AuthCard>
    }
}
