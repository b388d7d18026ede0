//! Moderation (issue 19): people report vacancies, profiles and company
//! pages; automatic checks flag text; moderators claim a case and decide
//! with a reason the owner reads; hidden items vanish from every public
//! place at once and come back when reinstated; owners appeal once.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;

use rules::{Action, Entity};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// The page where someone reports an item.
pub fn report_path(entity: Entity, id: Uuid) -> String {
    format!("/report/{}/{id}", entity.as_str())
}

/// The owner's page about a decision.
pub fn decision_path(case_id: Uuid) -> String {
    format!("/moderation/{case_id}")
}

/// An item as reporters and moderators see it named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub entity: Entity,
    pub id: Uuid,
    pub title: String,
    /// Whose it is: a company's name or a person's name.
    pub owner: String,
    /// Where the public sees it, while it is shown.
    pub link: Option<String>,
}

/// The report page: the item, or when the reporter already has an open
/// report about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportTarget {
    pub item: Item,
    pub reported_at: Option<OffsetDateTime>,
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: Uuid,
    pub entity: Entity,
    pub title: String,
    pub status: String,
    pub severity: String,
    pub reports: i64,
    pub flagged_by_system: bool,
    pub claimed_by: Option<String>,
    pub created_at: OffsetDateTime,
}

/// How many cases a page of the queue lists.
pub const QUEUE_PER_PAGE: i64 = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    /// Page `page` of the cases in view, `QUEUE_PER_PAGE` at most.
    pub rows: Vec<QueueRow>,
    /// "open" (waiting for a decision or an appeal) or "decided".
    pub view: String,
    pub open: i64,
    pub decided: i64,
    pub page: i64,
    /// New companies waiting for their verification (on the companies tab).
    pub companies_awaiting: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// What the reporter chose, as they read it.
    pub reason: String,
    pub details: String,
    pub reporter: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub action: Action,
    pub reason: String,
    pub by: Option<String>,
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appeal {
    pub text: String,
    pub at: OffsetDateTime,
    /// "upheld" or "reinstated", once decided.
    pub outcome: Option<String>,
    pub reason: Option<String>,
}

/// A case as moderators see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: Uuid,
    pub item: Item,
    /// The item's own words, for judging without leaving the page.
    pub excerpt: String,
    pub status: String,
    pub severity: String,
    pub system_reason: Option<String>,
    pub claimed_by: Option<String>,
    pub claimed_by_me: bool,
    pub reports: Vec<Report>,
    pub decision: Option<Decision>,
    pub appeal: Option<Appeal>,
    /// Whether the item is hidden now (by this case or another).
    pub hidden: bool,
}

/// A decision as its owner sees it, with the appeal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerCase {
    pub id: Uuid,
    pub item: Item,
    /// What a message said: it has no page of its own to look at.
    pub words: Option<String>,
    pub decision: Decision,
    pub appeal: Option<Appeal>,
    pub hidden: bool,
}
