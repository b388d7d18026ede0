//! Shared components: the page frame, form fields, notices and error views.

pub mod chart;
mod clock;
mod form;
mod layout;
mod notice;
mod overlay;
pub mod upload;

pub use clock::{COOKIE as CLOCK_COOKIE, Clock, browser_time_zone, viewer_clock};
pub use form::{ActionForm, Entry, echoed, entry_error, posted_from, shown, spend_echo};
pub use layout::Layout;
pub use notice::{NoticeToast, handle_redirects_in_place, notice_message};
pub use overlay::{
    CancelButton, ConfirmDialog, DialogBox, PageData, PageSkeleton, Sheet, SidePanel, press_on_keys,
};

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use time::OffsetDateTime;

/// A time for people, in the viewer's time zone: "22 Nov 2026, 14:05 UTC+1".
pub fn format_time(moment: OffsetDateTime) -> String {
    let local = viewer_clock().local(moment);
    let format = time::macros::format_description!(
        "[day padding:none] [month repr:short] [year], [hour]:[minute]"
    );
    format!(
        "{} {}",
        local.format(format).unwrap_or_default(),
        clock::offset_label(local.offset())
    )
}

/// "1 interview", "3 interviews".
pub fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A day for people: "31 Dec 2026".
pub fn format_date(day: time::Date) -> String {
    day.format(time::macros::format_description!(
        "[day padding:none] [month repr:short] [year]"
    ))
    .unwrap_or_default()
}

/// The day of a moment on the viewer's clock: "31 Dec 2026".
pub fn format_day(moment: OffsetDateTime) -> String {
    format_date(viewer_clock().local(moment).date())
}

/// A day relative to `now`, for people: "today", "yesterday", "3 days ago",
/// "tomorrow", "in 5 days"; a date beyond a month either way. Both moments
/// come from the server, so the browser renders the same words; days are
/// the viewer's.
pub fn relative_day(at: OffsetDateTime, now: OffsetDateTime) -> String {
    let clock = viewer_clock();
    let at = clock.local(at);
    let days = (at.date() - clock.local(now).date()).whole_days();
    match days {
        0 => "today".into(),
        -1 => "yesterday".into(),
        1 => "tomorrow".into(),
        -30..=-2 => format!("{} days ago", -days),
        2..=30 => format!("in {days} days"),
        _ => format_date(at.date()),
    }
}

#[component]
pub fn PageHeading(
    title: &'static str,
    #[prop(optional_no_strip)] subtitle: Option<&'static str>,
) -> impl IntoView {
    view! {
        <header class="mb-6">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
            {subtitle.map(|s| view! { <p class="mt-2 text-slate-600">{s}</p> })}
        </header>
    }
}

/// A titled card of a dashboard-like page (the homes, later the admin's).
#[component]
pub fn Panel(title: &'static str, children: Children) -> impl IntoView {
    let id = format!("panel-{}", title.to_lowercase().replace(' ', "-"));
    let labelled_by = id.clone();
    view! {
        <section aria-labelledby=labelled_by class="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id=id class="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
            {children()}
        </section>
    }
}

/// A headline figure of a dashboard-like page: what it counts, the figure,
/// and a line under it when one helps.
pub struct Figure {
    pub label: &'static str,
    pub value: String,
    pub note: Option<String>,
}

/// A row of headline figures as cards; `columns` sets the grid's columns
/// (at each width), `label` names the group where no heading does.
#[component]
pub fn Figures(
    figures: Vec<Figure>,
    columns: &'static str,
    #[prop(optional)] label: Option<&'static str>,
) -> impl IntoView {
    view! {
        <section aria-label=label>
        <dl class=format!("grid gap-3 {columns}")>
            {figures
                .into_iter()
                .map(|f| view! {
                    <div class="rounded-xl border border-slate-200 bg-white p-4">
                        <dt class="text-sm text-slate-600">{f.label}</dt>
                        <dd class="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{f.value}</dd>
                        {f.note.map(|n| view! { <dd class="mt-1 text-sm text-slate-600">{n}</dd> })}
                    </div>
                })
                .collect_view()}
        </dl>
        </section>
    }
}

/// A page's main action pinned to the bottom of a phone's screen (above the
/// tab bar of a signed-in person), for pages where the action's own place is
/// far down; wider screens show the page's own button instead. The page
/// frame leaves room below the footer while one is there
/// (`data-sticky-bar`), so it covers nothing.
#[component]
pub fn StickyActionBar(#[prop(optional)] above_tabs: bool, children: Children) -> impl IntoView {
    let position = if above_tabs {
        "bottom-16 sm:bottom-0"
    } else {
        "bottom-0"
    };
    view! {
        <div
            data-sticky-bar=""
            class=format!("fixed inset-x-0 {position} z-20 border-t border-slate-200 bg-white/95 px-4 py-3 shadow-[0_-2px_8px_rgba(15,23,42,0.08)] backdrop-blur lg:hidden")
        >
            {children()}
        </div>
    }
}

/// A secondary action's look, small enough for lists.
pub const SMALL_BUTTON: &str = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60";

/// The look of a button that destroys or ends something.
pub const DANGER_BUTTON: &str = "inline-flex items-center justify-center rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60";

/// A table that scrolls sideways on narrow screens; `children` are the rows.
#[component]
pub fn DataTable(headers: &'static [&'static str], children: Children) -> impl IntoView {
    view! {
        // `relative` keeps visually hidden labels inside the scrolling box;
        // it takes the keyboard's focus so that it can be scrolled without
        // a pointer when nothing inside it can.
        <div tabindex="0" class="relative overflow-x-auto rounded-xl border border-slate-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600">
            <table class="min-w-full text-left text-sm">
                <thead class="bg-slate-100 text-slate-700">
                    <tr>
                        {headers
                            .iter()
                            .map(|h| view! { <th scope="col" class="px-4 py-2">{*h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">{children()}</tbody>
            </table>
        </div>
    }
}

/// How many pages `total` rows fill at `per_page` rows each (at least one).
pub fn page_count(total: i64, per_page: i64) -> i64 {
    if per_page <= 0 {
        return 1;
    }
    ((total + per_page - 1) / per_page).max(1)
}

/// The page of a list the address asks for (`?page=n`), the first by
/// default; the server clamps it.
pub fn page_in_address() -> impl Fn() -> i64 + Copy {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
    }
}

/// Previous and next links around "Page n of m".
#[component]
pub fn Pager(page: i64, pages: i64, link: impl Fn(i64) -> String) -> impl IntoView {
    let prev = (page > 1).then(|| link(page - 1));
    let next = (page < pages).then(|| link(page + 1));
    view! {
        <nav aria-label="Pagination" class="mt-4 flex items-center justify-between text-sm">
            {prev.map(|href| view! { <a class="font-medium text-indigo-700 underline" href=href>"Previous page"</a> })}
            <span class="text-slate-600">{format!("Page {page} of {pages}")}</span>
            {next.map(|href| view! { <a class="font-medium text-indigo-700 underline" href=href>"Next page"</a> })}
        </nav>
    }
}

/// A titled card holding one form, labelled by its heading.
#[component]
pub fn Section(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section id=id aria-labelledby=labelled_by class="rounded-xl border border-slate-200 bg-white p-6">
            <h2 id=heading_id class="mb-4 text-lg font-semibold">{title}</h2>
            {children()}
        </section>
    }
}

/// Set by a long editor (the profile) whose `FoldingSection`s fold;
/// elsewhere, as in onboarding's steps, they are plain `Section`s. It
/// remembers which sections the reader opened, so a section stays open when
/// the page's data reloads after a save.
#[derive(Clone, Copy)]
pub struct FoldingPanels(RwSignal<Vec<&'static str>>);

impl FoldingPanels {
    pub fn provide() {
        provide_context(Self(RwSignal::new(Vec::new())));
    }
}

/// A section of a long editor that folds to its heading line on a phone, so
/// the page reads as a list of what there is to fill in: open elsewhere, and
/// opened when the address points at it (`#id`, as the completeness bar's
/// links and the return after saving do). Works without script (`details`).
#[component]
pub fn FoldingSection(
    id: &'static str,
    title: &'static str,
    /// One line under the title: what the section holds or lacks.
    #[prop(optional, into)]
    status: Option<String>,
    children: Children,
) -> impl IntoView {
    let Some(FoldingPanels(opened)) = use_context::<FoldingPanels>() else {
        return view! { <Section id title>{children()}</Section> }.into_any();
    };
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    // The server cannot see the address's `#…`, so the page starts as the
    // server drew it and opens the target once it runs.
    let open = RwSignal::new(!is_phone() || opened.read_untracked().contains(&id));
    let hash = leptos_router::hooks::use_location().hash;
    Effect::new(move |_| {
        if hash.get() == format!("#{id}") {
            open.set(true);
        }
    });
    Effect::new(move |_| {
        let is_open = open.get();
        opened.update(|ids| {
            ids.retain(|other| *other != id);
            if is_open {
                ids.push(id);
            }
        });
    });
    view! {
        <section id=id aria-labelledby=labelled_by class="rounded-xl border border-slate-200 bg-white">
            <details
                class="group"
                open=open
                on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(details) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                        open.set(details.open());
                    }
                }
            >
                <summary class="flex cursor-pointer list-none items-center justify-between gap-3 rounded-xl p-4 hover:bg-slate-50 sm:px-6 [&::-webkit-details-marker]:hidden">
                    <span class="min-w-0">
                        <h2 id=heading_id class="text-lg font-semibold">{title}</h2>
                        {status.map(|s| view! { <span class="block text-sm text-slate-600">{s}</span> })}
                    </span>
                    <svg class="h-5 w-5 shrink-0 text-slate-500 transition-transform group-open:rotate-180" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
                        <path fill-rule="evenodd" d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06z" clip-rule="evenodd"/>
                    </svg>
                </summary>
                <div class="px-4 pb-4 sm:px-6 sm:pb-6">{children()}</div>
            </details>
        </section>
    }
    .into_any()
}

/// Whether the page is on a phone, by the browser's own word (its user
/// agent), which the server and the browser read alike.
pub fn is_phone() -> bool {
    user_agent().is_some_and(|agent| agent.contains("Mobi"))
}

#[cfg(feature = "ssr")]
fn user_agent() -> Option<String> {
    leptos::prelude::with_context(|parts: &http::request::Parts| {
        parts
            .headers
            .get(http::header::USER_AGENT)?
            .to_str()
            .ok()
            .map(str::to_string)
    })?
}

#[cfg(all(not(feature = "ssr"), target_arch = "wasm32"))]
fn user_agent() -> Option<String> {
    window().navigator().user_agent().ok()
}

#[cfg(all(not(feature = "ssr"), not(target_arch = "wasm32")))]
fn user_agent() -> Option<String> {
    None
}

/// A checkbox with its label, ticked as sent when its form came back with
/// errors (`echoed_tick`).
#[component]
pub fn Toggle(name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    let checked = form::echoed_tick(name).unwrap_or(checked);
    view! {
        <label class="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name=name checked=checked class="h-4 w-4 accent-indigo-700"/>
            <span>{label}</span>
        </label>
    }
}

/// A list of (value, label) pairs as a select's options.
pub fn choices(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(v, t)| (v.to_string(), t.to_string()))
        .collect()
}

const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:border-red-600";

/// A labelled select with an optional empty first choice and its error.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    /// Defaults to the name; needed when several forms on a page share a name.
    #[prop(optional, into)]
    id: Option<String>,
    options: Vec<(String, String)>,
    selected: String,
    /// The text of an empty first option ("not set"), if the field is optional.
    #[prop(optional)]
    empty: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_string());
    let error = shown(error);
    let error_id = format!("{id}-error");
    let described_by = error_id.clone();
    let selected = echoed(name).unwrap_or(selected);
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <select
                id=id
                name=name
                class=INPUT
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
            >
                {empty.map(|text| view! { <option value="">{text}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldErrorText id=error_id error=error/>
        </div>
    }
}

/// A labelled multi-line text box and its error.
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    /// Defaults to the name; needed when several forms on a page share a name.
    #[prop(optional, into)]
    id: Option<String>,
    value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 6)] rows: u32,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_string());
    let error = shown(error);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = format!("{hint_id} {error_id}");
    let value = echoed(name).unwrap_or(value);
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <textarea
                id=id
                name=name
                rows=rows
                class=INPUT
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
            >
                {value}
            </textarea>
            {hint.map(|h| view! { <p id=hint_id class="text-sm text-slate-600">{h}</p> })}
            <FieldErrorText id=error_id error=error/>
        </div>
    }
}

/// A labelled input with its inline error, wired for screen readers.
#[component]
pub fn TextField(
    label: &'static str,
    name: &'static str,
    /// Defaults to the name; needed when several forms on a page share a name.
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(into, optional)] value: Signal<String>,
    /// The id of a `<datalist>` offering suggestions.
    #[prop(optional, into)]
    list: Option<String>,
    /// Called with the text on every keystroke (for live suggestions).
    #[prop(optional)]
    on_input: Option<Callback<String>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| name.to_string());
    let error = shown(error);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let value = match echoed(name) {
        Some(typed) => Signal::stored(typed),
        None => value,
    };
    let has_hint = hint.is_some();
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-800">{label}</label>
            <input
                id=id
                name=name
                list=list
                on:input=move |ev| {
                    if let Some(callback) = on_input {
                        callback.run(event_target_value(&ev));
                    }
                }
                type=input_type
                autocomplete=autocomplete
                required=required
                value=value
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described_by
                class=INPUT
            />
            {hint.map(|h| view! { <p id=hint_id.clone() class="text-sm text-slate-600">{h}</p> })}
            <FieldErrorText id=error_id error=error/>
        </div>
    }
}

/// One choice of a `RadioGroup`: value, label and a line under the label.
pub type Choice = (&'static str, &'static str, Option<&'static str>);

/// A fieldset of radio buttons, one per line with its explanation, and the
/// field's error.
#[component]
pub fn RadioGroup(
    legend: &'static str,
    name: &'static str,
    choices: Vec<Choice>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error = shown(error);
    let error_id = format!("{name}-error");
    let described_by = error_id.clone();
    let chosen = echoed(name);
    view! {
        <fieldset class="space-y-2" aria-describedby=described_by>
            <legend class="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
            {choices
                .into_iter()
                .map(|(value, label, hint)| {
                    let checked = chosen.as_deref() == Some(value);
                    view! {
                        <label class="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 bg-white p-3 text-sm hover:bg-slate-50 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                            <input type="radio" name=name value=value checked=checked class="mt-0.5 h-4 w-4 shrink-0 accent-indigo-700"/>
                            <span>
                                <span class="block font-medium text-slate-900">{label}</span>
                                {hint.map(|h| view! { <span class="block text-slate-600">{h}</span> })}
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <FieldErrorText id=error_id error=error/>
        </fieldset>
    }
}

/// The message under a field, or nothing.
#[component]
pub fn FieldErrorText(id: String, #[prop(into)] error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p id=id.clone() class="text-sm font-medium text-red-700">{message}</p>
            }
        })
    }
}

/// The error of a whole form that is not about one field.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let error = shown(error);
    move || {
        error.get().map(|e| {
            view! {
                <div role="alert" class="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
                    <p>{e.to_string()}</p>
                    {plans_link(&e)}
                </div>
            }
        })
    }
}

/// Field errors and the form error of a server action's last result.
pub fn action_errors<T: Clone + Send + Sync + 'static>(
    value: impl Into<Signal<Option<Result<T, AppError>>>>,
) -> (
    impl Fn(&'static str) -> Signal<Option<String>> + Copy,
    Signal<Option<AppError>>,
) {
    let value = value.into();
    let field = move |name: &'static str| {
        Signal::derive(move || match value.get() {
            Some(Err(e)) => e.field_message(name),
            _ => None,
        })
    };
    let form = Signal::derive(move || match value.get() {
        Some(Err(AppError::Validation(_))) | Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(e),
    });
    (field, form)
}

/// The look of a page's one main action, for buttons and links alike.
pub const PRIMARY_BUTTON: &str = "inline-flex w-full items-center justify-center rounded-md bg-indigo-700 px-4 py-2.5 font-semibold text-white shadow-sm hover:bg-indigo-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 disabled:opacity-60 sm:w-auto";

#[component]
pub fn SubmitButton(label: &'static str, #[prop(into)] pending: Signal<bool>) -> impl IntoView {
    view! {
        <button type="submit" disabled=move || pending.get() class=PRIMARY_BUTTON>
            {label}
        </button>
    }
}

/// The route parameter `name` as a UUID (`None` when missing or malformed),
/// for resources keyed by an id in the address.
pub fn uuid_param(name: &'static str) -> impl Fn() -> Option<uuid::Uuid> + Copy + Send + Sync {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).and_then(|id| id.parse().ok())
}

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// A local address with `pair` (already encoded) added to its query, before
/// any fragment: `/jobs/x#apply` → `/jobs/x?notice=c#apply`.
pub fn add_query(path: &str, pair: &str) -> String {
    let (before, fragment) = path
        .split_once('#')
        .map_or((path, None), |(b, f)| (b, Some(f)));
    let joiner = if before.contains('?') { '&' } else { '?' };
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    format!("{before}{joiner}{pair}{fragment}")
}

/// The log-in and sign-up addresses from the page the visitor is on, so
/// either brings them back to it (`next=`); none from the sign-in pages.
pub fn sign_in_links() -> (impl Fn() -> String, impl Fn() -> String) {
    let location = leptos_router::hooks::use_location();
    let next = move || {
        let path = location.pathname.get();
        if path.is_empty() || ["/", "/login", "/register"].contains(&path.as_str()) {
            return String::new();
        }
        let search = location.search.get();
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        format!("?next={}", urlencode(&here))
    };
    (
        move || format!("/login{}", next()),
        move || format!("/register{}", next()),
    )
}

/// A way back to the page that sent the person here to do something
/// (`?next=`, a path on this site), such as the job they wanted to apply to.
#[component]
pub fn ContinueBanner(text: &'static str) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let next = move || {
        query.read().get("next").filter(|path| {
            path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control)
        })
    };
    move || {
        next().map(|href| {
            view! {
                <p class="mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-950">
                    {text}
                    <a class="font-semibold text-indigo-700 underline" href=href>"Continue where you were"</a>
                </p>
            }
        })
    }
}

/// What a page shows when its data could not be loaded.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    set_page_status(error.status());
    let login_link = matches!(error, AppError::Unauthenticated).then(|| {
        let (login, register) = sign_in_links();
        view! {
            <p class="mt-3 flex flex-wrap gap-4">
                <a class="font-medium text-indigo-700 underline" href=login>"Log in"</a>
                <a class="font-medium text-indigo-700 underline" href=register>"Create an account"</a>
            </p>
        }
    });
    let set_up_link = matches!(error, AppError::NoCompany).then(|| {
        view! {
            <p class="mt-3">
                <a class="font-medium text-indigo-700 underline" href="/company">"Set up your company"</a>
            </p>
        }
    });
    view! {
        <div role="alert" class="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-900">
            <p>{error.to_string()}</p>
            {login_link}
            {set_up_link}
            {plans_link(&error)}
        </div>
    }
}

/// The way out of a plan's limit: the plans, to compare and upgrade.
fn plans_link(error: &AppError) -> Option<impl IntoView + use<>> {
    matches!(error, AppError::PlanLimit(_)).then(|| {
        view! {
            <p class="mt-2">
                <a class="font-semibold underline" href="/pricing">"See plans"</a>
            </p>
        }
    })
}

/// An empty list, or a page of one past its last: what is there (or not)
/// and the one link onwards, so the reader is never left at a dead end.
#[component]
pub fn EmptyState(
    #[prop(into)] text: String,
    next: &'static str,
    #[prop(into)] href: String,
) -> impl IntoView {
    view! {
        <div class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
            <p>{text}</p>
            <a class="mt-2 inline-block font-medium text-indigo-700 underline" href=href>{next}</a>
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_page_status(404);
    view! {
        <Title text="Page not found"/>
        <div class="mx-auto max-w-lg py-16 text-center">
            <p class="text-sm font-semibold uppercase tracking-wide text-indigo-700">"404"</p>
            <h1 class="mt-2 text-3xl font-semibold text-slate-900">"Page not found"</h1>
            <p class="mt-4 text-slate-600">
                "The page you asked for does not exist or has moved."
            </p>
            <a class="mt-6 inline-block font-medium text-indigo-700 underline" href="/">
                "Go to the home page"
            </a>
        </div>
    }
}

/// A header link drawn as an icon with a count on it (unread notifications,
/// unread conversations); `label` says both in words.
#[component]
pub fn CountLink(
    href: &'static str,
    /// The icon's path on a 24-unit grid, drawn with 2-unit strokes.
    icon: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] count: Signal<i64>,
) -> impl IntoView {
    view! {
        <a
            href=href
            class="relative inline-flex h-10 w-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 hover:text-slate-900"
            aria-label=label
            title=label
        >
            <svg class="h-6 w-6" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
                <path d=icon/>
            </svg>
            <span
                aria-hidden="true"
                class=move || {
                    let shown = if count.get() == 0 { "hidden" } else { "block" };
                    format!("{shown} absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold leading-5 text-white")
                }
            >
                {move || match count.get() {
                    n if n > 99 => "99+".to_string(),
                    n => n.to_string(),
                }}
            </span>
        </a>
    }
}

/// Bumped after every successful change on a page of several forms, so the
/// parts that depend on others (lists, totals) load again: a server
/// function's redirect to the same page does not re-render it.
#[derive(Clone, Copy)]
pub struct PageVersion(leptos::prelude::RwSignal<u32>);

impl PageVersion {
    pub fn provide() {
        leptos::prelude::provide_context(Self(leptos::prelude::RwSignal::new(0)));
    }

    /// The current version (tracked). Panics on a page that did not provide one.
    pub fn get() -> leptos::prelude::Signal<u32> {
        use leptos::prelude::*;
        let version = expect_context::<Self>().0;
        Signal::derive(move || version.get())
    }

    /// A function that bumps the version. The context is looked up here, at
    /// creation: browser callbacks (an upload finishing) run outside any
    /// reactive owner, where a lookup would find nothing.
    pub fn bumper() -> impl Fn() + Clone + 'static {
        use leptos::prelude::*;
        let version = use_context::<Self>();
        move || {
            if let Some(Self(version)) = version {
                version.update(|n| *n += 1);
            }
        }
    }
}

/// Reloads the page's data once the action has succeeded.
pub fn reload_on_success<T: Clone + Send + Sync + 'static>(
    value: impl Into<leptos::prelude::Signal<Option<Result<T, AppError>>>>,
) {
    use leptos::prelude::*;
    let value = value.into();
    let bump = PageVersion::bumper();
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            bump();
        }
    });
}

/// Text made safe to write into HTML as raw markup (element text or a
/// quoted attribute value).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query value.
pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{add_query, escape_html, page_count, relative_day, urlencode};

    #[test]
    fn a_query_pair_joins_before_the_fragment() {
        assert_eq!(add_query("/", "notice=registered"), "/?notice=registered");
        assert_eq!(
            add_query("/jobs?q=data#top", "notice=registered"),
            "/jobs?q=data&notice=registered#top"
        );
        assert_eq!(
            add_query("/jobs/x#apply", "notice=c"),
            "/jobs/x?notice=c#apply"
        );
    }

    #[test]
    fn days_relative_to_now() {
        let now = time::macros::datetime!(2026-11-30 10:00 UTC);
        let day = |d: i64| now + time::Duration::days(d);
        assert_eq!(relative_day(now, now), "today");
        assert_eq!(relative_day(day(-1), now), "yesterday");
        assert_eq!(relative_day(day(1), now), "tomorrow");
        assert_eq!(relative_day(day(-3), now), "3 days ago");
        assert_eq!(relative_day(day(5), now), "in 5 days");
        assert_eq!(relative_day(day(-45), now), "16 Oct 2026");
        // Calendar days, not 24-hour spans.
        let late = time::macros::datetime!(2026-11-29 23:30 UTC);
        assert_eq!(relative_day(late, now), "yesterday");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html(r#"X</title><meta content="0;url='e'">&"#),
            "X&lt;/title&gt;&lt;meta content=&quot;0;url=&#39;e&#39;&quot;&gt;&amp;"
        );
        assert_eq!(
            escape_html("Ada Okafor · Hirewell"),
            "Ada Okafor · Hirewell"
        );
    }

    #[test]
    fn pages_round_up_and_never_zero() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
        assert_eq!(page_count(10, 0), 1);
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(urlencode("a b&c@d.io"), "a%20b%26c%40d.io");
    }
}
