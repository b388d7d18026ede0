//! Demo companies, vacancies and applications: a living job board on the
//! first start, and at `--scale large` the data the benchmarks run on
//! (100k vacancies, 1M applications, one vacancy with 5,000 applicants).
//! Rows go in with set-based statements so the large set loads in minutes.

use super::{CITIES, DEMO_TIME_ZONE, Scale};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{PgPool, Postgres, QueryBuilder};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// A kind of role: title, department, seniority and the skills it asks for.
struct Role {
    title: &'static str,
    department: &'static str,
    seniority: &'static str,
    skills: &'static [&'static str],
    duty: &'static str,
}

const ROLES: &[Role] = &[
    Role {
        title: "Senior Data Analyst",
        department: "Finance",
        seniority: "senior",
        skills: &["SQL", "Python", "Tableau", "Statistics", "Excel"],
        duty: "turn payment data into decisions for the finance and product teams",
    },
    Role {
        title: "Backend Engineer",
        department: "Engineering",
        seniority: "mid",
        skills: &["Rust", "PostgreSQL", "Docker", "REST APIs", "Kafka"],
        duty: "build the services that move money safely and fast",
    },
    Role {
        title: "Frontend Engineer",
        department: "Engineering",
        seniority: "mid",
        skills: &[
            "React",
            "JavaScript",
            "HTML and CSS",
            "Accessibility",
            "GraphQL",
        ],
        duty: "craft the screens merchants use every day",
    },
    Role {
        title: "Product Manager",
        department: "Product",
        seniority: "senior",
        skills: &[
            "Product Management",
            "Stakeholder Management",
            "Market Research",
            "Agile",
        ],
        duty: "decide what we build next and why",
    },
    Role {
        title: "Head of Finance",
        department: "Finance",
        seniority: "director",
        skills: &[
            "Corporate Finance",
            "IFRS",
            "Budgeting",
            "Forecasting",
            "Board Relations",
        ],
        duty: "run finance, reporting and fundraising",
    },
    Role {
        title: "Risk Analyst",
        department: "Risk",
        seniority: "mid",
        skills: &[
            "Credit Risk",
            "SQL",
            "Anti-Money Laundering",
            "Risk Management",
        ],
        duty: "keep fraud and credit losses low without blocking good customers",
    },
    Role {
        title: "Compliance Officer",
        department: "Legal",
        seniority: "senior",
        skills: &[
            "Compliance",
            "Anti-Money Laundering",
            "Regulatory Affairs",
            "Internal Controls",
        ],
        duty: "keep us on the right side of every regulator we answer to",
    },
    Role {
        title: "Customer Success Manager",
        department: "Operations",
        seniority: "mid",
        skills: &[
            "Customer Success",
            "Account Management",
            "Communication",
            "CRM",
        ],
        duty: "help our biggest merchants grow with us",
    },
    Role {
        title: "DevOps Engineer",
        department: "Engineering",
        seniority: "senior",
        skills: &[
            "Kubernetes",
            "Terraform",
            "Amazon Web Services",
            "Linux",
            "Site Reliability Engineering",
        ],
        duty: "keep the platform fast, safe and always on",
    },
    Role {
        title: "Talent Acquisition Partner",
        department: "People",
        seniority: "mid",
        skills: &[
            "Talent Acquisition",
            "Employer Branding",
            "Stakeholder Management",
            "Negotiation",
        ],
        duty: "find and win the people who will build the company",
    },
    Role {
        title: "Marketing Lead",
        department: "Marketing",
        seniority: "lead",
        skills: &[
            "Digital Marketing",
            "Brand Management",
            "Content Marketing",
            "Search Engine Optimisation",
        ],
        duty: "tell merchants why we are the best way to get paid",
    },
    Role {
        title: "Machine Learning Engineer",
        department: "Engineering",
        seniority: "senior",
        skills: &[
            "Machine Learning",
            "Python",
            "Deep Learning",
            "Data Engineering",
        ],
        duty: "ship models that catch fraud in milliseconds",
    },
    Role {
        title: "Sales Executive",
        department: "Sales",
        seniority: "entry",
        skills: &["Sales Strategy", "Lead Generation", "Negotiation", "CRM"],
        duty: "open new merchant accounts across the region",
    },
    Role {
        title: "Operations Manager",
        department: "Operations",
        seniority: "lead",
        skills: &[
            "Operations Management",
            "Project Management",
            "Six Sigma",
            "Team Leadership",
        ],
        duty: "make settlement and support run like clockwork",
    },
    Role {
        title: "Chief Technology Officer",
        department: "Executive",
        seniority: "c_suite",
        skills: &[
            "Executive Leadership",
            "Software Architecture",
            "Strategic Planning",
            "Team Leadership",
        ],
        duty: "lead engineering through the next stage of growth",
    },
    Role {
        title: "Payroll Specialist",
        department: "People",
        seniority: "entry",
        skills: &["Payroll", "Excel", "Tax Planning", "Attention to Detail"],
        duty: "pay every colleague correctly and on time",
    },
];

const EMPLOYMENT: &[&str] = &[
    "full_time",
    "full_time",
    "full_time",
    "contract",
    "part_time",
    "internship",
];
const REMOTE: &[&str] = &["on_site", "hybrid", "hybrid", "remote"];
const COMPANY_WORDS: &[&str] = &[
    "Baobab",
    "Harmattan",
    "Savanna",
    "Lagoon",
    "Meridian",
    "Kora",
    "Zenith",
    "Delta",
    "Atlas",
    "Sahel",
    "Cobalt",
    "Summit",
    "Orbit",
    "Marula",
    "Niger",
    "Volta",
    "Kilima",
    "Tamarind",
];
const COMPANY_KINDS: &[&str] = &[
    "Bank",
    "Pay",
    "Logistics",
    "Health",
    "Energy",
    "Labs",
    "Capital",
    "Foods",
    "Telecom",
    "Insurance",
];
/// The demo employer's vacancies: one in every state.
const DEMO_STATES: &[&str] = &[
    "active", "active", "active", "active", "draft", "paused", "filled", "closed", "archived",
];

impl Scale {
    /// (companies, vacancies, applications per listed vacancy)
    fn jobs(self) -> (usize, usize, i32) {
        match self {
            Self::Small => (6, 40, 3),
            Self::Large => (10_000, 100_000, 10),
        }
    }
}

/// Loads companies, vacancies and applications; skipped when vacancies
/// exist already.
pub async fn seed_jobs(pool: &PgPool, scale: Scale) -> anyhow::Result<()> {
    let any = sqlx::query_scalar!(r#"select exists(select 1 from vacancies) as "e!""#)
        .fetch_one(pool)
        .await?;
    if any {
        return Ok(());
    }
    let (companies, vacancies, per_vacancy) = scale.jobs();
    seed_companies(pool, companies).await?;
    seed_vacancies(pool, vacancies).await?;
    seed_applications(pool, per_vacancy).await?;
    Ok(())
}

/// Gives seeded employers without one a company of their own.
async fn seed_companies(pool: &PgPool, count: usize) -> anyhow::Result<()> {
    let owners = sqlx::query_scalar!(
        "select u.id from users u
          where u.account_type = 'employer' and u.email like '%@hiring.example.net'
            and not exists (select 1 from company_members m where m.user_id = u.id)
          order by u.created_at, u.id limit $1",
        count as i64
    )
    .fetch_all(pool)
    .await?;
    let industries = sqlx::query_scalar!("select id from industries order by sort_order")
        .fetch_all(pool)
        .await?;
    let mut rng = StdRng::seed_from_u64(7);
    let sizes = ["1-10", "11-50", "51-200", "201-500", "500+"];
    let mut numbered = 0;
    for chunk in owners.chunks(2_000) {
        let mut ids = Vec::new();
        let (mut names, mut slugs, mut hqs, mut sizes_of, mut industry_of) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in chunk {
            let word = COMPANY_WORDS[rng.gen_range(0..COMPANY_WORDS.len())];
            let kind = COMPANY_KINDS[rng.gen_range(0..COMPANY_KINDS.len())];
            let (city, country) = CITIES[rng.gen_range(0..CITIES.len())];
            // A running number keeps names and slugs unique at any scale.
            numbered += 1;
            names.push(format!("{word} {kind} {numbered}"));
            slugs.push(format!(
                "{}-{}-{numbered}",
                word.to_lowercase(),
                kind.to_lowercase()
            ));
            hqs.push(format!("{city}, {country}"));
            sizes_of.push(sizes[rng.gen_range(0..sizes.len())].to_string());
            industry_of.push(
                industries
                    .get(rng.gen_range(0..industries.len().max(1)))
                    .copied(),
            );
            ids.push(Uuid::now_v7());
        }
        let mut tx = pool.begin().await?;
        sqlx::query!(
            "insert into companies (id, name, slug, industry_id, company_size, headquarters,
                                    description, verification_status, verified_at)
             select id, name, slug, industry, size, hq,
                    'We are hiring people who like hard problems and kind colleagues.',
                    case when random() < 0.6 then 'verified' else 'pending' end, now()
               from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[])
                    as t(id, name, slug, industry, size, hq)",
            &ids,
            &names,
            &slugs,
            &industry_of as &[Option<Uuid>],
            &sizes_of,
            &hqs
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "insert into company_members (user_id, company_id, role, can_create_roles,
                                          can_send_introductions, can_manage_billing)
             select owner, company, 'owner', true, true, true
               from unnest($1::uuid[], $2::uuid[]) as t(owner, company)",
            chunk,
            &ids
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Vacancies across the companies, most of them open; the demo employer's
/// first, one in every state.
pub(super) async fn seed_vacancies(pool: &PgPool, count: usize) -> anyhow::Result<()> {
    let companies = sqlx::query!(
        r#"select c.id, m.user_id from companies c
             join company_members m on m.company_id = c.id and m.role = 'owner'
            order by (c.slug = 'kestrel-payments') desc, c.created_at, c.id"#
    )
    .fetch_all(pool)
    .await?;
    if companies.is_empty() {
        return Ok(());
    }
    let skills: HashMap<String, Uuid> = sqlx::query!("select id, name from skills")
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|r| (r.name, r.id))
        .collect();
    let mut rng = StdRng::seed_from_u64(11);
    let now = OffsetDateTime::now_utc();
    const BATCH: usize = 1_000;
    let mut made = 0;
    while made < count {
        let end = (made + BATCH).min(count);
        let mut qb: QueryBuilder<Postgres> = QueryBuilder::new(
            "insert into vacancies (id, company_id, created_by, title, description,
                responsibilities, requirements, benefits, seniority, department,
                employment_type, remote_option, country, city, salary_min_minor,
                salary_max_minor, salary_currency, salary_period, years_min, years_max,
                status, slug, published_at, expires_at, closed_at, is_featured, is_confidential) ",
        );
        let mut links: Vec<(Uuid, Uuid, bool)> = Vec::new();
        let rows: Vec<_> = (made..end)
            .map(|n| {
                let id = Uuid::now_v7();
                let (company, owner) = if n < DEMO_STATES.len() {
                    (companies[0].id, companies[0].user_id)
                } else {
                    // Never the demo employer's: it keeps within its plan.
                    let c = &companies[rng.gen_range(1..companies.len().max(2)) % companies.len()];
                    (c.id, c.user_id)
                };
                let role = &ROLES[n % ROLES.len()];
                let status = match DEMO_STATES.get(n) {
                    Some(state) => *state,
                    None => match rng.gen_range(0..100) {
                        0..85 => "active",
                        85..89 => "paused",
                        89..92 => "filled",
                        92..96 => "closed",
                        96..98 => "draft",
                        _ => "archived",
                    },
                };
                let (city, country) = CITIES[rng.gen_range(0..CITIES.len())];
                let (currency, monthly_base) = match country {
                    "Nigeria" => ("NGN", 400_000 + rng.gen_range(0..40) * 50_000),
                    "Ghana" => ("GHS", 6_000 + rng.gen_range(0..40) * 500),
                    "Kenya" => ("KES", 120_000 + rng.gen_range(0..40) * 10_000),
                    "South Africa" => ("ZAR", 30_000 + rng.gen_range(0..40) * 2_000),
                    "United Kingdom" => ("GBP", 3_500 + rng.gen_range(0..40) * 150),
                    "India" => ("INR", 90_000 + rng.gen_range(0..40) * 8_000),
                    "Canada" => ("CAD", 5_000 + rng.gen_range(0..40) * 200),
                    _ => ("EUR", 3_800 + rng.gen_range(0..40) * 150),
                };
                let published = now - Duration::minutes(rng.gen_range(30..60 * 24 * 28));
                let years_min = rng.gen_range(0..8);
                for (i, name) in role.skills.iter().enumerate() {
                    if let Some(skill) = skills.get(*name) {
                        links.push((id, *skill, i < 3));
                    }
                }
                // Picked by position, not by the (random) id, so each run
                // features and hides the same ones; never the demo employer's.
                let demo = n < DEMO_STATES.len();
                let flags = (!demo && n % 23 == 0, !demo && n % 29 == 0);
                (
                    id,
                    company,
                    owner,
                    role,
                    status,
                    city,
                    country,
                    currency,
                    monthly_base,
                    published,
                    years_min,
                    flags,
                )
            })
            .collect();
        qb.push_values(rows.iter(), |mut b, (id, company, owner, role, status, city, country, currency, base, published, years_min, (featured, confidential))| {
            let listed = *status != "draft";
            b.push_bind(*id)
                .push_bind(*company)
                .push_bind(*owner)
                .push_bind(role.title)
                .push_bind(format!(
                    "Join us to {}. You will work with a small, senior team, own your results end to end and \
                     learn fast. We care about clear writing, kind reviews and shipping things that matter.",
                    role.duty
                ))
                .push_bind(vec![format!("Own how we {}", role.duty), "Share what you learn with the team".to_string()])
                .push_bind(role.skills.iter().take(3).map(|s| format!("Experience with {s}")).collect::<Vec<_>>())
                .push_bind(vec!["Health insurance".to_string(), "Learning budget".to_string()])
                .push_bind(role.seniority)
                .push_bind(role.department)
                .push_bind(EMPLOYMENT[(*base as usize) % EMPLOYMENT.len()])
                .push_bind(REMOTE[(*years_min as usize) % REMOTE.len()])
                .push_bind(*country)
                .push_bind(*city)
                .push_bind(i64::from(*base) * 100)
                .push_bind(i64::from(*base) * 130)
                .push_bind(*currency)
                .push_bind("month")
                .push_bind(*years_min)
                .push_bind(*years_min + 4)
                .push_bind(*status)
                .push_bind(listed.then(|| app::vacancies::rules::vacancy_slug(role.title, *id)))
                .push_bind(listed.then_some(*published))
                .push_bind(listed.then(|| *published + Duration::days(app::vacancies::rules::LISTING_DAYS)))
                .push_bind(matches!(*status, "filled" | "closed" | "archived").then_some(now))
                .push_bind(*featured)
                .push_bind(*confidential);
        });
        let mut tx = pool.begin().await?;
        qb.build().execute(&mut *tx).await?;
        let (vids, sids, required): (Vec<Uuid>, Vec<Uuid>, Vec<bool>) =
            links
                .into_iter()
                .fold((vec![], vec![], vec![]), |mut acc, (v, s, r)| {
                    acc.0.push(v);
                    acc.1.push(s);
                    acc.2.push(r);
                    acc
                });
        sqlx::query!(
            "insert into vacancy_skills (vacancy_id, skill_id, is_required)
             select * from unnest($1::uuid[], $2::uuid[], $3::bool[]) on conflict do nothing",
            &vids,
            &sids,
            &required
        )
        .execute(&mut *tx)
        .await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
        app::vacancies::db::refresh_search(&mut tx, &ids).await?;
        tx.commit().await?;
        made = end;
    }
    Ok(())
}

/// Applications from seeded candidates in every stage: `per_vacancy` for
/// each listed vacancy, and 5,000 for the demo employer's first (at scale)
/// so the pipeline can be measured.
async fn seed_applications(pool: &PgPool, per_vacancy: i32) -> anyhow::Result<()> {
    let busiest = if per_vacancy >= 10 { 5_000 } else { 12 };
    sqlx::query!(
        "with v as (
             select id, row_number() over (order by (created_at, id)) as rn
               from vacancies where status <> 'draft'),
         c as (
             select id, row_number() over (order by id) - 1 as rn
               from users where account_type = 'candidate' and email like '%@example.org'),
         n as (select count(*) as total from c),
         picks as (
             select v.id as vacancy_id, v.rn, j
               from v cross join lateral generate_series(0, case when v.rn = 1 then $2::int else $1::int end - 1) j)
         insert into applications (id, vacancy_id, candidate_id, status, match_score, cover_letter, created_at)
         select gen_random_uuid(), p.vacancy_id, c.id,
                (array['submitted', 'submitted', 'reviewing', 'interview', 'offer', 'hired',
                       'rejected', 'withdrawn'])[1 + ((p.rn + p.j) % 8)],
                ((p.rn * 31 + p.j * 17) % 101)::smallint,
                'I would love to talk about this role.',
                now() - make_interval(hours => ((p.rn + p.j * 7) % 600)::int)
           from picks p
           cross join n
           join c on c.rn = (p.rn * 7919 + p.j * 104729) % greatest(n.total, 1)
         on conflict (vacancy_id, candidate_id) do nothing",
        per_vacancy,
        busiest
    )
    .execute(pool)
    .await?;
    // The demo job seeker is in two of the demo employer's pipelines, applied
    // five days ago (so the team's reply, a day later, is in the past).
    sqlx::query!(
        "insert into applications (id, vacancy_id, candidate_id, status, match_score, cover_letter, created_at)
         select gen_random_uuid(), v.id, u.id, s.status, s.score, 'I have led finance teams for years.',
                now() - interval '5 days'
           from (select v.id, row_number() over (order by v.created_at, v.id) as rn
                   from vacancies v join companies c on c.id = v.company_id
                  where c.slug = 'kestrel-payments' and v.status = 'active') v
           join (values (2::bigint, 'interview', 81::smallint), (3, 'submitted', 64)) as s(rn, status, score)
             on s.rn = v.rn
           cross join users u
          where u.email = 'candidate@example.com'
         on conflict (vacancy_id, candidate_id) do nothing"
    )
    .execute(pool)
    .await?;
    sqlx::query!(
        "insert into application_events (id, application_id, kind, from_status, to_status, is_private, actor_id, created_at)
         select gen_random_uuid(), a.id, 'submitted', null, null, false, a.candidate_id, a.created_at
           from applications a
         union all
         select gen_random_uuid(), a.id, 'stage_changed', 'submitted', a.status, false, null,
                a.created_at + interval '1 day'
           from applications a where a.status <> 'submitted'"
    )
    .execute(pool)
    .await?;
    // Their interview is on the calendar: in three days at 10:00, by video.
    // The days are counted on the candidate's clock, so that "in 3 days" holds
    // whatever the hour the demo data is made.
    sqlx::query!(
        "insert into application_events
              (id, application_id, kind, scheduled_at, location, body, is_private, actor_id)
         select gen_random_uuid(), a.id, 'interview',
                (date_trunc('day', now() at time zone $1) + interval '3 days 10 hours') at time zone $1,
                'Video call', 'A first conversation with the head of finance.', false, m.user_id
           from applications a
           join users u on u.id = a.candidate_id and u.email = 'candidate@example.com'
           join vacancies v on v.id = a.vacancy_id
           join company_members m on m.company_id = v.company_id and m.role = 'owner'
          where a.status = 'interview'
            and not exists (select 1 from application_events e
                             where e.application_id = a.id and e.kind = 'interview')",
        DEMO_TIME_ZONE
    )
    .execute(pool)
    .await?;
    notify_demo_people(pool).await?;
    sqlx::query!(
        "update vacancies v set applications_count = a.n
           from (select vacancy_id, count(*)::int as n from applications group by vacancy_id) a
          where a.vacancy_id = v.id"
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// What the demo people's bells hold: the job seeker's move to interview
/// and the interview, the employer's new applicant.
async fn notify_demo_people(pool: &PgPool) -> anyhow::Result<()> {
    use app::applications::rules::Stage;
    use app::notifications::{Notice, notify};
    let demo = sqlx::query!(
        r#"select a.id, a.status, a.candidate_id, v.id as vacancy_id, v.title, c.name as company,
                  m.user_id as owner, p.first_name || ' ' || p.last_name as "name!"
             from applications a
             join users u on u.id = a.candidate_id and u.email = 'candidate@example.com'
             join candidate_profiles p on p.user_id = a.candidate_id
             join vacancies v on v.id = a.vacancy_id
             join companies c on c.id = v.company_id
             join company_members m on m.company_id = c.id and m.role = 'owner'
            order by a.status"#
    )
    .fetch_all(pool)
    .await?;
    let mut tx = pool.begin().await?;
    for a in demo {
        let notices = match a.status.as_str() {
            "interview" => vec![
                (
                    a.candidate_id,
                    Notice::stage_changed(&a.title, Stage::Interview.label(), &a.company),
                ),
                (
                    a.candidate_id,
                    Notice::interview_scheduled(&a.title, &a.company),
                ),
            ],
            _ => vec![(
                a.owner,
                Notice::application_received(&a.title, &a.name, a.vacancy_id, a.id),
            )],
        };
        for (user_id, notice) in notices {
            notify(&mut tx, user_id, &notice).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Each role's title and what its holder does, for the job seekers' stories.
pub fn role_duties() -> (Vec<&'static str>, Vec<&'static str>) {
    ROLES.iter().map(|r| (r.title, r.duty)).unzip()
}

/// Gives generated job seekers without a title one of the roles above: its
/// title, seniority, some years and most of its skills, so search, matching
/// and the deck rank them as they would real people. Run once per person.
pub async fn seed_candidate_roles(pool: &PgPool) -> anyhow::Result<()> {
    let (titles, seniorities): (Vec<&str>, Vec<&str>) =
        ROLES.iter().map(|r| (r.title, r.seniority)).unzip();
    let mut role_skills: (Vec<i32>, Vec<&str>, Vec<i32>) = Default::default();
    for (role, n) in ROLES.iter().zip(0..) {
        for (skill, position) in role.skills.iter().zip(1..) {
            role_skills.0.push(n);
            role_skills.1.push(skill);
            role_skills.2.push(position);
        }
    }
    // The role follows from a hash of the id, and one skill in five after
    // the first is left out (by another hash) so people of one role differ.
    let mut tx = super::talent::bulk_load(pool).await?;
    sqlx::query!(
        "with roles as (
             select n::int - 1 as n, title, seniority
               from unnest($1::text[], $2::text[]) with ordinality as r(title, seniority, n)),
         seekers as (
             select p.user_id, h % cardinality($1::text[]) as role, (h / 100) % 15 as years
               from candidate_profiles p
               join users u on u.id = p.user_id
              cross join lateral (select abs(hashtext(p.user_id::text)::bigint) as h) hash
              where u.email like '%@example.org' and p.current_title is null),
         titled as (
             update candidate_profiles p
                set current_title = r.title, seniority = r.seniority,
                    years_of_experience = s.years
               from seekers s join roles r on r.n = s.role
              where p.user_id = s.user_id)
         insert into candidate_skills (user_id, skill_id, position, is_primary)
         select s.user_id, sk.id, rs.position, rs.position = 1
           from seekers s
           join unnest($3::int[], $4::text[], $5::int[]) as rs(role, name, position)
             on rs.role = s.role
           join skills sk on sk.name = rs.name
          where rs.position = 1 or abs(hashtext(s.user_id::text || rs.name)::bigint) % 5 <> 0
         on conflict (user_id, skill_id) do nothing",
        &titles as &[&str],
        &seniorities as &[&str],
        &role_skills.0,
        &role_skills.1 as &[&str],
        &role_skills.2,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
