//! Talent search and saved professionals in the database. Every query
//! starts from the rule of who may be found: job seekers whose profile
//! companies may see, never one hiding from the searching member's company.

use super::query::{COUNT_CAP, PAGE_SIZE, TalentFilters, TalentOrder};
use super::{SavedProfessional, TalentHit};
use crate::board::db::Matching;
use crate::board::index::SearchIndex;
use crate::matching::VacancyFacts;
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

/// The search's rule of who may be found, then `f`'s filters.
pub(super) fn push_filters(
    qb: &mut QueryBuilder<'_, Postgres>,
    f: &TalentFilters,
    member: Uuid,
    skills: &[Uuid],
    matching: Matching,
) {
    qb.push(
        " from candidate_profiles p
          join users u on u.id = p.user_id
          join user_settings st on st.user_id = p.user_id
         where u.account_type = 'candidate' and u.deleted_at is null
           and u.status in ('pending', 'active') and st.profile_visibility <> 'private'
           and p.first_name <> '' and p.hidden_by_case is null
           and (not st.confidential_mode or not candidate_hidden_from(p.user_id, ",
    )
    .push_bind(member)
    // Only confidential profiles can hide; the check runs for those alone.
    .push("))");
    match (&f.text, matching) {
        (Some(text), Matching::Words) => {
            qb.push(" and p.search_document @@ websearch_to_tsquery('english', ")
                .push_bind(text.clone())
                .push(")");
        }
        (Some(text), Matching::LooksLike) => {
            qb.push(" and lower(").push_bind(text.clone()).push(
                ") <% lower(coalesce(p.current_title, '') || ' ' || coalesce(p.headline, ''))",
            );
        }
        (None, _) => {}
    }
    if let Some(place) = &f.location {
        // One column the search index holds (migration 38), not three.
        qb.push(" and p.place ilike ")
            .push_bind(crate::admin::db::contains_pattern(place));
    }
    if let Some(remote) = &f.remote {
        // "No preference" fits every way of working.
        qb.push(" and p.remote_preference in ('no_preference', ")
            .push_bind(remote.clone())
            .push(")");
    }
    if let Some(seniority) = &f.seniority {
        qb.push(" and p.seniority = ").push_bind(seniority.clone());
    }
    if let Some(years) = f.min_years {
        qb.push(" and p.years_of_experience >= ").push_bind(years);
    }
    if let Some(industry) = f.industry {
        qb.push(" and p.industry_id = ").push_bind(industry);
    }
    if let Some((currency, budget)) = &f.budget {
        qb.push(" and p.salary_currency = ")
            .push_bind(currency.clone())
            .push(" and coalesce(p.salary_min_yearly, p.salary_max_yearly) <= ")
            .push_bind(*budget);
    }
    if f.verified_only {
        qb.push(" and p.identity_verified_at is not null");
    }
    if f.open_only {
        qb.push(" and p.open_to_opportunities");
    }
    for skill in skills {
        qb.push(" and exists (select 1 from candidate_skills cs where cs.user_id = p.user_id and cs.skill_id = ")
            .push_bind(*skill)
            .push(")");
    }
}

#[derive(sqlx::FromRow)]
struct HitRow {
    user_id: Uuid,
    first_name: String,
    last_name: String,
    preferred_name: Option<String>,
    headline: Option<String>,
    current_title: Option<String>,
    current_company: Option<String>,
    city: Option<String>,
    country: Option<String>,
    years_of_experience: Option<i32>,
    seniority: Option<String>,
    remote_preference: String,
    open_to_opportunities: bool,
    identity_verified: bool,
    skills: Vec<String>,
    saved: bool,
    last_active: time::OffsetDateTime,
    /// All the matches, when the page query counts them.
    total: Option<i64>,
}

/// When someone was last active: their last sign-in, or their sign-up if
/// they never came back (an index walks job seekers in this order).
const LAST_ACTIVE: &str = "coalesce(u.last_login_at, u.created_at)";

/// Put before a query to see how PostgreSQL runs it.
const EXPLAIN: &str = "explain (analyze, buffers, costs off) ";

/// What one search reads: its filters, for whom, and which rows.
struct Found<'a> {
    f: &'a TalentFilters,
    company_id: Uuid,
    member: Uuid,
    skills: &'a [Uuid],
    /// How many rows from where, in the search's order.
    window: (i64, i64),
}

impl Found<'_> {
    /// Whether the page's query counts the matches too: ranking by the
    /// words reads every match anyway, so counting there costs nothing more.
    fn counted_in_page(&self) -> bool {
        self.f.text.is_some() && self.f.order() != TalentOrder::Active
    }

    /// The query of the window's rows, after `prefix`.
    fn page_query(&self, prefix: &str, matching: Matching) -> QueryBuilder<'static, Postgres> {
        let f = self.f;
        let mut qb = QueryBuilder::new(prefix);
        qb.push(format_args!(
            "select p.user_id, p.first_name, p.last_name, p.preferred_name, p.headline,
                    p.current_title, p.current_company, p.city, p.country, p.years_of_experience,
                    p.seniority, p.remote_preference, p.open_to_opportunities,
                    p.identity_verified_at is not null as identity_verified,
                    {LAST_ACTIVE} as last_active, {total} as total,
                    array(select s.name from candidate_skills cs join skills s on s.id = cs.skill_id
                           where cs.user_id = p.user_id
                           order by cs.is_primary desc, cs.position limit 6) as skills,
                    exists (select 1 from saved_professionals sp
                             where sp.company_id = ",
            total = if self.counted_in_page() {
                "count(*) over ()"
            } else {
                "null::bigint"
            },
        ));
        qb.push_bind(self.company_id)
            .push(" and sp.professional_id = p.user_id) as saved");
        push_filters(&mut qb, f, self.member, self.skills, matching);
        // Ranking by match scores the most relevant (or most active) people.
        let by_words = f.order() != TalentOrder::Active;
        match (by_words, &f.text, matching) {
            (true, Some(text), Matching::Words) => {
                qb.push(" order by ts_rank(p.search_document, websearch_to_tsquery('english', ")
                    .push_bind(text.clone())
                    .push(format_args!(")) desc, {LAST_ACTIVE} desc, u.id"));
            }
            (true, Some(text), Matching::LooksLike) => {
                qb.push(" order by word_similarity(lower(")
                    .push_bind(text.clone())
                    .push("), lower(coalesce(p.current_title, '') || ' ' || coalesce(p.headline, ''))) desc, p.user_id");
            }
            _ => {
                qb.push(format_args!(" order by {LAST_ACTIVE} desc, u.id"));
            }
        }
        let (limit, offset) = self.window;
        qb.push(" limit ")
            .push_bind(limit)
            .push(" offset ")
            .push_bind(offset);
        qb
    }

    /// The query counting the matches (up to `COUNT_CAP`), after `prefix`.
    fn count_query(&self, prefix: &str, matching: Matching) -> QueryBuilder<'static, Postgres> {
        let mut qb = QueryBuilder::new(prefix);
        qb.push("select count(*) from (select 1");
        push_filters(&mut qb, self.f, self.member, self.skills, matching);
        qb.push(" limit ").push_bind(COUNT_CAP).push(") matches");
        qb
    }

    /// The window's rows and how many match (up to `COUNT_CAP`).
    async fn read(
        &self,
        conn: &mut PgConnection,
        matching: Matching,
    ) -> sqlx::Result<(Vec<HitRow>, i64)> {
        let count = async |conn: &mut PgConnection| {
            self.count_query("", matching)
                .build_query_scalar::<i64>()
                .fetch_one(conn)
                .await
        };
        let page = async |conn: &mut PgConnection| {
            self.page_query("", matching)
                .build_query_as::<HitRow>()
                .fetch_all(conn)
                .await
        };
        if !self.counted_in_page() {
            let total = count(&mut *conn).await?;
            let rows = if total == 0 {
                Vec::new()
            } else {
                page(&mut *conn).await?
            };
            return Ok((rows, total));
        }
        let rows = page(&mut *conn).await?;
        let total = match rows.first() {
            Some(row) => row.total.unwrap_or_default().min(COUNT_CAP),
            // A page past the last one still says how many there are.
            None if self.window.1 > 0 => count(&mut *conn).await?,
            None => 0,
        };
        Ok((rows, total))
    }

    /// How PostgreSQL runs the queries `read` runs for the words.
    async fn explain(&self, conn: &mut PgConnection) -> sqlx::Result<Vec<String>> {
        let mut queries = vec![self.page_query(EXPLAIN, Matching::Words)];
        if !self.counted_in_page() {
            queries.insert(0, self.count_query(EXPLAIN, Matching::Words));
        }
        let mut lines = Vec::new();
        for mut query in queries {
            lines.extend(
                query
                    .build_query_scalar::<String>()
                    .fetch_all(&mut *conn)
                    .await?,
            );
            lines.push(String::new());
        }
        Ok(lines)
    }
}

/// How PostgreSQL runs a search's queries for its first page, as
/// `EXPLAIN (ANALYZE, BUFFERS)` lines: for the benchmark.
pub async fn explain_search(
    pool: &PgPool,
    f: &TalentFilters,
    company_id: Uuid,
    member: Uuid,
) -> sqlx::Result<Vec<String>> {
    let mut tx = pool.begin().await?;
    let skills = crate::board::db::skill_ids(&mut tx, &f.skills)
        .await?
        .unwrap_or_default();
    let found = Found {
        f,
        company_id,
        member,
        skills: &skills,
        window: (PAGE_SIZE + 1, 0),
    };
    let lines = found.explain(&mut tx).await?;
    tx.commit().await?;
    Ok(lines)
}

/// One page of people `f` finds for `member` of `company_id`, whether
/// another page follows, how many match (up to `COUNT_CAP`) and whether
/// the words were read as a typo. With `vacancy`, each person is scored
/// against it, and ranking by match ranks the first `COUNT_CAP` found.
pub async fn search(
    pool: &PgPool,
    f: &TalentFilters,
    company_id: Uuid,
    member: Uuid,
    vacancy: Option<&VacancyFacts>,
) -> sqlx::Result<(Vec<TalentHit>, bool, i64, bool)> {
    let mut tx = pool.begin().await?;
    let Some(skills) = crate::board::db::skill_ids(&mut tx, &f.skills).await? else {
        return Ok((Vec::new(), false, 0, false));
    };
    let by_match = vacancy.is_some() && f.order() == TalentOrder::Match;
    let offset = (f.page - 1) * PAGE_SIZE;
    let window = if by_match {
        (COUNT_CAP, 0)
    } else {
        (PAGE_SIZE + 1, offset)
    };
    let found = Found {
        f,
        company_id,
        member,
        skills: &skills,
        window,
    };
    let mut matching = Matching::Words;
    let (mut rows, mut total) = found.read(&mut tx, matching).await?;
    if total == 0 && f.text.is_some() {
        // Nothing for the words: perhaps a typo in a title.
        crate::board::db::allow_typos(&mut tx).await?;
        matching = Matching::LooksLike;
        (rows, total) = found.read(&mut tx, matching).await?;
    }
    let mut scored: Vec<(HitRow, Option<u8>)> = match vacancy {
        None => rows.into_iter().map(|r| (r, None)).collect(),
        Some(vacancy) => {
            let ids: Vec<Uuid> = rows.iter().map(|r| r.user_id).collect();
            let facts = crate::board::db::candidates_facts(&mut tx, &ids).await?;
            rows.into_iter()
                .map(|r| {
                    let score = facts
                        .get(&r.user_id)
                        .and_then(|c| crate::matching::match_score(c, vacancy).shown());
                    (r, score)
                })
                .collect()
        }
    };
    tx.commit().await?;
    if by_match {
        crate::swipe::rules::rank(&mut scored, |(r, score)| {
            (score.unwrap_or(0), r.last_active, r.user_id)
        });
        scored = scored
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(PAGE_SIZE as usize + 1)
            .collect();
    }
    let more = scored.len() as i64 > PAGE_SIZE;
    scored.truncate(PAGE_SIZE as usize);
    let hits = scored.into_iter().map(|(r, score)| hit(r, score)).collect();
    Ok((
        hits,
        more,
        total,
        total > 0 && matching == Matching::LooksLike,
    ))
}

/// The company's open vacancies with what each asks for, newest first:
/// the ones people can be ranked for.
pub async fn open_vacancies(
    pool: &PgPool,
    search: &SearchIndex,
    company_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, VacancyFacts)>> {
    let mut conn = pool.acquire().await?;
    let rows = sqlx::query!(
        "select id, title, seniority, years_min, years_max, salary_min_minor, salary_max_minor,
                salary_currency, salary_period, remote_option, country, city, employment_type
           from vacancies
          where company_id = $1 and status = 'active'
          order by published_at desc nulls last, id
          limit 100",
        company_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let skills = search.skills_by_vacancy(&mut conn, &ids).await?;
    let names = |id: &Uuid, required: bool| -> Vec<String> {
        skills
            .get(id)
            .into_iter()
            .flatten()
            .filter(|(_, _, r)| *r == required)
            .map(|(_, name, _)| name.clone())
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let facts = VacancyFacts {
                required_skills: names(&r.id, true),
                preferred_skills: names(&r.id, false),
                seniority: r.seniority,
                years_min: r.years_min,
                years_max: r.years_max,
                salary_min_minor: r.salary_min_minor,
                salary_max_minor: r.salary_max_minor,
                salary_currency: r.salary_currency,
                salary_period: r.salary_period,
                remote_option: r.remote_option,
                country: r.country,
                city: r.city,
                employment_type: r.employment_type,
            };
            (r.id, r.title, facts)
        })
        .collect())
}

fn hit(r: HitRow, match_score: Option<u8>) -> TalentHit {
    use crate::profiles::rules::{REMOTE_PREFERENCES, SENIORITIES, label_of};
    let name = format!(
        "{} {}",
        r.preferred_name.unwrap_or(r.first_name),
        r.last_name
    )
    .trim()
    .to_string();
    let role = match (r.current_title, r.current_company) {
        (Some(t), Some(c)) => Some(format!("{t} at {c}")),
        (Some(t), None) => Some(t),
        (None, c) => c,
    };
    let place = [r.city, r.country]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    TalentHit {
        user_id: r.user_id,
        name,
        headline: r.headline.unwrap_or_default(),
        role,
        place: (!place.is_empty()).then_some(place),
        years: r.years_of_experience,
        seniority: r.seniority.map(|s| label_of(&s, &SENIORITIES).to_string()),
        remote: label_of(&r.remote_preference, &REMOTE_PREFERENCES).to_string(),
        open_to_opportunities: r.open_to_opportunities,
        identity_verified: r.identity_verified,
        skills: r.skills,
        saved: r.saved,
        match_score,
    }
}

/// Makes `member`'s transactions about `what` wait for each other until
/// this one ends, so that a limit counted in it holds under parallel calls.
pub(super) async fn take_turns(
    conn: &mut PgConnection,
    what: &str,
    member: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1 || ':' || $2::uuid::text, 0))",
        what,
        member
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// Whether `member` has searches left this hour (their company's plan's
/// `talent_searches_per_hour`, none for a plan without a limit); counts no
/// further than the limit.
async fn within_hourly_limit(conn: &mut PgConnection, member: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"with hourly as (
               select coalesce(l.talent_searches_per_hour::bigint, 9223372036854775807) as cap
                 from company_members m cross join lateral company_limits(m.company_id) l
                where m.user_id = $1)
           select coalesce((select count(*) from (
                       select 1 from search_queries
                        where user_id = $1 and kind = 'talent'
                          and created_at > now() - interval '1 hour'
                        limit (select cap from hourly)) recent)
                  < (select cap from hourly), false) as "within!""#,
        member
    )
    .fetch_one(conn)
    .await
}

/// Whether `member` may search now: asked before a search runs, so a
/// member past the limit costs no search; `record_search` decides.
pub async fn may_search(pool: &PgPool, member: Uuid) -> sqlx::Result<bool> {
    within_hourly_limit(&mut *pool.acquire().await?, member).await
}

/// Records a search, and refuses one beyond the member's hourly limit. Searches of one member take turns, so
/// parallel ones cannot pass the limit together.
pub async fn record_search(
    pool: &PgPool,
    member: Uuid,
    text: &str,
    filters: &serde_json::Value,
    results: i64,
    duration_ms: i32,
) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    take_turns(&mut tx, "talent-search", member).await?;
    if !within_hourly_limit(&mut tx, member).await? {
        return Ok(false);
    }
    sqlx::query!(
        "insert into search_queries
             (id, user_id, query_text, filters, results_count, duration_ms, kind)
         values ($1, $2, $3, $4, $5, $6, 'talent')",
        Uuid::now_v7(),
        member,
        text,
        filters,
        results.min(i64::from(i32::MAX)) as i32,
        duration_ms
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether `member` may find `professional` (the search's rule, for one).
pub async fn findable(pool: &PgPool, member: Uuid, professional: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from candidate_profiles p
                 join users u on u.id = p.user_id
                 join user_settings st on st.user_id = p.user_id
                where p.user_id = $1 and u.account_type = 'candidate' and u.deleted_at is null
                  and u.status in ('pending', 'active') and st.profile_visibility <> 'private'
                  and p.hidden_by_case is null
                  and not candidate_hidden_from(p.user_id, $2)) as "e!""#,
        professional,
        member
    )
    .fetch_one(pool)
    .await
}

/// Saves (or updates the note and tags of) a professional for `member`.
pub async fn save(
    pool: &PgPool,
    company_id: Uuid,
    member: Uuid,
    professional: Uuid,
    note: &str,
    tags: &[String],
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into saved_professionals (id, company_id, member_id, professional_id, note, tags)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (member_id, professional_id)
         do update set note = excluded.note, tags = excluded.tags, company_id = excluded.company_id",
        Uuid::now_v7(),
        company_id,
        member,
        professional,
        note,
        tags
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Removes `member`'s save of `professional`; true if there was one.
pub async fn unsave(pool: &PgPool, member: Uuid, professional: Uuid) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "delete from saved_professionals where member_id = $1 and professional_id = $2",
        member,
        professional
    )
    .execute(pool)
    .await?
    .rows_affected()
        == 1)
}

/// Everyone the company's members saved (and may still find), newest
/// first, optionally with one tag.
pub async fn saved(
    pool: &PgPool,
    company_id: Uuid,
    member: Uuid,
    tag: Option<&str>,
) -> sqlx::Result<Vec<SavedProfessional>> {
    let rows = sqlx::query!(
        r#"select sp.professional_id, sp.note, sp.tags, sp.saved_at, sp.member_id,
                  trim(coalesce(p.preferred_name, p.first_name) || ' ' || p.last_name) as "name!",
                  coalesce(p.headline, '') as "headline!",
                  coalesce(trim(m.first_name || ' ' || m.last_name), '') as "saved_by!"
             from saved_professionals sp
             join candidate_profiles p on p.user_id = sp.professional_id
             join users u on u.id = sp.professional_id
             join user_settings st on st.user_id = sp.professional_id
             left join company_members m on m.user_id = sp.member_id
            where sp.company_id = $1 and u.deleted_at is null
              and st.profile_visibility <> 'private'
              and not candidate_hidden_from(sp.professional_id, $2)
              and ($3::text is null or $3 = any(sp.tags))
            order by sp.saved_at desc
            limit 200"#,
        company_id,
        member,
        tag
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SavedProfessional {
            professional_id: r.professional_id,
            name: r.name,
            headline: r.headline,
            note: r.note,
            tags: r.tags,
            saved_by: r.saved_by,
            mine: r.member_id == member,
            saved_at: r.saved_at,
        })
        .collect())
}
