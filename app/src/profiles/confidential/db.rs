//! Confidential-mode queries. Whether a viewer may see a profile is asked of
//! the database function `candidate_hidden_from`, the single rule.

use super::{BlockedCompany, Confidential};
use crate::auth::CurrentUser;
use crate::auth::rules::AccountType;
use crate::profiles::rules::{Viewer, may_view};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub const BLOCKED_COMPANY_UNIQUE: &str = "candidate_blocked_company_key";
pub const BLOCKED_DOMAIN_UNIQUE: &str = "candidate_blocked_domain_key";

/// Whether `viewer` may see the profile of `owner`, whose visibility is
/// `visibility`: the owner's choice of audience, then confidential mode.
/// A company the candidate applied to sees the profile the application
/// shared, whatever the visibility.
pub async fn may_see_profile(
    pool: &PgPool,
    owner: Uuid,
    visibility: &str,
    viewer: Option<&CurrentUser>,
) -> Result<bool, sqlx::Error> {
    let seen_as = match viewer {
        Some(v) if v.id == owner => return Ok(true),
        Some(v) if v.account_type == AccountType::Candidate => Viewer::Member,
        Some(_) => Viewer::Company,
        None => Viewer::Anonymous,
    };
    let viewer_id = viewer.map(|v| v.id);
    let row = sqlx::query!(
        r#"select candidate_hidden_from($1, $2) as "hidden!",
                  exists (select 1
                            from applications a
                            join vacancies v on v.id = a.vacancy_id
                            join company_members m on m.company_id = v.company_id
                           where a.candidate_id = $1 and m.user_id = $2
                             and a.status <> 'withdrawn') as "applied!""#,
        owner,
        viewer_id
    )
    .fetch_one(pool)
    .await?;
    Ok(row.applied || (may_view(visibility, seen_as) && !row.hidden))
}

pub async fn load(pool: &PgPool, user_id: Uuid) -> Result<Confidential, sqlx::Error> {
    let enabled = sqlx::query_scalar!(
        "select confidential_mode from user_settings where user_id = $1",
        user_id
    )
    .fetch_optional(pool)
    .await?
    .unwrap_or(false);
    let blocked = sqlx::query!(
        r#"select b.id, coalesce(c.name, b.email_domain) as "label!",
                  b.email_domain is not null as "is_domain!"
             from candidate_blocked_companies b
             left join companies c on c.id = b.company_id
            where b.user_id = $1
            order by b.created_at"#,
        user_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| BlockedCompany {
        id: r.id,
        label: r.label,
        is_domain: r.is_domain,
    })
    .collect();
    let current_employer = sqlx::query_scalar!(
        r#"select c.name
             from candidate_profiles p
             join companies c on lower(c.name) = lower(btrim(p.current_company))
            where p.user_id = $1"#,
        user_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(Confidential {
        enabled,
        blocked,
        current_employer,
    })
}

pub async fn set_enabled(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    enabled: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update user_settings set confidential_mode = $2 where user_id = $1",
        user_id,
        enabled
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The company with this name, whatever the capitals.
pub async fn company_named(pool: &PgPool, name: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select id from companies where lower(name) = lower($1)",
        name.trim()
    )
    .fetch_optional(pool)
    .await
}

pub async fn count_blocked(pool: &PgPool, user_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from candidate_blocked_companies where user_id = $1"#,
        user_id
    )
    .fetch_one(pool)
    .await
}

pub async fn add_block(
    pool: &PgPool,
    user_id: Uuid,
    company_id: Option<Uuid>,
    email_domain: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into candidate_blocked_companies (id, user_id, company_id, email_domain)
           values ($1, $2, $3, $4)"#,
        Uuid::now_v7(),
        user_id,
        company_id,
        email_domain
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes one of the candidate's own entries; false when there was none.
pub async fn remove_block(pool: &PgPool, user_id: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "delete from candidate_blocked_companies where id = $1 and user_id = $2",
        id,
        user_id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Names of active companies containing `typed`, for the picker.
pub async fn company_names_like(pool: &PgPool, typed: &str) -> Result<Vec<String>, sqlx::Error> {
    let pattern = format!(
        "%{}%",
        typed
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    sqlx::query_scalar!(
        r#"select name from companies
            where status = 'active' and name ilike $1
            order by lower(name) limit 8"#,
        pattern
    )
    .fetch_all(pool)
    .await
}
