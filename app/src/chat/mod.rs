//! Conversations: a candidate and the hiring team of their application, a
//! professional and the team of an accepted introduction, a company's team,
//! and the people and admins these lead to. Messages are stored first and
//! announced at commit on the site's live channel, so every server instance
//! tells its own browsers (see `notifications::live`); a browser then asks
//! for what changed since the revision it has, so nothing is lost or shown
//! twice.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod files;

use rules::Kind;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A conversation as the list of conversations shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatSummary {
    pub id: Uuid,
    pub kind: Kind,
    /// The other side: a person's name, or a company's.
    pub title: String,
    /// What it is about (the vacancy), if anything.
    pub about: Option<String>,
    /// The other side's picture: the company's logo, or the job seeker's
    /// photo to the team of their application.
    pub picture: Option<Picture>,
    /// The newest message, shortened; `None` before the first one.
    pub last: Option<LastMessage>,
    /// Messages the viewer has not seen.
    pub unread: i64,
    pub muted: bool,
}

/// A conversation's picture of the other side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Picture {
    Logo(String),
    Photo(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastMessage {
    pub snippet: String,
    pub from_me: bool,
    pub deleted: bool,
    /// Deleted by a moderator's decision rather than by its sender.
    pub moderated: bool,
    pub at: OffsetDateTime,
}

/// The viewer's conversations, the newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatList {
    pub items: Vec<ChatSummary>,
    /// The search it answers, if any.
    pub query: String,
    /// Where the next page of older conversations starts, if there is one.
    pub older: Option<String>,
    /// Whether the viewer is in a company's team (and so has a team chat).
    pub in_team: bool,
    /// Whether the viewer can write to the site's admins (everyone but an
    /// admin).
    pub can_contact_support: bool,
    pub now: OffsetDateTime,
}

/// One message as a thread shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: Uuid,
    pub seq: i64,
    pub sender: Option<Uuid>,
    pub sender_name: String,
    /// Empty once deleted.
    pub body: String,
    pub reply: Option<Quote>,
    pub attachment: Option<Attachment>,
    pub sent_at: OffsetDateTime,
    pub edited: bool,
    pub deleted: bool,
    /// Deleted by a moderator's decision rather than by its sender.
    pub moderated: bool,
    /// Whether the viewer has reported it (and it waits for moderation).
    pub reported: bool,
}

/// The file a message carries: an image shown in the thread, or a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub byte_size: i64,
    /// Width and height of an image; `None` for a PDF.
    pub image_size: Option<(i32, i32)>,
}

impl Attachment {
    /// Where the file of message `id` is served, to the people of its
    /// conversation only.
    pub fn url(message_id: Uuid) -> String {
        format!("/media/chat/{message_id}")
    }
}

/// The message another one answers, shortened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub seq: i64,
    pub sender_name: String,
    pub snippet: String,
    pub deleted: bool,
}

/// How far someone in the conversation has read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadMark {
    pub user: Uuid,
    pub name: String,
    pub seq: i64,
}

/// A conversation with its newest messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub id: Uuid,
    pub kind: Kind,
    pub title: String,
    pub about: Option<String>,
    /// Where the thing it is about lives on the site (the application in
    /// the pipeline, the job ad, the introduction).
    pub about_link: Option<String>,
    /// As in `ChatSummary`.
    pub picture: Option<Picture>,
    /// Why no one can write any more, once the application or
    /// introduction has ended.
    pub read_only: Option<String>,
    pub me: Uuid,
    /// Oldest first.
    pub messages: Vec<Message>,
    /// Whether older messages exist before the first one here.
    pub has_older: bool,
    /// The conversation's revision these messages reflect.
    pub revision: i64,
    /// Where the viewer had read up to before opening it (the "new
    /// messages" line goes after it).
    pub read_before: i64,
    /// Everyone else's read position.
    pub reads: Vec<ReadMark>,
    pub muted: bool,
    pub starred: bool,
    /// Whether the viewer blocks the other person (direct conversations).
    pub blocking: bool,
    /// A fresh key for the next message sent (a retry reuses it).
    pub send_key: Uuid,
    /// The same for the next file sent.
    pub file_key: Uuid,
    pub now: OffsetDateTime,
}

/// What changed in a conversation since a revision the browser has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadChanges {
    /// New, edited and deleted messages, in order.
    pub messages: Vec<Message>,
    pub reads: Vec<ReadMark>,
    pub revision: i64,
}

/// A message just sent, and the key for the next one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub message: Message,
    pub next_key: Uuid,
}

/// Older messages, for scrolling back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OlderMessages {
    pub messages: Vec<Message>,
    pub has_older: bool,
}

/// What a tab's live stream says when a conversation changed (`None`: any
/// may have, after a break), with how many conversations are unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatUpdate {
    pub chat: Option<Uuid>,
    pub unread: i64,
}

/// A message the person wrote, in their data export: their own words only
/// (what others wrote is theirs to export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedMessage {
    pub conversation: Uuid,
    pub kind: Kind,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    pub text: String,
    /// Where the file it carries can be downloaded, if any.
    pub file: Option<String>,
    pub edited: bool,
}

/// Someone is writing in a conversation (never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Typing {
    pub chat: Uuid,
    pub from: Option<Uuid>,
}
