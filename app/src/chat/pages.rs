//! The conversations (`/messages`), one thread (`/messages/{id}`) and the
//! header's link with the unread count. Phones show the list, then the
//! thread; wide screens show both side by side. Without script the thread
//! is a page with a form that posts and comes back.

use super::api::{
    DeleteMessage, EditMessage, OpenChat, ReportMessage, SendAttachment, SendMessage,
    SetChatBlocked, SetChatMuted, SetChatStarred, get_chat_changes, get_chats, get_older_messages,
    get_thread,
};
use super::rules::{self, Kind, Segment};
use super::{ChatList, ChatSummary, Message, ReadMark, Thread, Typing};
use crate::ui::ActionForm;
use crate::ui::{
    ConfirmDialog, CountLink, ErrorNotice, FormError, PageVersion, SMALL_BUTTON, action_errors,
    reload_on_success, uuid_param, viewer_clock,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use time::OffsetDateTime;
use uuid::Uuid;

/// The look of the small actions under a message (reply, edit, report…).
const META_ACTION: &str = "font-medium hover:text-slate-900 hover:underline";

/// What the live stream says of conversations, shared by the header's
/// badge, the list and the open thread.
#[derive(Clone, Copy)]
pub struct ChatLive {
    /// Conversations with messages the person has not seen, once the
    /// browser has heard it (as `Unread`'s count).
    pub unread: RwSignal<Option<i64>>,
    /// Bumped with the conversation that changed (`None`: any may have,
    /// after a break in the stream).
    pub changed: RwSignal<(u32, Option<Uuid>)>,
    /// The latest "is writing" heard, numbered.
    pub typing: RwSignal<(u32, Option<Typing>)>,
}

impl ChatLive {
    pub fn provide() -> Self {
        let live = Self {
            unread: RwSignal::new(None),
            changed: RwSignal::new((0, None)),
            typing: RwSignal::new((0, None)),
        };
        provide_context(live);
        live
    }

    fn get() -> Option<Self> {
        use_context::<Self>()
    }

    /// Whether the live stream has told the count yet.
    pub fn heard_from_stream(self) -> bool {
        self.changed.get_untracked().0 > 0
    }

    /// Takes in one of the stream's "chat" events.
    pub fn heard(self, update: super::ChatUpdate) {
        self.unread.set(Some(update.unread));
        self.changed.update(|(n, chat)| {
            *n += 1;
            *chat = update.chat;
        });
    }

    /// Takes in one of the stream's "typing" events.
    pub fn heard_typing(self, typing: Typing) {
        self.typing.update(|(n, last)| {
            *n += 1;
            *last = Some(typing);
        });
    }
}

/// The header's link to the conversations, with the unread count
/// (`initial`: the one the page's session info brought).
#[component]
pub fn MessagesLink(initial: i64) -> impl IntoView {
    let Some(live) = ChatLive::get() else {
        return ().into_any();
    };
    let count = Signal::derive(move || live.unread.get().unwrap_or(initial));
    let label = move || match count.get() {
        0 => "Messages".to_string(),
        1 => "Messages, 1 unread conversation".to_string(),
        n => format!("Messages, {n} unread conversations"),
    };
    view! {
        <CountLink href="/messages" icon="M4 5h16v11H9l-5 4z" label=Signal::derive(label) count=count/>
    }
    .into_any()
}

/// A moment as a conversation shows it: the time today, else the day.
fn short_moment(at: OffsetDateTime, now: OffsetDateTime) -> String {
    let clock = viewer_clock();
    let local = clock.local(at);
    if local.date() == clock.local(now).date() {
        clock_time(at)
    } else {
        crate::ui::relative_day(at, now)
    }
}

/// "14:05" on the viewer's clock.
fn clock_time(at: OffsetDateTime) -> String {
    viewer_clock()
        .local(at)
        .format(time::macros::format_description!("[hour]:[minute]"))
        .unwrap_or_default()
}

/// A logo or photo, or the first letter of a name on a coloured circle.
#[component]
fn ChatAvatar(name: String, picture: Option<super::Picture>) -> impl IntoView {
    match picture {
        Some(super::Picture::Logo(src)) => view! {
            <img src=src alt="" class="h-11 w-11 shrink-0 rounded-lg border border-slate-200 bg-white object-contain"/>
        }
        .into_any(),
        Some(super::Picture::Photo(src)) => view! {
            <img src=src alt="" class="h-11 w-11 shrink-0 rounded-full bg-slate-200 object-cover"/>
        }
        .into_any(),
        None => {
            let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
            view! {
                <div aria-hidden="true" class="flex h-11 w-11 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-lg font-semibold text-indigo-800">
                    {initial}
                </div>
            }
            .into_any()
        }
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    view! {
        <Title text="Messages"/>
        <div class="mx-auto max-w-2xl">
            <h1 class="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">"Messages"</h1>
            <ChatListPanel selected=None/>
        </div>
    }
}

/// The list of conversations, with its search; kept current by the live
/// stream. `selected` marks the open thread beside it.
#[component]
fn ChatListPanel(selected: Option<Uuid>) -> impl IntoView {
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let before = move || query.with(|q| q.get("before").unwrap_or_default());
    let live = ChatLive::get();
    let changed = move || live.map(|l| l.changed.get().0).unwrap_or_default();
    let list = Resource::new(
        move || (search(), before(), changed()),
        |(q, before, _)| get_chats(q, before),
    );
    view! {
        <div class="mt-4 space-y-4">
            <form method="get" action="/messages" role="search" class="flex gap-2">
                <label for="chat-search" class="sr-only">"Search your conversations"</label>
                <input
                    id="chat-search"
                    type="search"
                    name="q"
                    prop:value=search
                    placeholder="Search people, jobs and messages"
                    class="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600"
                />
                <button type="submit" class=SMALL_BUTTON>"Search"</button>
            </form>
            <Transition fallback=|| view! { <crate::ui::PageSkeleton label="Loading your conversations…" compact=true/> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                        Ok(list) => view! {
                            <div class="flex flex-wrap gap-2">
                                {list.in_team.then(|| view! { <OpenChatButton about="team" label="Team chat".to_string()/> })}
                                {list.can_contact_support.then(|| view! { <OpenChatButton about="support" label="Contact support".to_string()/> })}
                            </div>
                            <ChatRows list selected/>
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// Opens a conversation (made on first use): about an application or an
/// accepted introduction (`id`), or the company's team chat.
#[component]
pub fn OpenChatButton(
    about: &'static str,
    #[prop(optional)] id: Option<Uuid>,
    label: String,
    #[prop(optional)] primary: bool,
    /// Overrides the button's look (a link among a message's actions).
    #[prop(optional)]
    class: Option<&'static str>,
) -> impl IntoView {
    let open = ServerAction::<OpenChat>::new();
    let (_, error) = action_errors(open.value());
    view! {
        <ActionForm action=open>
            <input type="hidden" name="about" value=about/>
            <input type="hidden" name="id" value=id.map(|id| id.to_string()).unwrap_or_default()/>
            <button type="submit" class=class.unwrap_or(if primary { crate::ui::PRIMARY_BUTTON } else { SMALL_BUTTON }) disabled=move || open.pending().get()>
                {label}
            </button>
        </ActionForm>
        <FormError error/>
    }
}

#[component]
fn ChatRows(list: ChatList, selected: Option<Uuid>) -> impl IntoView {
    if list.items.is_empty() {
        let (title, text) = match (list.query.is_empty(), list.in_team) {
            (false, _) => (
                "No conversation matches",
                "Try a name, a job title or a word from a message.",
            ),
            (true, true) => (
                "No conversations yet",
                "Write to a candidate from an application in your pipeline, or talk with your team in the team chat.",
            ),
            (true, false) => (
                "No conversations yet",
                "When a hiring team writes to you about an application, or you accept an introduction, the conversation appears here.",
            ),
        };
        return view! {
            <div class="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
                <p class="font-semibold text-slate-900">{title}</p>
                <p class="mt-1 text-sm text-slate-600">{text}</p>
                {(!list.in_team && list.query.is_empty()).then(|| view! {
                    <a class="mt-4 inline-block font-medium text-indigo-700 underline" href="/applications">"Your applications"</a>
                })}
            </div>
        }
        .into_any();
    }
    let now = list.now;
    let older = list.older.map(|cursor| {
        let mut href = format!("/messages?before={}", crate::ui::urlencode(&cursor));
        if !list.query.is_empty() {
            href.push_str(&format!("&q={}", crate::ui::urlencode(&list.query)));
        }
        view! {
            <a class="block py-2 text-center font-medium text-indigo-700 underline" href=href>
                "Older conversations"
            </a>
        }
    });
    view! {
        <ul class="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white" aria-label="Conversations">
            {list
                .items
                .into_iter()
                .map(|c| {
                    let selected = selected == Some(c.id);
                    view! { <ChatRow c now selected/> }
                })
                .collect_view()}
        </ul>
        {older}
    }
    .into_any()
}

#[component]
fn ChatRow(c: ChatSummary, now: OffsetDateTime, selected: bool) -> impl IntoView {
    let unread = c.unread > 0;
    let last = c.last.clone();
    let preview = match &last {
        None => "No messages yet".to_string(),
        Some(l) if l.moderated => "Removed by a moderator".to_string(),
        Some(l) if l.deleted => "Message deleted".to_string(),
        Some(l) if l.from_me => format!("You: {}", l.snippet),
        Some(l) => l.snippet.clone(),
    };
    let when = last.map(|l| short_moment(l.at, now));
    view! {
        <li>
            <a
                href=format!("/messages/{}", c.id)
                aria-current=selected.then_some("page")
                class="flex items-center gap-3 px-4 py-3 hover:bg-slate-50 aria-[current=page]:bg-indigo-50"
            >
                <ChatAvatar name=c.title.clone() picture=c.picture.clone()/>
                <div class="min-w-0 flex-1">
                    <div class="flex items-baseline justify-between gap-2">
                        <p class=if unread { "truncate font-semibold text-slate-900" } else { "truncate font-medium text-slate-800" }>
                            {c.title.clone()}
                        </p>
                        {when.map(|w| view! { <span class="shrink-0 text-xs text-slate-600">{w}</span> })}
                    </div>
                    {c.about.clone().map(|about| view! { <p class="truncate text-xs text-slate-600">{about}</p> })}
                    <div class="flex items-center justify-between gap-2">
                        <p class=if unread { "truncate text-sm text-slate-900" } else { "truncate text-sm text-slate-600" }>{preview}</p>
                        {unread.then(|| view! {
                            <span aria-hidden="true" class="min-w-5 shrink-0 rounded-full bg-indigo-700 px-1.5 text-center text-xs font-bold leading-5 text-white">
                                {c.unread.min(99)}
                            </span>
                            <span class="sr-only">{format!(", {} unread", c.unread)}</span>
                        })}
                        {c.muted.then(|| view! { <span class="shrink-0 text-xs text-slate-600">"Muted"</span> })}
                    </div>
                </div>
            </a>
        </li>
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    PageVersion::provide();
    let version = PageVersion::get();
    let id = uuid_param("id");
    let data = Resource::new(
        move || (id(), version.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_thread(id.to_string()).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <div class="lg:grid lg:grid-cols-[20rem_minmax(0,1fr)] lg:gap-6">
            <aside class="hidden lg:block" aria-label="Your conversations">
                {move || view! { <ChatListPanel selected=id()/> }}
            </aside>
            <div class="min-w-0">
                <p class="mb-3 text-sm lg:hidden">
                    <a class="font-medium text-indigo-700 underline" href="/messages">"← All messages"</a>
                </p>
                <crate::ui::PageData label="Loading the conversation…">
                    {move || Suspend::new(async move {
                        match data.await {
                            Err(e) => view! { <Title text="Messages"/><ErrorNotice error=e/> }.into_any(),
                            Ok(thread) => view! { <ThreadView thread/> }.into_any(),
                        }
                    })}
                </crate::ui::PageData>
            </div>
        </div>
    }
}

/// Puts messages into the list by their number: new ones in place, changed
/// ones over their old selves.
fn merge(list: &mut Vec<Message>, incoming: Vec<Message>) {
    for message in incoming {
        match list.binary_search_by_key(&message.seq, |m| m.seq) {
            Ok(at) => list[at] = message,
            Err(at) => list.insert(at, message),
        }
    }
}

/// What the thread's parts share while it is open.
#[derive(Clone, Copy)]
struct ThreadState {
    chat_id: Uuid,
    kind: Kind,
    me: Uuid,
    messages: RwSignal<Vec<Message>>,
    reads: RwSignal<Vec<ReadMark>>,
    revision: StoredValue<i64>,
    /// The message being answered.
    reply_to: RwSignal<Option<Message>>,
    /// The message being edited.
    editing: RwSignal<Option<Uuid>>,
    now: OffsetDateTime,
}

impl ThreadState {
    /// Fetches what changed since the revision shown, and marks the newest
    /// message read when the page is in view.
    fn catch_up(self) {
        leptos::task::spawn_local(async move {
            let Ok(changes) =
                get_chat_changes(self.chat_id.to_string(), self.revision.get_value()).await
            else {
                return;
            };
            if changes.revision <= self.revision.get_value() && changes.messages.is_empty() {
                self.reads.set(changes.reads);
                return;
            }
            self.revision
                .update_value(|r| *r = (*r).max(changes.revision));
            let from_others = changes.messages.iter().any(|m| m.sender != Some(self.me));
            self.messages.update(|list| merge(list, changes.messages));
            self.reads.set(changes.reads);
            if from_others {
                self.mark_read();
            }
        });
    }

    fn mark_read(self) {
        #[cfg(feature = "hydrate")]
        {
            if document().hidden() {
                return;
            }
            let Some(seq) = self
                .messages
                .with_untracked(|list| list.last().map(|m| m.seq))
            else {
                return;
            };
            leptos::task::spawn_local(async move {
                let _ = super::api::mark_chat_read(self.chat_id.to_string(), seq).await;
            });
        }
    }
}

#[component]
fn ThreadView(thread: Thread) -> impl IntoView {
    let state = ThreadState {
        chat_id: thread.id,
        kind: thread.kind,
        me: thread.me,
        messages: RwSignal::new(thread.messages.clone()),
        reads: RwSignal::new(thread.reads.clone()),
        revision: StoredValue::new(thread.revision),
        reply_to: RwSignal::new(None),
        editing: RwSignal::new(None),
        now: thread.now,
    };
    let has_older = RwSignal::new(thread.has_older);
    let typing = RwSignal::new(None::<String>);
    if let Some(live) = ChatLive::get() {
        // Something changed here (or anywhere, after a break): catch up.
        Effect::new(move |seen: Option<u32>| {
            let (tick, chat) = live.changed.get();
            if seen.is_some_and(|seen| seen != tick) && chat.is_none_or(|c| c == state.chat_id) {
                state.catch_up();
            }
            tick
        });
        // Someone else writing here: said for a few seconds.
        Effect::new(move |seen: Option<u32>| {
            let (tick, heard) = live.typing.get();
            if seen.is_some_and(|seen| seen != tick)
                && let Some(heard) = heard.filter(|t| t.chat == state.chat_id)
                && heard.from != Some(state.me)
            {
                let name = state.name_of(heard.from);
                typing.set(Some(name));
                set_timeout(
                    move || {
                        if live.typing.get_untracked().0 == tick {
                            typing.set(None);
                        }
                    },
                    std::time::Duration::from_secs(6),
                );
            }
            tick
        });
    }
    let title = thread.title.clone();
    let about = thread
        .about
        .clone()
        .map(|about| match thread.about_link.clone() {
            Some(href) => {
                view! { <a class="underline hover:text-slate-900" href=href>{about}</a> }.into_any()
            }
            None => view! { <span>{about}</span> }.into_any(),
        });
    let kind_label = match thread.kind {
        Kind::Application => "Application",
        Kind::Introduction => "Introduction",
        Kind::Direct => "Direct message",
        Kind::Support => "Support",
        Kind::Team => "Team chat",
    };
    let read_before = thread.read_before;
    view! {
        <Title text=format!("{title} · Messages")/>
        <section class="flex h-[calc(100dvh-16rem)] min-h-[24rem] flex-col overflow-hidden rounded-xl border border-slate-200 bg-white sm:h-[calc(100dvh-14rem)]">
            <header class="flex items-center gap-3 border-b border-slate-200 px-4 py-3">
                <ChatAvatar name=title.clone() picture=thread.picture.clone()/>
                <div class="min-w-0 flex-1">
                    <h1 class="truncate text-lg font-semibold text-slate-900">{title.clone()}</h1>
                    // Text and links each in their own element: two text
                    // nodes side by side do not survive hydration.
                    <p class="truncate text-sm text-slate-600">
                        <span>{kind_label}</span>
                        {about.map(|a| view! { <span aria-hidden="true">" · "</span>{a} })}
                    </p>
                </div>
                <ThreadMenu chat_id=thread.id muted=thread.muted starred=thread.starred blocking=thread.blocking kind=thread.kind/>
            </header>
            <MessageList state has_older read_before/>
            <p class="min-h-6 px-4 text-sm italic text-slate-600" aria-live="polite">
                {move || typing.get().map(|name| format!("{name} is writing…"))}
            </p>
            {match thread.read_only.clone() {
                Some(why) => view! {
                    <p class="border-t border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">{why}</p>
                }
                .into_any(),
                None => view! { <Composer state key=thread.send_key file_key=thread.file_key/> }.into_any(),
            }}
        </section>
    }
}

impl ThreadState {
    /// How someone in the thread is named, from what the page shows.
    fn name_of(self, user: Option<Uuid>) -> String {
        let from_messages = self.messages.with_untracked(|list| {
            list.iter()
                .rev()
                .find(|m| m.sender == user && m.sender.is_some())
                .map(|m| m.sender_name.clone())
        });
        from_messages
            .or_else(|| {
                self.reads.with_untracked(|reads| {
                    reads
                        .iter()
                        .find(|r| Some(r.user) == user)
                        .map(|r| r.name.clone())
                })
            })
            .unwrap_or_else(|| "Someone".into())
    }
}

/// Mute, star, and what happens to the conversation over time.
#[component]
fn ThreadMenu(
    chat_id: Uuid,
    muted: bool,
    starred: bool,
    blocking: bool,
    kind: Kind,
) -> impl IntoView {
    let mute = ServerAction::<SetChatMuted>::new();
    reload_on_success(mute.value());
    let block = ServerAction::<SetChatBlocked>::new();
    reload_on_success(block.value());
    let block_form = move |blocked: bool, label: &'static str, class: &'static str| {
        view! {
            <ActionForm action=block>
                <input type="hidden" name="id" value=chat_id.to_string()/>
                <input type="hidden" name="blocked" value=blocked.to_string()/>
                <button type="submit" class=class>{label}</button>
            </ActionForm>
        }
    };
    let star = ServerAction::<SetChatStarred>::new();
    reload_on_success(star.value());
    let keeps = matches!(kind, Kind::Application | Kind::Introduction);
    view! {
        <details class="relative">
            <summary class="flex h-10 w-10 cursor-pointer list-none items-center justify-center rounded-md text-slate-700 hover:bg-slate-100" aria-label="Conversation options">
                <svg class="h-5 w-5" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
                    <circle cx="5" cy="12" r="2"/><circle cx="12" cy="12" r="2"/><circle cx="19" cy="12" r="2"/>
                </svg>
            </summary>
            <div class="absolute right-0 z-20 mt-2 w-72 space-y-3 rounded-md border border-slate-200 bg-white p-4 text-sm shadow-lg">
                <ActionForm action=mute>
                    <input type="hidden" name="id" value=chat_id.to_string()/>
                    <input type="hidden" name="muted" value=(!muted).to_string()/>
                    <button type="submit" class=SMALL_BUTTON>
                        {if muted { "Unmute conversation" } else { "Mute conversation" }}
                    </button>
                </ActionForm>
                <p class="text-slate-600">
                    {if muted {
                        "Muted: it does not count in your unread messages."
                    } else {
                        "Muting keeps it out of your unread count."
                    }}
                </p>
                {keeps.then(|| view! {
                    <ActionForm action=star>
                        <input type="hidden" name="id" value=chat_id.to_string()/>
                        <input type="hidden" name="starred" value=(!starred).to_string()/>
                        <button type="submit" class=SMALL_BUTTON>
                            {if starred { "Remove star" } else { "Star conversation" }}
                        </button>
                    </ActionForm>
                    <p class="text-slate-600">
                        {if starred {
                            "Starred: kept after the application or introduction ends."
                        } else {
                            "Starring keeps it after the application or introduction ends."
                        }}
                    </p>
                })}
                {(kind == Kind::Direct).then(|| if blocking {
                    view! {
                        {block_form(false, "Unblock", SMALL_BUTTON)}
                        <p class="text-slate-600">"You have blocked this person: neither of you can write here."</p>
                    }
                    .into_any()
                } else {
                    view! {
                        <ConfirmDialog
                            id=format!("block-{chat_id}")
                            button="Block this person"
                            title="Block this person?"
                            consequence="Neither of you will be able to write in this conversation, and they cannot start another with you. You can unblock them later."
                        >
                            {block_form(true, "Block", crate::ui::DANGER_BUTTON)}
                        </ConfirmDialog>
                    }
                    .into_any()
                })}
                <p class="text-slate-600">
                    {format!(
                        "Messages can be edited for 15 minutes after sending, and deleted at any time. {}",
                        rules::retention(kind),
                    )}
                </p>
            </div>
        </details>
    }
}

/// The messages, oldest at the top, with day lines, the "new messages"
/// line and read receipts; scrolling to the top loads earlier ones.
#[component]
fn MessageList(state: ThreadState, has_older: RwSignal<bool>, read_before: i64) -> impl IntoView {
    let scroller = NodeRef::<leptos::html::Div>::new();
    let loading = RwSignal::new(false);
    let load_older = move || {
        if loading.get_untracked() || !has_older.get_untracked() {
            return;
        }
        let Some(first) = state.messages.with_untracked(|l| l.first().map(|m| m.seq)) else {
            return;
        };
        loading.set(true);
        leptos::task::spawn_local(async move {
            let before_height = scroller.get_untracked().map(|s| s.scroll_height());
            if let Ok(older) = get_older_messages(state.chat_id.to_string(), first).await {
                has_older.set(older.has_older);
                state.messages.update(|list| merge(list, older.messages));
                // Keeps the reader's place: the page grew above them.
                if let (Some(s), Some(before)) = (scroller.get_untracked(), before_height) {
                    request_animation_frame(move || {
                        s.set_scroll_top(s.scroll_top() + s.scroll_height() - before);
                    });
                }
            }
            loading.set(false);
        });
    };
    // Opens at the newest message, and follows new ones while the reader is
    // near the bottom.
    let near_bottom = StoredValue::new(true);
    Effect::new(move |_| {
        state.messages.track();
        if let Some(s) = scroller.get()
            && near_bottom.get_value()
        {
            request_animation_frame(move || s.set_scroll_top(s.scroll_height()));
        }
    });
    let on_scroll = move |_| {
        if let Some(s) = scroller.get_untracked() {
            near_bottom.set_value(s.scroll_height() - s.scroll_top() - s.client_height() < 80);
            if s.scroll_top() < 120 {
                load_older();
            }
        }
    };
    let now = state.now;
    view! {
        <div node_ref=scroller on:scroll=on_scroll class="flex-1 overflow-y-auto px-4 py-4" tabindex="0" aria-label="Messages">
            {move || has_older.get().then(|| view! {
                <p class="mb-3 text-center">
                    <button type="button" class=SMALL_BUTTON on:click=move |_| load_older() disabled=move || loading.get()>
                        {move || if loading.get() { "Loading…" } else { "Show earlier messages" }}
                    </button>
                </p>
            })}
            <div role="log" aria-live="polite" aria-label="Conversation">
            <ol class="space-y-2">
                {move || {
                    let messages = state.messages.get();
                    if messages.is_empty() {
                        return view! {
                            <li class="py-12 text-center text-sm text-slate-600">"No messages yet. Say hello."</li>
                        }
                        .into_any();
                    }
                    let reads = state.reads.get();
                    let clock = viewer_clock();
                    let mut previous_day = None;
                    let first_new = messages
                        .iter()
                        .find(|m| m.seq > read_before && m.sender != Some(state.me))
                        .map(|m| m.seq);
                    let last_mine = messages.iter().rev().find(|m| m.sender == Some(state.me)).map(|m| m.seq);
                    messages
                        .into_iter()
                        .map(|m| {
                            let day = clock.local(m.sent_at).date();
                            let day_line = (previous_day != Some(day)).then(|| {
                                previous_day = Some(day);
                                let label = match crate::ui::relative_day(m.sent_at, now).as_str() {
                                    "today" => "Today".to_string(),
                                    "yesterday" => "Yesterday".to_string(),
                                    _ => crate::ui::format_date(day),
                                };
                                view! {
                                    <li class="flex items-center gap-3 py-2 text-xs font-medium text-slate-600">
                                        <span class="h-px flex-1 bg-slate-200"></span>{label}<span class="h-px flex-1 bg-slate-200"></span>
                                    </li>
                                }
                            });
                            let new_line = (first_new == Some(m.seq)).then(|| view! {
                                <li class="flex items-center gap-3 py-1 text-xs font-semibold text-red-700" id="new-messages">
                                    <span class="h-px flex-1 bg-red-300"></span>"New messages"<span class="h-px flex-1 bg-red-300"></span>
                                </li>
                            });
                            let seen_by = (last_mine == Some(m.seq))
                                .then(|| {
                                    reads
                                        .iter()
                                        .filter(|r| r.seq >= m.seq)
                                        .map(|r| r.name.clone())
                                        .collect::<Vec<_>>()
                                })
                                .filter(|names| !names.is_empty());
                            view! {
                                {day_line}
                                {new_line}
                                <MessageItem m state seen_by/>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
            </div>
        </div>
    }
}

/// A message's text with its web addresses as links (written as text,
/// never as markup).
#[component]
fn MessageText(body: String) -> impl IntoView {
    let parts: Vec<AnyView> = rules::segments(&body)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.to_string().into_any(),
            Segment::Link { href, text } => view! {
                <a href=href class="underline" target="_blank" rel="noopener noreferrer nofollow">{text.to_string()}</a>
            }
            .into_any(),
        })
        .collect();
    view! { <p class="whitespace-pre-wrap break-words">{parts}</p> }
}

#[component]
fn MessageItem(m: Message, state: ThreadState, seen_by: Option<Vec<String>>) -> impl IntoView {
    let mine = m.sender == Some(state.me);
    let id = m.id;
    let anchor = format!("message-{}", m.seq);
    // Judged by the server's time when the page loaded (the browser's clock
    // is not read), or the message's own for one sent since; the server
    // has the last word.
    let editable = mine && !m.deleted && rules::can_edit(m.sent_at, state.now.max(m.sent_at));
    // People met in a shared conversation can talk one to one.
    let privately = matches!(
        state.kind,
        Kind::Application | Kind::Introduction | Kind::Team
    );
    let row = if mine {
        "flex flex-col items-end"
    } else {
        "flex flex-col items-start"
    };
    let bubble = if mine {
        "max-w-[85%] rounded-2xl rounded-br-sm bg-indigo-700 px-3 py-2 text-white sm:max-w-[70%]"
    } else {
        "max-w-[85%] rounded-2xl rounded-bl-sm bg-slate-100 px-3 py-2 text-slate-900 sm:max-w-[70%]"
    };
    let time = clock_time(m.sent_at);
    let full_time = crate::ui::format_time(m.sent_at);
    let reply = m.reply.clone().map(|q| {
        let text = if q.deleted {
            "Message deleted".to_string()
        } else {
            q.snippet
        };
        view! {
            <a href=format!("#message-{}", q.seq) class=if mine {
                "mb-1 block border-l-2 border-indigo-300 pl-2 text-sm text-indigo-100"
            } else {
                "mb-1 block border-l-2 border-slate-400 pl-2 text-sm text-slate-600"
            }>
                <span class="font-semibold">{q.sender_name}</span>
                <span>{format!(": {text}")}</span>
            </a>
        }
    });
    let editable_copy = m.clone();
    let file = m
        .attachment
        .clone()
        .filter(|_| !m.deleted)
        .map(|file| view! { <AttachedFile id file mine/> });
    let body = if m.deleted {
        let text = if m.moderated {
            "Removed by a moderator"
        } else {
            "Message deleted"
        };
        view! { <p class="italic opacity-80">{text}</p> }.into_any()
    } else if m.body.is_empty() {
        ().into_any()
    } else {
        view! {
            <Show
                when=move || state.editing.get() == Some(id)
                fallback={
                    let body = m.body.clone();
                    move || view! { <MessageText body=body.clone()/> }
                }
            >
                <EditForm m=editable_copy.clone() state/>
            </Show>
        }
        .into_any()
    };
    let for_reply = m.clone();
    view! {
        <li id=anchor class=row>
            {(!mine).then(|| view! { <p class="px-1 text-xs font-medium text-slate-600">{m.sender_name.clone()}</p> })}
            <div class=bubble>
                {reply}
                {file}
                {body}
            </div>
            <div class="flex flex-wrap items-center gap-x-3 px-1 text-xs text-slate-600">
                <time datetime=m.sent_at.unix_timestamp().to_string() title=full_time>{time}</time>
                {(m.edited && !m.deleted).then(|| view! { <span>"edited"</span> })}
                {(!m.deleted).then(|| view! {
                    <button type="button" class=META_ACTION on:click=move |_| state.reply_to.set(Some(for_reply.clone()))>
                        "Reply"
                    </button>
                })}
                {editable.then(|| view! {
                    <button type="button" class=META_ACTION on:click=move |_| state.editing.set(Some(id))>
                        "Edit"
                    </button>
                })}
                {(mine && !m.deleted).then(|| view! { <DeleteButton id state/> })}
                {(!mine && !m.deleted && m.sender.is_some()).then(|| view! { <ReportButton id reported=m.reported/> })}
                {m.sender
                    .filter(|_| !mine && privately && m.sender_name != "Hiring team" && m.sender_name != "Deleted user")
                    .map(|sender| view! {
                        <OpenChatButton about="direct" id=sender label="Message privately".to_string() class=META_ACTION/>
                    })}
                {seen_by.map(|names| {
                    let text = if state.reads.with_untracked(|r| r.len()) <= 1 {
                        "Seen".to_string()
                    } else {
                        format!("Seen by {}", names.join(", "))
                    };
                    view! { <span class="font-medium">{text}</span> }
                })}
            </div>
        </li>
    }
}

/// A message's file: an image shown in place (opening full size), or a
/// PDF to download.
#[component]
fn AttachedFile(id: Uuid, file: super::Attachment, mine: bool) -> impl IntoView {
    let url = super::Attachment::url(id);
    let size = crate::media::size_label(file.byte_size);
    let download_name = file.file_name.clone();
    match file.image_size {
        Some((width, height)) => view! {
            <a href=url.clone() target="_blank" rel="noopener" class="mb-1 block">
                <img
                    src=url.clone()
                    alt=file.file_name.clone()
                    width=width.to_string()
                    height=height.to_string()
                    loading="lazy"
                    class="h-auto max-h-72 w-auto max-w-full rounded-lg bg-slate-200 object-contain"
                />
            </a>
        }
        .into_any(),
        None => view! {
            <a href=url download=download_name class=if mine {
                "mb-1 flex items-center gap-2 rounded-lg bg-indigo-800 px-3 py-2 text-white hover:bg-indigo-900"
            } else {
                "mb-1 flex items-center gap-2 rounded-lg bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-200 hover:bg-slate-50"
            }>
                <svg class="h-6 w-6 shrink-0" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" aria-hidden="true">
                    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z"/><path d="M14 3v5h5"/>
                </svg>
                <span class="min-w-0">
                    <span class="block truncate font-medium">{file.file_name}</span>
                    <span class="block text-xs opacity-80">{format!("PDF · {size}")}</span>
                </span>
            </a>
        }
        .into_any(),
    }
}

/// Reports the message to the site's moderators, with a reason; then says
/// it is reported.
#[component]
fn ReportButton(id: Uuid, reported: bool) -> impl IntoView {
    let report = ServerAction::<ReportMessage>::new();
    let (_, error) = action_errors(report.value());
    let done = RwSignal::new(reported);
    Effect::new(move |_| {
        if let Some(Ok(())) = report.value().get() {
            done.set(true);
        }
    });
    let dialog = format!("report-{id}");
    let opens = dialog.clone();
    let (reason_id, details_id) = (
        format!("report-{id}-reason"),
        format!("report-{id}-details"),
    );
    view! {
        <Show
            when=move || !done.get()
            fallback=|| view! { <span class="font-medium">"Reported"</span> }
        >
            <button type="button" class=META_ACTION commandfor=opens.clone() command="show-modal">
                "Report"
            </button>
        </Show>
        <span class="font-medium text-red-700" role="alert">
            {move || error.get().map(|e| {
                e.field_message("reason")
                    .or_else(|| e.field_message("details"))
                    .unwrap_or_else(|| e.to_string())
            })}
        </span>
        <crate::ui::DialogBox
            id=dialog.clone()
            title="Report this message?"
            consequence="Hirewell's moderators will see the message as it is now and your reason. The sender is not told who reported it."
        >
            <ActionForm action=report attr:class="mt-4 space-y-3 text-sm">
                <input type="hidden" name="id" value=id.to_string()/>
                <div>
                    <label for=reason_id.clone() class="block font-medium text-slate-800">"Why are you reporting it?"</label>
                    <select id=reason_id name="reason" class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900">
                        {rules::ReportReason::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{r.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div>
                    <label for=details_id.clone() class="block font-medium text-slate-800">"Anything the moderators should know (optional)"</label>
                    <textarea
                        id=details_id
                        name="details"
                        rows="3"
                        maxlength=rules::MAX_REPORT_DETAILS_CHARS.to_string()
                        class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900"
                    ></textarea>
                </div>
                <div class="flex flex-wrap-reverse items-center justify-end gap-3">
                    <crate::ui::CancelButton dialog=dialog/>
                    <button type="submit" class=crate::ui::DANGER_BUTTON>"Send report"</button>
                </div>
            </ActionForm>
        </crate::ui::DialogBox>
    }
}

#[component]
fn DeleteButton(id: Uuid, state: ThreadState) -> impl IntoView {
    let delete = ServerAction::<DeleteMessage>::new();
    Effect::new(move |_| {
        if let Some(Ok(message)) = delete.value().get() {
            state.messages.update(|list| merge(list, vec![message]));
        }
    });
    let dialog = format!("delete-{id}");
    view! {
        <ConfirmDialog
            id=dialog
            button="Delete"
            button_class=META_ACTION
            title="Delete this message?"
            consequence="Everyone in the conversation will see “Message deleted” in its place."
        >
            <ActionForm action=delete>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class=crate::ui::DANGER_BUTTON>"Delete message"</button>
            </ActionForm>
        </ConfirmDialog>
    }
}

#[component]
fn EditForm(m: Message, state: ThreadState) -> impl IntoView {
    let edit = ServerAction::<EditMessage>::new();
    let (field, error) = action_errors(edit.value());
    Effect::new(move |_| {
        if let Some(Ok(message)) = edit.value().get() {
            state.messages.update(|list| merge(list, vec![message]));
            state.editing.set(None);
        }
    });
    let field_id = format!("edit-{}", m.id);
    view! {
        <ActionForm action=edit attr:class="space-y-2">
            <input type="hidden" name="id" value=m.id.to_string()/>
            <label for=field_id.clone() class="sr-only">"Edit your message"</label>
            <textarea id=field_id name="body" rows="3" class="block w-64 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-900">
                {m.body.clone()}
            </textarea>
            <crate::ui::FieldErrorText id=format!("edit-{}-error", m.id) error=field("body")/>
            <FormError error/>
            <div class="flex gap-2">
                <button type="submit" class="rounded-md bg-white px-2 py-1 text-sm font-semibold text-indigo-800">"Save"</button>
                <button type="button" class="rounded-md px-2 py-1 text-sm font-semibold underline" on:click=move |_| state.editing.set(None)>"Cancel"</button>
            </div>
        </ActionForm>
    }
}

/// Writes and sends: Enter sends, Shift+Enter starts a new line.
#[component]
fn Composer(state: ThreadState, key: Uuid, file_key: Uuid) -> impl IntoView {
    let file_error = RwSignal::new(crate::media::pages::plain_post_error(SendAttachment::PATH));
    let file_message = move || {
        file_error
            .get()
            .map(|e| e.field_message("file").unwrap_or_else(|| e.to_string()))
    };
    let send = ServerAction::<SendMessage>::new();
    let (field, error) = action_errors(send.value());
    let key = RwSignal::new(key);
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(sent)) = send.value().get() {
            state
                .messages
                .update(|list| merge(list, vec![sent.message]));
            key.set(sent.next_key);
            state.reply_to.set(None);
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
    // Tells the others, at most every 4 seconds, that this person writes.
    let last_told = StoredValue::new(0.0_f64);
    let on_input = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let now = js_sys::Date::now();
            if now - last_told.get_value() > 4000.0 {
                last_told.set_value(now);
                leptos::task::spawn_local(async move {
                    let _ = super::api::chat_typing(state.chat_id.to_string()).await;
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = last_told;
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            if let Some(form) = form.get_untracked() {
                let _ = form.request_submit();
            }
        }
    };
    view! {
        <div class="border-t border-slate-200 px-4 py-3">
            {move || state.reply_to.get().map(|m| view! {
                <div class="mb-2 flex items-start justify-between gap-2 rounded-md border-l-4 border-indigo-600 bg-indigo-50 px-3 py-2 text-sm">
                    <p class="min-w-0 truncate text-slate-800">
                        <span class="font-semibold">{format!("Replying to {}", m.sender_name)}</span>
                        <span>{format!(": {}", rules::snippet(&m.body, 80))}</span>
                    </p>
                    <button type="button" class="shrink-0 font-medium text-indigo-800 underline" on:click=move |_| state.reply_to.set(None)>
                        "Cancel reply"
                    </button>
                </div>
            })}
            <div class="flex items-end gap-2">
            <AttachForm state key=file_key error=file_error/>
            <ActionForm action=send node_ref=form attr:class="flex flex-1 items-end gap-2" attr:novalidate=true>
                <input type="hidden" name="chat" value=state.chat_id.to_string()/>
                <input type="hidden" name="key" prop:value=move || key.get().to_string() value=key.get_untracked().to_string()/>
                <input type="hidden" name="reply_to" prop:value=move || state.reply_to.get().map(|m| m.id.to_string()).unwrap_or_default()/>
                <label for="message-body" class="sr-only">"Message"</label>
                <textarea
                    id="message-body"
                    name="body"
                    rows="2"
                    maxlength=rules::MAX_BODY_CHARS.to_string()
                    placeholder="Write a message"
                    on:input=on_input
                    on:keydown=on_keydown
                    aria-invalid=move || field("body").get().is_some().then_some("true")
                    aria-describedby="message-body-error"
                    class="block min-h-11 w-full flex-1 resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:border-red-600"
                ></textarea>
                <button
                    type="submit"
                    disabled=move || send.pending().get()
                    class="inline-flex h-11 shrink-0 items-center justify-center rounded-md bg-indigo-700 px-4 font-semibold text-white hover:bg-indigo-800 disabled:opacity-60"
                >
                    "Send"
                </button>
            </ActionForm>
            </div>
            <crate::ui::FieldErrorText id="message-body-error".to_string() error=field("body")/>
            <p id="message-file-error" class="text-sm font-medium text-red-700" role="alert">{file_message}</p>
            <FormError error/>
        </div>
    }
}

/// Sends an image or a PDF. With script, choosing the file sends it (with
/// a progress bar); without, the form shows the picker and a button.
#[component]
fn AttachForm(
    state: ThreadState,
    key: Uuid,
    /// Why the last file was not sent, shown under the composer.
    error: RwSignal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let key = RwSignal::new(key);
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let progress = RwSignal::new(None::<f64>);
    let form = NodeRef::<leptos::html::Form>::new();
    let on_change = move |_| {
        if let Some(form) = form.get_untracked() {
            let _ = form.request_submit();
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(form) = form.get_untracked() else {
            return;
        };
        error.set(None);
        progress.set(Some(0.0));
        let finished = form.clone();
        let sent = crate::ui::upload::send(&form, SendAttachment::PATH, progress, move |result| {
            progress.set(None);
            finished.reset();
            match result.and_then(|body| {
                serde_json::from_str::<super::Sent>(&body)
                    .map_err(|e| crate::error::AppError::Transport(e.to_string()))
            }) {
                Ok(sent) => {
                    state
                        .messages
                        .update(|list| merge(list, vec![sent.message]));
                    key.set(sent.next_key);
                    state.reply_to.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
        if sent.is_err() {
            progress.set(None);
            error.set(Some(crate::error::AppError::Transport(
                "the upload could not start".into(),
            )));
        }
    };
    view! {
        <form
            method="post"
            action=SendAttachment::PATH
            enctype="multipart/form-data"
            node_ref=form
            on:submit=on_submit
            class="flex shrink-0 flex-col items-start gap-1"
        >
            <input type="hidden" name="chat" value=state.chat_id.to_string()/>
            <input type="hidden" name="key" prop:value=move || key.get().to_string() value=key.get_untracked().to_string()/>
            <input type="hidden" name="reply_to" prop:value=move || state.reply_to.get().map(|m| m.id.to_string()).unwrap_or_default()/>
            <label
                for="message-file"
                title="Attach an image or a PDF (up to 10 MB)"
                class="inline-flex h-11 w-11 cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600"
            >
                <svg class="h-5 w-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
                    <path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7"/>
                </svg>
                <span class="sr-only">"Attach a file"</span>
                <input
                    id="message-file"
                    name="file"
                    type="file"
                    accept="image/jpeg,image/png,image/webp,application/pdf"
                    aria-describedby="message-file-error"
                    on:change=on_change
                    class="sr-only"
                />
            </label>
            <button type="submit" class=move || if scripted.get() { "hidden" } else { SMALL_BUTTON }>
                "Send file"
            </button>
            {move || progress.get().map(|p| view! {
                <progress class="h-1.5 w-11" max="100" value=p aria-label="Sending the file"></progress>
            })}
        </form>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn message_text_is_written_as_text_with_only_web_links() {
        let owner = Owner::new();
        let html = owner.with(|| {
            let body = "<script>alert(1)</script> see https://a.test/x?\"onmouseover=alert(2) \
                        or javascript:alert(3)"
                .to_string();
            view! { <MessageText body/> }.to_html()
        });
        assert!(!html.contains("<script"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        // The one link ends where the address does; the quote after it is
        // text, not the end of an attribute.
        assert_eq!(html.matches("<a ").count(), 1, "{html}");
        assert!(html.contains(r#"<a href="https://a.test/x" "#), "{html}");
        assert!(
            html.contains(r#"</a>?"onmouseover=alert(2) or javascript:alert(3)"#),
            "{html}"
        );
    }

    #[test]
    fn merged_messages_keep_their_order_and_replace_old_copies() {
        let message = |seq: i64, body: &str| Message {
            id: Uuid::from_u128(seq as u128),
            seq,
            sender: None,
            sender_name: String::new(),
            body: body.into(),
            reply: None,
            attachment: None,
            sent_at: OffsetDateTime::UNIX_EPOCH,
            edited: false,
            deleted: false,
            moderated: false,
            reported: false,
        };
        let mut list = vec![message(1, "a"), message(3, "c")];
        merge(
            &mut list,
            vec![message(2, "b"), message(3, "c, edited"), message(4, "d")],
        );
        merge(&mut list, vec![message(4, "d")]);
        let seen: Vec<_> = list.iter().map(|m| (m.seq, m.body.as_str())).collect();
        assert_eq!(seen, vec![(1, "a"), (2, "b"), (3, "c, edited"), (4, "d")]);
    }
}
