//! The hiring platform: pages, server functions and domain rules, shared by
//! the server (feature `ssr`) and the browser bundle (feature `hydrate`).

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// Leptos view types nest deeply; the default limit is too low for larger pages.
#![recursion_limit = "256"]

pub mod admin;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod board;
pub mod chat;
pub mod companies;
pub mod error;
pub mod home;
pub mod input;
pub mod introductions;
pub mod mail;
pub mod matching;
pub mod media;
pub mod metrics;
pub mod moderation;
pub mod money;
pub mod notifications;
pub mod profiles;
pub mod routes;
pub mod settings;
pub mod swipe;
pub mod system_settings;
pub mod talent;
pub mod ui;
pub mod vacancies;

#[cfg(feature = "ssr")]
pub mod crypto;
#[cfg(feature = "ssr")]
pub mod gzip_pieces;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod preload;
#[cfg(feature = "ssr")]
pub mod public_pages;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod site_files;
#[cfg(feature = "ssr")]
pub mod state;

pub use routes::App;
#[cfg(feature = "ssr")]
pub use routes::shell;
