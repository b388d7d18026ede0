//! Talent for the demo data: the generated job seekers get a headline, a
//! summary, their current job in their work history and a pay expectation,
//! so talent search reads real text; at the large scale, companies have
//! also sent 100k introduction requests in every state, each held and
//! settled or released through the credit ledger as the site would.

use super::Scale;
use sqlx::{PgPool, Postgres, Transaction};

impl Scale {
    /// Introduction requests sent by generated companies.
    fn introductions(self) -> i64 {
        match self {
            Self::Small => 0,
            Self::Large => 100_000,
        }
    }
}

/// Employers of the generated job seekers' current jobs.
const EMPLOYERS: [&str; 6] = [
    "Harbour Logistics",
    "Kestrel Payments",
    "Lagos Growth Bank",
    "Savanna Foods",
    "Atlas Health",
    "Northwind Telecom",
];

/// A transaction in which the job seekers' search documents are not
/// rebuilt row by row: `refresh_search_documents` does it once after.
pub async fn bulk_load(pool: &PgPool) -> anyhow::Result<Transaction<'static, Postgres>> {
    let mut tx = pool.begin().await?;
    sqlx::query!("select set_config('hirewell.bulk_load', 'on', true)")
        .fetch_one(&mut *tx)
        .await?;
    Ok(tx)
}

/// Rebuilds the search documents of the generated job seekers.
pub async fn refresh_search_documents(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::query!(
        "update candidate_profiles p set search_document = candidate_search_document(p.user_id)
           from users u
          where u.id = p.user_id and u.email like '%@example.org'"
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Gives each generated job seeker with a role but no headline their
/// story; run once per person.
pub async fn seed_talent_profiles(pool: &PgPool) -> anyhow::Result<()> {
    let (titles, duties) = super::jobs::role_duties();
    let mut tx = bulk_load(pool).await?;
    sqlx::query!(
        "with roles as (select title, duty from unnest($1::text[], $2::text[]) as r(title, duty)),
         seekers as (
             select p.user_id, r.title, r.duty, coalesce(p.city, 'Lagos') as city,
                    coalesce(p.years_of_experience, 0) as years,
                    abs(hashtext(p.user_id::text || 'story')::bigint) as h
               from candidate_profiles p
               join users u on u.id = p.user_id
               join roles r on r.title = p.current_title
              where u.email like '%@example.org' and p.headline is null),
         told as (
             update candidate_profiles p
                set headline = s.title || ' · ' || s.years
                               || case s.years when 1 then ' year · ' else ' years · ' end || s.city,
                    summary = 'I ' || s.duty || '. ' || (array[
                        'I am looking for a team that ships carefully and learns fast.',
                        'I am happiest where numbers and people meet.',
                        'I would like a hybrid role with a team that writes things down.',
                        'I mentor juniors and like to leave things better than I found them.'])[1 + s.h % 4],
                    current_company = (($3::text[]))[1 + s.h % cardinality($3::text[])],
                    salary_currency = 'NGN', salary_period = 'year',
                    salary_min_minor = (3000000 + (s.h % 40) * 500000) * 100,
                    salary_max_minor = (3000000 + (s.h % 40) * 500000) * 130,
                    open_to_opportunities = s.h % 4 <> 0,
                    remote_preference = (array['no_preference', 'on_site', 'hybrid', 'remote'])[1 + (s.h / 7) % 4]
               from seekers s
              where p.user_id = s.user_id)
         insert into work_history
                (user_id, company_name, job_title, employment_type, location, start_date,
                 is_current, description)
         select s.user_id, ($3::text[])[1 + s.h % cardinality($3::text[])], s.title, 'full_time',
                s.city, current_date - (365 * least(s.years, 8) + 30)::int, true,
                'I ' || s.duty || '.'
           from seekers s",
        &titles as &[&str],
        &duties as &[&str],
        &EMPLOYERS as &[&str],
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The large set's introduction requests: vacancies and job seekers paired
/// by strides that never repeat a pair, a tenth of each state, each company
/// granted what it spends and every request held, then settled or
/// released. Skipped once done.
pub async fn seed_introductions_at_scale(pool: &PgPool, scale: Scale) -> anyhow::Result<()> {
    let done = sqlx::query_scalar!(
        r#"select exists(select 1 from credit_transfers
                          where idempotency_key like 'seed-scale:%') as "done!""#
    )
    .fetch_one(pool)
    .await?;
    if done || scale.introductions() == 0 {
        return Ok(());
    }
    // In batches: each request takes a lock on its person for the pending
    // limit, and one transaction holds only so many locks.
    let mut made = 0;
    for start in (0..scale.introductions()).step_by(INTRODUCTIONS_BATCH) {
        let end = (start + INTRODUCTIONS_BATCH as i64).min(scale.introductions());
        made += request_batch(pool, start, end).await?;
    }
    let mut tx = pool.begin().await?;
    // Each company is granted what its requests take, then every request
    // is held, then the answered and ended ones settle or come back.
    sqlx::query!(
        "insert into credit_transfers
                (id, company_id, from_account, to_account, amount, reason, idempotency_key)
         select gen_random_uuid(), company_id, 'grant', 'available', count(*) + 10, 'grant',
                'seed-scale:' || company_id
           from introduction_requests r
          where not exists (select 1 from credit_transfers t where t.introduction_id = r.id)
          group by company_id"
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into credit_transfers
                (id, company_id, from_account, to_account, amount, reason, introduction_id,
                 created_at)
         select gen_random_uuid(), company_id, 'available', 'held', 1, 'hold', id, sent_at
           from introduction_requests r
          where not exists (select 1 from credit_transfers t where t.introduction_id = r.id)"
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into credit_transfers
                (id, company_id, from_account, to_account, amount, reason, introduction_id,
                 created_at)
         select gen_random_uuid(), r.company_id, 'held',
                case when r.status = 'accepted' then 'spent' else 'available' end,
                1, case when r.status = 'accepted' then 'settle' else 'release' end, r.id,
                r.ended_at
           from introduction_requests r
          where r.status <> 'pending'
            and not exists (select 1 from credit_transfers t
                             where t.introduction_id = r.id and t.reason in ('settle', 'release'))"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(made, "seeded introduction requests");
    Ok(())
}

/// Requests sent in one batch of the large set.
const INTRODUCTIONS_BATCH: usize = 2_000;

/// Requests number `start` to `end` (exclusive) of the large set; the
/// number made.
async fn request_batch(pool: &PgPool, start: i64, end: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar!(
        r#"with v as (
               select id, company_id, row_number() over (order by id) - 1 as rn
                 from vacancies where status = 'active'),
           nv as (select count(*) as total from v),
           c as (
               select u.id, row_number() over (order by u.id) - 1 as rn
                 from users u join candidate_profiles p on p.user_id = u.id
                where u.email like '%@example.org' and u.status = 'active'),
           nc as (select count(*) as total from c),
           picks as (
               select i, v.id as vacancy_id, v.company_id, c.id as professional_id,
                      (array['pending', 'pending', 'accepted', 'accepted', 'accepted',
                             'declined', 'declined', 'expired', 'expired', 'withdrawn'])[1 + i % 10]
                          as status
                 from generate_series($1::bigint, $2::bigint - 1) i
                cross join nv cross join nc
                 join v on v.rn = (i * 7919) % greatest(nv.total, 1)
                 join c on c.rn = (i * 104729) % greatest(nc.total, 1)),
           timed as (
               select picks.*,
                      case when status = 'pending'
                           -- none due for a reminder within a day
                           then now() - make_interval(hours => (i % 100)::int)
                           else now() - make_interval(days => (8 + i % 80)::int) end as sent_at
                 from picks),
           made as (
               insert into introduction_requests
                      (id, vacancy_id, company_id, sender_id, professional_id, message, status,
                       reply, decline_reason, sent_at, expires_at, ended_at, viewed_at)
               select gen_random_uuid(), t.vacancy_id, t.company_id,
                      (select m.user_id from company_members m
                        where m.company_id = t.company_id order by m.user_id limit 1),
                      t.professional_id,
                      'We are hiring for this role and your experience stands out to us. '
                          || 'Would you be open to a first conversation?',
                      t.status,
                      case when t.status = 'accepted' then 'Happy to talk, thank you.' else '' end,
                      case when t.status = 'declined' then 'not_looking' end,
                      t.sent_at, t.sent_at + interval '7 days',
                      case when t.status = 'pending' then null
                           when t.status = 'expired' then t.sent_at + interval '7 days'
                           else t.sent_at + make_interval(hours => (1 + t.i % 100)::int) end,
                      case when t.status in ('accepted', 'declined') or t.i % 3 = 0
                           then t.sent_at + interval '1 hour' end
                 from timed t
               on conflict (vacancy_id, professional_id) do nothing
               returning 1)
           select count(*) as "n!" from made"#,
        start,
        end
    )
    .fetch_one(pool)
    .await?)
}
