//! `/admin/audit`: the audit log with filters in the address, paged by
//! place in the chain, and the chain's verification.

use super::api::{VERIFY_PARAM, VerifyAuditChain, audit_entries, verify_audit_chain};
use super::{AuditEntry, AuditFilter, AuditPage, ChainCheck};
use crate::auth::account::describe_action;
use crate::ui::ActionForm;
use crate::ui::{
    DataTable, ErrorNotice, PageHeading, SMALL_BUTTON, SubmitButton, TextField, action_errors,
    format_time, urlencode,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The filters' names in the address, in the form's order.
const FILTERS: [&str; 5] = ["actor", "action", "target", "from", "to"];

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let filter = move || AuditFilter {
        actor: param("actor"),
        action: param("action"),
        target: param("target"),
        from: param("from"),
        to: param("to"),
    };
    let before = move || param("before").parse::<i64>().ok();
    let entries = Resource::new(
        move || (filter(), before()),
        |(filter, before)| audit_entries(filter, before),
    );
    view! {
        <Title text="Audit log · Admin"/>
        <PageHeading
            title="Audit log"
            subtitle=Some("Every action that matters, sealed into a hash chain as it is written.")
        />
        <ChainPanel/>
        <section aria-labelledby="entries-heading" class="mt-8">
            <h2 id="entries-heading" class="mb-3 text-lg font-semibold">"Entries"</h2>
            <crate::ui::PageData>
                {move || Suspend::new(async move {
                    let found = entries.await;
                    let (field, _) = action_errors(Signal::stored(Some(found.clone().map(|_| ()))));
                    view! {
                        <form method="get" action="/admin/audit" class="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 lg:items-end">
                            <TextField label="By (email)" name="actor" id="audit-actor" input_type="search" value=param("actor") error=field("actor")/>
                            <TextField label="Action, or its start" name="action" id="audit-action" input_type="search" value=param("action") error=field("action")/>
                            <TextField label="Target (id or email)" name="target" id="audit-target" input_type="search" value=param("target") error=field("target")/>
                            <TextField label="From" name="from" id="audit-from" input_type="date" value=param("from") error=field("from")/>
                            <TextField label="Until" name="to" id="audit-to" input_type="date" value=param("to") error=field("to")/>
                            <div class="flex gap-2">
                                <button type="submit" class="flex-1 rounded-md bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800">"Filter"</button>
                                <a href="/admin/audit" class=SMALL_BUTTON>"Clear"</a>
                            </div>
                        </form>
                        {match found {
                            Err(crate::error::AppError::Validation(_)) => ().into_any(),
                            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                            Ok(page) => view! { <EntryList page=page newest=before().is_none()/> }.into_any(),
                        }}
                    }
                    .into_any()
                })}
            </crate::ui::PageData>
        </section>
    }
}

/// The entries and the links to older ones and back to the newest.
#[component]
fn EntryList(page: AuditPage, newest: bool) -> impl IntoView {
    let query = use_query_map();
    let link = move |before: Option<i64>| {
        let read = query.read();
        let mut pairs: Vec<String> = FILTERS
            .iter()
            .filter_map(|name| {
                let value = read.get(name).unwrap_or_default();
                (!value.is_empty()).then(|| format!("{name}={}", urlencode(&value)))
            })
            .collect();
        pairs.extend(before.map(|seq| format!("before={seq}")));
        format!("/admin/audit?{}#entries-heading", pairs.join("&"))
    };
    if page.entries.is_empty() {
        return view! {
            <p class="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
                "No entries match these filters."
            </p>
        }
        .into_any();
    }
    view! {
        <AuditTable entries=page.entries/>
        <nav aria-label="Pages of the audit log" class="mt-4 flex justify-between gap-3">
            {(!newest).then(|| view! { <a class=SMALL_BUTTON href=link(None)>"← Newest"</a> })}
            {page.older.map(|seq| view! { <a class=SMALL_BUTTON href=link(Some(seq))>"Older entries →"</a> })}
        </nav>
    }
    .into_any()
}

/// Audit entries as a table, newest first (the dashboard shows the latest).
#[component]
pub fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <DataTable headers=&["#", "When", "What", "By", "Target", "Address"]>
            {entries
                .into_iter()
                .map(|e| view! {
                    <tr>
                        <td class="whitespace-nowrap px-4 py-2 tabular-nums text-slate-600">{e.seq}</td>
                        <td class="whitespace-nowrap px-4 py-2">{format_time(e.created_at)}</td>
                        <td class="px-4 py-2">
                            {describe_action(&e.action)}
                            <span class="block font-mono text-xs text-slate-600">{e.action.clone()}</span>
                        </td>
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

/// "Verify the chain" and what the walk found.
#[component]
fn ChainPanel() -> impl IntoView {
    let verify = ServerAction::<VerifyAuditChain>::new();
    let (_, error) = action_errors(verify.value());
    // Without script the button leads back here with the walk asked for in
    // the address: the page makes it.
    let query = use_query_map();
    let asked = Resource::new(
        move || query.read().get(VERIFY_PARAM.0).as_deref() == Some(VERIFY_PARAM.1),
        |asked| async move {
            match asked {
                true => verify_audit_chain().await,
                false => Ok(None),
            }
        },
    );
    view! {
        <section aria-labelledby="chain-heading" class="rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
            <div class="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
                <div>
                    <h2 id="chain-heading" class="text-lg font-semibold">"The chain"</h2>
                    <p class="text-sm text-slate-600">
                        "Each entry carries the hash of the one before it. Verifying reads every entry and recomputes its hash."
                    </p>
                </div>
                <ActionForm action=verify>
                    <SubmitButton label="Verify the chain" pending=verify.pending()/>
                </ActionForm>
            </div>
            <div aria-live="polite">
                <crate::ui::FormError error=error/>
                <Suspense fallback=|| ()>
                    {move || {
                        let sent = verify.value().get();
                        Suspend::new(async move {
                            let verdict = |check: Option<ChainCheck>| {
                                check.map(|check| view! { <ChainVerdict check/> }.into_any())
                            };
                            match sent {
                                Some(Ok(check)) => verdict(check),
                                // Shown above.
                                Some(Err(_)) => None,
                                None => match asked.await {
                                    Ok(check) => verdict(check),
                                    Err(e) => Some(view! { <ErrorNotice error=e/> }.into_any()),
                                },
                            }
                        })
                    }}
                </Suspense>
            </div>
        </section>
    }
}

#[component]
fn ChainVerdict(check: ChainCheck) -> impl IntoView {
    let head = check.head_hash.chars().take(16).collect::<String>();
    let counted = format!(
        "{} checked, head {head}…, {} checked.",
        crate::ui::count(check.entries, "entry", "entries"),
        crate::ui::count(check.anchors, "daily head", "daily heads")
    );
    match check.broken {
        None => view! {
            <p role="status" class="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-emerald-900">
                <strong>"The chain is intact. "</strong>{counted}
            </p>
        }
        .into_any(),
        Some(broken) => {
            let look = broken
                .seq()
                .map(|seq| format!("/admin/audit?before={}#entries-heading", seq + 1));
            view! {
                <div role="alert" class="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
                    <p><strong>"The chain is broken. "</strong>{broken.describe()}</p>
                    <p class="mt-1 text-sm">{counted}</p>
                    {look.map(|href| view! { <a class="mt-2 inline-block font-medium underline" href=href>"Show that entry"</a> })}
                </div>
            }
            .into_any()
        }
    }
}
