//! The confidential-mode part of `/settings`, shown to candidates.

use super::api::{
    BlockCompany, SaveConfidentialMode, UnblockCompany, get_confidential, suggest_companies,
};
use super::{BlockedCompany, Confidential};
use crate::ui::ActionForm;
use crate::ui::{
    FormError, PageVersion, Section, SubmitButton, TextField, Toggle, action_errors,
    reload_on_success,
};
use leptos::prelude::*;

#[component]
pub fn ConfidentialSection() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let data = Resource::new(move || version.get(), |_| get_confidential());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.ok().flatten().map(|c| view! { <ConfidentialForms c=c/> })
            })}
        </Transition>
    }
}

#[component]
fn ConfidentialForms(c: Confidential) -> impl IntoView {
    let save = ServerAction::<SaveConfidentialMode>::new();
    reload_on_success(save.value());
    let (_, save_error) = action_errors(save.value());
    let enabled = c.enabled;
    view! {
        <Section id="confidential" title="Confidential mode">
            <p class="mb-4 text-sm text-slate-700">
                "Hide your profile from chosen companies, such as your employer. Their team members get “not found” for your profile and never see you in any list."
            </p>
            <ActionForm action=save attr:class="space-y-3">
                <FormError error=save_error/>
                <Toggle name="enabled" label="Confidential mode is on" checked=enabled/>
                <SubmitButton label="Save confidential mode" pending=save.pending()/>
            </ActionForm>
            {(!enabled).then(|| view! {
                <p class="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
                    "Confidential mode is off: the companies below can see your profile like anyone else."
                </p>
            })}
            {c.current_employer.map(|name| view! {
                <p class="mt-3 text-sm text-slate-700">
                    {format!("While confidential mode is on, your current employer, {name}, cannot see you either.")}
                </p>
            })}
            <h3 class="mt-6 text-base font-semibold">"Hidden from"</h3>
            {c.blocked.is_empty().then(|| view! {
                <p class="mt-1 text-sm text-slate-600">"No companies yet."</p>
            })}
            <ul class="mt-2 space-y-2">
                {c.blocked.into_iter().map(|b| view! { <BlockedRow b=b/> }).collect_view()}
            </ul>
            <AddBlock/>
        </Section>
    }
}

#[component]
fn BlockedRow(b: BlockedCompany) -> impl IntoView {
    let unblock = ServerAction::<UnblockCompany>::new();
    reload_on_success(unblock.value());
    let (_, error) = action_errors(unblock.value());
    let kind = if b.is_domain {
        "Email domain"
    } else {
        "Company"
    };
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 px-3 py-2">
            <span class="min-w-0 break-all">
                <span class="font-medium">{b.label.clone()}</span>
                " "
                <span class="text-xs text-slate-600">{kind}</span>
            </span>
            <ActionForm action=unblock>
                <input type="hidden" name="id" value=b.id.to_string()/>
                <button
                    type="submit"
                    class="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
                    aria-label=format!("Remove {}", b.label)
                >
                    "Remove"
                </button>
            </ActionForm>
            <FormError error=error/>
        </li>
    }
}

#[component]
fn AddBlock() -> impl IntoView {
    let block = ServerAction::<BlockCompany>::new();
    reload_on_success(block.value());
    let (field, form_error) = action_errors(block.value());
    let suggestions = RwSignal::new(Vec::<String>::new());
    let suggest = Callback::new(move |typed: String| {
        leptos::task::spawn_local(async move {
            if let Ok(found) = suggest_companies(typed).await {
                suggestions.set(found);
            }
        });
    });
    view! {
        <ActionForm action=block attr:class="mt-4 space-y-3" attr:novalidate=true>
            <FormError error=form_error/>
            <TextField
                label="Company name or email domain"
                name="company"
                hint="For example Lagos Growth Bank, or lagosgrowth.com to cover everyone with an email address there."
                list="company-suggestions"
                on_input=suggest
                error=field("company")
            />
            <datalist id="company-suggestions">
                <For each=move || suggestions.get() key=|s| s.clone() let:name>
                    <option value=name></option>
                </For>
            </datalist>
            <SubmitButton label="Hide from this company" pending=block.pending()/>
        </ActionForm>
    }
}
