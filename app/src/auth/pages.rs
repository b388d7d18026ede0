//! Register, log in, forgot / reset password and email confirmation pages.
//! Every form is a plain POST that also works without JavaScript.

use super::SessionInfo;
use super::api::{
    ForgotPassword, Login, Logout, Register, ResendVerification, ResetPassword, VerifyEmail,
    get_session_info,
};
use crate::error::AppError;
use crate::ui::{FieldErrorText, FormError, PageHeading, SubmitButton, TextField, action_errors};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The session and the actions that change it, shared by the whole page tree.
#[derive(Clone, Copy)]
pub struct Auth {
    pub session: Resource<Result<SessionInfo, AppError>>,
    pub register: ServerAction<Register>,
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub verify: ServerAction<VerifyEmail>,
    pub resend: ServerAction<ResendVerification>,
}

impl Auth {
    pub fn provide() -> Self {
        let register = ServerAction::<Register>::new();
        let login = ServerAction::<Login>::new();
        let logout = ServerAction::<Logout>::new();
        let verify = ServerAction::<VerifyEmail>::new();
        let resend = ServerAction::<ResendVerification>::new();
        let session = Resource::new(
            move || {
                (
                    register.version().get(),
                    login.version().get(),
                    logout.version().get(),
                    verify.version().get(),
                )
            },
            |_| get_session_info(),
        );
        let auth = Self {
            session,
            register,
            login,
            logout,
            verify,
            resend,
        };
        provide_context(auth);
        auth
    }

    pub fn get() -> Self {
        expect_context::<Self>()
    }
}

const CARD: &str =
    "mx-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8";
const LINK: &str = "font-medium text-indigo-700 underline-offset-2 hover:underline";

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = Auth::get().register;
    let (field, form_error) = action_errors(action.value());
    let account_type_error = field("account_type");
    let terms_error = field("accept_terms");
    view! {
        <Title text="Create your account"/>
        <div class=CARD>
            <PageHeading title="Create your account" subtitle="Find work or hire people who fit."/>
            <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
                <FormError error=form_error/>
                <fieldset class="space-y-2" aria-describedby="account_type-error">
                    <legend class="text-sm font-medium text-slate-800">"I am"</legend>
                    <div class="grid gap-2 sm:grid-cols-2">
                        <label class="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50">
                            <input type="radio" name="account_type" value="candidate" class="h-4 w-4 accent-indigo-700"/>
                            <span>"A job seeker"</span>
                        </label>
                        <label class="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 p-3 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50">
                            <input type="radio" name="account_type" value="employer" class="h-4 w-4 accent-indigo-700"/>
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
            <p class="mt-6 text-sm text-slate-600">
                "Already have an account? " <a class=LINK href="/login">"Log in"</a>
            </p>
        </div>
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = Auth::get().login;
    let (field, form_error) = action_errors(action.value());
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text="Log in"/>
        <div class=CARD>
            <PageHeading title="Log in"/>
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
            <p class="mt-6 text-sm text-slate-600">
                "New here? " <a class=LINK href="/register">"Create an account"</a>
            </p>
        </div>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<ForgotPassword>::new();
    let (field, form_error) = action_errors(action.value());
    view! {
        <Title text="Forgot your password?"/>
        <div class=CARD>
            <PageHeading
                title="Forgot your password?"
                subtitle="Enter your email and we will send you a link to choose a new one."
            />
            <ActionForm action=action attr:class="space-y-5" attr:novalidate=true>
                <FormError error=form_error/>
                <TextField label="Email" name="email" input_type="email" autocomplete="email" required=true error=field("email")/>
                <SubmitButton label="Send reset link" pending=action.pending()/>
            </ActionForm>
            <p class="mt-6 text-sm text-slate-600">
                <a class=LINK href="/login">"Back to log in"</a>
            </p>
        </div>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let (field, form_error) = action_errors(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text="Choose a new password"/>
        <div class=CARD>
            <PageHeading title="Choose a new password"/>
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
            <p class="mt-6 text-sm text-slate-600">
                <a class=LINK href="/forgot-password">"Request a new link"</a>
            </p>
        </div>
    }
}

/// Confirming is a button press (a POST), so mail scanners that open links
/// do not use up the token.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let action = Auth::get().verify;
    let (_, form_error) = action_errors(action.value());
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text="Confirm your email address"/>
        <div class=CARD>
            <PageHeading
                title="Confirm your email address"
                subtitle="Press the button to confirm that this email address is yours."
            />
            <ActionForm action=action attr:class="space-y-5">
                <FormError error=form_error/>
                <input type="hidden" name="token" value=token/>
                <SubmitButton label="Confirm my email" pending=action.pending()/>
            </ActionForm>
        </div>
    }
}
