//! The frame around every page: header with role-dependent navigation and
//! the account menu, the email-confirmation banner, notices and the footer.

use super::NoticeToast;
use crate::auth::pages::Auth;
use crate::auth::rules::{AccountType, AdminArea, AdminRole};
use crate::auth::{CurrentUser, SessionInfo};
use crate::chat::pages::{ChatLive, MessagesLink};
use crate::notifications::pages::{Bell, Unread, listen_live};
use crate::ui::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

const NAV_LINK: &str = "rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let auth = Auth::provide();
    let info = move || auth.session.get().and_then(Result::ok).unwrap_or_default();
    // Each page's session info brings the count; the live stream, news
    // between pages.
    let unread = Unread::provide();
    let chats = ChatLive::provide();
    Effect::new(move |_| {
        if let Some(Ok(info)) = auth.session.get() {
            unread.count.set(Some(info.unread));
            // Once the stream has spoken, its count is the newer: a page's
            // session info can be read just before a thread marks itself read.
            if !chats.heard_from_stream() {
                chats.unread.set(Some(info.unread_chats));
            }
        }
    });
    let signed_in = Signal::derive(move || {
        auth.session
            .get()
            .and_then(Result::ok)
            .is_some_and(|info| info.user.is_some())
    });
    listen_live(unread, chats, signed_in);
    view! {
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
            "Skip to content"
        </a>
        // Room at the end for a page's sticky action bar on phones.
        <div class="flex min-h-screen flex-col bg-slate-50 text-slate-900 has-[[data-sticky-bar]]:pb-20 lg:has-[[data-sticky-bar]]:pb-0">
            <header class="border-b border-slate-200 bg-white">
                <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
                    <a href="/" class="text-xl font-bold tracking-tight text-indigo-700">"Hirewell"</a>
                    <Transition fallback=|| ()>
                        {move || view! { <Navigation info=info()/> }}
                    </Transition>
                </div>
            </header>
            <Transition fallback=|| ()>
                {move || info().banner.map(|text| view! {
                    <p class="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-950">
                        <strong>"Notice: "</strong>{text}
                    </p>
                })}
                {move || info().user.filter(|u| !u.email_verified).map(|_| view! { <VerifyBanner/> })}
                {move || info().billing_alert.map(|alert| view! { <PaymentDueBanner alert=alert/> })}
            </Transition>
            <NoticeToast/>
            <main id="main" class="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-8 sm:py-12">
                {children()}
            </main>
            <footer class="border-t border-slate-200 bg-white">
                <div class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-slate-600">
                    <p>"© 2026 Hirewell. Private by design."</p>
                    <div class="flex flex-wrap items-center gap-x-6 gap-y-2">
                        <a class="underline" href="/pricing">"Pricing"</a>
                        <Transition fallback=|| ()>
                            {move || {
                                info()
                                    .user
                                    .filter(|u| u.account_type != crate::auth::rules::AccountType::Admin)
                                    .map(|_| view! {
                                        <crate::chat::pages::OpenChatButton about="support" label="Contact support".to_string()/>
                                    })
                            }}
                        </Transition>
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
                </div>
            </footer>
            <Transition fallback=|| ()>
                // Room below the footer for the phone's tab bar.
                {move || info().user.map(|_| view! { <div class="h-16 sm:hidden"></div> })}
            </Transition>
        </div>
    }
}

#[component]
fn Navigation(info: SessionInfo) -> impl IntoView {
    let (unread, unread_chats) = (info.unread, info.unread_chats);
    match info.user {
        None => {
            let (login, register) = super::sign_in_links();
            view! {
                <nav aria-label="Main" class="flex items-center gap-1">
                    <a class=NAV_LINK href="/jobs">"Find jobs"</a>
                    <a class=NAV_LINK href=login>"Log in"</a>
                    <a
                        class="rounded-md bg-indigo-700 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-800"
                        href=register
                    >
                        "Sign up"
                    </a>
                </nav>
            }
            .into_any()
        }
        Some(user) => {
            let tabs = role_tabs(&user);
            let current = current_href(tabs);
            view! {
                <nav aria-label="Main" class="flex items-center gap-1">
                    <div class="hidden items-center gap-1 sm:flex">
                        {tabs.iter().map(|tab| view! { <NavLink tab=*tab current/> }).collect_view()}
                    </div>
                    <MessagesLink initial=unread_chats/>
                    <Bell initial=unread/>
                    <AccountMenu user=user/>
                </nav>
                <TabBar tabs current/>
            }
            .into_any()
        }
    }
}

/// A place of a role's own area: desktop header link and phone tab.
#[derive(Clone, Copy)]
struct Tab {
    href: &'static str,
    label: &'static str,
    icon: Icon,
    /// Another part of the site that belongs to this tab.
    also: Option<&'static str>,
    /// The admin area it leads to: shown to the admins whose role opens it.
    area: Option<AdminArea>,
}

/// The places of each role, in order: the header on wide screens and the
/// tab bar on phones. Only what exists is listed.
fn role_tabs(user: &CurrentUser) -> &'static [Tab] {
    match (user.account_type, user.admin_role) {
        (AccountType::Admin, Some(role)) => admin_tabs(role),
        (AccountType::Admin, None) => &[],
        (AccountType::Candidate, _) => CANDIDATE_TABS,
        (AccountType::Employer, _) => EMPLOYER_TABS,
    }
}

/// The admin tabs `role` opens (worked out once per role).
fn admin_tabs(role: AdminRole) -> &'static [Tab] {
    static TABS: [std::sync::OnceLock<Vec<Tab>>; AdminRole::ALL.len()] =
        [const { std::sync::OnceLock::new() }; AdminRole::ALL.len()];
    let slot = AdminRole::ALL.iter().position(|r| *r == role).unwrap_or(0);
    TABS[slot].get_or_init(|| {
        ADMIN_TABS
            .iter()
            .filter(|tab| tab.area.is_none_or(|area| role.may(area)))
            .copied()
            .collect()
    })
}

const fn tab(href: &'static str, label: &'static str, icon: Icon) -> Tab {
    Tab {
        href,
        label,
        icon,
        also: None,
        area: None,
    }
}

const fn admin_tab(href: &'static str, label: &'static str, icon: Icon, area: AdminArea) -> Tab {
    Tab {
        area: Some(area),
        ..tab(href, label, icon)
    }
}

const ADMIN_TABS: &[Tab] = &[
    tab("/admin", "Dashboard", Icon::Chart),
    admin_tab("/admin/users", "Users", Icon::People, AdminArea::People),
    admin_tab(
        "/admin/companies",
        "Companies",
        Icon::Building,
        AdminArea::Companies,
    ),
    admin_tab(
        "/admin/moderation",
        "Moderation",
        Icon::Flag,
        AdminArea::Moderation,
    ),
    admin_tab("/admin/billing", "Billing", Icon::Card, AdminArea::Billing),
    admin_tab("/admin/emails", "Emails", Icon::Envelope, AdminArea::Emails),
    tab("/jobs", "Jobs", Icon::Briefcase),
];

const CANDIDATE_TABS: &[Tab] = &[
    tab("/", "Home", Icon::Home),
    tab("/jobs", "Jobs", Icon::Briefcase),
    tab("/swipe", "Discover", Icon::Cards),
    tab("/applications", "Applications", Icon::Inbox),
    tab("/profile", "Profile", Icon::Person),
];

const EMPLOYER_TABS: &[Tab] = &[
    tab("/", "Home", Icon::Home),
    tab("/employer/vacancies", "Vacancies", Icon::Briefcase),
    // Searching people, the ones saved and the introductions asked of them.
    Tab {
        also: Some("/company/introductions"),
        ..tab("/talent", "Talent", Icon::Search)
    },
    tab("/company", "Company", Icon::Building),
    tab("/company/team", "Team", Icon::People),
];

/// Which of `hrefs` the page at `path` belongs to: the longest that is the
/// path itself or one of its parents ("/" only for itself), so
/// `/company/team` is Team's and not Company's.
fn current_tab(path: &str, hrefs: &[&str]) -> Option<usize> {
    hrefs
        .iter()
        .enumerate()
        .filter(|(_, href)| {
            path == **href
                || (**href != "/"
                    && path
                        .strip_prefix(**href)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
        .max_by_key(|(_, href)| href.len())
        .map(|(index, _)| index)
}

/// The address of the tab the current page belongs to, worked out once per
/// navigation for the header and the tab bar alike.
fn current_href(tabs: &'static [Tab]) -> Memo<Option<&'static str>> {
    let location = use_location();
    Memo::new(move |_| {
        let places: Vec<(usize, &str)> = tabs
            .iter()
            .enumerate()
            .flat_map(|(i, t)| std::iter::once((i, t.href)).chain(t.also.map(|also| (i, also))))
            .collect();
        let hrefs: Vec<&str> = places.iter().map(|(_, href)| *href).collect();
        current_tab(&location.pathname.read(), &hrefs).map(|k| tabs[places[k].0].href)
    })
}

/// `aria-current="page"` on the current page's tab.
fn aria_current(
    current: Memo<Option<&'static str>>,
    tab: Tab,
) -> impl Fn() -> Option<&'static str> {
    move || (current.get() == Some(tab.href)).then_some("page")
}

#[component]
fn NavLink(tab: Tab, current: Memo<Option<&'static str>>) -> impl IntoView {
    view! {
        <a
            class=format!("{NAV_LINK} aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-800")
            href=tab.href
            aria-current=aria_current(current, tab)
        >
            {tab.label}
        </a>
    }
}

/// The phone's navigation: a bar of icons with words along the bottom of
/// the screen, in thumb's reach; the header keeps only the account menu.
#[component]
fn TabBar(tabs: &'static [Tab], current: Memo<Option<&'static str>>) -> impl IntoView {
    // Six words fit a phone's width a little smaller.
    let size = if tabs.len() > 5 {
        "text-[11px] tracking-tight"
    } else {
        "text-xs"
    };
    view! {
        <nav
            aria-label="Sections"
            class="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] sm:hidden"
        >
            <ul class="flex">
                {tabs
                    .iter()
                    .map(|tab| view! {
                        <li class="min-w-0 flex-1">
                            <a
                                href=tab.href
                                aria-current=aria_current(current, *tab)
                                class=format!("flex flex-col items-center gap-0.5 px-0.5 py-2 {size} font-medium text-slate-600 aria-[current=page]:text-indigo-700")
                            >
                                {tab.icon.view()}
                                <span class="max-w-full truncate">{tab.label}</span>
                            </a>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// The tab bar's pictures, drawn on a 24-unit grid with 2-unit strokes.
#[derive(Clone, Copy)]
enum Icon {
    Home,
    Briefcase,
    Cards,
    Inbox,
    Person,
    Building,
    People,
    Chart,
    Envelope,
    Search,
    Card,
    Flag,
}

impl Icon {
    fn view(self) -> impl IntoView {
        let shape = match self {
            Icon::Home => "M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10",
            Icon::Briefcase => "M3 8h18v12H3zM8 8V5h8v3M3 13h18",
            Icon::Cards => "M7 4h12v16H7zM4 7v13h2M11 9l2 2 4-4",
            Icon::Inbox => "M3 13l3-9h12l3 9v7H3zM3 13h5l1 3h6l1-3h5",
            Icon::Person => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4 4-6 8-6s7 2 8 6",
            Icon::Building => "M4 21V4h10v17M14 9h6v12M2 21h20M8 8h2M8 12h2M8 16h2",
            Icon::People => {
                "M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3 3-5 6-5s6 2 6 5M16 5a3 3 0 0 1 0 6M18 15c2 1 3 3 3 5"
            }
            Icon::Chart => "M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3",
            Icon::Envelope => "M3 6h18v12H3zM3 7l9 6 9-6",
            Icon::Search => "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5",
            Icon::Card => "M3 6h18v12H3zM3 10h18M7 15h4",
            Icon::Flag => "M5 21V4M5 4h11l-2 4 2 4H5",
        };
        view! {
            <svg class="h-6 w-6" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
                <path d=shape/>
            </svg>
        }
    }
}

/// A disclosure menu: works without JavaScript.
#[component]
fn AccountMenu(user: CurrentUser) -> impl IntoView {
    let logout = Auth::get().logout;
    // Closed again when the router moves to another page; not on the
    // effect's first run, at hydration, which would shut a menu the reader
    // opened while the page was loading.
    let menu = NodeRef::<leptos::html::Details>::new();
    let location = use_location();
    Effect::new(move |hydrated: Option<()>| {
        location.pathname.track();
        if hydrated.is_some()
            && let Some(menu) = menu.get_untracked()
        {
            let _ = menu.remove_attribute("open");
        }
    });
    view! {
        <details class="relative" node_ref=menu>
            <summary class="flex cursor-pointer list-none items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                <span class="sr-only">"Account menu for "</span>
                <span class="max-w-[12rem] truncate">{user.email.clone()}</span>
                <span aria-hidden="true">"▾"</span>
            </summary>
            <div class="absolute right-0 z-40 mt-2 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
                <p class="px-3 py-2 text-xs text-slate-600">{user.account_type.label()}</p>
                {(user.account_type == AccountType::Candidate).then(|| view! {
                    <a class="block rounded px-3 py-2 text-sm hover:bg-slate-100" href="/introductions">"Introduction requests"</a>
                    <a class="block rounded px-3 py-2 text-sm hover:bg-slate-100" href="/saved">"Saved jobs"</a>
                    <a class="block rounded px-3 py-2 text-sm hover:bg-slate-100" href="/plus">"Plus"</a>
                })}
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

/// Told on every page while the company's renewal is unpaid: until when
/// the plan stays, and the way to pay for those who may.
#[component]
fn PaymentDueBanner(alert: crate::billing::BillingAlert) -> impl IntoView {
    let until = super::format_day(crate::billing::rules::grace_end(alert.due));
    let text = format!(
        "Payment due: we could not take the payment for your {} plan on {}. Pay by {until} to keep it.",
        alert.plan,
        super::format_day(alert.due)
    );
    view! {
        <div class="border-b border-red-200 bg-red-50">
            <div class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm text-red-950">
                <p>{text}</p>
                {if alert.can_pay {
                    view! { <a class="font-semibold underline" href="/company/billing">"Pay now"</a> }.into_any()
                } else {
                    view! { <p>"Your company's owner can pay it on the billing page."</p> }.into_any()
                }}
            </div>
        </div>
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

#[cfg(test)]
mod tests {
    use super::current_tab;

    #[test]
    fn the_current_tab_is_the_closest_parent_of_the_page() {
        let tabs = ["/", "/jobs", "/company", "/company/team"];
        assert_eq!(current_tab("/", &tabs), Some(0));
        assert_eq!(current_tab("/jobs", &tabs), Some(1));
        assert_eq!(current_tab("/jobs/data-engineer-1a2b", &tabs), Some(1));
        assert_eq!(current_tab("/company", &tabs), Some(2));
        assert_eq!(current_tab("/company/team", &tabs), Some(3));
        assert_eq!(current_tab("/companyx", &tabs), None);
        assert_eq!(current_tab("/settings", &tabs), None);
    }
}
