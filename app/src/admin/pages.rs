//! `/admin`, `/admin/users` and `/admin/companies`.

use super::api::{
    ChangeAccountType, SetCompanyVerification, admin_list_companies, admin_list_users,
    admin_overview,
};
use super::{CompanyPage, CompanyRow, Overview, UserPage, UserRow};
use crate::audit::pages::AuditTable;
use crate::auth::rules::{Access, AdminArea};
use crate::error::AppError;
use crate::metrics::pages::Activity;
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, DANGER_BUTTON, DataTable, ErrorNotice, Figure, Figures, FormError, PageHeading,
    Pager, SMALL_BUTTON, action_errors, format_time, page_count,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminOverviewPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| admin_overview());
    let query = use_query_map();
    let days =
        move || crate::metrics::period(query.read().get("days").and_then(|d| d.parse().ok()));
    let metrics = Resource::new(days, crate::metrics::api::admin_metrics);
    view! {
        <Title text="Admin dashboard"/>
        <PageHeading title="Admin dashboard"/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(o) => {
                        let figures = [
                            ("Job seekers", o.candidates),
                            ("Employers", o.employers),
                            ("Administrators", o.admins),
                            ("Unconfirmed emails", o.unverified),
                            ("Locked accounts", o.locked),
                        ]
                        .into_iter()
                        .map(|(label, n)| Figure { label, value: n.to_string(), note: None })
                        .collect();
                        // The tools this admin's role opens.
                        let tools: Vec<_> = [
                            ("/admin/audit", "Audit log", AdminArea::Audit),
                            ("/admin/settings", "Site settings", AdminArea::Settings),
                        ]
                        .into_iter()
                        .filter(|(_, _, area)| o.role.may(*area))
                        .collect();
                        view! {
                            <p class="-mt-4 mb-6 text-sm text-slate-600">{format!("Signed in as {}.", o.role.label())}</p>
                            {(!tools.is_empty()).then(|| view! {
                                <nav aria-label="Admin tools" class="mb-6 flex flex-wrap gap-2">
                                    {tools.into_iter().map(|(href, label, _)| view! { <a class=SMALL_BUTTON href=href>{label}</a> }).collect_view()}
                                </nav>
                            })}
                            <Figures figures label="Accounts" columns="grid-cols-2 sm:grid-cols-5"/>
                        }
                            .into_any()
                    }
                }
            })}
        </crate::ui::PageData>
        // Side by side rather than nested, each with its own data.
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match metrics.await {
                    Ok(metrics) => view! { <Activity metrics/> }.into_any(),
                    // Said by the block above already.
                    Err(AppError::Unauthenticated | AppError::Forbidden) => ().into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(Overview { recent_audit: Some(entries), .. }) => view! {
                        <section aria-labelledby="audit-heading" class="mt-8">
                            <div class="mb-3 flex items-baseline justify-between gap-3">
                                <h2 id="audit-heading" class="text-lg font-semibold">"Audit log"</h2>
                                <a href="/admin/audit" class="font-medium text-indigo-700 underline">"The whole log"</a>
                            </div>
                            <AuditTable entries/>
                        </section>
                    }
                    .into_any(),
                    // An error is said once, above; some roles read no log.
                    _ => ().into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let (search, page) = search_and_page();
    let change = ServerAction::<ChangeAccountType>::new();
    let users = Resource::new(
        move || (search(), page(), change.version().get()),
        |(search, page, _)| admin_list_users(search, page),
    );
    let (_, change_error) = action_errors(change.value());
    view! {
        <Title text="Users · Admin"/>
        <PageHeading title="Users"/>
        <SearchForm action="/admin/users" label="Search by email" value=search()/>
        <FormError error=change_error/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match users.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <UserTable page=p search=search() change=change/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn UserTable(
    page: UserPage,
    search: String,
    change: ServerAction<ChangeAccountType>,
) -> impl IntoView {
    let pages = page.page_count();
    let link = move |n: i64| format!("/admin/users?q={}&page={n}", crate::ui::urlencode(&search));
    view! {
        <p class="mb-2 text-sm text-slate-600">
            {crate::ui::count(page.total, "user", "users")}
        </p>
        <DataTable headers=&["Email", "Status", "Joined", "Account type"]>
                    {page.users.into_iter().map(|u| view! { <UserTableRow user=u change=change may_manage_admins=page.may_manage_admins/> }).collect_view()}
        </DataTable>
        <Pager page=page.page pages=pages link=link/>
    }
}

#[component]
fn UserTableRow(
    user: UserRow,
    change: ServerAction<ChangeAccountType>,
    may_manage_admins: bool,
) -> impl IntoView {
    let select_id = format!("type-{}", user.id);
    let form_id = format!("type-form-{}", user.id);
    let current = match &user.admin_role {
        Some(role) => format!("admin:{role}"),
        None => user.account_type.clone(),
    };
    // Only a super admin changes an administrator: others read the role.
    let locked = user.admin_role.is_some() && !may_manage_admins;
    let access = if locked {
        Access::parse(&current)
            .map_or(current, Access::label)
            .into_any()
    } else {
        let choices =
            Access::all().filter(|access| may_manage_admins || access.admin_role.is_none());
        view! {
            <div class="flex items-center gap-2">
                <label for=select_id.clone() class="sr-only">{format!("Account type of {}", user.email)}</label>
                // Belongs to the dialog's form (`form=`), which sends it.
                <select id=select_id form=form_id.clone() name="account_type" class="rounded-md border border-slate-300 px-2 py-1">
                    {choices
                        .map(|access| {
                            let value = access.value();
                            let selected = current == value;
                            view! { <option value=value selected=selected>{access.label()}</option> }
                        })
                        .collect_view()}
                </select>
                <ConfirmDialog
                    id=format!("change-{}", user.id)
                    button="Save"
                    button_label=format!("Save the account type of {}", user.email)
                    title=format!("Change the account type of {}?", user.email)
                    consequence="What they can see and do changes at once: their pages, data and permissions follow the new type. The change is recorded in the audit log."
                >
                    <ActionForm action=change attr:id=form_id>
                        <input type="hidden" name="user_id" value=user.id.to_string()/>
                        <button type="submit" class=DANGER_BUTTON>"Change account type"</button>
                    </ActionForm>
                </ConfirmDialog>
            </div>
        }
        .into_any()
    };
    view! {
        <tr id=format!("user-{}", user.id) class="scroll-mt-20">
            <td class="whitespace-nowrap px-4 py-2">
                <a class="font-medium text-indigo-700 underline" href=format!("/admin/users/{}", user.id)>{user.email.clone()}</a>
            </td>
            <td class="whitespace-nowrap px-4 py-2">
                {user.status.clone()}
                {(!user.email_verified).then_some(" · unconfirmed")}
            </td>
            <td class="whitespace-nowrap px-4 py-2">{format_time(user.created_at)}</td>
            <td class="px-4 py-2">{access}</td>
        </tr>
    }
}

/// A search box that reloads the page with `?q=`.
#[component]
fn SearchForm(action: &'static str, label: &'static str, value: String) -> impl IntoView {
    view! {
        <form method="get" action=action class="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end">
            <div class="flex-1">
                <label for="q" class="block text-sm font-medium">{label}</label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=value
                    class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-indigo-600"
                />
            </div>
            <button type="submit" class="rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800">
                "Search"
            </button>
        </form>
    }
}

/// The search and page number in the address (`?q=…&page=…`).
fn search_and_page() -> (impl Fn() -> String + Copy, impl Fn() -> i64 + Copy) {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    (search, crate::ui::page_in_address())
}

#[component]
pub fn AdminCompaniesPage() -> impl IntoView {
    let (search, page) = search_and_page();
    let verify = ServerAction::<SetCompanyVerification>::new();
    let companies = Resource::new(
        move || (search(), page(), verify.version().get()),
        |(search, page, _)| admin_list_companies(search, page),
    );
    let (_, verify_error) = action_errors(verify.value());
    view! {
        <Title text="Companies · Admin"/>
        <PageHeading title="Companies" subtitle=Some("Check a company is who it says (its website and email domain) before verifying it. Verified companies show a badge.")/>
        <SearchForm action="/admin/companies" label="Search by name or domain" value=search()/>
        <FormError error=verify_error/>
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match companies.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <CompanyTable page=p search=search() verify=verify/> }.into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

#[component]
fn CompanyTable(
    page: CompanyPage,
    search: String,
    verify: ServerAction<SetCompanyVerification>,
) -> impl IntoView {
    let pages = page_count(page.total, page.per_page);
    let link = move |n: i64| {
        format!(
            "/admin/companies?q={}&page={n}",
            crate::ui::urlencode(&search)
        )
    };
    view! {
        <p class="mb-2 text-sm text-slate-600">
            {crate::ui::count(page.total, "company", "companies")}
        </p>
        <DataTable headers=&["Company", "Website and email domain", "Members", "Set up", "Verification"]>
            {page.companies.into_iter().map(|c| view! { <CompanyTableRow c=c verify=verify/> }).collect_view()}
        </DataTable>
        <Pager page=page.page pages=pages link=link/>
    }
}

#[component]
fn CompanyTableRow(c: CompanyRow, verify: ServerAction<SetCompanyVerification>) -> impl IntoView {
    let (button, label, title, consequence, confirm) = if c.verified {
        (
            "Withdraw",
            format!("Withdraw the verification of {}", c.name),
            format!("Withdraw the verification of {}?", c.name),
            "Its verified badge disappears from its page and vacancies at once.",
            "Withdraw verification",
        )
    } else {
        (
            "Verify",
            format!("Verify {}", c.name),
            format!("Verify {}?", c.name),
            "Candidates will see a verified badge on its page and vacancies. Verify only a company whose website and email domain you have checked.",
            "Verify company",
        )
    };
    view! {
        <tr id=format!("company-{}", c.id) class="scroll-mt-20">
            <td class="px-4 py-2">
                <a class="font-medium text-indigo-700 underline" href=format!("/companies/{}", c.slug)>{c.name.clone()}</a>
                {(c.status != "active").then(|| view! { <span class="block text-xs text-slate-600">"Inactive"</span> })}
                <a class="block text-sm text-indigo-700 underline" href=format!("/admin/companies/{}/billing", c.id) aria-label=format!("Billing of {}", c.name)>"Billing"</a>
            </td>
            // The table scrolls sideways on phones; addresses stay whole.
            <td class="whitespace-nowrap px-4 py-2">
                <span class="block">{c.website.clone().unwrap_or_else(|| "—".into())}</span>
                <span class="block text-slate-600">{c.email_domain.clone().unwrap_or_else(|| "—".into())}</span>
            </td>
            <td class="px-4 py-2 tabular-nums">{c.members}</td>
            <td class="whitespace-nowrap px-4 py-2">{format_time(c.created_at)}</td>
            <td class="px-4 py-2">
                <div class="flex flex-wrap items-center gap-2">
                    <span class=if c.verified { "font-medium text-emerald-800" } else { "font-medium text-amber-900" }>
                        {if c.verified { "Verified" } else { "Pending" }}
                    </span>
                    <ConfirmDialog id=format!("verify-{}", c.id) button button_label=label title consequence>
                        <ActionForm action=verify>
                            <input type="hidden" name="company_id" value=c.id.to_string()/>
                            <input type="hidden" name="verified" value=(!c.verified).to_string()/>
                            <button type="submit" class=DANGER_BUTTON>{confirm}</button>
                        </ActionForm>
                    </ConfirmDialog>
                </div>
            </td>
        </tr>
    }
}
