//! SQL for one person's admin page and their standing.

use super::{IdentityCheck, Person, SecurityEvent, Suspension, TwoStep};
use sqlx::PgConnection;
use uuid::Uuid;

/// Everything the page shows; what the viewer may do is left for the caller.
pub async fn person(conn: &mut PgConnection, id: Uuid) -> Result<Option<Person>, sqlx::Error> {
    let Some(row) = sqlx::query!(
        r#"select u.id, u.email, u.account_type, u.admin_role, u.status,
                  u.email_verified_at is not null as "email_verified!", u.created_at,
                  u.last_login_at, u.suspended_reason, u.suspended_at, s.email as "suspended_by?"
             from users u left join users s on s.id = u.suspended_by
            where u.id = $1 and u.deleted_at is null"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let companies = sqlx::query!(
        "select c.name, m.role from company_members m join companies c on c.id = m.company_id
          where m.user_id = $1 order by c.name",
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|m| (m.name, m.role))
    .collect();
    let applications = sqlx::query_scalar!(
        r#"select count(*) as "n!" from applications where candidate_id = $1"#,
        id
    )
    .fetch_one(&mut *conn)
    .await?;
    let events = sqlx::query_as!(
        SecurityEvent,
        r#"select action as "action!", host(ip) as ip, created_at as "created_at!"
             from user_security_events
            -- Admins' own readings of the page would crowd out the rest.
            where user_id = $1 and action <> 'admin.viewed_person'
            order by created_at desc limit 20"#,
        id.to_string()
    )
    .fetch_all(&mut *conn)
    .await?;
    let two_step = if row.account_type == crate::auth::rules::AccountType::Admin.as_str() {
        let state = crate::auth::second_factor::db::state(&mut *conn, id).await?;
        Some(TwoStep {
            set_up_at: state.as_ref().and_then(|s| s.confirmed_at),
            recovery_codes_left: state.map_or(0, |s| s.recovery_codes_left),
        })
    } else {
        None
    };
    let identity = if row.account_type == crate::auth::rules::AccountType::Candidate.as_str() {
        let check = sqlx::query!(
            r#"select p.identity_verified_at as "at!", a.email as "by?", p.identity_check_note as "note!"
                 from candidate_profiles p left join users a on a.id = p.identity_verified_by
                where p.user_id = $1 and p.identity_verified_at is not null"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?;
        Some(IdentityCheck {
            verified: check.map(|c| (c.at, c.by, c.note)),
        })
    } else {
        None
    };
    let (cases, reports_filed) = crate::moderation::db::person_cases(&mut *conn, id).await?;
    let suspension = (row.status == "suspended").then(|| Suspension {
        reason: row.suspended_reason.unwrap_or_default(),
        at: row.suspended_at.unwrap_or(row.created_at),
        by: row.suspended_by,
    });
    Ok(Some(Person {
        id: row.id,
        email: row.email,
        account_type: row.account_type,
        admin_role: row.admin_role,
        status: row.status,
        email_verified: row.email_verified,
        created_at: row.created_at,
        last_login_at: row.last_login_at,
        suspension,
        companies,
        applications,
        events,
        two_step,
        identity,
        cases,
        reports_filed,
        may_open_cases: false,
        may_act: false,
    }))
}

/// Suspends (`by` names the admin) or reinstates the account; every
/// session it has ends either way. The status before, or none when the
/// account is gone or already stands so.
pub async fn set_standing(
    conn: &mut PgConnection,
    id: Uuid,
    suspend: bool,
    reason: &str,
    by: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    let before = sqlx::query_scalar!(
        "select status from users where id = $1 and deleted_at is null for update",
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(before) = before.filter(|status| (status == "suspended") != suspend) else {
        return Ok(None);
    };
    sqlx::query!(
        "update users
            set status = case when $2 then 'suspended'
                              when email_verified_at is null then 'pending'
                              else 'active' end,
                suspended_reason = case when $2 then $3 end,
                suspended_at = case when $2 then now() end,
                suspended_by = case when $2 then $4::uuid end,
                session_epoch = session_epoch + 1
          where id = $1",
        id,
        suspend,
        reason,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(Some(before))
}

/// Marks a job seeker's identity checked (`note` says how) or, with none,
/// withdraws the mark; false when it stands so already, or they are no job
/// seeker.
pub async fn set_identity(
    conn: &mut PgConnection,
    id: Uuid,
    note: Option<&str>,
    by: Uuid,
) -> Result<bool, sqlx::Error> {
    let done = match note {
        Some(note) => {
            sqlx::query!(
                "insert into candidate_profiles
                    (user_id, identity_verified_at, identity_verified_by, identity_check_note)
             select u.id, now(), $3, $2 from users u
              where u.id = $1 and u.account_type = 'candidate'
             on conflict (user_id) do update
                set identity_verified_at = now(), identity_verified_by = $3,
                    identity_check_note = $2
              where candidate_profiles.identity_verified_at is null",
                id,
                note,
                by
            )
            .execute(conn)
            .await?
        }
        None => {
            sqlx::query!(
                "update candidate_profiles
                set identity_verified_at = null, identity_verified_by = null,
                    identity_check_note = null
              where user_id = $1 and identity_verified_at is not null",
                id
            )
            .execute(conn)
            .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

/// Ends every session of the account.
pub async fn sign_out_everywhere(conn: &mut PgConnection, id: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update users set session_epoch = session_epoch + 1 where id = $1 and deleted_at is null",
        id
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
