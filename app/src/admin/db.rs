//! SQL for the admin dashboard.

use super::{CompanyRow, UserRow};
use sqlx::PgExecutor;

pub struct Counts {
    pub candidates: i64,
    pub employers: i64,
    pub admins: i64,
    pub unverified: i64,
    pub locked: i64,
}

/// The account counts; "locked" are accounts locked for everyone by
/// failed logins from many places (see `auth::rules::login_gate`).
pub async fn counts(db: impl PgExecutor<'_>) -> Result<Counts, sqlx::Error> {
    let since = time::OffsetDateTime::now_utc() - crate::auth::rules::LOCKOUT_WINDOW;
    sqlx::query_as!(
        Counts,
        r#"select
             count(*) filter (where account_type = 'candidate') as "candidates!",
             count(*) filter (where account_type = 'employer') as "employers!",
             count(*) filter (where account_type = 'admin') as "admins!",
             count(*) filter (where email_verified_at is null) as "unverified!",
             (select count(*) from (
                  select 1 from login_attempts a
                    join users u on lower(u.email) = a.email and u.deleted_at is null
                   where not a.succeeded and a.created_at > $1
                     and a.created_at > coalesce(u.login_failures_cleared_at, $1)
                   group by u.id
                  having count(*) >= $2) locked) as "locked!"
           from users where deleted_at is null"#,
        since,
        crate::auth::rules::MAX_FAILED_LOGINS_PER_ACCOUNT
    )
    .fetch_one(db)
    .await
}

/// `%search%` for ILIKE, with the wildcards in `search` taken literally.
pub(crate) fn contains_pattern(search: &str) -> String {
    format!(
        "%{}%",
        search
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// A page of companies whose name contains `search`, those waiting for
/// verification first.
pub async fn companies_page(
    db: impl PgExecutor<'_> + Copy,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<CompanyRow>, i64), sqlx::Error> {
    let pattern = contains_pattern(search);
    let companies = sqlx::query_as!(
        CompanyRow,
        r#"select c.id, c.name, c.slug, c.email_domain, c.website,
                  (select count(*) from company_members m where m.company_id = c.id) as "members!",
                  c.verification_status = 'verified' as "verified!", c.status, c.created_at
             from companies c
            where c.name ilike $1 or c.email_domain ilike $1 or c.website ilike $1
            order by c.verification_status = 'verified', c.created_at desc, c.id desc
            limit $2 offset $3"#,
        pattern,
        limit,
        offset
    )
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "count!" from companies
            where name ilike $1 or email_domain ilike $1 or website ilike $1"#,
        pattern
    )
    .fetch_one(db)
    .await?;
    Ok((companies, total))
}

/// A page of users whose email contains `search` (all when empty).
pub async fn users_page(
    db: impl PgExecutor<'_> + Copy,
    search: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<UserRow>, i64), sqlx::Error> {
    let pattern = contains_pattern(search);
    let users = sqlx::query_as!(
        UserRow,
        r#"select id, email, account_type, admin_role, status,
                  email_verified_at is not null as "email_verified!", created_at, last_login_at
             from users
            where deleted_at is null and email ilike $1
            order by created_at desc, id desc
            limit $2 offset $3"#,
        pattern,
        limit,
        offset
    )
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "count!" from users where deleted_at is null and email ilike $1"#,
        pattern
    )
    .fetch_one(db)
    .await?;
    Ok((users, total))
}
