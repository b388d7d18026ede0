//! Introductions (theNexus's core): a company member asks a job seeker to
//! be introduced for one of the company's open vacancies, paying with a
//! credit held in escrow; the job seeker accepts (the credit is spent) or
//! declines, or the request expires or is withdrawn (the credit comes
//! back). The credits are a ledger of transfers between a company's
//! accounts, never a counter that code changes.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;

use rules::{Balance, DeclineReason, Outcome, ResponseFigures, Status};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// How to reach the other side of an accepted introduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// A request as the job seeker who was asked sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Received {
    pub id: Uuid,
    /// `None` while the vacancy is confidential and the request not
    /// accepted.
    pub company: Option<String>,
    pub company_slug: Option<String>,
    pub vacancy_title: String,
    pub vacancy_slug: Option<String>,
    pub salary: Option<String>,
    pub message: String,
    pub status: Status,
    pub sent_at: OffsetDateTime,
    pub days_left: i64,
    pub viewed: bool,
    pub reply: String,
    pub decline_reason: Option<DeclineReason>,
    /// How people answer this company's requests, once there are enough.
    pub figures: Option<ResponseFigures>,
    /// The person who asked, once accepted; never before.
    pub contact: Option<Contact>,
}

/// A request as the company that sent it sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    pub id: Uuid,
    pub professional_id: Uuid,
    pub name: String,
    pub headline: String,
    pub vacancy_id: Uuid,
    pub vacancy_title: String,
    /// The team member who sent it.
    pub sender: String,
    pub status: Status,
    pub sent_at: OffsetDateTime,
    pub days_left: i64,
    pub viewed: bool,
    pub reply: String,
    pub decline_reason: Option<DeclineReason>,
    pub outcome: Option<Outcome>,
    pub outcome_notes: String,
    /// The job seeker's email and phone, once accepted; never before.
    pub contact: Option<Contact>,
}

/// A vacancy's requests by state, for the company's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VacancyCount {
    pub vacancy_id: Uuid,
    pub title: String,
    pub pending: i64,
    pub accepted: i64,
    pub total: i64,
}

/// The company's introductions page: credits, counts and one filtered list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentOverview {
    pub balance: Balance,
    /// Requests at each state, in `Status::ALL` order.
    pub counts: Vec<(Status, i64)>,
    pub vacancies: Vec<VacancyCount>,
    pub requests: Vec<Sent>,
}

/// What the form to ask for an introduction needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskForm {
    pub professional_id: Uuid,
    pub name: String,
    pub headline: String,
    /// The company's open vacancies this person has not been asked for:
    /// (id, title, salary).
    pub vacancies: Vec<(Uuid, String, String)>,
    /// Vacancies this person was already asked for, and how that stands.
    pub asked: Vec<(String, Status)>,
    pub balance: Balance,
    /// Days they have to answer (`introduction_expiry_days`).
    pub expiry_days: i64,
    /// Makes a resent form (a double click, a retry) send once.
    pub key: String,
}

/// A request in a person's data export: one they received, or one they
/// sent for their company (then with the person and the outcome).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedIntroduction {
    pub id: Uuid,
    pub company: String,
    pub vacancy: String,
    /// Who was asked (in the sender's export).
    pub professional: Option<String>,
    pub status: String,
    pub message: String,
    pub reply: String,
    pub decline_reason: Option<String>,
    /// What came of it and the team's notes (in the sender's export).
    pub outcome: Option<String>,
    pub outcome_notes: String,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub ended_at: Option<OffsetDateTime>,
}
