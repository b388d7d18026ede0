//! The HR team of a company at `/company/team`: members and their roles,
//! invitations by email, and the rule that a company keeps an owner.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::rules::{Permissions, TeamRole};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: Uuid,
    pub email: String,
    /// "First Last", or empty when they have not said.
    pub name: String,
    pub job_title: String,
    pub department: String,
    pub photo_url: Option<String>,
    pub role: TeamRole,
    pub permissions: Permissions,
    pub is_me: bool,
}

impl TeamMember {
    /// How the member is named on buttons: their name, else their email.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.email
        } else {
            &self.name
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvite {
    pub id: Uuid,
    pub email: String,
    pub role: TeamRole,
    pub expires: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub company_name: String,
    pub my_role: TeamRole,
    pub members: Vec<TeamMember>,
    pub invites: Vec<PendingInvite>,
}

/// What the invitation page shows before it is accepted.
/// An open invitation to the signed-in person's own address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyInvite {
    pub id: uuid::Uuid,
    pub company_name: String,
    pub role: TeamRole,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitePreview {
    pub company_name: String,
    pub role: TeamRole,
    pub email: String,
}
