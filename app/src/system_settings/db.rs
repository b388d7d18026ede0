//! Settings in the database (`site_settings`).

use super::{Definition, Kind, SiteSettings, StoredSetting};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// The settings as they stand, each missing or unreadable one its default.
pub async fn load(db: impl PgExecutor<'_>) -> Result<SiteSettings, sqlx::Error> {
    let rows = sqlx::query!("select name, value from site_settings")
        .fetch_all(db)
        .await?;
    Ok(SiteSettings::from_values(|name| {
        rows.iter()
            .find(|row| row.name == name)
            .map(|row| row.value.as_str())
    }))
}

/// Every stored setting with who changed it last.
pub async fn stored(db: impl PgExecutor<'_>) -> Result<Vec<StoredSetting>, sqlx::Error> {
    sqlx::query_as!(
        StoredSetting,
        r#"select s.name as "name!", s.value as "value!", s.updated_at as "updated_at!",
                  u.email as "updated_by?"
             from site_settings s left join users u on u.id = s.updated_by"#
    )
    .fetch_all(db)
    .await
}

/// Stores a checked value when it differs from the stored one, and says
/// what it replaced. The row stays locked until the transaction ends.
pub async fn set(
    conn: &mut PgConnection,
    definition: &Definition,
    value: &str,
    admin: Uuid,
) -> Result<Change, sqlx::Error> {
    let before = sqlx::query_scalar!(
        "select value from site_settings where name = $1 for update",
        definition.name
    )
    .fetch_optional(&mut *conn)
    .await?;
    if before.as_deref() == Some(value) {
        return Ok(Change::Same);
    }
    let value_type = match definition.kind {
        Kind::Number { .. } => "integer",
        Kind::Flag => "boolean",
        Kind::Text { .. } => "text",
    };
    sqlx::query!(
        "insert into site_settings (name, value, value_type, description, updated_by, updated_at)
         values ($1, $2, $3, $4, $5, now())
         on conflict (name) do update
            set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()",
        definition.name,
        value,
        value_type,
        definition.help,
        admin
    )
    .execute(&mut *conn)
    .await?;
    Ok(Change::Changed { from: before })
}

pub enum Change {
    Same,
    /// From the value before (none when it was not stored yet).
    Changed {
        from: Option<String>,
    },
}
