//! Team queries. Callers lock the company row (`companies::db::lock_company`)
//! before counting owners, so two changes cannot both take the last one.

use super::super::rules::{Permissions, TeamRole};
use super::{InvitePreview, PendingInvite, Team, TeamMember};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

pub const INVITE_OPEN_UNIQUE: &str = "company_invites_open";

pub async fn team(
    pool: &PgPool,
    company_id: Uuid,
    me: Uuid,
    my_role: TeamRole,
) -> Result<Team, sqlx::Error> {
    let company_name = sqlx::query_scalar!("select name from companies where id = $1", company_id)
        .fetch_one(pool)
        .await?;
    let members = sqlx::query!(
        r#"select m.user_id, u.email, m.first_name, m.last_name, m.job_title, m.department,
                  m.photo_updated_at, m.role, m.can_create_roles, m.can_send_introductions, m.can_manage_billing
             from company_members m
             join users u on u.id = m.user_id
            where m.company_id = $1
            order by case m.role when 'owner' then 0 when 'admin' then 1 else 2 end,
                     m.created_at"#,
        company_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|r| {
        Some(TeamMember {
            is_me: r.user_id == me,
            user_id: r.user_id,
            email: r.email,
            name: format!("{} {}", r.first_name, r.last_name)
                .trim()
                .to_string(),
            job_title: r.job_title,
            department: r.department,
            photo_url: r
                .photo_updated_at
                .map(|t| crate::companies::member_photo_url(r.user_id, t.unix_timestamp())),
            role: TeamRole::parse(&r.role)?,
            permissions: Permissions {
                can_create_roles: r.can_create_roles,
                can_send_introductions: r.can_send_introductions,
                can_manage_billing: r.can_manage_billing,
            },
        })
    })
    .collect();
    let invites = sqlx::query!(
        r#"select id, email, role, expires_at
             from company_invites
            where company_id = $1 and accepted_at is null and revoked_at is null
              and expires_at > now()
            order by created_at"#,
        company_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|r| {
        Some(PendingInvite {
            id: r.id,
            email: r.email,
            role: TeamRole::parse(&r.role)?,
            expires: crate::ui::format_time(r.expires_at),
        })
    })
    .collect();
    Ok(Team {
        company_name,
        my_role,
        members,
        invites,
    })
}

pub async fn count_owners(conn: &mut PgConnection, company_id: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from company_members where company_id = $1 and role = 'owner'"#,
        company_id
    )
    .fetch_one(conn)
    .await
}

/// A member's role in this company, if they are in it.
pub async fn role_in(
    conn: &mut PgConnection,
    company_id: Uuid,
    user_id: Uuid,
) -> Result<Option<TeamRole>, sqlx::Error> {
    let role = sqlx::query_scalar!(
        "select role from company_members where company_id = $1 and user_id = $2",
        company_id,
        user_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(role.as_deref().and_then(TeamRole::parse))
}

/// Sets the role and the permissions that come with it.
pub async fn set_role(
    conn: &mut PgConnection,
    user_id: Uuid,
    role: TeamRole,
) -> Result<(), sqlx::Error> {
    let p = role.permissions();
    sqlx::query!(
        r#"update company_members
              set role = $2, can_create_roles = $3, can_send_introductions = $4,
                  can_manage_billing = $5, updated_at = now()
            where user_id = $1"#,
        user_id,
        role.as_str(),
        p.can_create_roles,
        p.can_send_introductions,
        p.can_manage_billing,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes a member off their team; returns their photo's storage key, to
/// delete once this has committed.
pub async fn remove_member(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "delete from company_members where user_id = $1 returning photo_key",
        user_id
    )
    .fetch_optional(conn)
    .await?
    .flatten())
}

/// Whether an account with this email already belongs to the company.
pub async fn is_member_email(
    conn: &mut PgConnection,
    company_id: Uuid,
    email: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists(select 1 from company_members m join users u on u.id = m.user_id
                          where m.company_id = $1 and lower(u.email) = lower($2)) as "x!""#,
        company_id,
        email
    )
    .fetch_one(conn)
    .await
}

pub struct NewInvite<'a> {
    pub id: Uuid,
    pub company_id: Uuid,
    pub email: &'a str,
    pub role: TeamRole,
    pub token_hash: &'a [u8],
    pub invited_by: Uuid,
    pub expires_at: OffsetDateTime,
}

pub async fn insert_invite(
    conn: &mut PgConnection,
    invite: &NewInvite<'_>,
) -> Result<(), sqlx::Error> {
    // An expired invitation to the same address gives way to the new one.
    sqlx::query!(
        r#"update company_invites set revoked_at = now()
            where company_id = $1 and lower(email) = lower($2)
              and accepted_at is null and revoked_at is null and expires_at <= now()"#,
        invite.company_id,
        invite.email
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"insert into company_invites (id, company_id, email, role, token_hash, invited_by, expires_at)
           values ($1, $2, $3, $4, $5, $6, $7)"#,
        invite.id,
        invite.company_id,
        invite.email,
        invite.role.as_str(),
        invite.token_hash,
        invite.invited_by,
        invite.expires_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Revokes an open invitation of this company; returns its email if it was open.
pub async fn revoke_invite(
    conn: &mut PgConnection,
    company_id: Uuid,
    id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"update company_invites set revoked_at = now()
            where id = $1 and company_id = $2 and accepted_at is null and revoked_at is null
        returning email"#,
        id,
        company_id
    )
    .fetch_optional(conn)
    .await
}

/// An invitation that can still be accepted.
pub struct OpenInvite {
    pub id: Uuid,
    pub company_id: Uuid,
    pub role: TeamRole,
    pub email: String,
}

/// The open invitations to `email`, newest first.
pub async fn invites_to(
    conn: impl sqlx::PgExecutor<'_>,
    email: &str,
) -> Result<Vec<(OpenInvite, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select i.id, i.company_id, i.role, i.email, c.name
             from company_invites i
             join companies c on c.id = i.company_id
            where lower(i.email) = lower($1) and i.accepted_at is null and i.revoked_at is null
              and i.expires_at > now() and c.status = 'active'
            order by i.created_at desc"#,
        email
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let invite = OpenInvite {
                id: r.id,
                company_id: r.company_id,
                role: TeamRole::parse(&r.role)?,
                email: r.email,
            };
            Some((invite, r.name))
        })
        .collect())
}

pub async fn open_invite(
    conn: impl sqlx::PgExecutor<'_>,
    token_hash: &[u8],
) -> Result<Option<(OpenInvite, InvitePreview)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select i.id, i.company_id, i.role, i.email, c.name
             from company_invites i
             join companies c on c.id = i.company_id
            where i.token_hash = $1 and i.accepted_at is null and i.revoked_at is null
              and i.expires_at > now() and c.status = 'active'"#,
        token_hash
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| {
        let role = TeamRole::parse(&r.role)?;
        Some((
            OpenInvite {
                id: r.id,
                company_id: r.company_id,
                role,
                email: r.email.clone(),
            },
            InvitePreview {
                company_name: r.name,
                role,
                email: r.email,
            },
        ))
    }))
}

/// Marks the invitation used, once: false when another request used it first.
pub async fn consume_invite(
    conn: &mut PgConnection,
    id: Uuid,
    user_id: Uuid,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        r#"update company_invites set accepted_at = now(), accepted_by = $2
            where id = $1 and accepted_at is null and revoked_at is null and expires_at > now()"#,
        id,
        user_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes a deleting account off its team at once. The only owner of a team
/// that has others on it must hand over ownership first (the `Err` is the
/// message for them); a company left with nobody is set inactive.
pub async fn leave_on_account_deletion(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Result<Option<String>, String>, sqlx::Error> {
    let Some(m) = crate::companies::db::membership(&mut *conn, user_id).await? else {
        return Ok(Ok(None));
    };
    crate::companies::db::lock_company(conn, m.company_id).await?;
    let members: i64 = sqlx::query_scalar!(
        r#"select count(*) as "n!" from company_members where company_id = $1"#,
        m.company_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let owners = count_owners(conn, m.company_id).await?;
    if m.role == TeamRole::Owner && owners <= 1 && members > 1 {
        return Ok(Err(
            "You are the only owner of your company. Make someone else an \
                       owner on the Team page before you delete your account."
                .into(),
        ));
    }
    let photo = remove_member(conn, user_id).await?;
    if members <= 1 {
        sqlx::query!(
            "update companies set status = 'inactive', updated_at = now() where id = $1",
            m.company_id
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(Ok(photo))
}
