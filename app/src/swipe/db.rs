//! Deck queries. A candidate's swipes are serialised by a lock on their user
//! row, so the daily super-like allowance and the deck position cannot be
//! raced; the unique key on (user, vacancy) makes a repeated swipe harmless.

use super::DeckFilters;
use super::rules::{AutoApply, Direction};
use crate::board::db::HitRow;
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// The pool the next cards are scored from: for each of the candidate's
/// skills (primary ones first, up to `POOL_SKILLS`), the newest `PER_SKILL`
/// open vacancies asking for it, plus the `NEWEST` open vacancies whatever
/// their skills, so a candidate without skills still has a deck.
const POOL_SKILLS: i64 = 12;
const PER_SKILL: i64 = 25;
const NEWEST: i64 = 20;

/// The candidate's deck filters and auto-apply settings, one row read once.
/// The daily auto-apply cap is held to what their plan allows now (a cap
/// chosen on Plus drops back when Plus ends).
pub async fn preferences(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(DeckFilters, AutoApply), sqlx::Error> {
    let row = sqlx::query!(
        r#"select remote_options, employment_types, locations, min_salary_yearly,
                  min_salary_currency, auto_apply_enabled, auto_apply_min_score,
                  least(auto_apply_max_per_day,
                        coalesce((select l.auto_applies_per_day from seeker_limits($1) l),
                                 auto_apply_max_per_day))
                      as "auto_apply_max_per_day!",
                  auto_apply_max_per_company_week, auto_apply_resume_id
             from swipe_preferences where user_id = $1"#,
        user_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row
        .map(|r| {
            let filters = DeckFilters {
                remote_options: r.remote_options,
                employment_types: r.employment_types,
                locations: r.locations,
                min_salary_yearly: r.min_salary_yearly.map(|m| m / 100),
                min_salary_currency: r.min_salary_currency,
            };
            let auto_apply = AutoApply {
                enabled: r.auto_apply_enabled,
                min_score: r.auto_apply_min_score.clamp(0, 100) as u8,
                max_per_day: r.auto_apply_max_per_day.max(1) as u32,
                max_per_company_per_week: r.auto_apply_max_per_company_week.max(1) as u32,
                resume_id: r.auto_apply_resume_id,
            };
            (filters, auto_apply)
        })
        .unwrap_or_default())
}

pub async fn save_filters(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
    f: &DeckFilters,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into swipe_preferences
                (user_id, remote_options, employment_types, locations, min_salary_yearly, min_salary_currency)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (user_id) do update
            set remote_options = excluded.remote_options,
                employment_types = excluded.employment_types,
                locations = excluded.locations,
                min_salary_yearly = excluded.min_salary_yearly,
                min_salary_currency = excluded.min_salary_currency,
                updated_at = now()",
        user_id,
        &f.remote_options,
        &f.employment_types,
        &f.locations,
        f.min_salary_yearly.map(|m| m * 100),
        f.min_salary_currency
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Open vacancies the candidate has neither swiped nor applied to, from
/// companies they do not block, within `f`, leaving out `exclude` (cards
/// the page holds already): the pool the next cards are scored from. Each
/// branch walks an index newest first and stops at its limit, so the cost
/// does not grow with the number of open vacancies. The conditions stand in
/// both branches because each limit counts only vacancies that pass them;
/// one walk over a union of both indexes was planned as a full sort.
pub async fn pool(
    conn: &mut PgConnection,
    user_id: Uuid,
    f: &DeckFilters,
    exclude: &[Uuid],
) -> Result<Vec<HitRow>, sqlx::Error> {
    let patterns: Vec<String> = f
        .locations
        .iter()
        .map(|l| crate::admin::db::contains_pattern(l))
        .collect();
    sqlx::query_as!(
        HitRow,
        r#"select v.id, v.slug as "slug!", v.title, v.is_confidential, c.name as company_name,
                  c.slug as company_slug, v.city, v.region, v.country, v.remote_option,
                  v.employment_type, v.seniority, v.salary_min_minor, v.salary_max_minor,
                  v.salary_currency, v.salary_period, v.years_min, v.years_max,
                  v.published_at as "published_at!", v.is_featured,
                  left(v.description, 240) as "snippet!"
             from vacancies v
             join companies c on c.id = v.company_id
            where v.id in (
                  with blocked as (select company_id from companies_blocked_by($1) company_id)
                  select w.id
                    from (select skill_id from candidate_skills where user_id = $1
                           order by is_primary desc, position limit $8) mine
                   cross join lateral (
                         select v.id
                           from vacancy_skills vs
                           join vacancies v on v.id = vs.vacancy_id
                          where vs.skill_id = mine.skill_id and vs.listed_at is not null
                            and v.status = 'active' and v.expires_at > now()
                            and v.id <> all($2)
                            and v.company_id not in (select company_id from blocked)
                            and not exists (select 1 from vacancy_swipes s
                                             where s.user_id = $1 and s.vacancy_id = v.id)
                            and not exists (select 1 from applications a
                                             where a.candidate_id = $1 and a.vacancy_id = v.id)
                            and vacancy_fits_deck(v, $3, $4, $5, $6, $7)
                          order by vs.listed_at desc
                          limit $9) w
                  union
                  (select v.id
                     from vacancies v
                    where v.status = 'active' and v.expires_at > now()
                      and v.id <> all($2)
                      and v.company_id not in (select company_id from blocked)
                      and not exists (select 1 from vacancy_swipes s
                                       where s.user_id = $1 and s.vacancy_id = v.id)
                      and not exists (select 1 from applications a
                                       where a.candidate_id = $1 and a.vacancy_id = v.id)
                      and vacancy_fits_deck(v, $3, $4, $5, $6, $7)
                    order by v.published_at desc, v.id desc
                    limit $10))"#,
        user_id,
        exclude,
        &f.remote_options,
        &f.employment_types,
        f.min_salary_yearly.map(|m| m * 100),
        f.min_salary_currency,
        &patterns,
        POOL_SKILLS,
        PER_SKILL,
        NEWEST
    )
    .fetch_all(conn)
    .await
}

/// Super-likes the candidate has used in the last 24 hours, and what their
/// plan allows.
pub async fn super_likes(
    conn: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(u32, Allowance), sqlx::Error> {
    let r = sqlx::query!(
        r#"select (select count(*) from vacancy_swipes
                    where user_id = $1 and direction = 'super'
                      and created_at > now() - interval '1 day') as "used!",
                  l.plan_code = 'plus' as "plus!",
                  coalesce(l.super_likes_per_day, 2147483647) as "super_likes!",
                  coalesce(l.auto_applies_per_day, 2147483647) as "auto_applies!"
             from seeker_limits($1) l"#,
        user_id
    )
    .fetch_one(conn)
    .await?;
    let allowance = Allowance {
        plus: r.plus,
        super_likes_per_day: r.super_likes.max(0) as u32,
        auto_applies_per_day: (r.auto_applies.max(1) as u32).min(super::rules::AUTO_APPLIES_MOST),
    };
    Ok((r.used as u32, allowance))
}

/// What the job seeker's plan allows now: Plus while it is paid for (or
/// in its grace period), the free plan otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allowance {
    pub plus: bool,
    pub super_likes_per_day: u32,
    pub auto_applies_per_day: u32,
}

/// Holds the candidate's row until the transaction ends, so their swipes
/// happen one after another.
pub async fn lock_candidate(conn: &mut PgConnection, user_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("select id from users where id = $1 for update", user_id)
        .fetch_one(conn)
        .await?;
    Ok(())
}

/// A swipe as it is stored.
pub struct NewSwipe<'a> {
    pub user_id: Uuid,
    pub vacancy_id: Uuid,
    pub direction: Direction,
    pub match_score: u8,
    pub match_factors: serde_json::Value,
    pub time_spent_ms: i32,
    pub device_type: &'a str,
}

/// Records a swipe once and moves the vacancy's counters; `None` when the
/// candidate had swiped this card already. A like saves the vacancy unless
/// it was saved before.
pub async fn record(
    conn: &mut PgConnection,
    s: &NewSwipe<'_>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let id = Uuid::now_v7();
    let inserted = sqlx::query_scalar!(
        "insert into vacancy_swipes
                (id, user_id, vacancy_id, direction, match_score, match_factors, position,
                 time_spent_ms, device_type)
         select $1, $2, $3, $4, $5, $6,
                (select count(*) + 1 from vacancy_swipes where user_id = $2), $7, $8
         on conflict (user_id, vacancy_id) do nothing
         returning id",
        id,
        s.user_id,
        s.vacancy_id,
        s.direction.as_str(),
        i16::from(s.match_score),
        s.match_factors,
        s.time_spent_ms,
        s.device_type
    )
    .fetch_optional(&mut *conn)
    .await?;
    if inserted.is_none() {
        return Ok(None);
    }
    move_counter(conn, s.vacancy_id, s.direction, 1).await?;
    if s.direction.is_like() {
        let saved = sqlx::query_scalar!(
            r#"insert into saved_vacancies (user_id, vacancy_id) values ($1, $2)
               on conflict (user_id, vacancy_id) do nothing
               returning true as "saved!""#,
            s.user_id,
            s.vacancy_id
        )
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
        if saved {
            sqlx::query!(
                "update vacancies set saves_count = saves_count + 1 where id = $1",
                s.vacancy_id
            )
            .execute(&mut *conn)
            .await?;
            sqlx::query!(
                "update vacancy_swipes set saved_by_swipe = true where id = $1",
                id
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(Some(id))
}

async fn move_counter(
    conn: &mut PgConnection,
    vacancy_id: Uuid,
    direction: Direction,
    by: i32,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update vacancies
            set left_swipes_count = left_swipes_count + case when $2 = 'left' then $3 else 0 end,
                right_swipes_count = right_swipes_count + case when $2 = 'right' then $3 else 0 end,
                super_likes_count = super_likes_count + case when $2 = 'super' then $3 else 0 end
          where id = $1",
        vacancy_id,
        direction.as_str(),
        by
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The candidate's latest swipe: (id, vacancy, direction, when, saved by it).
pub async fn last_swipe(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<(Uuid, Uuid, Direction, OffsetDateTime, bool)>, sqlx::Error> {
    Ok(sqlx::query!(
        "select id, vacancy_id, direction, created_at, saved_by_swipe from vacancy_swipes
          where user_id = $1 order by created_at desc, id desc limit 1",
        user_id
    )
    .fetch_optional(conn)
    .await?
    .and_then(|r| {
        Some((
            r.id,
            r.vacancy_id,
            Direction::parse(&r.direction)?,
            r.created_at,
            r.saved_by_swipe,
        ))
    }))
}

/// Takes a swipe back: the row, its counter and the save it made.
pub async fn remove(
    conn: &mut PgConnection,
    user_id: Uuid,
    swipe: (Uuid, Uuid, Direction, bool),
) -> Result<(), sqlx::Error> {
    let (id, vacancy_id, direction, saved_by_swipe) = swipe;
    sqlx::query!("delete from vacancy_swipes where id = $1", id)
        .execute(&mut *conn)
        .await?;
    move_counter(conn, vacancy_id, direction, -1).await?;
    if saved_by_swipe {
        let removed = sqlx::query!(
            "delete from saved_vacancies where user_id = $1 and vacancy_id = $2",
            user_id,
            vacancy_id
        )
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if removed == 1 {
            sqlx::query!(
                "update vacancies set saves_count = saves_count - 1 where id = $1",
                vacancy_id
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The vacancy when it is open and its company not blocked by the
/// candidate: the only cards that can be swiped.
pub async fn open_vacancy(
    conn: &mut PgConnection,
    user_id: Uuid,
    vacancy_id: Uuid,
) -> Result<Option<HitRow>, sqlx::Error> {
    let slug = sqlx::query_scalar!(
        r#"select v.slug as "slug!" from vacancies v
            where v.id = $2 and v.status = 'active' and v.expires_at > now() and v.slug is not null
              and not candidate_blocks_company($1, v.company_id)"#,
        user_id,
        vacancy_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match slug {
        Some(slug) => crate::board::db::posting(conn, &slug).await?.map(|p| p.hit),
        None => None,
    })
}

/// The candidate's swipes for their data export, latest first.
pub async fn export(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<Vec<crate::settings::export::ExportSwipe>, sqlx::Error> {
    Ok(sqlx::query!(
        "select v.title, s.direction, s.created_at
           from vacancy_swipes s join vacancies v on v.id = s.vacancy_id
          where s.user_id = $1
          order by s.created_at desc",
        user_id
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| crate::settings::export::ExportSwipe {
        vacancy: r.title,
        choice: match super::rules::Direction::parse(&r.direction) {
            Some(super::rules::Direction::Pass) => "pass",
            Some(super::rules::Direction::SuperLike) => "super-like",
            _ => "like",
        }
        .to_string(),
        at: r.created_at,
    })
    .collect())
}

/// Swipes today and this week, and the share of likes among all of them;
/// with the auto-applications waiting to be sent.
pub async fn tallies(
    db: impl PgExecutor<'_>,
    user_id: Uuid,
) -> Result<(super::SwipeStats, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"select count(*) filter (where created_at > now() - interval '1 day') as "today!",
                  count(*) filter (where created_at > now() - interval '7 days') as "week!",
                  count(*) filter (where direction <> 'left') as "likes!",
                  count(*) as "all!",
                  (select count(*) from application_queue
                    where user_id = $1 and status = 'pending') as "queued!"
             from vacancy_swipes where user_id = $1"#,
        user_id
    )
    .fetch_one(db)
    .await?;
    let stats = super::SwipeStats {
        today: r.today,
        last_7_days: r.week,
        like_rate: super::rules::like_rate(r.likes, r.all),
    };
    Ok((stats, r.queued))
}
