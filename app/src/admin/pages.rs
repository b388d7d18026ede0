//! `/admin` and `/admin/users`.

use super::api::{ChangeAccountType, admin_list_users, admin_overview};
use super::{AuditEntry, UserPage, UserRow};
use crate::auth::account::describe_action;
use crate::auth::rules::AccountType;
use crate::ui::{DataTable, ErrorNotice, FormError, PageHeading, action_errors, format_time};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminOverviewPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| admin_overview());
    view! {
        <Title text="Admin dashboard"/>
        <PageHeading title="Admin dashboard"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(o) => {
                        let cards = [
                            ("Job seekers", o.candidates),
                            ("Employers", o.employers),
                            ("Administrators", o.admins),
                            ("Unconfirmed emails", o.unverified),
                            ("Locked accounts", o.locked),
                        ];
                        view! {
                            <section aria-label="Accounts" class="grid grid-cols-2 gap-3 sm:grid-cols-5">
                                {cards
                                    .into_iter()
                                    .map(|(label, n)| view! {
                                        <div class="rounded-xl border border-slate-200 bg-white p-4">
                                            <p class="text-sm text-slate-600">{label}</p>
                                            <p class="mt-1 text-2xl font-semibold">{n}</p>
                                        </div>
                                    })
                                    .collect_view()}
                            </section>
                            <section aria-labelledby="audit-heading" class="mt-8">
                                <h2 id="audit-heading" class="mb-3 text-lg font-semibold">"Audit log"</h2>
                                <AuditTable entries=o.recent_audit/>
                            </section>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <DataTable headers=&["When", "What", "By", "Target", "Address"]>
                    {entries
                        .into_iter()
                        .map(|e| view! {
                            <tr>
                                <td class="whitespace-nowrap px-4 py-2">{format_time(e.created_at)}</td>
                                <td class="px-4 py-2">{describe_action(&e.action)}</td>
                                <td class="whitespace-nowrap px-4 py-2">{e.actor_email.unwrap_or_else(|| "—".into())}</td>
                                <td class="whitespace-nowrap px-4 py-2">
                    {e.target_email.unwrap_or_else(|| format!("{} {}", e.target_type, e.target_id.unwrap_or_default()))}
                </td>
                                <td class="px-4 py-2">{e.ip.unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        })
                        .collect_view()}
        </DataTable>
    }
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
    };
    let change = ServerAction::<ChangeAccountType>::new();
    let users = Resource::new(
        move || (search(), page(), change.version().get()),
        |(search, page, _)| admin_list_users(search, page),
    );
    let (_, change_error) = action_errors(change.value());
    view! {
        <Title text="Users · Admin"/>
        <PageHeading title="Users"/>
        <form method="get" action="/admin/users" class="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end">
            <div class="flex-1">
                <label for="q" class="block text-sm font-medium">"Search by email"</label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    value=search
                    class="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 focus:outline-none focus:ring-2 focus:ring-indigo-600"
                />
            </div>
            <button type="submit" class="rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800">
                "Search"
            </button>
        </form>
        <FormError error=change_error/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match users.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(p) => view! { <UserTable page=p search=search() change=change/> }.into_any(),
                }
            })}
        </Suspense>
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
    let prev = (page.page > 1).then(|| link(page.page - 1));
    let next = (page.page < pages).then(|| link(page.page + 1));
    view! {
        <p class="mb-2 text-sm text-slate-600">
            {format!("{} {}", page.total, if page.total == 1 { "user" } else { "users" })}
        </p>
        <DataTable headers=&["Email", "Status", "Joined", "Account type"]>
                    {page.users.into_iter().map(|u| view! { <UserTableRow user=u change=change/> }).collect_view()}
        </DataTable>
        <nav aria-label="Pagination" class="mt-4 flex items-center justify-between text-sm">
            {prev.map(|href| view! { <a class="font-medium text-indigo-700 underline" href=href>"Previous page"</a> })}
            <span class="text-slate-600">{format!("Page {} of {pages}", page.page)}</span>
            {next.map(|href| view! { <a class="font-medium text-indigo-700 underline" href=href>"Next page"</a> })}
        </nav>
    }
}

#[component]
fn UserTableRow(user: UserRow, change: ServerAction<ChangeAccountType>) -> impl IntoView {
    let select_id = format!("type-{}", user.id);
    let current = user.account_type.clone();
    view! {
        <tr>
            <td class="whitespace-nowrap px-4 py-2">{user.email.clone()}</td>
            <td class="whitespace-nowrap px-4 py-2">
                {user.status.clone()}
                {(!user.email_verified).then_some(" · unconfirmed")}
            </td>
            <td class="whitespace-nowrap px-4 py-2">{format_time(user.created_at)}</td>
            <td class="px-4 py-2">
                <ActionForm action=change attr:class="flex items-center gap-2">
                    <input type="hidden" name="user_id" value=user.id.to_string()/>
                    <label for=select_id.clone() class="sr-only">{format!("Account type of {}", user.email)}</label>
                    <select id=select_id name="account_type" class="rounded-md border border-slate-300 px-2 py-1">
                        {AccountType::ALL
                            .into_iter()
                            .map(|t| view! {
                                <option value=t.as_str() selected=current == t.as_str()>{t.label()}</option>
                            })
                            .collect_view()}
                    </select>
                    <button type="submit" class="rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100">
                        "Save"
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}
