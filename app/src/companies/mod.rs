//! Companies: the employer side's organisation, its public page at
//! `/companies/{slug}`, the editor at `/company` and, in `team`, the people
//! who hire through it.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod serve;
pub mod team;

use rules::TeamRole;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The company's details as the editor shows them (text as typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CompanyForm {
    pub name: String,
    pub industry_id: String,
    pub company_size: String,
    pub headquarters: String,
    pub website: String,
    pub description: String,
    pub linkedin_url: String,
}

/// The signed-in employer's company and their place in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyCompany {
    pub id: Uuid,
    pub slug: String,
    pub form: CompanyForm,
    pub verified: bool,
    pub logo_url: Option<String>,
    pub my_role: TeamRole,
    /// The member may see and change the company's plan.
    pub manages_billing: bool,
    pub me: MemberDetails,
    pub my_photo_url: Option<String>,
}

/// How a member presents themselves to their team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct MemberDetails {
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub department: String,
}

/// What `/company` needs: the company (none yet for a new employer) and the
/// industries to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyPageData {
    pub company: Option<MyCompany>,
    pub industries: Vec<(Uuid, String)>,
}

/// A company as everyone sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicCompany {
    pub id: Uuid,
    pub name: String,
    pub slug: String,
    pub industry: Option<String>,
    pub company_size: String,
    pub headquarters: String,
    pub website: Option<String>,
    pub linkedin_url: Option<String>,
    pub description: Option<String>,
    pub verified: bool,
    pub logo_url: Option<String>,
    /// The viewer manages this company (shows an edit link).
    pub can_edit: bool,
    /// How people answer its introduction requests, once there are enough.
    pub responses: Option<crate::introductions::rules::ResponseFigures>,
    /// One page of its open roles (`board::api::company_roles`).
    pub roles: Vec<crate::board::JobHit>,
    /// Which page of them, from 1.
    pub roles_page: i64,
    /// How many open roles it has in all.
    pub open_roles: i64,
    /// The server's clock, for "posted 3 days ago" alike on both sides.
    pub now: time::OffsetDateTime,
}

/// How many of its open roles a company's page lists at a time.
pub const ROLES_PER_PAGE: i64 = 20;

/// The address of a team member's photo; changes with every new photo.
pub fn member_photo_url(user_id: Uuid, updated_at: i64) -> String {
    format!("/media/members/{user_id}/photo?v={updated_at}")
}

/// The logo's address; `version` changes with every new logo so browsers
/// do not keep showing the old one.
pub fn logo_url(company_id: Uuid, version: i64) -> String {
    format!("/media/companies/{company_id}/logo?v={version}")
}
