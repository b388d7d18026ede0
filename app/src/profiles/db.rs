//! SQL for candidate profiles. Each save writes one section's columns and
//! creates the row on first use.

use super::ProfileForm;
use sqlx::PgExecutor;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

pub async fn load(
    db: impl PgExecutor<'_> + Copy,
    user_id: Uuid,
) -> Result<ProfileForm, sqlx::Error> {
    let industries = industries(db).await?;
    let Some(p) = sqlx::query!(
        "select user_id, first_name, last_name, preferred_name, headline, summary, phone,
                current_title, current_company, industry_id, years_of_experience, seniority,
                country, region, city, willing_to_relocate, employment_types, remote_preference,
                salary_min_minor, salary_max_minor, salary_currency, salary_period,
                notice_period_days, open_to_opportunities, linkedin_url, portfolio_url,
                created_at, updated_at
           from candidate_profiles where user_id = $1",
        user_id
    )
    .fetch_optional(db)
    .await?
    else {
        return Ok(ProfileForm {
            remote_preference: "no_preference".into(),
            open_to_opportunities: true,
            industries,
            ..ProfileForm::default()
        });
    };
    let text = |v: Option<String>| v.unwrap_or_default();
    let number = |v: Option<i32>| v.map(|n| n.to_string()).unwrap_or_default();
    // Grouped as people write amounts ("45,000,000"); the form reads it back.
    let money = |v: Option<i64>| v.map(crate::money::grouped_minor).unwrap_or_default();
    Ok(ProfileForm {
        first_name: p.first_name,
        last_name: p.last_name,
        preferred_name: text(p.preferred_name),
        headline: text(p.headline),
        summary: text(p.summary),
        phone: text(p.phone),
        current_title: text(p.current_title),
        current_company: text(p.current_company),
        industry_id: p.industry_id.map(|id| id.to_string()).unwrap_or_default(),
        years_of_experience: number(p.years_of_experience),
        seniority: text(p.seniority),
        country: text(p.country),
        region: text(p.region),
        city: text(p.city),
        willing_to_relocate: p.willing_to_relocate,
        employment_types: p.employment_types,
        remote_preference: p.remote_preference,
        salary_min: money(p.salary_min_minor),
        salary_max: money(p.salary_max_minor),
        salary_currency: text(p.salary_currency),
        salary_period: text(p.salary_period),
        notice_period_days: number(p.notice_period_days),
        open_to_opportunities: p.open_to_opportunities,
        linkedin_url: text(p.linkedin_url),
        portfolio_url: text(p.portfolio_url),
        industries,
    })
}

pub struct Identity {
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub phone: Option<String>,
}

pub async fn save_identity(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    i: &Identity,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles
              (user_id, first_name, last_name, preferred_name, headline, summary, phone)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (user_id) do update set
              first_name = excluded.first_name, last_name = excluded.last_name,
              preferred_name = excluded.preferred_name, headline = excluded.headline,
              summary = excluded.summary, phone = excluded.phone",
        user_id,
        i.first_name,
        i.last_name,
        i.preferred_name,
        i.headline,
        i.summary,
        i.phone
    )
    .execute(db)
    .await?;
    Ok(())
}

pub struct CurrentRole {
    pub title: Option<String>,
    pub company: Option<String>,
    pub industry_id: Option<Uuid>,
    pub years_of_experience: Option<i32>,
    pub seniority: Option<String>,
}

/// Each instance's copy of `industries`: they change only with a
/// migration, and a deploy starts new instances.
#[derive(Clone, Default)]
pub struct IndustryList(std::sync::Arc<std::sync::OnceLock<Vec<(Uuid, String)>>>);

impl IndustryList {
    /// The industries, read from the database on first use.
    pub async fn get(&self, db: impl PgExecutor<'_>) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
        if let Some(list) = self.0.get() {
            return Ok(list.clone());
        }
        let loaded = industries(db).await?;
        Ok(self.0.get_or_init(|| loaded).clone())
    }
}

/// The industries to choose from, in the seed's order.
pub async fn industries(db: impl PgExecutor<'_>) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    Ok(
        sqlx::query!("select id, name from industries where is_active order by sort_order")
            .fetch_all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect(),
    )
}

pub async fn industry_exists(db: impl PgExecutor<'_>, id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists(select 1 from industries where id = $1 and is_active) as "exists!""#,
        id
    )
    .fetch_one(db)
    .await
}

pub async fn save_current_role(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    r: &CurrentRole,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles
              (user_id, current_title, current_company, industry_id, years_of_experience, seniority)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id) do update set
              current_title = excluded.current_title, current_company = excluded.current_company,
              industry_id = excluded.industry_id,
              years_of_experience = excluded.years_of_experience, seniority = excluded.seniority",
        user_id,
        r.title,
        r.company,
        r.industry_id,
        r.years_of_experience,
        r.seniority
    )
    .execute(db)
    .await?;
    Ok(())
}

pub struct Location {
    pub country: Option<String>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub willing_to_relocate: bool,
}

pub async fn save_location(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    l: &Location,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles (user_id, country, region, city, willing_to_relocate)
         values ($1, $2, $3, $4, $5)
         on conflict (user_id) do update set
              country = excluded.country, region = excluded.region, city = excluded.city,
              willing_to_relocate = excluded.willing_to_relocate",
        user_id,
        l.country,
        l.region,
        l.city,
        l.willing_to_relocate
    )
    .execute(db)
    .await?;
    Ok(())
}

pub struct Preferences {
    pub employment_types: Vec<String>,
    pub remote_preference: String,
    pub salary_min_minor: Option<i64>,
    pub salary_max_minor: Option<i64>,
    pub salary_currency: Option<String>,
    pub salary_period: Option<String>,
    pub notice_period_days: Option<i32>,
    pub open_to_opportunities: bool,
}

pub async fn save_preferences(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    p: &Preferences,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles
              (user_id, employment_types, remote_preference, salary_min_minor, salary_max_minor,
               salary_currency, salary_period, notice_period_days, open_to_opportunities)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (user_id) do update set
              employment_types = excluded.employment_types,
              remote_preference = excluded.remote_preference,
              salary_min_minor = excluded.salary_min_minor,
              salary_max_minor = excluded.salary_max_minor,
              salary_currency = excluded.salary_currency, salary_period = excluded.salary_period,
              notice_period_days = excluded.notice_period_days,
              open_to_opportunities = excluded.open_to_opportunities",
        user_id,
        &p.employment_types,
        p.remote_preference,
        p.salary_min_minor,
        p.salary_max_minor,
        p.salary_currency,
        p.salary_period,
        p.notice_period_days,
        p.open_to_opportunities
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn save_links(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    linkedin_url: Option<String>,
    portfolio_url: Option<String>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles (user_id, linkedin_url, portfolio_url) values ($1, $2, $3)
         on conflict (user_id) do update set
              linkedin_url = excluded.linkedin_url, portfolio_url = excluded.portfolio_url",
        user_id,
        linkedin_url,
        portfolio_url
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Today's date on the server, for age checks.
pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

pub struct PublicRow {
    pub user_id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub preferred_name: Option<String>,
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub phone: Option<String>,
    pub current_title: Option<String>,
    pub current_company: Option<String>,
    pub industry: Option<String>,
    pub years_of_experience: Option<i32>,
    pub seniority: Option<String>,
    pub country: Option<String>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub willing_to_relocate: bool,
    pub open_to_opportunities: bool,
    pub employment_types: Vec<String>,
    pub remote_preference: String,
    pub linkedin_url: Option<String>,
    pub portfolio_url: Option<String>,
    pub profile_visibility: String,
    pub show_email: bool,
    pub show_phone: bool,
    pub identity_verified: bool,
}

/// A candidate's profile with its privacy settings, if the account is live.
pub async fn public_row(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<PublicRow>, sqlx::Error> {
    sqlx::query_as!(
        PublicRow,
        r#"select p.user_id, u.email, p.first_name, p.last_name, p.preferred_name, p.headline,
                  p.summary, p.phone, p.current_title, p.current_company, i.name as "industry?",
                  p.years_of_experience, p.seniority, p.country, p.region, p.city,
                  p.willing_to_relocate, p.open_to_opportunities, p.employment_types,
                  p.remote_preference, p.linkedin_url, p.portfolio_url,
                  s.profile_visibility, s.show_email, s.show_phone,
                  p.identity_verified_at is not null as "identity_verified!"
             from candidate_profiles p
             join users u on u.id = p.user_id
             join user_settings s on s.user_id = p.user_id
             left join industries i on i.id = p.industry_id
            where p.user_id = $1 and u.deleted_at is null and p.hidden_by_case is null
              and u.status in ('pending', 'active') and u.account_type = 'candidate'"#,
        user_id
    )
    .fetch_optional(db)
    .await
}

/// Sets the current job title (from a résumé suggestion).
pub async fn set_current_title(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    title: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles (user_id, current_title) values ($1, $2)
         on conflict (user_id) do update set current_title = excluded.current_title",
        user_id,
        title
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Sets the years of experience (from a résumé suggestion).
pub async fn set_years_of_experience(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    years: i32,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into candidate_profiles (user_id, years_of_experience) values ($1, $2)
         on conflict (user_id) do update set years_of_experience = excluded.years_of_experience",
        user_id,
        years.clamp(0, 70)
    )
    .execute(db)
    .await?;
    Ok(())
}

/// What the completeness score is computed from.
pub async fn completeness_facts(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<super::completeness::ProfileFacts, sqlx::Error> {
    let r = sqlx::query!(
        r#"select
             exists(select 1 from profile_photos where user_id = $1) as "photo!",
             exists(select 1 from resumes where user_id = $1) as "resume!",
             coalesce((select summary is not null and summary <> '' from candidate_profiles
                        where user_id = $1), false) as "summary!",
             coalesce((select linkedin_url is not null from candidate_profiles
                        where user_id = $1), false) as "linkedin!",
             (select count(*) from work_history where user_id = $1) as "work!",
             (select count(*) from education where user_id = $1) as "education!",
             (select count(*) from candidate_skills where user_id = $1) as "skills!",
             (select count(*) from candidate_references
               where user_id = $1 and permission_to_contact) as "references!""#,
        user_id
    )
    .fetch_one(db)
    .await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(super::completeness::ProfileFacts {
        has_photo: r.photo,
        has_summary: r.summary,
        has_resume: r.resume,
        has_linkedin: r.linkedin,
        work_entries: count(r.work),
        education_entries: count(r.education),
        skills: count(r.skills),
        references_with_permission: count(r.references),
    })
}
