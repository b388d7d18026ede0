//! Writes to the append-only audit log (the database refuses changes to it).

use crate::state::RequestContext;
use sqlx::PgConnection;
use sqlx::types::ipnetwork::IpNetwork;
use uuid::Uuid;

/// One audited action.
pub struct AuditEvent<'a> {
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<String>,
    pub metadata: serde_json::Value,
}

impl<'a> AuditEvent<'a> {
    /// An action by (or about) a user on their own account.
    pub fn on_user(actor: Option<Uuid>, action: &'a str, user_id: Uuid) -> Self {
        Self {
            actor,
            action,
            target_type: "user",
            target_id: Some(user_id.to_string()),
            metadata: serde_json::json!({}),
        }
    }

    pub fn with_metadata(mut self, metadata: serde_json::Value) -> Self {
        self.metadata = metadata;
        self
    }
}

pub async fn record(
    conn: &mut PgConnection,
    event: AuditEvent<'_>,
    request: &RequestContext,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into audit_log
               (id, actor_user_id, action, target_type, target_id, ip, user_agent, metadata)
           values ($1, $2, $3, $4, $5, $6, $7, $8)"#,
        Uuid::now_v7(),
        event.actor,
        event.action,
        event.target_type,
        event.target_id,
        request.ip.map(IpNetwork::from),
        request.user_agent,
        event.metadata,
    )
    .execute(conn)
    .await?;
    Ok(())
}
