//! Administrators' second factor: an authenticator app, set up at their
//! first sign-in, and one-time recovery codes for a lost phone.

pub mod api;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

/// The page of the second step of signing in.
pub const PATH: &str = "/login/second-factor";

/// What the second step asks of the administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondStep {
    /// A code from their authenticator app, or a recovery code.
    Enter { email: String },
    /// Their first sign-in: add the key to an app and keep the recovery
    /// codes, then enter a first code.
    SetUp {
        email: String,
        /// The key in base32, grouped for typing by hand.
        key: String,
        /// The `otpauth://` address in the QR code.
        uri: String,
        qr_svg: String,
        recovery_codes: Vec<String>,
    },
}
