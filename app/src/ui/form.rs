//! Forms that post to a server function, and what a failed post without
//! script brings back: the server returns to the page with the error
//! (`__err`, for the server function at `__path`) and the non-secret fields
//! as sent (`__values`, JSON). Only the form that was sent shows them; on a
//! page with one form per entry (a profile's jobs), only that entry's.

use leptos::prelude::*;
use leptos::server::ServerAction;
use leptos::server_fn::{Http, ServerFn, client::Client, codec::PostUrl, request::ClientReq};
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// Leptos's `ActionForm`, telling its fields which form they are in
/// (`echoed`, `shown`) and, when the failed post came from it, the dialog
/// it is in, which comes back open. `entry` is the entry the form edits,
/// where a page has the form once per entry.
#[component]
pub fn ActionForm<S, OutputProtocol: 'static>(
    action: ServerAction<S>,
    #[prop(optional, into)] entry: Option<Entry>,
    #[prop(optional)] node_ref: Option<NodeRef<leptos::html::Form>>,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, OutputProtocol>>
        + Clone
        + Send
        + Sync
        + 'static,
    <<S::Client as Client<S::Error>>::Request as ClientReq<S::Error>>::FormData:
        From<web_sys::FormData>,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
    S::Client: Client<S::Error>,
{
    let scope = FormScope::new(S::url(), entry.as_ref(), action.version());
    if scope.posted_here
        && let Some(dialog) = use_context::<super::overlay::OpenAfterFailedPost>()
    {
        dialog.0.set(true);
    }
    view! {
        <leptos::context::Provider value=scope>
            <leptos::form::ActionForm action=action node_ref=node_ref.unwrap_or_default()>
                {children()}
            </leptos::form::ActionForm>
        </leptos::context::Provider>
    }
}

/// Which entry of a list a form edits, by a field the form sends: its `id`
/// (a `String` converts, empty for a new entry) or another
/// (`Entry::by("user_id", …)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    field: &'static str,
    value: String,
}

impl Entry {
    pub fn by(field: &'static str, value: impl Into<String>) -> Self {
        Self {
            field,
            value: value.into(),
        }
    }

    /// Whether the fields a form sent are this entry's.
    fn sent(&self, values: &HashMap<String, String>) -> bool {
        values.get(self.field).map_or("", String::as_str) == self.value
    }
}

impl From<String> for Entry {
    fn from(id: String) -> Self {
        Self::by("id", id)
    }
}

/// The form fields are in, as `ActionForm` provides it.
#[derive(Clone, Copy)]
struct FormScope {
    /// The failed post without script came from this form.
    posted_here: bool,
    /// The failed post came from this server function's form for another
    /// entry: its error, which every form of the function is given at
    /// first, is not this one's.
    error_elsewhere: bool,
    /// Counts the times the form was sent from the page.
    sent: RwSignal<usize>,
}

impl FormScope {
    fn new(form: &str, entry: Option<&Entry>, sent: RwSignal<usize>) -> Self {
        let Some(echo) = echo().filter(|echo| echo.form == form) else {
            return Self {
                posted_here: false,
                error_elsewhere: false,
                sent,
            };
        };
        // Without the fields (too long to carry) the entry is unknown: every
        // form of the function shows the error, as before this was told.
        let this_entry = match (entry, &echo.values) {
            (Some(entry), Some(values)) => entry.sent(values),
            _ => true,
        };
        Self {
            posted_here: this_entry,
            error_elsewhere: !this_entry,
            sent,
        }
    }

    /// `error` as this form shows it: another entry's failed post is not
    /// shown until this form is sent itself.
    fn show<T: Clone + Send + Sync + 'static>(self, error: Signal<Option<T>>) -> Signal<Option<T>> {
        if !self.error_elsewhere {
            return error;
        }
        Signal::derive(move || {
            if self.sent.get() == 0 {
                None
            } else {
                error.get()
            }
        })
    }
}

/// `error` as the form it is in shows it (`FormScope::show`).
pub fn shown<T: Clone + Send + Sync + 'static>(error: Signal<Option<T>>) -> Signal<Option<T>> {
    match use_context::<FormScope>() {
        Some(scope) => scope.show(error),
        None => error,
    }
}

/// The error of `action`'s form for `entry` where it shows outside that
/// form, beside the button opening the dialog the form is in: only that
/// entry's, as `shown` inside it.
pub fn entry_error<S>(
    action: ServerAction<S>,
    entry: impl Into<Entry>,
) -> Signal<Option<crate::error::AppError>>
where
    S: ServerFn<Output: Clone + Send + Sync, Error = crate::error::AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    let (_, error) = super::action_errors(action.value());
    FormScope::new(S::url(), Some(&entry.into()), action.version()).show(error)
}

/// What the person typed into field `name` before the form it is in was
/// posted without script and came back with errors: nothing typed is lost.
pub fn echoed(name: &str) -> Option<String> {
    use_context::<FormScope>()?.posted_here.then_some(())?;
    echo()?.values?.remove(name)
}

/// Whether box `name` was ticked when the form it is in was posted without
/// script and came back with errors: a box left unticked is not sent at
/// all, so only that form may read "absent" as "unticked".
pub fn echoed_tick(name: &str) -> Option<bool> {
    use_context::<FormScope>()?.posted_here.then_some(())?;
    Some(echo()?.values?.contains_key(name))
}

/// Whether the failed post without script on screen came from the form of
/// server function `form` for `entry`: its folded form opens to show the
/// error.
pub fn posted_from(form: &str, entry: impl Into<Entry>) -> bool {
    let entry = entry.into();
    echo().is_some_and(|echo| {
        echo.form == form && echo.values.is_some_and(|values| entry.sent(&values))
    })
}

/// What a failed post without script sent: the address of the server
/// function it went to (`__path`) and its non-secret fields, when they
/// were not too long to carry.
struct Echo {
    form: String,
    values: Option<HashMap<String, String>>,
}

fn echo() -> Option<Echo> {
    // Only what the server rendered (and hydration takes over) shows it:
    // forms drawn afresh later (after the next save) start from their data.
    #[cfg(not(feature = "ssr"))]
    if ECHO_SPENT.get() {
        return None;
    }
    let query = leptos_router::hooks::use_query_map();
    let query = query.read_untracked();
    // Only while the error is on screen: a later success drops `__err`.
    query.get("__err")?;
    Some(Echo {
        form: query.get("__path")?,
        values: query
            .get("__values")
            .and_then(|values| serde_json::from_str(&values).ok()),
    })
}

#[cfg(not(feature = "ssr"))]
thread_local! {
    static ECHO_SPENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Called once the page has hydrated: from now on forms show their own
/// data, not what a failed post without script carried back.
pub fn spend_echo() {
    #[cfg(not(feature = "ssr"))]
    ECHO_SPENT.set(true);
}
