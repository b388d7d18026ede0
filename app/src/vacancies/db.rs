//! Vacancy queries. Every one is scoped by the company of the member asking;
//! a status change locks the vacancy's row so two changes cannot cross.

use super::rules::{LISTING_DAYS, VacancyStatus};
use super::{StatusChange, VacancyForm, VacancySummary};
use sqlx::{PgConnection, PgExecutor};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// A member's company and whether they may create and change vacancies.
pub async fn creator(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Option<(Uuid, bool)>, sqlx::Error> {
    let row = sqlx::query!(
        "select company_id, can_create_roles from company_members where user_id = $1",
        user_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.company_id, r.can_create_roles)))
}

/// A vacancy's validated fields.
#[derive(Debug, Default)]
pub struct VacancyFields {
    pub title: String,
    pub description: String,
    pub responsibilities: Vec<String>,
    pub requirements: Vec<String>,
    pub benefits: Vec<String>,
    pub preferred_qualifications: String,
    pub seniority: Option<String>,
    pub department: String,
    pub employment_type: String,
    pub work_schedule: String,
    pub remote_option: String,
    pub country: String,
    pub region: String,
    pub city: String,
    pub address: String,
    pub salary_min_minor: Option<i64>,
    pub salary_max_minor: Option<i64>,
    pub salary_currency: Option<String>,
    pub salary_period: Option<String>,
    pub years_min: Option<i32>,
    pub years_max: Option<i32>,
    pub education_required: String,
    pub required_skills: Vec<String>,
    pub preferred_skills: Vec<String>,
    pub is_confidential: bool,
    pub application_deadline: Option<Date>,
    pub expected_start_date: Option<Date>,
}

impl VacancyFields {
    pub fn has_salary(&self) -> bool {
        self.salary_min_minor.is_some()
            && self.salary_max_minor.is_some()
            && self.salary_currency.is_some()
            && self.salary_period.is_some()
    }
}

pub async fn insert(
    conn: &mut PgConnection,
    id: Uuid,
    company_id: Uuid,
    created_by: Uuid,
    v: &VacancyFields,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into vacancies (id, company_id, created_by, title) values ($1, $2, $3, $4)",
        id,
        company_id,
        created_by,
        v.title
    )
    .execute(&mut *conn)
    .await?;
    update(conn, company_id, id, v).await?;
    Ok(())
}

/// Saves the fields of one of the company's vacancies (not archived ones);
/// returns false when there is no such vacancy.
pub async fn update(
    conn: &mut PgConnection,
    company_id: Uuid,
    id: Uuid,
    v: &VacancyFields,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query!(
        "update vacancies set
            title = $3, description = $4, responsibilities = $5, requirements = $6,
            benefits = $7, preferred_qualifications = $8, seniority = $9, department = $10,
            employment_type = $11, work_schedule = $12, remote_option = $13, country = $14,
            region = $15, city = $16, address = $17, salary_min_minor = $18,
            salary_max_minor = $19, salary_currency = $20, salary_period = $21,
            years_min = $22, years_max = $23, education_required = $24,
            is_confidential = $25, application_deadline = $26, expected_start_date = $27,
            -- A listed vacancy's end follows its apply-by day.
            expires_at = case when expires_at is not null
                              then listing_end(published_at, $26, $28) end,
            updated_at = now()
          where id = $1 and company_id = $2 and status <> 'archived'",
        id,
        company_id,
        v.title,
        v.description,
        &v.responsibilities,
        &v.requirements,
        &v.benefits,
        v.preferred_qualifications,
        v.seniority,
        v.department,
        v.employment_type,
        v.work_schedule,
        v.remote_option,
        v.country,
        v.region,
        v.city,
        v.address,
        v.salary_min_minor,
        v.salary_max_minor,
        v.salary_currency,
        v.salary_period,
        v.years_min,
        v.years_max,
        v.education_required,
        v.is_confidential,
        v.application_deadline,
        v.expected_start_date,
        LISTING_DAYS as i32,
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !updated {
        return Ok(false);
    }
    sqlx::query!("delete from vacancy_skills where vacancy_id = $1", id)
        .execute(&mut *conn)
        .await?;
    for (names, required) in [(&v.required_skills, true), (&v.preferred_skills, false)] {
        for name in names {
            let skill = crate::profiles::sections::db::resolve_skill(conn, name).await?;
            sqlx::query!(
                "insert into vacancy_skills (vacancy_id, skill_id, is_required) values ($1, $2, $3)
                 on conflict (vacancy_id, skill_id) do nothing",
                id,
                skill,
                required
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    refresh_search(conn, &[id]).await?;
    Ok(true)
}

/// Rebuilds the search documents of these vacancies: title first, then
/// company and skills, then the rest. A confidential vacancy is not found
/// by its company's name.
pub async fn refresh_search(conn: &mut PgConnection, ids: &[Uuid]) -> Result<(), sqlx::Error> {
    sqlx::query!(
        r#"update vacancies v set search_document =
              setweight(to_tsvector('english', v.title), 'A')
           || setweight(to_tsvector('english',
                  case when v.is_confidential then '' else c.name end
                  || ' ' || coalesce((select string_agg(s.name, ' ')
                                        from vacancy_skills vs join skills s on s.id = vs.skill_id
                                       where vs.vacancy_id = v.id), '')), 'B')
           || setweight(to_tsvector('english',
                  v.description || ' ' || array_to_string(v.responsibilities, ' ')
                  || ' ' || array_to_string(v.requirements, ' ') || ' ' || v.department), 'C')
             from companies c
            where v.id = any($1) and c.id = v.company_id"#,
        ids
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The editor's view of one of the company's vacancies.
pub async fn editor_row(
    conn: &mut PgConnection,
    company_id: Uuid,
    id: Uuid,
) -> Result<
    Option<(
        VacancyStatus,
        Option<String>,
        Option<OffsetDateTime>,
        VacancyForm,
    )>,
    sqlx::Error,
> {
    let Some(r) = sqlx::query!(
        "select status, slug, expires_at, title, description, responsibilities, requirements,
                benefits, preferred_qualifications, seniority, department, employment_type,
                work_schedule, remote_option, country, region, city, address, salary_min_minor,
                salary_max_minor, salary_currency, salary_period, years_min, years_max,
                education_required, is_confidential, application_deadline, expected_start_date
           from vacancies where id = $1 and company_id = $2",
        id,
        company_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let skills = sqlx::query!(
        "select s.name, vs.is_required from vacancy_skills vs join skills s on s.id = vs.skill_id
          where vs.vacancy_id = $1 order by s.name",
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let skill_list = |required: bool| {
        skills
            .iter()
            .filter(|s| s.is_required == required)
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let number = |n: Option<i32>| n.map(|n| n.to_string()).unwrap_or_default();
    // Grouped as people write amounts ("850,000"); the form reads it back.
    let money = |m: Option<i64>| m.map(crate::money::grouped_minor).unwrap_or_default();
    let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let form = VacancyForm {
        title: r.title,
        description: r.description,
        responsibilities: r.responsibilities.join("\n"),
        requirements: r.requirements.join("\n"),
        benefits: r.benefits.join("\n"),
        preferred_qualifications: r.preferred_qualifications,
        seniority: r.seniority.unwrap_or_default(),
        department: r.department,
        employment_type: r.employment_type,
        work_schedule: r.work_schedule,
        remote_option: r.remote_option,
        country: r.country,
        region: r.region,
        city: r.city,
        address: r.address,
        salary_min: money(r.salary_min_minor),
        salary_max: money(r.salary_max_minor),
        salary_currency: r.salary_currency.unwrap_or_default(),
        salary_period: r.salary_period.unwrap_or_default(),
        years_min: number(r.years_min),
        years_max: number(r.years_max),
        education_required: r.education_required,
        required_skills: skill_list(true),
        preferred_skills: skill_list(false),
        is_confidential: r.is_confidential,
        application_deadline: day(r.application_deadline),
        expected_start_date: day(r.expected_start_date),
    };
    let status = VacancyStatus::parse(&r.status).unwrap_or(VacancyStatus::Draft);
    Ok(Some((status, r.slug, r.expires_at, form)))
}

pub async fn history(db: impl PgExecutor<'_>, id: Uuid) -> Result<Vec<StatusChange>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select h.from_status, h.to_status, h.changed_at, u.email as "email?"
             from vacancy_status_history h
             left join users u on u.id = h.changed_by
            where h.vacancy_id = $1
            order by h.changed_at, h.id"#,
        id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .filter_map(|r| {
        Some(StatusChange {
            from: r.from_status.as_deref().and_then(VacancyStatus::parse),
            to: VacancyStatus::parse(&r.to_status)?,
            by: r.email,
            at: r.changed_at,
        })
    })
    .collect())
}

/// The status of one of the company's vacancies, locked for the rest of the
/// transaction.
pub async fn lock_status(
    conn: &mut PgConnection,
    company_id: Uuid,
    id: Uuid,
) -> Result<Option<VacancyStatus>, sqlx::Error> {
    let status = sqlx::query_scalar!(
        "select status from vacancies where id = $1 and company_id = $2 for update",
        id,
        company_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(status.as_deref().and_then(VacancyStatus::parse))
}

/// Whether the (locked) vacancy is confidential now, before an edit.
pub async fn is_confidential(conn: &mut PgConnection, id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!("select is_confidential from vacancies where id = $1", id)
        .fetch_one(conn)
        .await
}

/// The fields publishing checks, of a locked vacancy.
pub async fn publish_facts(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<(String, bool, String, String, bool), sqlx::Error> {
    let r = sqlx::query!(
        r#"select description, remote_option, city,
                  (salary_min_minor is not null and salary_max_minor is not null
                   and salary_currency is not null and salary_period is not null) as "has_salary!",
                  coalesce(application_deadline < (now() at time zone 'UTC')::date, false)
                    as "apply_by_passed!"
             from vacancies where id = $1"#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok((
        r.description,
        r.has_salary,
        r.remote_option,
        r.city,
        r.apply_by_passed,
    ))
}

/// Moves a locked vacancy to `to` and records the change. Publishing the
/// first time gives it its address and a listing period.
pub async fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    from: VacancyStatus,
    to: VacancyStatus,
    changed_by: Option<Uuid>,
) -> Result<(), sqlx::Error> {
    let title = sqlx::query_scalar!("select title from vacancies where id = $1", id)
        .fetch_one(&mut *conn)
        .await?;
    let slug = super::rules::vacancy_slug(&title, id);
    sqlx::query!(
        "update vacancies set
            status = $2,
            slug = coalesce(slug, $3),
            published_at = case when $2 = 'active' then coalesce(published_at, now()) else published_at end,
            expires_at = case when $2 = 'active' and expires_at is null
                              then listing_end(now(), application_deadline, $4) else expires_at end,
            closed_at = case when $2 in ('filled', 'closed') then now() else closed_at end,
            paused_for_plan = false,
            updated_at = now()
          where id = $1",
        id,
        to.as_str(),
        slug,
        LISTING_DAYS as i32,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into vacancy_status_history (id, vacancy_id, from_status, to_status, changed_by)
         values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        id,
        from.as_str(),
        to.as_str(),
        changed_by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Pauses the company's open vacancies beyond what its plan allows now
/// (after the plan ended), keeping the most recently published open; they
/// are marked to open again when the company pays. The company is locked
/// by the caller. Returns the paused ones.
pub async fn pause_beyond_plan(
    conn: &mut PgConnection,
    company_id: Uuid,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"with ranked as (
               select id, row_number() over (order by published_at desc nulls last, id desc) as n
                 from vacancies where company_id = $1 and status = 'active'),
             due as (
               select v.id from vacancies v join ranked r on r.id = v.id
                where r.n > coalesce((select active_vacancies from company_limits($1)), 2147483647)
                  for update of v),
             paused as (
               update vacancies v set status = 'paused', paused_for_plan = true, updated_at = now()
                 from due where v.id = due.id
               returning v.id)
           insert into vacancy_status_history (id, vacancy_id, from_status, to_status)
           select gen_random_uuid(), id, 'active', 'paused' from paused
           returning vacancy_id"#,
        company_id
    )
    .fetch_all(conn)
    .await
}

/// Opens again the vacancies the end of a plan paused, as many as the
/// plan in force now has room for (the most recently published first).
/// Returns them.
pub async fn resume_paused_for_plan(
    conn: &mut PgConnection,
    company_id: Uuid,
) -> Result<Vec<Uuid>, sqlx::Error> {
    let any = sqlx::query_scalar!(
        r#"select exists (select 1 from vacancies where company_id = $1 and paused_for_plan) as "any!""#,
        company_id
    )
    .fetch_one(&mut *conn)
    .await?;
    if !any {
        return Ok(Vec::new());
    }
    // Publishing counts under this lock too, so the room cannot be taken twice.
    crate::companies::db::lock_company(conn, company_id).await?;
    sqlx::query_scalar!(
        r#"with room as (
               select coalesce(l.active_vacancies::bigint, 9223372036854775807)
                      - (select count(*) from vacancies
                          where company_id = $1 and status = 'active') as n
                 from company_limits($1) l),
             due as (
               select id from vacancies
                where company_id = $1 and status = 'paused' and paused_for_plan
                order by published_at desc nulls last, id desc
                limit greatest((select n from room), 0)
                  for update),
             resumed as (
               update vacancies v set status = 'active', paused_for_plan = false, updated_at = now()
                 from due where v.id = due.id
               returning v.id)
           insert into vacancy_status_history (id, vacancy_id, from_status, to_status)
           select gen_random_uuid(), id, 'paused', 'active' from resumed
           returning vacancy_id"#,
        company_id
    )
    .fetch_all(conn)
    .await
}

/// Closes the listings whose time is up; returns them, for the audit log.
pub async fn close_expired(conn: &mut PgConnection) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"with due as (
               select id, status from vacancies
                where status in ('active', 'paused') and expires_at <= now()
                for update skip locked),
             closed as (
               update vacancies v set status = 'closed', closed_at = now(), updated_at = now()
                 from due where v.id = due.id
               returning v.id, due.status as old_status)
           insert into vacancy_status_history (id, vacancy_id, from_status, to_status)
           select gen_random_uuid(), id, old_status, 'closed' from closed
           returning vacancy_id"#
    )
    .fetch_all(conn)
    .await
}

/// Copies one of the company's vacancies into a new draft; false when there
/// is no such vacancy.
pub async fn duplicate(
    conn: &mut PgConnection,
    company_id: Uuid,
    id: Uuid,
    new_id: Uuid,
    created_by: Uuid,
) -> Result<bool, sqlx::Error> {
    let copied = sqlx::query!(
        "insert into vacancies (id, company_id, created_by, title, description, responsibilities,
                requirements, benefits, preferred_qualifications, seniority, department,
                employment_type, work_schedule, remote_option, country, region, city, address,
                salary_min_minor, salary_max_minor, salary_currency, salary_period, years_min,
                years_max, education_required, is_confidential, expected_start_date)
         select $3, company_id, $4, left('Copy of ' || title, 200), description, responsibilities,
                requirements, benefits, preferred_qualifications, seniority, department,
                employment_type, work_schedule, remote_option, country, region, city, address,
                salary_min_minor, salary_max_minor, salary_currency, salary_period, years_min,
                years_max, education_required, is_confidential, expected_start_date
           from vacancies where id = $1 and company_id = $2",
        id,
        company_id,
        new_id,
        created_by
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if copied {
        sqlx::query!(
            "insert into vacancy_skills (vacancy_id, skill_id, is_required)
             select $2, skill_id, is_required from vacancy_skills where vacancy_id = $1",
            id,
            new_id
        )
        .execute(&mut *conn)
        .await?;
        refresh_search(conn, &[new_id]).await?;
    }
    Ok(copied)
}

/// The company's vacancies with `status` (all but archived when `None`),
/// most recently changed first.
pub async fn list(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
    status: Option<VacancyStatus>,
) -> Result<Vec<VacancySummary>, sqlx::Error> {
    Ok(sqlx::query!(
        "select id, title, status, slug, remote_option, city, country, published_at, expires_at,
                views_count, applications_count, saves_count, updated_at,
                left_swipes_count, right_swipes_count, super_likes_count
           from vacancies
          where company_id = $1
            and (($2::text is null and status <> 'archived') or status = $2)
          order by updated_at desc, id desc
          limit 500",
        company_id,
        status.map(VacancyStatus::as_str)
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .filter_map(|r| {
        let place = [r.city, r.country]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let remote = crate::profiles::rules::label_of(
            &r.remote_option,
            &crate::profiles::rules::REMOTE_PREFERENCES,
        );
        Some(VacancySummary {
            id: r.id,
            title: r.title,
            status: VacancyStatus::parse(&r.status)?,
            slug: r.slug,
            place: if place.is_empty() {
                remote.to_string()
            } else {
                format!("{place} · {remote}")
            },
            published_at: r.published_at,
            expires_at: r.expires_at,
            views_count: r.views_count,
            applications_count: r.applications_count,
            saves_count: r.saves_count,
            likes_count: r.right_swipes_count + r.super_likes_count,
            super_likes_count: r.super_likes_count,
            like_rate: crate::swipe::rules::like_rate(
                i64::from(r.right_swipes_count + r.super_likes_count),
                i64::from(r.left_swipes_count + r.right_swipes_count + r.super_likes_count),
            ),
            updated_at: r.updated_at,
        })
    })
    .collect())
}

/// How many of the company's vacancies have each status.
pub async fn counts(
    db: impl PgExecutor<'_>,
    company_id: Uuid,
) -> Result<Vec<(VacancyStatus, i64)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select status, count(*) as "n!" from vacancies where company_id = $1 group by status"#,
        company_id
    )
    .fetch_all(db)
    .await?;
    Ok(VacancyStatus::ALL
        .into_iter()
        .map(|s| {
            let n = rows
                .iter()
                .find(|r| r.status == s.as_str())
                .map_or(0, |r| r.n);
            (s, n)
        })
        .collect())
}

/// Closes every listing whose time is up, recording each in the audit log;
/// returns how many. The server's worker runs this between jobs.
/// How many days before its listing ends the team hears of it.
pub const EXPIRY_NOTICE_DAYS: i32 = 3;

/// Tells the teams of active listings that end within
/// [`EXPIRY_NOTICE_DAYS`], once per end date; returns how many listings.
pub async fn notify_expiring_listings(pool: &sqlx::PgPool) -> Result<usize, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query!(
        r#"with due as (
               select id from vacancies
                where status = 'active'
                  and expires_at > now() and expires_at <= now() + make_interval(days => $1)
                  and expiry_warned_for is distinct from expires_at
                for update skip locked)
           update vacancies v set expiry_warned_for = v.expires_at
             from due where v.id = due.id
           returning v.id, v.title, v.company_id,
                     ceil(extract(epoch from v.expires_at - now()) / 86400)::bigint as "days_left!""#,
        EXPIRY_NOTICE_DAYS
    )
    .fetch_all(&mut *tx)
    .await?;
    for vacancy in &due {
        let team = sqlx::query_scalar!(
            "select user_id from company_members where company_id = $1",
            vacancy.company_id
        )
        .fetch_all(&mut *tx)
        .await?;
        let notice = crate::notifications::Notice::vacancy_expiring(
            &vacancy.title,
            vacancy.id,
            vacancy.days_left,
        );
        for member in team {
            crate::notifications::notify(&mut tx, member, &notice).await?;
        }
    }
    tx.commit().await?;
    Ok(due.len())
}

pub async fn close_expired_listings(pool: &sqlx::PgPool) -> Result<usize, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let closed = close_expired(&mut tx).await?;
    for id in &closed {
        crate::audit::record(
            &mut tx,
            crate::audit::AuditEvent {
                actor: None,
                action: "vacancy.expired",
                target_type: "vacancy",
                target_id: Some(id.to_string()),
                metadata: serde_json::json!({}),
            },
            &crate::state::RequestContext::default(),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(closed.len())
}
