//! The admin dashboard: platform counts, the audit log, user roles and
//! company verification.

pub mod api;
pub mod pages;
pub mod person;

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub candidates: i64,
    pub employers: i64,
    pub admins: i64,
    pub unverified: i64,
    pub locked: i64,
    /// The latest audit entries, for those whose role reads the log.
    pub recent_audit: Option<Vec<crate::audit::AuditEntry>>,
    /// The viewer's role, for the tools their role opens.
    pub role: crate::auth::rules::AdminRole,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub account_type: String,
    pub admin_role: Option<String>,
    pub status: String,
    pub email_verified: bool,
    pub created_at: OffsetDateTime,
    pub last_login_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserPage {
    pub users: Vec<UserRow>,
    /// The viewer may make, change and end administrators.
    pub may_manage_admins: bool,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

impl UserPage {
    pub fn page_count(&self) -> i64 {
        crate::ui::page_count(self.total, self.per_page)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyRow {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub email_domain: Option<String>,
    pub website: Option<String>,
    pub members: i64,
    pub verified: bool,
    /// active or inactive.
    pub status: String,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompanyPage {
    pub companies: Vec<CompanyRow>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}
