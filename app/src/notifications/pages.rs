//! The header's bell, the notification centre (`/notifications`) and the
//! notification section of the settings.

use super::api::{
    MarkAllNotificationsRead, MarkNotificationRead, SaveNotificationPreferences, get_notifications,
};
use super::{Notification, Preference};
use crate::chat::pages::ChatLive;
use crate::ui::ActionForm;
use crate::ui::{
    CountLink, ErrorNotice, FormError, PageHeading, PageVersion, SMALL_BUTTON, Section,
    SubmitButton, action_errors, format_day, format_time, relative_day, reload_on_success,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The signed-in person's unread count, shared by the bell and the centre:
/// set from the page's session info, and by the live stream between pages.
#[derive(Clone, Copy)]
pub struct Unread {
    /// The count once the browser has heard it (the page's session info,
    /// the live stream, the notification centre); until then the header
    /// shows the one its session info brought.
    pub count: RwSignal<Option<i64>>,
    /// The newest notification's title as it arrives, for screen readers.
    pub arrived: RwSignal<Option<String>>,
}

impl Unread {
    pub fn provide() -> Self {
        let unread = Self {
            count: RwSignal::new(None),
            arrived: RwSignal::new(None),
        };
        provide_context(unread);
        unread
    }

    fn get() -> Option<Self> {
        use_context::<Self>()
    }
}

/// Keeps the count current while `signed_in` holds, through the site's live
/// stream (`/api/live`); the browser reconnects by itself after a break and
/// says where it left off (`Last-Event-ID`).
pub fn listen_live(unread: Unread, chats: ChatLive, signed_in: Signal<bool>) {
    #[cfg(feature = "hydrate")]
    {
        let source = StoredValue::new_local(None::<web_sys::EventSource>);
        let close = move || {
            if let Some(open) = source.try_update_value(Option::take).flatten() {
                open.close();
            }
        };
        Effect::new(move |_| {
            if !signed_in.get() {
                close();
                return;
            }
            if source.with_value(Option::is_some) {
                return;
            }
            let Ok(stream) = web_sys::EventSource::new("/api/live") else {
                return;
            };
            on_event(&stream, "unread", move |update: super::UnreadUpdate| {
                unread.count.set(Some(update.unread));
                if update.title.is_some() {
                    unread.arrived.set(update.title);
                }
            });
            on_event(&stream, "chat", move |update| chats.heard(update));
            on_event(&stream, "typing", move |typing| chats.heard_typing(typing));
            source.set_value(Some(stream));
        });
        on_cleanup(close);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (unread, chats, signed_in);
}

/// Calls `heard` with the data of each `name` event of the stream, for as
/// long as the page lives (the stream holds on to the callback).
#[cfg(feature = "hydrate")]
fn on_event<T: serde::de::DeserializeOwned>(
    stream: &web_sys::EventSource,
    name: &str,
    heard: impl Fn(T) + 'static,
) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let callback =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(data) = e
                .data()
                .as_string()
                .and_then(|data| serde_json::from_str(&data).ok())
            {
                heard(data);
            }
        });
    let _ = stream.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
    callback.forget();
}

/// The header's link to the notification centre, with the unread count
/// (`initial`: the one the page's session info brought).
#[component]
pub fn Bell(initial: i64) -> impl IntoView {
    let Some(unread) = Unread::get() else {
        return ().into_any();
    };
    let count = Signal::derive(move || unread.count.get().unwrap_or(initial));
    let label = move || match count.get() {
        0 => "Notifications".to_string(),
        n => format!("Notifications, {n} unread"),
    };
    view! {
        <CountLink
            href="/notifications"
            icon="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0"
            label=Signal::derive(label)
            count=count
        />
        // Says what arrived, once, to screen readers.
        <p class="sr-only" aria-live="polite">
            {move || unread.arrived.get().map(|title| format!("New notification: {title}"))}
        </p>
    }
    .into_any()
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let query = use_query_map();
    let before = move || query.with(|q| q.get("before"));
    let list = Resource::new(
        move || (version.get(), before()),
        |(_, before)| get_notifications(before),
    );
    let read_all = ServerAction::<MarkAllNotificationsRead>::new();
    reload_on_success(read_all.value());
    let (_, read_all_error) = action_errors(read_all.value());
    view! {
        <Title text="Notifications"/>
        <PageHeading title="Notifications" subtitle=Some("What happened on your applications, vacancies and account.")/>
        <FormError error=read_all_error/>
        <crate::ui::PageData label="Loading your notifications…">
            {move || Suspend::new(async move {
                let list = match list.await {
                    Err(e) => return view! { <ErrorNotice error=e/> }.into_any(),
                    Ok(list) => list,
                };
                // In the browser only: the server renders the header from
                // the session info, and a signal written while the page
                // renders makes the header's part being rendered run again
                // (its first run's values dropped under it: a panic).
                #[cfg(feature = "hydrate")]
                if let Some(unread) = Unread::get() {
                    unread.count.set(Some(list.unread));
                }
                if list.items.is_empty() {
                    return view! {
                        <p class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                            "Nothing yet. When something happens on your applications, vacancies or account, it shows here."
                        </p>
                    }
                    .into_any();
                }
                let older = list.older.map(|id| format!("/notifications?before={id}"));
                view! {
                    <div class="mb-4 flex flex-wrap items-center justify-between gap-2">
                        <p class="text-sm text-slate-700">{crate::ui::count(list.unread, "unread notification", "unread notifications")}</p>
                        {(list.unread > 0).then(|| view! {
                            <ActionForm action=read_all>
                                <button type="submit" class=SMALL_BUTTON disabled=move || read_all.pending().get()>"Mark all as read"</button>
                            </ActionForm>
                        })}
                    </div>
                    <Days items=list.items now=list.now/>
                    {older.map(|href| view! {
                        <p class="mt-6 text-center">
                            <a class="font-medium text-indigo-700 underline" href=href>"Older notifications"</a>
                        </p>
                    })}
                }
                .into_any()
            })}
        </crate::ui::PageData>
    }
}

/// The notifications under a heading for each day.
#[component]
fn Days(items: Vec<Notification>, now: time::OffsetDateTime) -> impl IntoView {
    let mut days: Vec<(String, Vec<Notification>)> = Vec::new();
    for item in items {
        let day = match relative_day(item.created_at, now).as_str() {
            "today" => "Today".to_string(),
            "yesterday" => "Yesterday".to_string(),
            _ => format_day(item.created_at),
        };
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(item),
            _ => days.push((day, vec![item])),
        }
    }
    days.into_iter()
        .map(|(day, group)| {
            view! {
                <section class="mb-6">
                    <h2 class="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600">{day}</h2>
                    <ul class="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
                        {group.into_iter().map(|n| view! { <NotificationRow n=n/> }).collect_view()}
                    </ul>
                </section>
            }
        })
        .collect_view()
}

#[component]
fn NotificationRow(n: Notification) -> impl IntoView {
    let read_one = ServerAction::<MarkNotificationRead>::new();
    reload_on_success(read_one.value());
    let id = n.id.to_string();
    let row_id = format!("notification-{id}");
    let open = format!("/notifications/{id}/open");
    let title = n.title.clone();
    let unread = !n.read;
    view! {
        <li id=row_id class=if unread { "flex items-start gap-3 bg-indigo-50 p-4" } else { "flex items-start gap-3 p-4" }>
            <span
                class=if unread { "mt-2 h-2 w-2 shrink-0 rounded-full bg-indigo-700" } else { "mt-2 h-2 w-2 shrink-0" }
                aria-hidden="true"
            ></span>
            <div class="min-w-0 flex-1">
                // A server route (marks it read, then redirects): not the router's.
                <a class="relative block font-medium text-slate-900 hover:underline" href=open rel="external">
                    {unread.then(|| view! { <span class="sr-only">"Unread: "</span> })}
                    {n.title}
                </a>
                {(!n.body.is_empty()).then(|| view! { <p class="text-sm text-slate-700">{n.body}</p> })}
                <p class="text-xs text-slate-600">{format_time(n.created_at)}</p>
            </div>
            {unread.then(|| view! {
                <ActionForm action=read_one>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class=SMALL_BUTTON aria-label=format!("Mark read: {title}") disabled=move || read_one.pending().get()>
                        "Mark read"
                    </button>
                </ActionForm>
            })}
        </li>
    }
}

/// The settings' section: for each kind, how it reaches the person.
#[component]
pub fn NotificationPreferences(list: Vec<Preference>) -> impl IntoView {
    let action = ServerAction::<SaveNotificationPreferences>::new();
    let (_, form_error) = action_errors(action.value());
    view! {
        <Section id="notifications" title="Notifications">
            <ActionForm action=action attr:class="space-y-4">
                <FormError error=form_error/>
                <p class="text-sm text-slate-700">
                    "Everything also shows under "
                    <a class="font-medium text-indigo-700 underline" href="/notifications">"Notifications"</a>
                    " unless you turn it off. Emails go to your confirmed address."
                </p>
                {list.into_iter().map(|p| view! { <PreferenceChoice p=p/> }).collect_view()}
                <SubmitButton label="Save notification settings" pending=action.pending()/>
            </ActionForm>
        </Section>
    }
}

#[component]
fn PreferenceChoice(p: Preference) -> impl IntoView {
    let kind = p.kind;
    let help_id = format!("notify-{}-help", kind.as_str());
    let described_by = help_id.clone();
    let fixed = kind.is_fixed();
    view! {
        <fieldset class="rounded-md border border-slate-200 p-3" aria-describedby=described_by>
            <legend class="px-1 text-sm font-medium text-slate-900">{kind.label()}</legend>
            <p id=help_id class="mb-2 text-sm text-slate-600">{kind.description()}</p>
            <div class="flex flex-wrap gap-x-4 gap-y-2">
                {kind
                    .deliveries()
                    .filter(|d| !fixed || *d == p.delivery)
                    .map(|d| view! {
                        <label class="inline-flex items-center gap-2 text-sm">
                            <input
                                type="radio"
                                name=format!("choices[{}]", kind.as_str())
                                value=d.as_str()
                                checked=d == p.delivery
                                disabled=fixed
                                class="h-4 w-4 accent-indigo-700"
                            />
                            {d.label()}
                        </label>
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}
