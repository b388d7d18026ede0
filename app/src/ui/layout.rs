//! The frame around every page: header with role-dependent navigation and
//! the account menu, the email-confirmation banner, notices and the footer.

use super::NoticeToast;
use crate::auth::pages::Auth;
use crate::auth::rules::AccountType;
use crate::auth::{CurrentUser, SessionInfo};
use leptos::form::ActionForm;
use leptos::prelude::*;

const NAV_LINK: &str = "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let auth = Auth::provide();
    let info = move || auth.session.get().and_then(Result::ok).unwrap_or_default();
    view! {
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
            "Skip to content"
        </a>
        <div class="flex min-h-screen flex-col bg-slate-50 text-slate-900">
            <header class="border-b border-slate-200 bg-white">
                <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
                    <a href="/" class="text-xl font-bold tracking-tight text-indigo-700">"Hirewell"</a>
                    <Transition fallback=|| ()>
                        {move || view! { <Navigation info=info()/> }}
                    </Transition>
                </div>
            </header>
            <Transition fallback=|| ()>
                {move || info().user.filter(|u| !u.email_verified).map(|_| view! { <VerifyBanner/> })}
            </Transition>
            <NoticeToast/>
            <main id="main" class="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-8 sm:py-12">
                {children()}
            </main>
            <footer class="border-t border-slate-200 bg-white">
                <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-slate-600">
                    <p>"© 2026 Hirewell. Private by design."</p>
                    <Transition fallback=|| ()>
                        {move || {
                            info()
                                .dev_mailbox
                                .then(|| {
                                    view! {
                                        <a class="underline" href="/dev/mailbox">"Mailbox (development)"</a>
                                    }
                                })
                        }}
                    </Transition>
                </div>
            </footer>
        </div>
    }
}

#[component]
fn Navigation(info: SessionInfo) -> impl IntoView {
    match info.user {
        None => view! {
            <nav aria-label="Main" class="flex items-center gap-1">
                <a class=NAV_LINK href="/jobs">"Find jobs"</a>
                <a class=NAV_LINK href="/login">"Log in"</a>
                <a
                    class="rounded-md bg-indigo-700 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
                    href="/register"
                >
                    "Sign up"
                </a>
            </nav>
        }
        .into_any(),
        Some(user) => view! {
            <nav aria-label="Main" class="flex flex-wrap items-center gap-1">
                {role_links(user.account_type)}
                <AccountMenu user=user/>
            </nav>
        }
        .into_any(),
    }
}

/// The links of a role's own area.
fn role_links(account_type: AccountType) -> impl IntoView {
    let links: &[(&str, &str)] = match account_type {
        AccountType::Admin => &[
            ("/admin", "Dashboard"),
            ("/admin/users", "Users"),
            ("/admin/companies", "Companies"),
        ],
        AccountType::Candidate => &[
            ("/jobs", "Jobs"),
            ("/swipe", "Discover"),
            ("/applications", "Applications"),
            ("/saved", "Saved"),
            ("/profile", "Profile"),
        ],
        AccountType::Employer => &[
            ("/employer/vacancies", "Vacancies"),
            ("/company", "Company"),
            ("/company/team", "Team"),
        ],
    };
    links
        .iter()
        .map(|(href, label)| view! { <a class=NAV_LINK href=*href>{*label}</a> })
        .collect_view()
}

/// A disclosure menu: works without JavaScript.
#[component]
fn AccountMenu(user: CurrentUser) -> impl IntoView {
    let logout = Auth::get().logout;
    view! {
        <details class="relative">
            <summary class="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                <span class="sr-only">"Account menu for "</span>
                <span class="max-w-[12rem] truncate">{user.email.clone()}</span>
                <span aria-hidden="true">"▾"</span>
            </summary>
            <div class="absolute right-0 z-40 mt-2 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
                <p class="px-3 py-2 text-xs text-slate-600">{user.account_type.label()}</p>
                <a class="block rounded px-3 py-2 text-sm hover:bg-slate-100" href="/account">"Your account"</a>
                <a class="block rounded px-3 py-2 text-sm hover:bg-slate-100" href="/settings">"Settings"</a>
                <ActionForm action=logout>
                    <button type="submit" class="block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100">
                        "Log out"
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

#[component]
fn VerifyBanner() -> impl IntoView {
    let resend = Auth::get().resend;
    let (_, error) = super::action_errors(resend.value());
    view! {
        <div class="border-b border-amber-200 bg-amber-50">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm text-amber-900">
                <p>"Please confirm your email address: we sent you a link."</p>
                <ActionForm action=resend>
                    <button type="submit" class="font-semibold underline">
                        "Resend confirmation email"
                    </button>
                </ActionForm>
                {move || error.get().map(|e| view! { <p role="alert">{e.to_string()}</p> })}
            </div>
        </div>
    }
}
