//! Swipes for the demo data: every seeded job seeker has been through part
//! of the deck (1M swipes at the large scale); their likes are saved, and
//! the vacancies' counters match. The demo accounts start with a fresh deck.

use super::Scale;
use sqlx::PgPool;

impl Scale {
    /// Swipes per seeded job seeker.
    fn swipes(self) -> i32 {
        match self {
            Self::Small => 8,
            Self::Large => 5,
        }
    }
}

/// Loads the swipes; skipped when there are some already.
pub async fn seed_swipes(pool: &PgPool, scale: Scale) -> anyhow::Result<()> {
    let any = sqlx::query_scalar!(r#"select exists(select 1 from vacancy_swipes) as "e!""#)
        .fetch_one(pool)
        .await?;
    if any {
        return Ok(());
    }
    sqlx::query!(
        "with v as (
             select id, row_number() over (order by id) - 1 as rn
               from vacancies where status = 'active'),
         nv as (select count(*) as total from v),
         c as (
             select id, row_number() over (order by id) as rn
               from users where account_type = 'candidate' and email like '%@example.org')
         insert into vacancy_swipes
                (id, user_id, vacancy_id, direction, match_score, position, time_spent_ms,
                 device_type, created_at)
         select gen_random_uuid(), c.id, v.id,
                case when d.roll < 55 then 'left' when d.roll < 93 then 'right' else 'super' end,
                ((c.rn * 37 + j * 11) % 101)::smallint,
                j + 1,
                1500 + ((c.rn * 97 + j * 13) % 20000)::int,
                (array['phone', 'phone', 'desktop', 'tablet'])[1 + ((c.rn + j) % 4)],
                now() - make_interval(mins => ((c.rn * 13 + j * 61) % 20000)::int)
           from c
           cross join generate_series(0, $1::int - 1) j
           cross join nv
           join v on v.rn = (c.rn * 7919 + j * 104729) % greatest(nv.total, 1)
           -- From the pair rather than the row: each vacancy's people come
           -- in a fixed pattern, which alone gave some of them only passes.
           cross join lateral (select abs(hashtext(c.id::text || v.id::text)::bigint) % 100 as roll) d
         on conflict (user_id, vacancy_id) do nothing",
        scale.swipes()
    )
    .execute(pool)
    .await?;
    // A like saves the vacancy, as in the deck.
    sqlx::query!(
        "with saved as (
             insert into saved_vacancies (user_id, vacancy_id, created_at)
             select user_id, vacancy_id, created_at from vacancy_swipes where direction <> 'left'
             on conflict (user_id, vacancy_id) do nothing
             returning user_id, vacancy_id)
         update vacancy_swipes s set saved_by_swipe = true
           from saved where saved.user_id = s.user_id and saved.vacancy_id = s.vacancy_id"
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "update vacancies v
            set left_swipes_count = s.lefts, right_swipes_count = s.rights,
                super_likes_count = s.supers, saves_count = s.saves
           from (select sw.vacancy_id,
                        count(*) filter (where sw.direction = 'left')::int as lefts,
                        count(*) filter (where sw.direction = 'right')::int as rights,
                        count(*) filter (where sw.direction = 'super')::int as supers,
                        coalesce(max(sv.saves), 0) as saves
                   from vacancy_swipes sw
                   left join (select vacancy_id, count(*)::int as saves
                                from saved_vacancies group by vacancy_id) sv
                     on sv.vacancy_id = sw.vacancy_id
                  group by sw.vacancy_id) s
          where s.vacancy_id = v.id"
    )
    .execute(pool)
    .await?;
    Ok(())
}
