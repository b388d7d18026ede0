//! `/admin/settings`: one form with every setting.

use super::api::{ChangeSettings, admin_settings};
use super::{DEFINITIONS, Definition, Kind, StoredSetting};
use crate::ui::ActionForm;
use crate::ui::{
    ErrorNotice, FormError, PageHeading, SelectField, SubmitButton, TextField, action_errors,
    format_time,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    let change = ServerAction::<ChangeSettings>::new();
    // Read again after a save that worked only: a refused one keeps what
    // was typed in the fields.
    let saves = RwSignal::new(0);
    let settings = Resource::new(move || saves.get(), |_| admin_settings());
    let (field, form_error) = action_errors(change.value());
    let saved = move || match change.value().get() {
        Some(Ok(0)) => Some("Nothing changed.".to_string()),
        Some(Ok(n)) => Some(format!(
            "Saved: {} changed. Every page uses the new values from now on.",
            crate::ui::count(n as i64, "setting", "settings")
        )),
        _ => None,
    };
    // The banner is part of every page's frame: read it again at once.
    Effect::new(move |_| {
        if matches!(change.value().get(), Some(Ok(_))) {
            saves.update(|n| *n += 1);
            crate::auth::pages::Auth::get().session.refetch();
        }
    });
    view! {
        <Title text="Settings · Admin"/>
        <PageHeading
            title="Site settings"
            subtitle=Some("What the whole site runs by. Changes apply on every server at once and are written to the audit log.")
        />
        <crate::ui::PageData>
            {move || Suspend::new(async move {
                match settings.await {
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(stored) => view! {
                        <ActionForm action=change attr:class="max-w-2xl space-y-6 rounded-xl border border-slate-200 bg-white p-4 sm:p-6" attr:novalidate=true>
                            {DEFINITIONS
                                .iter()
                                .map(|definition| {
                                    let stored = stored.iter().find(|s| s.name == definition.name);
                                    setting_field(definition, stored, field(definition.name))
                                })
                                .collect_view()}
                            <FormError error=form_error/>
                            <div class="flex flex-col gap-3 sm:flex-row sm:items-center">
                                <SubmitButton label="Save settings" pending=change.pending()/>
                                <p role="status" class="text-sm font-medium text-emerald-800">{saved}</p>
                            </div>
                        </ActionForm>
                    }
                    .into_any(),
                }
            })}
        </crate::ui::PageData>
    }
}

/// A setting's field: its help and who changed it last under it.
fn setting_field(
    definition: &'static Definition,
    stored: Option<&StoredSetting>,
    error: Signal<Option<String>>,
) -> AnyView {
    let value = stored.map_or_else(|| definition.default.to_string(), |s| s.value.clone());
    let changed = stored
        .and_then(|s| {
            s.updated_by
                .as_ref()
                .map(|by| format!(" Last changed by {by}, {}.", format_time(s.updated_at)))
        })
        .unwrap_or_default();
    let hint = format!("{}{changed}", definition.help);
    match definition.kind {
        Kind::Flag => view! {
            <div class="space-y-1">
                <SelectField
                    label=definition.label
                    name=definition.name
                    options=vec![("true".into(), "On".into()), ("false".into(), "Off".into())]
                    selected=value
                    error=error
                />
                <p class="text-sm text-slate-600">{hint}</p>
            </div>
        }
        .into_any(),
        Kind::Number { .. } => view! {
            <TextField label=definition.label name=definition.name input_type="number" hint=hint value=value error=error/>
        }
        .into_any(),
        Kind::Text { .. } => view! {
            <TextField label=definition.label name=definition.name hint=hint value=value error=error/>
        }
        .into_any(),
    }
}
