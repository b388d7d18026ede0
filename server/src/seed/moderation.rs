//! The demo's moderation: the demo job seeker's identity checked by the
//! demo administrator, and a queue with something in it (two reports about
//! one generated vacancy, an automatic flag on another). Skipped once done.

use super::DEMO_ACCOUNTS;
use sqlx::PgPool;

pub async fn seed_moderation(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::query!(
        "update candidate_profiles
            set identity_verified_at = now(), identity_check_note = 'Passport seen on a video call.',
                identity_verified_by = (select id from users where email = $2)
          where user_id = (select id from users where email = $1)
            and identity_verified_at is null",
        DEMO_ACCOUNTS[0].0,
        DEMO_ACCOUNTS[2].0,
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "with picked as (
             select v.id, row_number() over (order by v.published_at, v.id) as n
               from vacancies v join users u on u.id = v.created_by
              where v.status = 'active' and u.email like '%@hiring.example.net'
                and not exists (select 1 from moderation_cases)
              limit 2),
         cases as (
             insert into moderation_cases (id, entity_type, entity_id, flagged_by_system,
                                           system_reason, severity)
             select gen_random_uuid(), 'vacancy', id, n = 2,
                    case when n = 2 then 'The text has “whatsapp”.' end,
                    case when n = 2 then 'low' else 'high' end
               from picked
             returning id, entity_id, flagged_by_system),
         reporters as (
             select id, row_number() over (order by email) as n from users
              where account_type = 'candidate' and email like '%@example.org'
              limit 2)
         insert into content_reports (id, case_id, reporter_id, entity_type, entity_id, reason, details)
         select gen_random_uuid(), c.id, r.id, 'vacancy', c.entity_id,
                (array['scam', 'misleading'])[r.n],
                (array['They asked me to pay for a training kit before the interview.',
                       'The salary on the call was a third of the one listed.'])[r.n]
           from cases c cross join reporters r
          where not c.flagged_by_system",
    )
    .execute(pool)
    .await?;
    Ok(())
}
