//! Register, log in, forgot / reset password and email confirmation pages.
//! Every form is a plain POST that also works without JavaScript.

use super::SessionInfo;
use super::api::{
    ForgotPassword, Login, Logout, Register, ResendVerification, ResetPassword, SignInWithLink,
    VerifyEmail, get_session_info,
};
use crate::error::AppError;
use crate::ui::ActionForm;
use crate::ui::{FieldErrorText, FormError, PageHeading, SubmitButton, TextField, action_errors};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_query_map};

/// The session as the page shell sees it, and the shell's own actions.
/// Forms on pages own their actions (so that a plain form post's error,
/// carried back in the address, reaches them); every successful form
/// redirects, and the session is read again on each navigation.
#[derive(Clone, Copy)]
pub struct Auth {
    pub session: Resource<Result<SessionInfo, AppError>>,
    pub logout: ServerAction<Logout>,
    pub resend: ServerAction<ResendVerification>,
}

impl Auth {
    /// Must be called inside the `<Router>`.
    pub fn provide() -> Self {
        let location = use_location();
        let logout = ServerAction::<Logout>::new();
        let resend = ServerAction::<ResendVerification>::new();
        let session = Resource::new(
            move || {
                (
                    location.pathname.get(),
                    location.search.get(),
                    logout.version().get(),
                )
            },
            |_| get_session_info(),
        );
        let auth = Self {
            session,
            logout,
            resend,
        };
        provide_context(auth);
        auth
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

pub(in crate::auth) const LINK: &str =
    "font-medium text-indigo-700 underline-offset-2 hover:underline";

/// The frame of every account form: page title, heading, the form and an
/// optional line with a link below it (lead text, address, link text).
#[component]
pub(in crate::auth) fn AuthCard(
    title: &'static str,
    #[prop(optional)] subtitle: Option<&'static str>,
    #[prop(optional, into)] footer: Option<(&'static str, String, &'static str)>,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=title/>
        <div class="mx-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
            <PageHeading title=title subtitle=subtitle/>
            {children()}
            {footer.map(|(lead, href, label)| view! {
                <p class="mt-6 text-sm text-slate-600">{lead} <a class=LINK href=href>{label}</a></p>
            })}
        </div>
    }
}

/// Where the visitor came from (`?next=`), for the form to send on; the
/// server checks it stays on this site.
pub(in crate::auth) fn next_param() -> String {
    use_query_map()
        .read_untracked()
        .get("next")
        .unwrap_or_default()
}

/// The same `next=` for a link to the other sign-in form.
fn carry_next(next: &str) -> String {
    if next.is_empty() {
        String::new()
    } else {
        format!("?next={}", crate::ui::urlencode(next))
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = ServerAction::<Register>::new();
    let (field, form_error) = action_errors(action.value());
    let next = next_param();
    let login = format!("/login{}", carry_next(&next));
    let account_type_error = field("account_type");
    // The pricing page's "Start your free trial" comes as an employer.
    let as_employer = use_query_map().read_untracked().get("as").as_deref() == Some("employer");
    let terms_error = field("accept_terms");
    // Times are shown in the browser's zone from the start (without script
    // the server has none and settles on UTC).
    let browser_zone = RwSignal::new(String::new());
    Effect::new(move |_| browser_zone.set(crate::ui::browser_time_zone()));
    view! {
        <AuthCard title="Create your account" subtitle="Find work or hire people who fit." footer=("Already have an account? ", login, "Log in")>
            <Transition fallback=|| ()>
                {move || {
                    Auth::get()
                        .session
                        .get()
                        .and_then(Result::ok)
                        .filter(|info| info.sign_ups_paused)
                        .map(|_| view! {
                            <p role="status" class="mb-5 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
                                {super::api::SIGN_UPS_PAUSED}
                            </p>
                        })
                }}
            </Transition>
            <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="next" value=next/>
                <input type="hidden" name="timezone" prop:value=browser_zone/>
                <fieldset class="space-y-2" aria-describedby="account_type-error">
                    <legend class="text-sm font-medium text-slate-800">"I am"</legend>
                    <div class="grid gap-2 sm:grid-cols-2">
                        <label class="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50">
                            <input type="radio" name="account_type" value="candidate" class="h-4 w-4 accent-indigo-700"/>
                            <span>"A job seeker"</span>
                        </label>
                        <label class="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50">
                            <input type="radio" name="account_type" value="employer" checked=as_employer class="h-4 w-4 accent-indigo-700"/>
                            <span>"An employer"</span>
                        </label>
                    </div>
                    <FieldErrorText id="account_type-error".to_string() error=account_type_error/>
                </fieldset>
                <TextField label="Email" name="email" input_type="email" autocomplete="email" required=true error=field("email")/>
                <TextField
                    label="Password"
                    name="password"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    hint="At least 10 characters, mixing letters with numbers or symbols."
                    error=field("password")
                />
                <TextField
                    label="Confirm password"
                    name="password_confirm"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    error=field("password_confirm")
                />
                <div class="space-y-1">
                    <label class="flex items-start gap-2 text-sm text-slate-800">
                        <input
                            type="checkbox"
                            name="accept_terms"
                            class="mt-0.5 h-4 w-4 accent-indigo-700"
                            aria-describedby="accept_terms-error"
                        />
                        <span>"I agree to the Terms of Service and the Privacy Policy"</span>
                    </label>
                    <FieldErrorText id="accept_terms-error".to_string() error=terms_error/>
                </div>
                <label class="flex items-start gap-2 text-sm text-slate-800">
                    <input type="checkbox" name="marketing_consent" class="mt-0.5 h-4 w-4 accent-indigo-700"/>
                    <span>"Send me occasional product news (optional)"</span>
                </label>
                <SubmitButton label="Create account" pending=action.pending()/>
            </ActionForm>
        </AuthCard>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<Login>::new();
    let (field, form_error) = action_errors(action.value());
    let next = next_param();
    let register = format!("/register{}", carry_next(&next));
    view! {
        <AuthCard title="Log in" footer=("New here? ", register, "Create an account")>
            <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="next" value=next/>
                <TextField label="Email" name="email" input_type="email" autocomplete="email" required=true error=field("email")/>
                <TextField
                    label="Password"
                    name="password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    error=field("password")
                />
                <div class="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
                    <SubmitButton label="Log in" pending=action.pending()/>
                    <a class=LINK href="/forgot-password">"Forgot your password?"</a>
                </div>
            </ActionForm>
        </AuthCard>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <AuthCard title="Forgot your password?" subtitle="Enter your email and we will send you a link to choose a new one." footer=("", "/login".to_string(), "Back to log in")>
            <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Email" name="email" input_type="email" autocomplete="email" required=true error=field("email")/>
                <SubmitButton label="Send reset link" pending=action.pending()/>
            </ActionForm>
        </AuthCard>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let (field, form_error) = action_errors(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <AuthCard title="Choose a new password" footer=("", "/forgot-password".to_string(), "Request a new link")>
            <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
                <FormError error=form_error/>
                <input type="hidden" name="token" value=token/>
                <TextField
                    label="New password"
                    name="password"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    hint="At least 10 characters, mixing letters with numbers or symbols."
                    error=field("password")
                />
                <TextField
                    label="Confirm new password"
                    name="password_confirm"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    error=field("password_confirm")
                />
                <SubmitButton label="Set new password" pending=action.pending()/>
            </ActionForm>
        </AuthCard>
    }
}

/// Confirming is a button press (a POST), so mail scanners that open links
/// do not use up the token.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let (_, form_error) = action_errors(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <AuthCard title="Confirm your email address" subtitle="Press the button to confirm that this email address is yours.">
            <ActionForm action=action attr:class="space-y-5">
                <FormError error=form_error/>
                <input type="hidden" name="token" value=token/>
                <SubmitButton label="Confirm my email" pending=action.pending()/>
            </ActionForm>
        </AuthCard>
    }
}

/// Logging in with a one-time link is a button press too, for the same
/// reason.
#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let action = ServerAction::<SignInWithLink>::new();
    let (_, form_error) = action_errors(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <AuthCard
            title="Log in with your link"
            subtitle="Press the button to log in. The link works once."
            footer=("Not you? ", "/forgot-password".to_string(), "Change your password")
        >
            <ActionForm action=action attr:class="space-y-5">
                <FormError error=form_error/>
                <input type="hidden" name="token" value=token/>
                <SubmitButton label="Log in" pending=action.pending()/>
            </ActionForm>
        </AuthCard>
    }
}
