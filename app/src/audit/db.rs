//! Reading the audit log for admins.

use super::AuditEntry;
use sqlx::PgExecutor;
use time::Date;

/// The filters, checked (see `AuditFilter` for what each means).
#[derive(Debug, Default)]
pub struct Filter<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub target: &'a str,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// Up to `limit` entries before place `before` (or the newest), newest first.
pub async fn entries(
    db: impl PgExecutor<'_>,
    filter: &Filter<'_>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let contains = crate::admin::db::contains_pattern;
    // `%text%` less its first `%`: the action starts with the text.
    let starts_with = |text: &str| contains(text)[1..].to_string();
    sqlx::query_as!(
        AuditEntry,
        r#"select a.chain_seq as "seq!", a.id, u.email as "actor_email?", a.action,
                  a.target_type, a.target_id, t.email as "target_email?",
                  host(a.ip) as ip, a.created_at
             from audit_log a
             left join users u on u.id = a.actor_user_id
             -- The case keeps the cast away from targets that are not users.
             left join users t
                    on t.id = case when a.target_type = 'user' then a.target_id::uuid end
            where a.chain_seq < coalesce($1, 9223372036854775807)
              and ($2 = '' or u.email ilike $3)
              and ($4 = '' or a.action like $5)
              and ($6 = '' or a.target_id = $6 or t.email ilike $7)
              and ($8::date is null or a.created_at >= $8::date::timestamp at time zone 'UTC')
              and ($9::date is null
                   or a.created_at < ($9::date + 1)::timestamp at time zone 'UTC')
            order by a.chain_seq desc
            limit $10"#,
        before,
        filter.actor,
        contains(filter.actor),
        filter.action,
        starts_with(filter.action),
        filter.target,
        contains(filter.target),
        filter.from,
        filter.to,
        limit
    )
    .fetch_all(db)
    .await
}
