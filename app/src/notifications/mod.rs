//! Notifications: one entry point, [`notify`], that every feature calls when
//! something happens that a person should hear of. It obeys the person's
//! preference for the kind: a row in their notification centre
//! (`/notifications`, the header's bell, updated live through [`live`]), an
//! email through the job queue, a line in a daily summary email
//! ([`digest`]), or nothing.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
mod db;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
mod send;

#[cfg(feature = "ssr")]
pub use db::header_counts;
#[cfg(feature = "ssr")]
pub use send::{Notice, notify};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// One notification as the notification centre lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: Uuid,
    pub title: String,
    pub body: String,
    pub read: bool,
    pub created_at: OffsetDateTime,
}

/// A page of the notification centre, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<Notification>,
    /// Where the next, older page starts, if there is one.
    pub older: Option<Uuid>,
    pub unread: i64,
    /// The server's time, for "today" and "yesterday" (the browser's clock
    /// is not read).
    pub now: OffsetDateTime,
}

/// A person's choice for each kind they can receive, in the settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preference {
    pub kind: rules::Kind,
    pub delivery: rules::Delivery,
}

/// What a tab's live stream tells it: how many are unread, and the newest
/// notification's title when one has just arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadUpdate {
    pub unread: i64,
    pub title: Option<String>,
}
