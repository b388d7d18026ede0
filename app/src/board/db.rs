//! The job board's queries. A search is built from the filters that are
//! set, so each combination gets a plan of its own: full text through the
//! GIN index on the search document, typos through the trigram index on
//! titles, and only open listings.

use super::query::{COUNT_CAP, PAGE_SIZE, SearchFilters, SortOrder};
use sqlx::{Connection, PgConnection, Postgres, QueryBuilder};
use time::OffsetDateTime;
use uuid::Uuid;

/// One result row, before it is dressed for the page.
#[derive(Debug, sqlx::FromRow)]
pub struct HitRow {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub is_confidential: bool,
    pub company_name: String,
    pub company_slug: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub remote_option: String,
    pub employment_type: String,
    pub seniority: Option<String>,
    pub salary_min_minor: Option<i64>,
    pub salary_max_minor: Option<i64>,
    pub salary_currency: Option<String>,
    pub salary_period: Option<String>,
    pub years_min: Option<i32>,
    pub years_max: Option<i32>,
    pub published_at: OffsetDateTime,
    pub is_featured: bool,
    pub snippet: String,
}

/// A search result: its row and what its card shows beside it, read in the
/// same query rather than one query each.
#[derive(Debug)]
pub struct ResultRow {
    pub hit: HitRow,
    /// (vacancy, name, required), required ones first, then by name: as
    /// `skills_of` gives them.
    pub skills: Vec<(Uuid, String, bool)>,
    /// None for a confidential vacancy or a company without a logo.
    pub logo_url: Option<String>,
}

/// `ResultRow` as the database sends it: the skills as two arrays.
#[derive(sqlx::FromRow)]
struct ResultColumns {
    #[sqlx(flatten)]
    hit: HitRow,
    /// Left out where the search index gives them (`hits_in_order`,
    /// `RowSkills::Left`).
    #[sqlx(default)]
    skill_names: Vec<String>,
    #[sqlx(default)]
    skill_required: Vec<bool>,
    logo_company_id: Option<Uuid>,
    company_updated_at: OffsetDateTime,
}

impl From<ResultColumns> for ResultRow {
    fn from(r: ResultColumns) -> Self {
        let id = r.hit.id;
        Self {
            skills: r
                .skill_names
                .into_iter()
                .zip(r.skill_required)
                .map(|(name, required)| (id, name, required))
                .collect(),
            logo_url: r.logo_company_id.map(|company| {
                crate::companies::logo_url(company, r.company_updated_at.unix_timestamp())
            }),
            hit: r.hit,
        }
    }
}

/// How close a mistyped title must be: a little looser than pg_trgm's
/// default, so one swapped pair of letters in a short word still matches.
const TYPO_THRESHOLD: &str = "0.5";

/// Sets, for the rest of the transaction, how close words must look to
/// count as a typo (`<%`).
pub(crate) async fn allow_typos(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "select set_config('pg_trgm.word_similarity_threshold', $1, true)",
        TYPO_THRESHOLD
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// The skills' ids by name or synonym; `None` when one is unknown (then
/// nothing can match).
pub(crate) async fn skill_ids(
    conn: &mut PgConnection,
    names: &[String],
) -> Result<Option<Vec<Uuid>>, sqlx::Error> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let id = sqlx::query_scalar!(
            "select id from skills
              where lower(name) = lower($1)
                 or exists (select 1 from unnest(synonyms) s where lower(s) = lower($1))
              order by is_reviewed desc limit 1",
            name
        )
        .fetch_optional(&mut *conn)
        .await?;
        match id {
            Some(id) => ids.push(id),
            None => return Ok(None),
        }
    }
    Ok(Some(ids))
}

/// How the words of a search are matched.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matching {
    /// Full text over title, company, skills and description.
    Words,
    /// Titles that look like the words: for typos, when nothing matched
    /// the words themselves.
    LooksLike,
}

/// What a search reads besides the vacancies `v`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// Their companies `c` too, for the columns shown.
    Companies,
    /// The companies only when a filter is on them: a count joining them
    /// for nothing took twice as long to plan and to run.
    OnlyVacancies,
}

/// Appends the `from` and `where` clauses of `f`.
fn push_filters(
    qb: &mut QueryBuilder<'_, Postgres>,
    f: &SearchFilters,
    skills: &[Uuid],
    matching: Matching,
    reads: Reads,
) {
    qb.push(" from vacancies v");
    if reads == Reads::Companies || f.industry.is_some() || f.company.is_some() {
        qb.push(" join companies c on c.id = v.company_id");
    }
    qb.push(" where v.status = 'active' and v.expires_at > now()");
    match (&f.text, matching) {
        (Some(text), Matching::Words) => {
            qb.push(" and v.search_document @@ websearch_to_tsquery('english', ")
                .push_bind(text.clone())
                .push(")");
        }
        (Some(text), Matching::LooksLike) => {
            qb.push(" and lower(")
                .push_bind(text.clone())
                .push(") <% lower(v.title)");
        }
        (None, _) => {}
    }
    if let Some(place) = &f.location {
        push_place(qb, "v", place);
    }
    for (column, value) in [
        ("v.remote_option", &f.remote),
        ("v.seniority", &f.seniority),
        ("v.employment_type", &f.employment_type),
    ] {
        if let Some(value) = value {
            qb.push(format_args!(" and {column} = "))
                .push_bind(value.clone());
        }
    }
    if let Some(industry) = f.industry {
        // The industry is the company's: a confidential vacancy matches only
        // on what does not point to its company.
        qb.push(" and not v.is_confidential and c.industry_id = ")
            .push_bind(industry);
    }
    if let Some(company) = &f.company {
        // A confidential vacancy is never found by its company.
        qb.push(" and not v.is_confidential and (c.name ilike ")
            .push_bind(crate::admin::db::contains_pattern(company))
            .push(" or c.slug = ")
            .push_bind(company.to_lowercase())
            .push(")");
    }
    if let Some(days) = f.posted_days {
        qb.push(" and v.published_at >= now() - make_interval(days => ")
            .push_bind(days)
            .push(")");
    }
    if let Some(pay) = &f.pay {
        qb.push(" and v.salary_currency = ")
            .push_bind(pay.currency.clone());
        if let Some(min) = pay.min_yearly {
            qb.push(" and v.salary_max_yearly >= ").push_bind(min);
        }
        if let Some(max) = pay.max_yearly {
            qb.push(" and v.salary_min_yearly <= ").push_bind(max);
        }
    }
    for skill in skills {
        qb.push(" and exists (select 1 from vacancy_skills vs where vs.vacancy_id = v.id and vs.skill_id = ")
            .push_bind(*skill)
            .push(")");
    }
}

/// Appends a condition that the city, region or country of the rows named
/// `alias` contains `place` (a vacancy's, a profile's).
pub(crate) fn push_place(qb: &mut QueryBuilder<'_, Postgres>, alias: &str, place: &str) {
    let pattern = crate::admin::db::contains_pattern(place);
    qb.push(format_args!(" and ({alias}.city ilike "))
        .push_bind(pattern.clone())
        .push(format_args!(" or {alias}.region ilike "))
        .push_bind(pattern.clone())
        .push(format_args!(" or {alias}.country ilike "))
        .push_bind(pattern)
        .push(")");
}

/// Which of the ordered matches a search reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub(crate) limit: i64,
    pub(crate) offset: i64,
    /// Read the rows' whole descriptions, for the searched words to be
    /// found in them (a page); else their first 400 characters.
    pub(crate) whole_descriptions: bool,
}

impl Window {
    /// Page `page` (1-based) of results.
    pub fn page(page: i64) -> Self {
        Self {
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
            whole_descriptions: true,
        }
    }

    /// Every match up to `COUNT_CAP`, for the server to rank by match score.
    pub fn all() -> Self {
        Self {
            limit: COUNT_CAP,
            offset: 0,
            whole_descriptions: false,
        }
    }
}

/// The `window` of results `f` asks for and how many there are (counted up
/// to `COUNT_CAP`).
pub async fn search(
    conn: &mut PgConnection,
    f: &SearchFilters,
    window: Window,
) -> Result<(Vec<ResultRow>, i64), sqlx::Error> {
    let Some(skills) = skill_ids(conn, &f.skills).await? else {
        return Ok((Vec::new(), 0));
    };
    if f.text.is_none() {
        let total = count(conn, f, &skills).await?;
        let rows = browse(conn, f, &skills, total, window, RowSkills::Joined).await?;
        return Ok((rows, total));
    }
    let found = page(conn, f, &skills, Matching::Words, window, RowSkills::Joined).await?;
    if !found.0.is_empty() {
        return Ok(found);
    }
    let total = count(conn, f, &skills).await?;
    if total > 0 {
        // A page past the last one.
        return Ok((Vec::new(), total));
    }
    looks_like(conn, f, &skills, window).await
}

/// The `window` of `f` without words, of `total` matches: the page comes
/// from an index in its order, so only the count reads further.
pub(crate) async fn browse(
    conn: &mut PgConnection,
    f: &SearchFilters,
    skills: &[Uuid],
    total: i64,
    window: Window,
    row_skills: RowSkills,
) -> Result<Vec<ResultRow>, sqlx::Error> {
    if total == 0 {
        return Ok(Vec::new());
    }
    let rows = page(conn, f, skills, Matching::Words, window, row_skills).await?;
    Ok(rows.0)
}

/// The `window` of vacancies whose titles look like the words of `f`, for
/// when nothing matched the words themselves: perhaps a typo.
pub(crate) async fn looks_like(
    conn: &mut PgConnection,
    f: &SearchFilters,
    skills: &[Uuid],
    window: Window,
) -> Result<(Vec<ResultRow>, i64), sqlx::Error> {
    // Its own transaction (a savepoint inside one), as the looser
    // threshold holds until the end of it.
    let mut tx = conn.begin().await?;
    allow_typos(&mut tx).await?;
    let found = page(
        &mut tx,
        f,
        skills,
        Matching::LooksLike,
        window,
        RowSkills::Joined,
    )
    .await?;
    tx.commit().await?;
    Ok(found)
}

/// How many vacancies match the words of `f`, up to `COUNT_CAP`.
async fn count(
    conn: &mut PgConnection,
    f: &SearchFilters,
    skills: &[Uuid],
) -> Result<i64, sqlx::Error> {
    let mut count = QueryBuilder::new("select count(*) from (select 1");
    push_filters(&mut count, f, skills, Matching::Words, Reads::OnlyVacancies);
    count.push(" limit ").push_bind(COUNT_CAP).push(") matches");
    count.build_query_scalar::<i64>().fetch_one(conn).await
}

/// A result row and, when words were searched, how many rows matched.
#[derive(sqlx::FromRow)]
struct RankedHit {
    #[sqlx(flatten)]
    hit: ResultColumns,
    matches: i64,
}

/// Whether a page's rows come with their skills.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowSkills {
    Joined,
    /// For the search index to add.
    Left,
}

/// The `window` of `f`, and the number of matches when words were searched
/// (ranking reads every match anyway, so counting them is nearly free).
async fn page(
    conn: &mut PgConnection,
    f: &SearchFilters,
    skills: &[Uuid],
    matching: Matching,
    window: Window,
    row_skills: RowSkills,
) -> Result<(Vec<ResultRow>, i64), sqlx::Error> {
    const RELEVANCE: &str = "rank desc, published_at desc, id desc";
    const NEWEST: &str = "published_at desc, id desc";
    let order = match f.order() {
        SortOrder::Relevance => RELEVANCE,
        SortOrder::Newest => NEWEST,
        SortOrder::Salary => "salary_max_yearly desc nulls last, published_at desc, id desc",
        // The pool to rank comes in the default order.
        SortOrder::Match if f.text.is_some() => RELEVANCE,
        SortOrder::Match => NEWEST,
    };
    let mut qb = QueryBuilder::new(
        "select p.id, p.slug, p.title, p.is_confidential, p.company_name, p.company_slug, p.city,
                p.region, p.country, p.remote_option, p.employment_type, p.seniority,
                p.salary_min_minor, p.salary_max_minor, p.salary_currency, p.salary_period,
                p.years_min, p.years_max, p.published_at, p.is_featured, p.matches,
                p.logo_company_id, p.company_updated_at, ",
    );
    if row_skills == RowSkills::Joined {
        qb.push(SKILL_COLUMNS).push(", ");
    }
    // Without words to find, a card shows only the description's start.
    push_snippet(&mut qb, window.whole_descriptions && f.text.is_some(), "p");
    qb.push(" as snippet from (select ");
    qb.push(HIT_COLUMNS)
        .push(", ")
        .push(LOGO_COLUMNS)
        .push(", v.description, v.salary_max_yearly, ");
    qb.push(if f.text.is_some() {
        "count(*) over () as matches, "
    } else {
        "0::bigint as matches, "
    });
    // ts_rank rather than ts_rank_cd: a quarter of the cost on large result
    // sets, and the title's weight still puts title matches first.
    match (&f.text, matching) {
        (Some(text), Matching::Words) => qb
            .push("ts_rank(v.search_document, websearch_to_tsquery('english', ")
            .push_bind(text.clone())
            .push("))"),
        (Some(text), Matching::LooksLike) => qb
            .push("word_similarity(lower(")
            .push_bind(text.clone())
            .push("), lower(v.title))"),
        (None, _) => qb.push("0::real"),
    };
    qb.push(" as rank");
    push_filters(&mut qb, f, skills, matching, Reads::Companies);
    qb.push(format_args!(" order by {order}"))
        .push(" limit ")
        .push_bind(window.limit)
        .push(" offset ")
        .push_bind(window.offset)
        .push(") p");
    if row_skills == RowSkills::Joined {
        qb.push(SKILLS_OF_P);
    }
    qb.push(format_args!(" order by {order}"));
    let rows = qb
        .build_query_as::<RankedHit>()
        .fetch_all(&mut *conn)
        .await?;
    let total = rows.first().map_or(0, |r| r.matches.min(COUNT_CAP));
    Ok((rows.into_iter().map(|r| r.hit.into()).collect(), total))
}

/// A result row's columns (`HitRow` less its snippet) from vacancies `v`
/// and companies `c`.
const HIT_COLUMNS: &str = "v.id, v.slug, v.title, v.is_confidential, c.name as company_name,
    c.slug as company_slug, v.city, v.region, v.country, v.remote_option, v.employment_type,
    v.seniority, v.salary_min_minor, v.salary_max_minor, v.salary_currency, v.salary_period,
    v.years_min, v.years_max, v.published_at, v.is_featured";

/// The logo's columns of `ResultColumns`, from `v` and `c` as above.
const LOGO_COLUMNS: &str =
    "case when not v.is_confidential and c.logo_key is not null then c.id end
    as logo_company_id, c.updated_at as company_updated_at";

/// The skills' columns of `ResultColumns`, from `sk` (`SKILLS_OF_V`).
const SKILL_COLUMNS: &str =
    "coalesce(sk.names, '{}') as skill_names, coalesce(sk.required, '{}') as skill_required";

/// Joins the skills of each row `alias` (as `skills_of` orders them) as `sk`.
macro_rules! skills_of {
    ($alias:literal) => {
        concat!(
            " left join lateral (select array_agg(s.name order by vs.is_required desc, s.name) as names,
                     array_agg(vs.is_required order by vs.is_required desc, s.name) as required
                from vacancy_skills vs join skills s on s.id = vs.skill_id
               where vs.vacancy_id = ",
            $alias,
            ".id) sk on true"
        )
    };
}
const SKILLS_OF_P: &str = skills_of!("p");
const SKILLS_OF_V: &str = skills_of!("v");

/// Appends a result's snippet, from the description of the rows named
/// `alias`: all of it when the searched words are to be found in it
/// (`highlight::snippet`), else a little more than a card shows, so the cut
/// falls at a word (`query::excerpt`).
fn push_snippet(qb: &mut QueryBuilder<'_, Postgres>, whole: bool, alias: &str) {
    if whole {
        qb.push(format_args!("{alias}.description"));
    } else {
        qb.push(format_args!("left({alias}.description, 400)"));
    }
}

/// `select` and the columns of `ResultColumns` but the skills, from
/// vacancies `v` and companies `c`.
fn select_result_columns<'a>(whole_descriptions: bool) -> QueryBuilder<'a, Postgres> {
    let mut qb = QueryBuilder::new("select ");
    qb.push(HIT_COLUMNS)
        .push(", ")
        .push(LOGO_COLUMNS)
        .push(", ");
    push_snippet(&mut qb, whole_descriptions, "v");
    qb.push(" as snippet");
    qb
}

/// The result rows of these open vacancies, in the order given (the
/// search index's), without their skills (the index has them).
pub async fn hits_in_order(
    conn: &mut PgConnection,
    ids: &[Uuid],
    window: Window,
) -> Result<Vec<ResultRow>, sqlx::Error> {
    let mut qb = select_result_columns(window.whole_descriptions);
    qb.push(" from unnest(").push_bind(ids).push(
        ") with ordinality as o(id, n)
              join vacancies v on v.id = o.id and v.status = 'active'
              join companies c on c.id = v.company_id",
    );
    qb.push(" order by o.n");
    Ok(qb
        .build_query_as::<ResultColumns>()
        .fetch_all(conn)
        .await?
        .into_iter()
        .map(ResultRow::from)
        .collect())
}

/// A page of a company's open vacancies for its page, featured first then
/// newest (`limit` from `offset`), and how many there are. Confidential ones
/// are left out: listing them here would name their company.
pub async fn open_roles(
    conn: &mut PgConnection,
    company_id: Uuid,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ResultRow>, i64), sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Counted {
        #[sqlx(flatten)]
        hit: ResultColumns,
        roles: i64,
    }
    const LISTED: &str = " where v.status = 'active' and v.expires_at > now()
        and not v.is_confidential and v.company_id = ";
    let mut qb = select_result_columns(false);
    qb.push(", ")
        .push(SKILL_COLUMNS)
        .push(
            ", count(*) over () as roles from vacancies v join companies c on c.id = v.company_id",
        )
        .push(SKILLS_OF_V)
        .push(LISTED)
        .push_bind(company_id)
        .push(" order by v.is_featured desc, v.published_at desc, v.id desc limit ")
        .push_bind(limit)
        .push(" offset ")
        .push_bind(offset);
    let rows = qb.build_query_as::<Counted>().fetch_all(&mut *conn).await?;
    let total = match rows.first() {
        Some(row) => row.roles,
        // A page past the last still says how many there are.
        None if offset > 0 => {
            QueryBuilder::new("select count(*) from vacancies v")
                .push(LISTED)
                .push_bind(company_id)
                .build_query_scalar::<i64>()
                .fetch_one(conn)
                .await?
        }
        None => 0,
    };
    Ok((rows.into_iter().map(|r| r.hit.into()).collect(), total))
}

/// The skills of these vacancies: (vacancy, name, required).
pub async fn skills_of(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<Vec<(Uuid, String, bool)>, sqlx::Error> {
    Ok(sqlx::query!(
        "select vs.vacancy_id, s.name, vs.is_required
           from vacancy_skills vs join skills s on s.id = vs.skill_id
          where vs.vacancy_id = any($1)
          order by vs.is_required desc, s.name",
        ids
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| (r.vacancy_id, r.name, r.is_required))
    .collect())
}

/// Skills by vacancy, each list ordered as `skills_of` orders it.
pub type SkillsByVacancy = std::collections::HashMap<Uuid, Vec<(Uuid, String, bool)>>;

/// The skills of these vacancies grouped by vacancy: looked up once rather
/// than searched per row.
pub async fn skills_by_vacancy(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<SkillsByVacancy, sqlx::Error> {
    let mut grouped = SkillsByVacancy::new();
    for skill in skills_of(conn, ids).await? {
        grouped.entry(skill.0).or_default().push(skill);
    }
    Ok(grouped)
}

/// The searches a person made while signed in, for their data export,
/// latest first.
pub async fn export_searches(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Vec<crate::settings::export::ExportSearch>, sqlx::Error> {
    Ok(sqlx::query!(
        "select kind, query_text, filters, results_count, created_at from search_queries
          where user_id = $1 order by created_at desc",
        user_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|r| crate::settings::export::ExportSearch {
        kind: r.kind,
        words: r.query_text,
        filters: r.filters,
        results: r.results_count,
        at: r.created_at,
    })
    .collect())
}

/// Which of these vacancies the candidate has saved.
pub async fn saved_among(
    conn: &mut PgConnection,
    user_id: Uuid,
    ids: &[Uuid],
) -> Result<std::collections::HashSet<Uuid>, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "select vacancy_id from saved_vacancies where user_id = $1 and vacancy_id = any($2)",
        user_id,
        ids
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .collect())
}

/// Keeps a signed-in person's search for analytics.
pub async fn log_search(
    conn: &mut PgConnection,
    user_id: Uuid,
    text: &str,
    filters: serde_json::Value,
    results: i64,
    duration_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into search_queries (id, user_id, query_text, filters, results_count, duration_ms)
         values ($1, $2, $3, $4, $5, $6)",
        Uuid::now_v7(),
        user_id,
        text,
        filters,
        results as i32,
        duration_ms.min(i64::from(i32::MAX)) as i32
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The salted hash that stands for a visitor who is not signed in.
pub async fn anonymous_viewer_key(
    conn: &mut PgConnection,
    fingerprint: &str,
) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!(r#"select anonymous_viewer_key($1) as "key!""#, fingerprint)
        .fetch_one(conn)
        .await
}

/// Counts a view of the vacancy by `viewer_key`, once per 30 minutes: the
/// upsert only touches a row older than that, and only then is the counter
/// raised, so simultaneous views cannot count twice. Returns when this
/// viewer's next view counts.
pub async fn count_view(
    conn: &mut PgConnection,
    vacancy_id: Uuid,
    viewer_key: &str,
) -> Result<OffsetDateTime, sqlx::Error> {
    // Most views repeat a recent one: a plain read answers those without
    // taking the row's lock.
    let recent = sqlx::query_scalar!(
        r#"select counted_at + interval '30 minutes' as "next!" from vacancy_views
            where vacancy_id = $1 and viewer_key = $2
              and counted_at > now() - interval '30 minutes'"#,
        vacancy_id,
        viewer_key
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(next) = recent {
        return Ok(next);
    }
    sqlx::query_scalar!(
        r#"with counted as (
             insert into vacancy_views (vacancy_id, viewer_key) values ($1, $2)
             on conflict (vacancy_id, viewer_key) do update set counted_at = now()
              where vacancy_views.counted_at <= now() - interval '30 minutes'
             returning vacancy_id),
           bumped as (
             update vacancies set views_count = views_count + 1
              where id in (select vacancy_id from counted))
         select now() + interval '30 minutes' as "next!""#,
        vacancy_id,
        viewer_key
    )
    .fetch_one(conn)
    .await
}

/// The vacancy whose page is at `slug`, unless it was never published.
pub async fn published_id(
    conn: &mut PgConnection,
    slug: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select id from vacancies where slug = $1 and status not in ('draft', 'hidden')",
        slug
    )
    .fetch_optional(conn)
    .await
}

/// A listed vacancy with its company, for its page.
pub struct PostingRow {
    pub hit: HitRow,
    pub company_id: Uuid,
    pub status: String,
    pub expires_at: Option<OffsetDateTime>,
    pub card: super::CompanyCard,
}

/// The vacancy at `slug`, unless it was never published.
pub async fn posting(
    conn: &mut PgConnection,
    slug: &str,
) -> Result<Option<PostingRow>, sqlx::Error> {
    let Some(r) = sqlx::query!(
        r#"select v.id, v.slug as "slug!", v.title, v.is_confidential, v.city, v.region, v.country,
                  v.remote_option, v.employment_type, v.seniority, v.salary_min_minor,
                  v.salary_max_minor, v.salary_currency, v.salary_period, v.years_min, v.years_max,
                  v.published_at as "published_at!", v.is_featured, v.description, v.status,
                  v.expires_at, v.company_id, c.name as company_name, c.slug as company_slug,
                  c.logo_key, c.updated_at as company_updated_at, c.company_size, c.headquarters,
                  c.verification_status, c.description as company_description,
                  i.name as "industry?"
             from vacancies v
             join companies c on c.id = v.company_id
             left join industries i on i.id = c.industry_id
            where v.slug = $1 and v.status not in ('draft', 'hidden')"#,
        slug
    )
    .fetch_optional(conn)
    .await?
    else {
        return Ok(None);
    };
    let card = super::CompanyCard {
        name: r.company_name.clone(),
        slug: r.company_slug.clone(),
        logo_url: r.logo_key.as_ref().map(|_| {
            crate::companies::logo_url(r.company_id, r.company_updated_at.unix_timestamp())
        }),
        industry: r.industry,
        size: Some(
            crate::profiles::rules::label_of(
                &r.company_size,
                &crate::companies::rules::COMPANY_SIZES,
            )
            .to_string(),
        ),
        headquarters: r.headquarters,
        verified: r.verification_status == "verified",
        description: r.company_description.unwrap_or_default(),
    };
    Ok(Some(PostingRow {
        hit: HitRow {
            id: r.id,
            slug: r.slug,
            title: r.title,
            is_confidential: r.is_confidential,
            company_name: r.company_name,
            company_slug: r.company_slug,
            city: r.city,
            region: r.region,
            country: r.country,
            remote_option: r.remote_option,
            employment_type: r.employment_type,
            seniority: r.seniority,
            salary_min_minor: r.salary_min_minor,
            salary_max_minor: r.salary_max_minor,
            salary_currency: r.salary_currency,
            salary_period: r.salary_period,
            years_min: r.years_min,
            years_max: r.years_max,
            published_at: r.published_at,
            is_featured: r.is_featured,
            snippet: r.description,
        },
        company_id: r.company_id,
        status: r.status,
        expires_at: r.expires_at,
        card,
    }))
}

/// What a candidate's profile says for matching; `None` with neither a
/// profile nor skills.
pub async fn candidate_facts(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> Result<Option<crate::matching::CandidateFacts>, sqlx::Error> {
    Ok(candidates_facts(conn, &[user_id]).await?.remove(&user_id))
}

/// What these candidates' profiles say for matching, by candidate; those
/// with neither a profile nor skills are left out.
pub async fn candidates_facts(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, crate::matching::CandidateFacts>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select c.id as "id!", p.user_id as "profile?", p.years_of_experience as "years?",
                  p.seniority as "seniority?", p.salary_min_minor as "salary_min_minor?",
                  p.salary_max_minor as "salary_max_minor?", p.salary_currency as "salary_currency?",
                  p.salary_period as "salary_period?", p.remote_preference as "remote_preference?",
                  p.country as "country?", p.city as "city?",
                  p.willing_to_relocate as "willing_to_relocate?",
                  p.employment_types as "employment_types?",
                  array(select s.name from candidate_skills cs join skills s on s.id = cs.skill_id
                         where cs.user_id = c.id) as "skills!"
             from unnest($1::uuid[]) as c(id)
             left join candidate_profiles p on p.user_id = c.id"#,
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        // Skills count even before the rest of the profile is written.
        .filter(|r| r.profile.is_some() || !r.skills.is_empty())
        .map(|r| {
            let facts = crate::matching::CandidateFacts {
                skills: r.skills,
                years_experience: r.years,
                seniority: r.seniority,
                salary_min_minor: r.salary_min_minor,
                salary_max_minor: r.salary_max_minor,
                salary_currency: r.salary_currency,
                salary_period: r.salary_period,
                remote_preference: r.remote_preference.unwrap_or_default(),
                country: r.country.unwrap_or_default(),
                city: r.city.unwrap_or_default(),
                willing_to_relocate: r.willing_to_relocate.unwrap_or_default(),
                employment_types: r.employment_types.unwrap_or_default(),
            };
            (r.id, facts)
        })
        .collect())
}

/// The matching facts of a result row and its skills.
pub fn vacancy_facts(
    row: &HitRow,
    skills: &[(Uuid, String, bool)],
) -> crate::matching::VacancyFacts {
    let names = |required: bool| {
        skills
            .iter()
            .filter(|(id, _, r)| *id == row.id && *r == required)
            .map(|(_, name, _)| name.clone())
            .collect()
    };
    crate::matching::VacancyFacts {
        required_skills: names(true),
        preferred_skills: names(false),
        seniority: row.seniority.clone(),
        years_min: row.years_min,
        years_max: row.years_max,
        salary_min_minor: row.salary_min_minor,
        salary_max_minor: row.salary_max_minor,
        salary_currency: row.salary_currency.clone(),
        salary_period: row.salary_period.clone(),
        remote_option: row.remote_option.clone(),
        country: row.country.clone(),
        city: row.city.clone(),
        employment_type: row.employment_type.clone(),
    }
}
