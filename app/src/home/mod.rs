//! The home page: an introduction for visitors, a starting point for members.

use crate::auth::pages::Auth;
use crate::auth::rules::AccountType;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let auth = Auth::get();
    view! {
        <Title text="Hirewell: hiring that respects your time"/>
        <Transition fallback=|| view! { <Welcome/> }>
            {move || {
                match auth.session.get().and_then(Result::ok).and_then(|s| s.user) {
                    None => view! { <Welcome/> }.into_any(),
                    Some(user) => {
                        let area = match user.account_type {
                            AccountType::Admin => Some(("/admin", "Open the admin dashboard")),
                            AccountType::Candidate => Some(("/profile", "Edit your profile")),
                            AccountType::Employer => Some(("/company", "Your company")),
                        };
                        view! {
                            <section class="rounded-xl border border-slate-200 bg-white p-6 sm:p-8">
                                <h1 class="text-2xl font-semibold sm:text-3xl">"Welcome back"</h1>
                                <p class="mt-2 text-slate-600">
                                    "You are logged in as " <strong class="break-all">{user.email}</strong> "."
                                </p>
                                <div class="mt-6 flex flex-wrap gap-3">
                                    <a class="rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800" href="/account">
                                        "Your account"
                                    </a>
                                    {area.map(|(href, label)| view! {
                                        <a class="rounded-md border border-slate-300 px-4 py-2 font-semibold hover:bg-slate-100" href=href>{label}</a>
                                    })}
                                </div>
                            </section>
                        }
                            .into_any()
                    }
                }
            }}
        </Transition>
    }
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
