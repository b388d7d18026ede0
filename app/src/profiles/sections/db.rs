//! SQL for the repeatable sections. Every statement is scoped to the owner's
//! user id, so an entry id from someone else's profile finds nothing.

use super::rules::{MAX_ENTRIES, month_value};
use super::*;
use crate::crypto::FieldCipher;
use sqlx::{PgConnection, PgExecutor, PgPool};
use time::Date;

/// The result of writing an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Done,
    /// No entry with that id belongs to the user.
    NotFound,
    /// The section already holds `MAX_ENTRIES` entries.
    Full,
}

fn inserted(rows: u64) -> Saved {
    if rows == 0 { Saved::Full } else { Saved::Done }
}

fn updated(rows: u64) -> Saved {
    if rows == 0 {
        Saved::NotFound
    } else {
        Saved::Done
    }
}

fn text(v: Option<String>) -> String {
    v.unwrap_or_default()
}

fn number(v: Option<i32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

/// A user's sections. References (contact details) are read only with the
/// cipher, which only the owner's own views pass.
pub async fn load(
    pool: &PgPool,
    cipher: Option<&FieldCipher>,
    user_id: Uuid,
) -> Result<ProfileSections, sqlx::Error> {
    let work = sqlx::query!(
        "select * from work_history where user_id = $1 order by position, created_at",
        user_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| WorkEntry {
        id: r.id,
        company_name: r.company_name,
        job_title: r.job_title,
        employment_type: r.employment_type,
        location: text(r.location),
        start: month_value(r.start_date),
        end: r.end_date.map(month_value).unwrap_or_default(),
        is_current: r.is_current,
        description: text(r.description),
        achievements: r.achievements,
        team_size: number(r.team_size),
    })
    .collect();
    let education = sqlx::query!(
        "select * from education where user_id = $1 order by position, created_at",
        user_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| EducationEntry {
        id: r.id,
        institution: r.institution,
        degree_type: r.degree_type,
        field_of_study: r.field_of_study,
        start_year: r.start_year.to_string(),
        end_year: number(r.end_year),
        grade: text(r.grade),
    })
    .collect();
    let certifications = sqlx::query!(
        "select * from certifications where user_id = $1 order by position, created_at",
        user_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| CertificationEntry {
        id: r.id,
        name: r.name,
        issuer: r.issuer,
        issued: month_value(r.issued_on),
        expires: r.expires_on.map(month_value).unwrap_or_default(),
        credential_id: text(r.credential_id),
        credential_url: text(r.credential_url),
    })
    .collect();
    let skills = sqlx::query!(
        "select cs.id, s.name, s.category, cs.proficiency, cs.years_of_experience, cs.is_primary
           from candidate_skills cs join skills s on s.id = cs.skill_id
          where cs.user_id = $1 order by cs.position, cs.created_at",
        user_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|r| SkillEntry {
        id: r.id,
        name: r.name,
        category: r.category,
        proficiency: r.proficiency,
        years: number(r.years_of_experience),
        is_primary: r.is_primary,
    })
    .collect();
    let mut references = Vec::new();
    let Some(cipher) = cipher else {
        return Ok(ProfileSections {
            work,
            education,
            certifications,
            skills,
            references,
        });
    };
    for r in sqlx::query!(
        "select * from candidate_references where user_id = $1 order by position, created_at",
        user_id
    )
    .fetch_all(pool)
    .await?
    {
        // A value that no longer decrypts (key changed) shows as empty
        // rather than hiding the whole profile.
        let open = |sealed: &[u8]| {
            cipher.decrypt(sealed).unwrap_or_else(|e| {
                tracing::error!(reference = %r.id, error = %e, "reference field unreadable");
                String::new()
            })
        };
        references.push(ReferenceEntry {
            id: r.id,
            name: r.name.clone(),
            email: open(&r.email_encrypted),
            phone: r.phone_encrypted.as_deref().map(open).unwrap_or_default(),
            company: text(r.company),
            job_title: text(r.job_title),
            relationship: r.relationship,
            permission_to_contact: r.permission_to_contact,
            verification_status: r.verification_status,
        });
    }
    Ok(ProfileSections {
        work,
        education,
        certifications,
        skills,
        references,
    })
}

pub struct Work {
    pub company_name: String,
    pub job_title: String,
    pub employment_type: String,
    pub location: Option<String>,
    pub start: Date,
    pub end: Option<Date>,
    pub is_current: bool,
    pub description: Option<String>,
    pub achievements: Vec<String>,
    pub team_size: Option<i32>,
}

pub async fn save_work(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Option<Uuid>,
    w: &Work,
) -> Result<Saved, sqlx::Error> {
    match id {
        None => sqlx::query!(
            "insert into work_history (user_id, company_name, job_title, employment_type, location,
                 start_date, end_date, is_current, description, achievements, team_size, position)
             select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce(max(position) + 1, 0)
               from work_history where user_id = $1 having count(*) < $12",
            user_id,
            w.company_name,
            w.job_title,
            w.employment_type,
            w.location,
            w.start,
            w.end,
            w.is_current,
            w.description,
            &w.achievements,
            w.team_size,
            MAX_ENTRIES
        )
        .execute(db)
        .await
        .map(|r| inserted(r.rows_affected())),
        Some(id) => sqlx::query!(
            "update work_history set company_name = $3, job_title = $4, employment_type = $5,
                 location = $6, start_date = $7, end_date = $8, is_current = $9,
                 description = $10, achievements = $11, team_size = $12
             where id = $1 and user_id = $2",
            id,
            user_id,
            w.company_name,
            w.job_title,
            w.employment_type,
            w.location,
            w.start,
            w.end,
            w.is_current,
            w.description,
            &w.achievements,
            w.team_size
        )
        .execute(db)
        .await
        .map(|r| updated(r.rows_affected())),
    }
}

pub struct Education {
    pub institution: String,
    pub degree_type: String,
    pub field_of_study: String,
    pub start_year: i32,
    pub end_year: Option<i32>,
    pub grade: Option<String>,
}

pub async fn save_education(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Option<Uuid>,
    e: &Education,
) -> Result<Saved, sqlx::Error> {
    match id {
        None => sqlx::query!(
            "insert into education (user_id, institution, degree_type, field_of_study,
                 start_year, end_year, grade, position)
             select $1, $2, $3, $4, $5, $6, $7, coalesce(max(position) + 1, 0)
               from education where user_id = $1 having count(*) < $8",
            user_id,
            e.institution,
            e.degree_type,
            e.field_of_study,
            e.start_year,
            e.end_year,
            e.grade,
            MAX_ENTRIES
        )
        .execute(db)
        .await
        .map(|r| inserted(r.rows_affected())),
        Some(id) => sqlx::query!(
            "update education set institution = $3, degree_type = $4, field_of_study = $5,
                 start_year = $6, end_year = $7, grade = $8
             where id = $1 and user_id = $2",
            id,
            user_id,
            e.institution,
            e.degree_type,
            e.field_of_study,
            e.start_year,
            e.end_year,
            e.grade
        )
        .execute(db)
        .await
        .map(|r| updated(r.rows_affected())),
    }
}

pub struct Certification {
    pub name: String,
    pub issuer: String,
    pub issued: Date,
    pub expires: Option<Date>,
    pub credential_id: Option<String>,
    pub credential_url: Option<String>,
}

pub async fn save_certification(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Option<Uuid>,
    c: &Certification,
) -> Result<Saved, sqlx::Error> {
    match id {
        None => sqlx::query!(
            "insert into certifications (user_id, name, issuer, issued_on, expires_on,
                 credential_id, credential_url, position)
             select $1, $2, $3, $4, $5, $6, $7, coalesce(max(position) + 1, 0)
               from certifications where user_id = $1 having count(*) < $8",
            user_id,
            c.name,
            c.issuer,
            c.issued,
            c.expires,
            c.credential_id,
            c.credential_url,
            MAX_ENTRIES
        )
        .execute(db)
        .await
        .map(|r| inserted(r.rows_affected())),
        Some(id) => sqlx::query!(
            "update certifications set name = $3, issuer = $4, issued_on = $5, expires_on = $6,
                 credential_id = $7, credential_url = $8
             where id = $1 and user_id = $2",
            id,
            user_id,
            c.name,
            c.issuer,
            c.issued,
            c.expires,
            c.credential_id,
            c.credential_url
        )
        .execute(db)
        .await
        .map(|r| updated(r.rows_affected())),
    }
}

/// The taxonomy skill a typed name means: its name or one of its synonyms,
/// ignoring case; otherwise the name is added as an unreviewed skill.
pub async fn resolve_skill(conn: &mut PgConnection, name: &str) -> Result<Uuid, sqlx::Error> {
    if let Some(id) = sqlx::query_scalar!(
        "select id from skills
          where lower(name) = lower($1)
             or exists (select 1 from unnest(synonyms) s where lower(s) = lower($1))
          order by (lower(name) = lower($1)) desc, is_reviewed desc
          limit 1",
        name
    )
    .fetch_optional(&mut *conn)
    .await?
    {
        return Ok(id);
    }
    let base = super::rules::slugify(name);
    let base = if base.is_empty() {
        "skill".to_string()
    } else {
        base
    };
    let taken = sqlx::query_scalar!(
        r#"select exists(select 1 from skills where slug = $1) as "taken!""#,
        base
    )
    .fetch_one(&mut *conn)
    .await?;
    let slug = if taken {
        format!("{base}-{}", &Uuid::new_v4().simple().to_string()[..6])
    } else {
        base
    };
    // Two people adding the same new skill at once both end on one row.
    sqlx::query_scalar!(
        "insert into skills (name, slug, category, is_reviewed) values ($1, $2, 'Other', false)
         on conflict (lower(name)) do update set usage_count = skills.usage_count
         returning id",
        name,
        slug
    )
    .fetch_one(&mut *conn)
    .await
}

pub struct Skill {
    pub skill_id: Uuid,
    pub proficiency: String,
    pub years: Option<i32>,
    pub is_primary: bool,
}

/// Adds a skill, or updates its details when the person already has it.
pub async fn add_skill(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    s: &Skill,
) -> Result<Saved, sqlx::Error> {
    sqlx::query!(
        "insert into candidate_skills (user_id, skill_id, proficiency, years_of_experience,
             is_primary, position)
         select $1, $2, $3, $4, $5, coalesce(max(position) + 1, 0)
           from candidate_skills where user_id = $1 having count(*) < $6
         on conflict (user_id, skill_id) do update set proficiency = excluded.proficiency,
             years_of_experience = excluded.years_of_experience, is_primary = excluded.is_primary",
        user_id,
        s.skill_id,
        s.proficiency,
        s.years,
        s.is_primary,
        MAX_ENTRIES
    )
    .execute(db)
    .await
    .map(|r| inserted(r.rows_affected()))
}

pub async fn update_skill(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    id: Uuid,
    proficiency: &str,
    years: Option<i32>,
    is_primary: bool,
) -> Result<Saved, sqlx::Error> {
    sqlx::query!(
        "update candidate_skills set proficiency = $3, years_of_experience = $4, is_primary = $5
          where id = $1 and user_id = $2",
        id,
        user_id,
        proficiency,
        years,
        is_primary
    )
    .execute(db)
    .await
    .map(|r| updated(r.rows_affected()))
}

/// Skill names (and the synonym that matched) for the picker's suggestions.
pub async fn suggest_skills(
    db: impl PgExecutor<'_>,
    typed: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select name as "name!" from skills
            where is_reviewed
              and (lower(name) like '%' || lower($1) || '%'
                   or exists (select 1 from unnest(synonyms) s where lower(s) like lower($1) || '%')
                   or similarity(lower(name), lower($1)) > 0.3)
            order by (lower(name) like lower($1) || '%') desc,
                     similarity(lower(name), lower($1)) desc, usage_count desc, name
            limit 10"#,
        typed
    )
    .fetch_all(db)
    .await
}

pub struct Reference {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub job_title: Option<String>,
    pub relationship: String,
    pub permission_to_contact: bool,
}

pub async fn save_reference(
    db: impl PgExecutor<'_>,
    cipher: &FieldCipher,
    user_id: Uuid,
    id: Option<Uuid>,
    r: &Reference,
) -> Result<Saved, sqlx::Error> {
    let email = cipher.encrypt(&r.email);
    let phone = r.phone.as_deref().map(|p| cipher.encrypt(p));
    match id {
        None => sqlx::query!(
            "insert into candidate_references (user_id, name, email_encrypted, phone_encrypted,
                 company, job_title, relationship, permission_to_contact, position)
             select $1, $2, $3, $4, $5, $6, $7, $8, coalesce(max(position) + 1, 0)
               from candidate_references where user_id = $1 having count(*) < $9",
            user_id,
            r.name,
            email,
            phone,
            r.company,
            r.job_title,
            r.relationship,
            r.permission_to_contact,
            MAX_ENTRIES
        )
        .execute(db)
        .await
        .map(|r| inserted(r.rows_affected())),
        Some(id) => sqlx::query!(
            "update candidate_references set name = $3, email_encrypted = $4,
                 phone_encrypted = $5, company = $6, job_title = $7, relationship = $8,
                 permission_to_contact = $9
             where id = $1 and user_id = $2",
            id,
            user_id,
            r.name,
            email,
            phone,
            r.company,
            r.job_title,
            r.relationship,
            r.permission_to_contact
        )
        .execute(db)
        .await
        .map(|r| updated(r.rows_affected())),
    }
}

fn table(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Work => "work_history",
        SectionKind::Education => "education",
        SectionKind::Certification => "certifications",
        SectionKind::Skill => "candidate_skills",
        SectionKind::Reference => "candidate_references",
    }
}

pub async fn delete(
    db: impl PgExecutor<'_>,
    kind: SectionKind,
    user_id: Uuid,
    id: Uuid,
) -> Result<bool, sqlx::Error> {
    // The table name comes from a fixed list, never from input.
    let sql = format!("delete from {} where id = $1 and user_id = $2", table(kind));
    let done = sqlx::query(&sql).bind(id).bind(user_id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

/// Swaps an entry with its neighbour above (`up`) or below. Locks the
/// user's entries so two moves at once cannot interleave. Returns false
/// when the entry is not the user's; moving past either end does nothing.
pub async fn move_entry(
    pool: &PgPool,
    kind: SectionKind,
    user_id: Uuid,
    id: Uuid,
    up: bool,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let sql = format!(
        "select id from {} where user_id = $1 order by position, created_at for update",
        table(kind)
    );
    let mut order: Vec<Uuid> = sqlx::query_scalar(&sql)
        .bind(user_id)
        .fetch_all(&mut *tx)
        .await?;
    let Some(at) = order.iter().position(|e| *e == id) else {
        return Ok(false);
    };
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    if let Some(other) = other.filter(|o| *o < order.len()) {
        order.swap(at, other);
        // Renumber all: positions stay dense whatever happened before.
        let sql = format!(
            "update {} t set position = o.n - 1
               from unnest($1::uuid[]) with ordinality as o(id, n)
              where t.id = o.id and t.user_id = $2",
            table(kind)
        );
        sqlx::query(&sql)
            .bind(&order)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Adds a skill unless the person already has it (their details stay).
pub async fn add_skill_if_new(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    s: &Skill,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_skills (user_id, skill_id, proficiency, years_of_experience,
             is_primary, position)
         select $1, $2, $3, $4, $5, coalesce(max(position) + 1, 0)
           from candidate_skills where user_id = $1 having count(*) < $6
         on conflict (user_id, skill_id) do nothing",
        user_id,
        s.skill_id,
        s.proficiency,
        s.years,
        s.is_primary,
        MAX_ENTRIES
    )
    .execute(db)
    .await?;
    Ok(())
}
