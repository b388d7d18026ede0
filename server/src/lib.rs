//! The web server: configuration, the embedded database, routes and the
//! command-line tasks. `router` and `router_with_routes` are public so tests
//! can drive them directly.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod demo_files;
pub mod embedded_pg;
pub mod operator;
pub mod request_tasks;
pub mod routes;
pub mod security;
pub mod seed;
pub mod sitemap;
pub mod static_files;

use app::crypto::FieldCipher;
use app::state::{AppState, SiteConfig};
use sqlx::PgPool;
use std::sync::Arc;

pub use routes::{router, router_with_routes};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// The state every request shares.
pub fn app_state(
    pool: PgPool,
    config: &config::Config,
    cipher: FieldCipher,
) -> anyhow::Result<AppState> {
    Ok(AppState {
        payments: config.payment_gateway()?.gateway(cipher.signer(), &pool),
        cipher: Arc::new(cipher),
        storage: config.storage()?,
        mailer: config.mailer(&pool)?,
        live: Default::default(),
        settings: Default::default(),
        pages: Default::default(),
        search: Default::default(),
        industries: Default::default(),
        pool,
        config: Arc::new(SiteConfig {
            site_url: config.site_url.clone(),
            dev_mailbox: config.development,
            trust_proxy: config.trust_proxy,
            program: config.program.clone(),
            instance_name: config.instance_name.clone(),
            email_events_secret: config.email_events_secret.clone(),
            seller: config.seller.clone(),
        }),
    })
}
