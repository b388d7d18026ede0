//! Company queries. Team changes lock the company row first, so rules that
//! count owners hold under concurrent requests.

use super::rules::TeamRole;
use super::{CompanyForm, MemberDetails, MyCompany, PublicCompany};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

pub const NAME_UNIQUE: &str = "companies_name_key";

/// Company details after validation.
pub struct CompanyDetails {
    pub name: String,
    pub industry_id: Option<Uuid>,
    pub company_size: String,
    pub headquarters: String,
    pub website: Option<String>,
    pub email_domain: Option<String>,
    pub description: Option<String>,
    pub linkedin_url: Option<String>,
}

/// Where a user works: their company and role.
#[derive(Debug, Clone, Copy)]
pub struct Membership {
    pub company_id: Uuid,
    pub role: TeamRole,
}

/// What a team lets some members do (the owner and admins choose who).
#[derive(Clone, Copy)]
pub enum Permission {
    SendIntroductions,
    ManageBilling,
}

/// A member's company and the permissions their team gave them.
pub struct MemberRights {
    pub company_id: Uuid,
    can_send_introductions: bool,
    can_manage_billing: bool,
}

impl MemberRights {
    pub fn allows(&self, permission: Permission) -> bool {
        match permission {
            Permission::SendIntroductions => self.can_send_introductions,
            Permission::ManageBilling => self.can_manage_billing,
        }
    }
}

pub async fn member_rights(
    conn: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<MemberRights>, sqlx::Error> {
    sqlx::query_as!(
        MemberRights,
        "select company_id, can_send_introductions, can_manage_billing
           from company_members where user_id = $1",
        user_id
    )
    .fetch_optional(conn)
    .await
}

pub async fn membership(
    conn: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<Membership>, sqlx::Error> {
    let row = sqlx::query!(
        "select company_id, role from company_members where user_id = $1",
        user_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| {
        TeamRole::parse(&r.role).map(|role| Membership {
            company_id: r.company_id,
            role,
        })
    }))
}

/// Takes the company's row lock for the rest of the transaction.
pub async fn lock_company(conn: &mut PgConnection, company_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "select id from companies where id = $1 for update",
        company_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(())
}

/// A slug not yet taken: the name's own, else with -2, -3, …
pub async fn free_slug(conn: &mut PgConnection, base: &str) -> Result<String, sqlx::Error> {
    let base = if base.is_empty() { "company" } else { base };
    let taken: Vec<String> = sqlx::query_scalar!(
        "select slug from companies where slug = $1 or slug like $1 || '-%'",
        base
    )
    .fetch_all(&mut *conn)
    .await?;
    let slug = (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_else(|| base.to_string());
    Ok(slug)
}

/// Creates the company with `owner` as its first owner.
pub async fn insert_company(
    conn: &mut PgConnection,
    id: Uuid,
    slug: &str,
    details: &CompanyDetails,
    owner: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"insert into companies (id, name, slug, industry_id, company_size, headquarters,
                                  website, email_domain, description, linkedin_url)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"#,
        id,
        details.name,
        slug,
        details.industry_id,
        details.company_size,
        details.headquarters,
        details.website,
        details.email_domain,
        details.description,
        details.linkedin_url,
    )
    .execute(&mut *conn)
    .await?;
    insert_member(conn, owner, id, TeamRole::Owner).await
}

pub async fn update_company(
    conn: impl sqlx::PgExecutor<'_>,
    id: Uuid,
    details: &CompanyDetails,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update companies
              set name = $2, industry_id = $3, company_size = $4, headquarters = $5,
                  website = $6, email_domain = $7, description = $8, linkedin_url = $9,
                  updated_at = now()
            where id = $1"#,
        id,
        details.name,
        details.industry_id,
        details.company_size,
        details.headquarters,
        details.website,
        details.email_domain,
        details.description,
        details.linkedin_url,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn insert_member(
    conn: &mut PgConnection,
    user_id: Uuid,
    company_id: Uuid,
    role: TeamRole,
) -> Result<(), sqlx::Error> {
    let p = role.permissions();
    sqlx::query!(
        r#"insert into company_members (user_id, company_id, role, can_create_roles,
                                        can_send_introductions, can_manage_billing)
           values ($1, $2, $3, $4, $5, $6)"#,
        user_id,
        company_id,
        role.as_str(),
        p.can_create_roles,
        p.can_send_introductions,
        p.can_manage_billing,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn my_company(pool: &PgPool, user_id: Uuid) -> Result<Option<MyCompany>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select c.id, c.slug, c.name, c.industry_id, c.company_size, c.headquarters,
                  c.website, c.description, c.linkedin_url, c.logo_key, c.updated_at,
                  c.verification_status, m.role, m.first_name, m.last_name, m.job_title,
                  m.department, m.photo_updated_at, m.can_manage_billing
             from company_members m
             join companies c on c.id = m.company_id
            where m.user_id = $1"#,
        user_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|r| {
        Some(MyCompany {
            id: r.id,
            slug: r.slug,
            form: CompanyForm {
                name: r.name,
                industry_id: r.industry_id.map(|i| i.to_string()).unwrap_or_default(),
                company_size: r.company_size,
                headquarters: r.headquarters,
                website: r.website.unwrap_or_default(),
                description: r.description.unwrap_or_default(),
                linkedin_url: r.linkedin_url.unwrap_or_default(),
            },
            verified: r.verification_status == "verified",
            logo_url: r
                .logo_key
                .map(|_| super::logo_url(r.id, r.updated_at.unix_timestamp())),
            my_role: TeamRole::parse(&r.role)?,
            manages_billing: r.can_manage_billing,
            me: MemberDetails {
                first_name: r.first_name,
                last_name: r.last_name,
                job_title: r.job_title,
                department: r.department,
            },
            my_photo_url: r
                .photo_updated_at
                .map(|t| super::member_photo_url(user_id, t.unix_timestamp())),
        })
    }))
}

pub async fn public_company(
    pool: &PgPool,
    slug: &str,
) -> Result<Option<(Uuid, PublicCompany)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select c.id, c.name, c.slug, i.name as "industry?", c.company_size, c.headquarters,
                  c.website, c.linkedin_url, c.description, c.verification_status,
                  c.logo_key, c.updated_at
             from companies c
             left join industries i on i.id = c.industry_id
            where c.slug = $1 and c.status = 'active'"#,
        slug
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        (
            r.id,
            PublicCompany {
                id: r.id,
                name: r.name,
                slug: r.slug,
                industry: r.industry,
                company_size: r.company_size,
                headquarters: r.headquarters,
                website: r.website,
                linkedin_url: r.linkedin_url,
                description: r.description,
                verified: r.verification_status == "verified",
                logo_url: r
                    .logo_key
                    .map(|_| super::logo_url(r.id, r.updated_at.unix_timestamp())),
                can_edit: false,
                responses: None,
                roles: Vec::new(),
                roles_page: 1,
                open_roles: 0,
                now: time::OffsetDateTime::now_utc(),
            },
        )
    }))
}

pub async fn exists(db: impl sqlx::PgExecutor<'_>, company_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from companies where id = $1) as "exists!""#,
        company_id
    )
    .fetch_one(db)
    .await
}

/// Sets a new logo; returns the old one's storage key to delete.
pub async fn set_logo(
    conn: &mut PgConnection,
    company_id: Uuid,
    key: Option<&str>,
    content_type: Option<&str>,
) -> Result<Option<String>, sqlx::Error> {
    let old = sqlx::query_scalar!(
        "select logo_key from companies where id = $1 for update",
        company_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    sqlx::query!(
        r#"update companies set logo_key = $2, logo_content_type = $3, updated_at = now()
            where id = $1"#,
        company_id,
        key,
        content_type,
    )
    .execute(&mut *conn)
    .await?;
    Ok(old)
}

/// Sets a member's photo; returns the old one's storage key to delete.
pub async fn set_member_photo(
    conn: &mut PgConnection,
    user_id: Uuid,
    key: Option<&str>,
    content_type: Option<&str>,
) -> Result<Option<String>, sqlx::Error> {
    let old = sqlx::query_scalar!(
        "select photo_key from company_members where user_id = $1 for update",
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    sqlx::query!(
        r#"update company_members
              set photo_key = $2, photo_content_type = $3,
                  photo_updated_at = case when $2::text is null then null else now() end
            where user_id = $1"#,
        user_id,
        key,
        content_type,
    )
    .execute(&mut *conn)
    .await?;
    Ok(old)
}

/// A member's stored photo (storage key and content type), for `viewer`
/// only if they are on the same team.
pub async fn member_photo_file(
    db: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    viewer: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select m.photo_key as "key!", m.photo_content_type as "content_type!"
             from company_members m
             join company_members me on me.company_id = m.company_id and me.user_id = $2
            where m.user_id = $1 and m.photo_key is not null"#,
        user_id,
        viewer
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.key, r.content_type)))
}

/// The stored logo of an active company: storage key and content type.
pub async fn logo_file(
    pool: &PgPool,
    company_id: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select logo_key as "logo_key!", logo_content_type as "content_type!"
             from companies
            where id = $1 and status = 'active' and logo_key is not null"#,
        company_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.logo_key, r.content_type)))
}

pub async fn save_member_details(
    conn: impl sqlx::PgExecutor<'_>,
    user_id: Uuid,
    details: &MemberDetails,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update company_members
              set first_name = $2, last_name = $3, job_title = $4, department = $5,
                  updated_at = now()
            where user_id = $1"#,
        user_id,
        details.first_name,
        details.last_name,
        details.job_title,
        details.department,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}
