//! Each instance's copy of the settings, so that pages read them without a
//! query: read on first use and dropped whenever any instance announces a
//! change (LISTEN on `site_settings`, sent by a trigger at commit) or the
//! listening connection is lost (a change may have been missed meanwhile).

use super::SiteSettings;
use sqlx::PgPool;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The channel changes are announced on.
pub const CHANNEL: &str = "site_settings";

#[derive(Clone, Default)]
pub struct SettingsCache(Arc<Mutex<Cached>>);

#[derive(Default)]
struct Cached {
    /// Counts the times the copy was dropped, so that a read that started
    /// before a change does not keep what it read.
    generation: u64,
    settings: Option<Arc<SiteSettings>>,
}

impl SettingsCache {
    /// The settings, read from the database when there is no current copy.
    pub async fn get(&self, pool: &PgPool) -> Result<Arc<SiteSettings>, sqlx::Error> {
        let generation = {
            let cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(settings) = &cached.settings {
                return Ok(settings.clone());
            }
            cached.generation
        };
        let loaded = Arc::new(super::db::load(pool).await?);
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if cached.generation == generation {
            cached.settings = Some(loaded.clone());
        }
        Ok(loaded)
    }

    /// Drops the copy: the next read asks the database.
    pub fn forget(&self) {
        let mut cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        cached.generation += 1;
        cached.settings = None;
    }

    /// Follows the announcements for as long as the server runs.
    pub async fn follow(self, pool: PgPool) {
        loop {
            if let Err(error) = self.follow_once(&pool).await {
                tracing::warn!(%error, "settings channel interrupted; listening again shortly");
            }
            self.forget();
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    async fn follow_once(&self, pool: &PgPool) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
        listener.ignore_pool_close_event(true);
        listener.listen(CHANNEL).await?;
        // A change made before the listening began is read afresh too.
        self.forget();
        loop {
            listener.recv().await?;
            self.forget();
        }
    }
}
