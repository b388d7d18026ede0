//! What opens over a page: confirm dialogs, the side panel of a list's open
//! item, keyboard shortcuts, and the grey blocks shown while a page loads.

use super::SMALL_BUTTON;
use leptos::prelude::*;

/// Set by the form inside a dialog when a failed post without script came
/// from it (`ui::ActionForm`): the dialog comes back open, its error in
/// sight.
#[derive(Clone, Copy)]
pub(crate) struct OpenAfterFailedPost(pub(crate) RwSignal<bool>);

/// A modal dialog that says what will happen, then `children` (the form
/// that does it, with a `CancelButton`). Invoker commands (`commandfor`)
/// open and close it, so it works before and without script; Escape
/// cancels. A page opens it from code through `node_ref` (a card dropped on
/// a column). `id` must be unique on the page.
#[component]
pub fn DialogBox(
    id: String,
    #[prop(into)] title: String,
    #[prop(into)] consequence: String,
    #[prop(optional)] node_ref: Option<NodeRef<leptos::html::Dialog>>,
    /// The form inside shows its own answer (field errors): the dialog
    /// stays open when it is sent, and the page its success leads to
    /// replaces it.
    #[prop(optional)]
    stays_open: bool,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    // Sent by script, the form leaves the page where it is: the dialog
    // closes so the answer (an error, the updated list) is in view.
    let dialog = node_ref.unwrap_or_default();
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked().filter(|_| !stays_open) {
            dialog.close();
        }
    };
    let failed_here = RwSignal::new(false);
    let dialog_view = view! {
        <dialog
            id=id
            node_ref=dialog
            on:submit=close
            aria-labelledby=labelled_by
            class="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl bg-white p-6 text-left text-slate-900 shadow-xl backdrop:bg-slate-900/50"
        >
            <h2 id=title_id class="text-lg font-semibold [overflow-wrap:anywhere]">{title}</h2>
            <p class="mt-2 text-sm text-slate-700">{consequence}</p>
            <leptos::context::Provider value=OpenAfterFailedPost(failed_here)>
                {children()}
            </leptos::context::Provider>
        </dialog>
    };
    // Only the server writes `open` (read as the page is written, after the
    // form was made): in the browser a page drawn again keeps its elements,
    // and must not close a dialog its reader has open.
    #[cfg(feature = "ssr")]
    let dialog_view = dialog_view
        .add_any_attr(leptos::attr::custom::custom_attribute("open", move || {
            failed_here.get()
        }));
    dialog_view
}

/// Closes the dialog `dialog` without doing anything.
#[component]
pub fn CancelButton(dialog: String) -> impl IntoView {
    view! { <button type="button" class=SMALL_BUTTON commandfor=dialog command="close">"Cancel"</button> }
}

/// A button that asks before something that cannot be undone: it opens a
/// `DialogBox` with the confirming form (`children`, whose submit button
/// does it) beside Cancel.
#[component]
pub fn ConfirmDialog(
    id: String,
    /// The button's words, and its accessible name when they need more
    /// context in a list ("Withdraw" → "Withdraw the verification of …").
    button: &'static str,
    #[prop(optional, into)] button_label: Option<String>,
    #[prop(optional, into)] button_class: Option<&'static str>,
    #[prop(into)] title: String,
    #[prop(into)] consequence: String,
    children: Children,
) -> impl IntoView {
    let (opens, closes) = (id.clone(), id.clone());
    view! {
        <button
            type="button"
            class=button_class.unwrap_or(SMALL_BUTTON)
            aria-label=button_label
            commandfor=opens
            command="show-modal"
        >
            {button}
        </button>
        <DialogBox id=id title=title consequence=consequence>
            <div class="mt-6 flex flex-wrap-reverse items-center justify-end gap-3">
                <CancelButton dialog=closes/>
                {children()}
            </div>
        </DialogBox>
    }
}

/// The open item of a list, beside it: a panel along the right of wide
/// screens, a full-screen sheet on phones. `close` is the list's address
/// without the item (Escape goes there too, through `press_on_keys` and
/// the `panel-close` id). Focus moves to the title when it opens, so a
/// keyboard or screen reader starts there, unless the reader is already in
/// the panel (it came with the page and they began before it hydrated).
#[component]
pub fn SidePanel(
    #[prop(into)] title: String,
    close: String,
    /// Links or buttons beside Close (previous / next).
    #[prop(optional)]
    tools: Option<Children>,
    children: Children,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    let panel = NodeRef::<leptos::html::Aside>::new();
    Effect::new(move |_| {
        let (Some(heading), Some(panel)) = (heading.get(), panel.get()) else {
            return;
        };
        let reader_inside = document()
            .active_element()
            .is_some_and(|active| panel.contains(Some(&active)));
        if !reader_inside {
            let _ = heading.focus();
        }
    });
    view! {
        <aside
            node_ref=panel
            aria-labelledby="side-panel-title"
            class="fixed inset-0 z-40 overflow-y-auto overscroll-contain bg-white px-4 pb-8 pt-4 sm:px-6 lg:inset-y-0 lg:left-auto lg:w-[34rem] lg:border-l lg:border-slate-200 lg:shadow-2xl"
        >
            <div class="sticky top-0 -mx-4 mb-4 flex items-center gap-2 border-b border-slate-100 bg-white/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6">
                <a id="panel-close" href=close class=SMALL_BUTTON>"Close"</a>
                <div class="ml-auto flex gap-2">{tools.map(|t| t())}</div>
            </div>
            <h2
                id="side-panel-title"
                node_ref=heading
                tabindex="-1"
                class="text-xl font-semibold text-slate-900 break-words focus:outline-none"
            >
                {title}
            </h2>
            {children()}
        </aside>
    }
}

/// Settings over the page, opened by a button with `popovertarget` = `id`
/// (a popover: no script needed): a sheet from the bottom of a phone, a
/// panel in the middle of wider screens. Escape, Close or a tap outside
/// hides it.
#[component]
pub fn Sheet(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <div
            id=id
            popover="auto"
            role="dialog"
            aria-labelledby=labelled_by
            class="inset-x-0 top-auto bottom-0 m-0 max-h-[85vh] w-full max-w-none overflow-y-auto rounded-t-2xl border border-slate-200 bg-white p-4 pb-[max(1rem,env(safe-area-inset-bottom))] text-left text-slate-900 shadow-xl backdrop:bg-slate-900/40 sm:inset-0 sm:m-auto sm:h-fit sm:max-w-lg sm:rounded-2xl sm:p-6"
        >
            <div class="mb-3 flex items-center justify-between gap-3">
                <h2 id=title_id class="text-lg font-semibold [overflow-wrap:anywhere]">{title}</h2>
                <button type="button" popovertarget=id popovertargetaction="hide" class=SMALL_BUTTON>"Close"</button>
            </div>
            {children()}
        </div>
    }
}

/// Keyboard shortcuts that press a button or follow a link by its id:
/// `pick` names the element for a key (`"a"`, `"Escape"`). Keys typed into
/// a field, pressed with Ctrl, Alt or Meta, or pressed while a dialog or
/// sheet is open are left alone.
pub fn press_on_keys(pick: impl Fn(&str) -> Option<&'static str> + 'static) {
    use wasm_bindgen::JsCast;
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let dialog_open = document()
            .query_selector("dialog[open], [popover]:popover-open")
            .ok()
            .flatten()
            .is_some();
        if typing || dialog_open || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let target = pick(ev.key().as_str())
            .and_then(|id| document().get_element_by_id(id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            ev.prevent_default();
            target.click();
        }
    });
    on_cleanup(move || keys.remove());
}

/// A page's data: its skeleton while it first loads. When it reloads (after
/// an action, or another address on the same page), the page keeps what it
/// shows until the new data is in, so nothing flashes and the reader stays
/// where they were.
#[component]
pub fn PageData<Chil>(
    /// What is loading, for screen readers.
    #[prop(default = "Loading…")]
    label: &'static str,
    children: TypedChildren<Chil>,
) -> impl IntoView
where
    Chil: IntoView + Send + 'static,
{
    let children = children.into_inner();
    view! {
        <Transition fallback=move || view! { <PageSkeleton label/> }>
            {children()}
        </Transition>
    }
}

/// Grey blocks in the shape of a page (or, `compact`, of a few lines) while
/// it loads, announced as busy.
#[component]
pub fn PageSkeleton(
    /// What is loading, for screen readers ("Loading your home…").
    label: &'static str,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let blocks = if compact {
        view! {
            <div class="h-4 w-3/4 rounded bg-slate-200"></div>
            <div class="h-4 w-1/2 rounded bg-slate-200"></div>
        }
        .into_any()
    } else {
        view! {
            <div class="h-8 w-64 max-w-full rounded bg-slate-200"></div>
            <div class="grid gap-4 md:grid-cols-2">
                <div class="h-40 rounded-xl bg-slate-200"></div>
                <div class="h-40 rounded-xl bg-slate-200"></div>
            </div>
        }
        .into_any()
    };
    let spacing = if compact {
        "mt-2 space-y-2"
    } else {
        "space-y-6"
    };
    view! {
        <div aria-busy="true" class=format!("animate-pulse {spacing}")>
            <span class="sr-only">{label}</span>
            {blocks}
        </div>
    }
}
