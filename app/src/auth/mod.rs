//! Accounts: registration, login, sessions, email verification, password
//! reset, lockout and the role guards every other feature starts from.

pub mod account;
pub mod api;
pub mod pages;
pub mod rules;
pub mod second_factor;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod session;

use rules::AccountType;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The logged-in user as pages see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: Uuid,
    pub email: String,
    pub account_type: AccountType,
    pub email_verified: bool,
    /// What an administrator may do; none for everyone else.
    pub admin_role: Option<crate::auth::rules::AdminRole>,
}

/// What the page shell needs on every page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SessionInfo {
    pub user: Option<CurrentUser>,
    /// Whether the development mailbox exists (development mode).
    pub dev_mailbox: bool,
    /// The signed-in person's unread notifications.
    pub unread: i64,
    /// Their conversations with unread messages.
    pub unread_chats: i64,
    /// Their company's renewal could not be charged.
    pub billing_alert: Option<crate::billing::BillingAlert>,
    /// The admins' notice for everyone (`maintenance_banner`).
    pub banner: Option<String>,
    /// New accounts cannot be made for now (`registrations_open` is off).
    pub sign_ups_paused: bool,
}
