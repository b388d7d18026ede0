//! The demo data set: known demo accounts plus believable generated people.
//! Idempotent: running it again adds nothing that is already there.

mod billing;
mod chats;
mod introductions;
mod jobs;
mod moderation;
mod swipes;
mod talent;

use anyhow::Context;
use app::auth::db::{NewUser, insert_user};
use app::auth::password::hash_password;
use app::auth::rules::{AccountType, TERMS_VERSION};
use app::state::AppState;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "hirewell-demo-1";

/// The demo logins printed at start and listed in the README.
pub const DEMO_ACCOUNTS: [(&str, AccountType); 5] = [
    ("candidate@example.com", AccountType::Candidate),
    ("employer@example.com", AccountType::Employer),
    ("admin@example.com", AccountType::Admin),
    // The owner of a company whose renewal could not be charged.
    ("pastdue@example.com", AccountType::Employer),
    // A recruiter at a bank with an Enterprise agreement (no limits).
    ("recruiter@example.com", AccountType::Employer),
];

/// The demo administrator's authenticator key (base32), published like the
/// password: administrators sign in with a code from an authenticator app.
pub const DEMO_ADMIN_AUTHENTICATOR_KEY: &str = "HIREWELLDEMOADMINAUTHENTICATORKY";

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// A few dozen people: loaded on the first embedded start.
    Small,
    /// Hundreds of thousands of people: for benchmarks.
    Large,
}

impl Scale {
    fn people(self) -> (usize, usize) {
        match self {
            Self::Small => (40, 12),
            Self::Large => (200_000, 20_000),
        }
    }
}

const FIRST_NAMES: &[&str] = &[
    "Amara", "Chinedu", "Ngozi", "Tunde", "Aisha", "Emeka", "Zainab", "Kofi", "Fatima", "Olu",
    "Sofia", "Mateo", "Lucia", "Hugo", "Elena", "Lukas", "Hanna", "Jonas", "Mia", "Noah", "Priya",
    "Arjun", "Ananya", "Rohan", "Mei", "Wei", "Yuki", "Haruto", "Seo-yeon", "Min-jun", "Olivia",
    "Liam", "Emma", "James", "Ava", "Ethan", "Isabella", "Lucas", "Chloe", "Daniel",
];

/// The demo company and people are in Lagos: their times are Lagos times.
const DEMO_TIME_ZONE: &str = "Africa/Lagos";

const CITIES: &[(&str, &str)] = &[
    ("Lagos", "Nigeria"),
    ("Abuja", "Nigeria"),
    ("Port Harcourt", "Nigeria"),
    ("Ibadan", "Nigeria"),
    ("Accra", "Ghana"),
    ("Nairobi", "Kenya"),
    ("Cape Town", "South Africa"),
    ("London", "United Kingdom"),
    ("Berlin", "Germany"),
    ("Lisbon", "Portugal"),
    ("Toronto", "Canada"),
    ("Bengaluru", "India"),
];

const LAST_NAMES: &[&str] = &[
    "Okafor", "Adeyemi", "Mensah", "Balogun", "Nwosu", "Abubakar", "Eze", "Owusu", "Danjuma",
    "Afolabi", "Garcia", "Rossi", "Müller", "Schmidt", "Dubois", "Novak", "Kowalski", "Jensen",
    "Silva", "Costa", "Sharma", "Patel", "Iyer", "Chen", "Wang", "Tanaka", "Sato", "Kim", "Park",
    "Nguyen", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Walker", "Clarke", "Hughes",
    "Murphy", "O'Brien",
];

/// Whether the demo accounts exist already.
pub async fn demo_present(pool: &PgPool) -> anyhow::Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists(select 1 from users where lower(email) = $1) as "present!""#,
        DEMO_ACCOUNTS[2].0
    )
    .fetch_one(pool)
    .await?)
}

/// Loads the demo data set at a scale.
pub async fn seed(state: &AppState, scale: Scale) -> anyhow::Result<()> {
    let pool = &state.pool;
    let password_hash = hash_password(DEMO_PASSWORD.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("hashing the demo password failed: {e:?}"))?;
    seed_demo_accounts(pool, &password_hash).await?;
    seed_demo_admin_authenticator(state).await?;
    seed_demo_candidate_profile(pool).await?;
    seed_demo_candidate_sections(state).await?;
    seed_demo_company(state).await?;
    seed_past_due_company(state).await?;
    seed_enterprise_company(state).await?;
    let (candidates, employers) = scale.people();
    seed_people(pool, &password_hash, AccountType::Candidate, candidates).await?;
    seed_people(pool, &password_hash, AccountType::Employer, employers).await?;
    jobs::seed_candidate_roles(pool).await?;
    talent::seed_talent_profiles(pool).await?;
    talent::refresh_search_documents(pool).await?;
    jobs::seed_jobs(pool, scale).await?;
    billing::seed_billing(pool, &state.config.seller, scale).await?;
    swipes::seed_swipes(pool, scale).await?;
    introductions::seed_introductions(state).await?;
    talent::seed_introductions_at_scale(pool, scale).await?;
    chats::seed_chats(pool, scale).await?;
    moderation::seed_moderation(pool).await?;
    tracing::info!(?scale, "demo data loaded");
    Ok(())
}

/// `count` more vacancies made as the large set's are, for tests that
/// need a generated set of some size (after `seed`).
pub async fn more_vacancies(pool: &PgPool, count: usize) -> anyhow::Result<()> {
    jobs::seed_vacancies(pool, count).await
}

/// The demo administrator's authenticator, already set up with the
/// published key.
async fn seed_demo_admin_authenticator(state: &AppState) -> anyhow::Result<()> {
    sqlx::query!(
        "insert into admin_second_factors (user_id, secret, confirmed_at)
         select id, $2, now() from users where email = $1
         on conflict (user_id) do nothing",
        DEMO_ACCOUNTS[2].0,
        state.cipher.encrypt(DEMO_ADMIN_AUTHENTICATOR_KEY),
    )
    .execute(&state.pool)
    .await?;
    Ok(())
}

/// A complete profile for the demo job seeker, so a first visit shows one.
async fn seed_demo_candidate_profile(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::query!(
        r#"insert into candidate_profiles
              (user_id, first_name, last_name, headline, summary, phone, current_title,
               current_company, industry_id, years_of_experience, seniority, country, region, city,
               willing_to_relocate, employment_types, remote_preference, salary_min_minor,
               salary_max_minor, salary_currency, salary_period, notice_period_days, linkedin_url)
           select u.id, 'Amara', 'Okafor', 'Head of finance, 15 years in banking and fintech',
                  'I lead finance teams through growth: budgeting, reporting and raising capital. '
                  || 'Most recently I built the finance function of a payments company from five to forty people.',
                  '+234 803 555 0142', 'Head of Finance', 'Lagos Growth Bank',
                  (select id from industries where slug = 'financial-services'), 15, 'director',
                  'Nigeria', 'Lagos', 'Ikeja', true, array['full_time', 'consulting'], 'hybrid',
                  4500000000, 6000000000, 'NGN', 'year', 60,
                  'https://www.linkedin.com/in/amara-okafor-demo'
             from users u where u.email = $1
           on conflict (user_id) do nothing"#,
        DEMO_ACCOUNTS[0].0
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// A verified company owned by the demo employer, with their photo; skipped
/// once they have one.
async fn seed_demo_company(state: &AppState) -> anyhow::Result<()> {
    let pool = &state.pool;
    let mut tx = pool.begin().await?;
    let Some((owner, id)) = demo_company(
        &mut tx,
        DEMO_ACCOUNTS[1].0,
        "technology",
        app::companies::db::CompanyDetails {
            name: "Kestrel Payments".into(),
            industry_id: None,
            company_size: "51-200".into(),
            headquarters: "Lagos, Nigeria".into(),
            website: Some("https://kestrel-payments.example.com".into()),
            email_domain: Some("kestrel-payments.example.com".into()),
            description: Some(
                "Kestrel builds payment rails for small businesses across West Africa. \
                 We hire engineers, finance and operations people who like hard problems."
                    .into(),
            ),
            linkedin_url: None,
        },
        app::companies::MemberDetails {
            first_name: "Tobi".into(),
            last_name: "Adeyemi".into(),
            job_title: "Head of Talent".into(),
            department: "People".into(),
        },
    )
    .await?
    else {
        return Ok(());
    };
    seed_demo_billing(state, &mut tx, id).await?;
    let photo = app::media::files::clean_image(
        &crate::demo_files::portrait_jpeg(256, 2),
        app::media::files::MAX_PHOTO_BYTES,
    )
    .map_err(|e| anyhow::anyhow!("the demo member photo: {e}"))?;
    let key = format!("members/{id}/{owner}/demo.{}", photo.extension);
    state.storage.put(&key, &photo.thumbnail).await?;
    app::companies::db::set_member_photo(&mut tx, owner, Some(&key), Some(photo.content_type))
        .await?;
    tx.commit().await?;
    // Their owner has looked at the demo job seeker, who sees it on /profile.
    let candidate =
        sqlx::query_scalar!("select id from users where email = $1", DEMO_ACCOUNTS[0].0)
            .fetch_one(pool)
            .await?;
    app::profiles::views::db::record(pool, candidate, owner, "search").await?;
    Ok(())
}

/// The verified company of the demo account `email`, in `industry` (a
/// slug), with the owner's details as a member; `None` when they have a
/// company already (the demo is loaded). The owner and the company.
async fn demo_company(
    tx: &mut sqlx::PgConnection,
    email: &str,
    industry: &str,
    mut details: app::companies::db::CompanyDetails,
    member: app::companies::MemberDetails,
) -> anyhow::Result<Option<(Uuid, Uuid)>> {
    let owner: Uuid = sqlx::query_scalar!("select id from users where email = $1", email)
        .fetch_one(&mut *tx)
        .await?;
    if app::companies::db::membership(&mut *tx, owner)
        .await?
        .is_some()
    {
        return Ok(None);
    }
    details.industry_id =
        sqlx::query_scalar!("select id from industries where slug = $1", industry)
            .fetch_optional(&mut *tx)
            .await?;
    let id = Uuid::now_v7();
    let slug =
        app::companies::db::free_slug(tx, &app::companies::rules::slugify(&details.name)).await?;
    app::companies::db::insert_company(tx, id, &slug, &details, owner).await?;
    sqlx::query!(
        r#"update companies set verification_status = 'verified', verified_at = now() where id = $1"#,
        id
    )
    .execute(&mut *tx)
    .await?;
    app::companies::db::save_member_details(&mut *tx, owner, &member).await?;
    Ok(Some((owner, id)))
}

/// Harmattan Logistics, on monthly Basic, whose renewal three days ago
/// was declined (its kept card declines every retry): its owner sees the
/// payment-due banner until they pay.
async fn seed_past_due_company(state: &AppState) -> anyhow::Result<()> {
    use app::billing::db::{NewInvoice, NewSubscription, issue, mark_paid, replace};
    use app::billing::rules::{Cycle, Status, plan_items};
    let mut tx = state.pool.begin().await?;
    let Some((owner, company_id)) = demo_company(
        &mut tx,
        DEMO_ACCOUNTS[3].0,
        "transportation-logistics",
        app::companies::db::CompanyDetails {
            name: "Harmattan Logistics".into(),
            industry_id: None,
            company_size: "11-50".into(),
            headquarters: "Kano, Nigeria".into(),
            website: Some("https://harmattan-logistics.example.com".into()),
            email_domain: Some("harmattan-logistics.example.com".into()),
            description: Some("Trucking and warehousing across the north of Nigeria.".into()),
            linkedin_url: None,
        },
        app::companies::MemberDetails {
            first_name: "Kemi".into(),
            last_name: "Bello".into(),
            job_title: "Operations Lead".into(),
            department: "Operations".into(),
        },
    )
    .await?
    else {
        return Ok(());
    };
    let now = time::OffsetDateTime::now_utc();
    let due = now - time::Duration::days(3);
    // Last month, paid.
    let last_month = due - time::Duration::days(30);
    replace(
        &mut tx,
        &NewSubscription {
            payer: app::billing::Payer::Company(company_id),
            plan_code: "basic",
            version: None,
            cycle: Cycle::Monthly,
            status: Status::Active,
            start: last_month,
            end: due,
        },
    )
    .await?;
    let items = plan_items("Basic", Cycle::Monthly, 5_000_000, None);
    let invoice = issue(
        &mut tx,
        &NewInvoice {
            payer: app::billing::Payer::Company(company_id),
            subscription_id: None,
            lines: &items,
            seller: &state.config.seller,
            issued_at: last_month,
            due_at: last_month,
        },
    )
    .await?;
    mark_paid(&mut *tx, invoice, last_month).await?;
    app::billing::payments::keep_card(
        &mut tx,
        app::billing::Payer::Company(company_id),
        "test",
        &app::billing::gateway::Card {
            token: format!("{}demo", app::billing::gateway::testing::DECLINING_TOKEN),
            brand: Some("Visa".into()),
            last4: Some("0002".into()),
        },
    )
    .await?;
    // This month's renewal: declined.
    replace(
        &mut tx,
        &NewSubscription {
            payer: app::billing::Payer::Company(company_id),
            plan_code: "basic",
            version: None,
            cycle: Cycle::Monthly,
            status: Status::PastDue,
            start: due,
            end: Cycle::Monthly.period_end(due),
        },
    )
    .await?;
    let quote = app::billing::payments::quote(&mut tx, company_id, "basic", Cycle::Monthly, now)
        .await?
        .map_err(anyhow::Error::msg)?;
    let (payment, _) = app::billing::payments::start(
        &mut tx,
        app::billing::Payer::Company(company_id),
        "test",
        &quote,
        Some(owner),
        None,
    )
    .await?;
    app::billing::payments::fail(
        &mut tx,
        payment,
        "Your card was declined by your bank.",
        due,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Baobab Bank, on an Enterprise agreement of its own: a monthly price
/// agreed with it, no limits and every feature.
async fn seed_enterprise_company(state: &AppState) -> anyhow::Result<()> {
    use app::billing::db::{NewSubscription, replace};
    use app::billing::rules::{Cycle, Status};
    let mut tx = state.pool.begin().await?;
    let Some((_, company_id)) = demo_company(
        &mut tx,
        DEMO_ACCOUNTS[4].0,
        "financial-services",
        app::companies::db::CompanyDetails {
            name: "Baobab Bank".into(),
            industry_id: None,
            company_size: "500+".into(),
            headquarters: "Lagos, Nigeria".into(),
            website: Some("https://baobab-bank.example.com".into()),
            email_domain: Some("baobab-bank.example.com".into()),
            description: Some(
                "A commercial bank with branches in every state, hiring across technology, \
                 risk and operations."
                    .into(),
            ),
            linkedin_url: None,
        },
        app::companies::MemberDetails {
            first_name: "Chioma".into(),
            last_name: "Okafor".into(),
            job_title: "Senior Recruiter".into(),
            department: "Human Resources".into(),
        },
    )
    .await?
    else {
        return Ok(());
    };
    let agreement = Uuid::now_v7();
    sqlx::query!(
        "insert into plan_versions (id, plan_code, version, company_id, monthly_price, features,
                                    support_level)
         select $1, 'enterprise', max(version) + 1, $2, 120000000,
                '{all_features,dedicated_account_manager}', 'priority'
           from plan_versions where plan_code = 'enterprise'",
        agreement,
        company_id
    )
    .execute(&mut *tx)
    .await?;
    let now = time::OffsetDateTime::now_utc();
    let start = now - time::Duration::days(12);
    replace(
        &mut tx,
        &NewSubscription {
            payer: app::billing::Payer::Company(company_id),
            plan_code: "enterprise",
            version: Some(agreement),
            cycle: Cycle::Monthly,
            status: Status::Active,
            start,
            end: Cycle::Monthly.period_end(start),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The demo company is on Basic, paid monthly, two thirds through the
/// month, with the last two months' invoices paid.
async fn seed_demo_billing(
    state: &AppState,
    tx: &mut sqlx::PgConnection,
    company_id: Uuid,
) -> anyhow::Result<()> {
    use app::billing::db::{NewInvoice, NewSubscription, issue, mark_paid, replace};
    let now = time::OffsetDateTime::now_utc();
    let subscription_id = replace(
        tx,
        &NewSubscription {
            payer: app::billing::Payer::Company(company_id),
            plan_code: "basic",
            version: None,
            cycle: app::billing::rules::Cycle::Monthly,
            status: app::billing::rules::Status::Active,
            start: now - time::Duration::days(20),
            end: now + time::Duration::days(10),
        },
    )
    .await?;
    let basic_month = app::billing::rules::plan_items(
        "Basic",
        app::billing::rules::Cycle::Monthly,
        5_000_000,
        None,
    );
    for days_ago in [50, 20] {
        let issued_at = now - time::Duration::days(days_ago);
        let invoice = issue(
            tx,
            &NewInvoice {
                payer: app::billing::Payer::Company(company_id),
                subscription_id: Some(subscription_id),
                lines: &basic_month,
                seller: &state.config.seller,
                issued_at,
                due_at: issued_at,
            },
        )
        .await?;
        mark_paid(&mut *tx, invoice, issued_at).await?;
    }
    // The card its renewals are charged to (the test gateway's).
    app::billing::payments::keep_card(
        tx,
        app::billing::Payer::Company(company_id),
        "test",
        &app::billing::gateway::Card {
            token: "test_card_demo".into(),
            brand: Some("Visa".into()),
            last4: Some("4242".into()),
        },
    )
    .await?;
    Ok(())
}

/// Work history, education, skills, a reference, a photo and a résumé for
/// the demo job seeker; skipped when they already have any work history.
async fn seed_demo_candidate_sections(state: &AppState) -> anyhow::Result<()> {
    use app::profiles::sections::db as sections;
    use time::macros::date;
    let pool = &state.pool;
    let user_id: Uuid =
        sqlx::query_scalar!("select id from users where email = $1", DEMO_ACCOUNTS[0].0)
            .fetch_one(pool)
            .await?;
    let has_work = sqlx::query_scalar!(
        r#"select exists(select 1 from work_history where user_id = $1) as "has!""#,
        user_id
    )
    .fetch_one(pool)
    .await?;
    if has_work {
        return Ok(());
    }
    let jobs = [
        (
            "Lagos Growth Bank",
            "Head of Finance",
            date!(2019 - 04 - 01),
            None,
            "Built the finance function of the bank's payments arm from five to forty people.",
            vec![
                "Raised ₦12bn in a Series B".to_string(),
                "Cut month-end close from 12 to 4 days".to_string(),
            ],
            Some(40),
        ),
        (
            "PayRiver",
            "Financial Controller",
            date!(2014 - 02 - 01),
            Some(date!(2019 - 03 - 01)),
            "Owned reporting, audit and treasury for a fast-growing fintech.",
            vec!["First clean audit in the company's history".to_string()],
            Some(8),
        ),
        (
            "KPMG Nigeria",
            "Senior Associate, Audit",
            date!(2010 - 09 - 01),
            Some(date!(2014 - 01 - 01)),
            "Audited banks and insurers.",
            vec![],
            None,
        ),
    ];
    for (company, title, start, end, description, achievements, team) in jobs {
        let work = sections::Work {
            company_name: company.into(),
            job_title: title.into(),
            employment_type: "full_time".into(),
            location: Some("Lagos".into()),
            start,
            end,
            is_current: end.is_none(),
            description: Some(description.into()),
            achievements,
            team_size: team,
        };
        sections::save_work(pool, user_id, None, &work).await?;
    }
    let education = sections::Education {
        institution: "University of Lagos".into(),
        degree_type: "bachelor".into(),
        field_of_study: "Accounting".into(),
        start_year: 2005,
        end_year: Some(2009),
        grade: Some("First class".into()),
    };
    sections::save_education(pool, user_id, None, &education).await?;
    let certification = sections::Certification {
        name: "Chartered Accountant (ACA)".into(),
        issuer: "ICAN".into(),
        issued: date!(2012 - 06 - 01),
        expires: None,
        credential_id: Some("ICAN-48213".into()),
        credential_url: None,
    };
    sections::save_certification(pool, user_id, None, &certification).await?;
    for (name, proficiency, years, primary) in [
        ("Financial Modeling", "expert", 12, true),
        ("Financial Reporting", "expert", 15, true),
        ("Budgeting", "expert", 12, false),
        ("Microsoft Excel", "expert", 15, false),
        ("SQL", "intermediate", 4, false),
        ("Team Leadership", "expert", 8, false),
    ] {
        let mut conn = pool.acquire().await?;
        let skill_id = sections::resolve_skill(&mut conn, name).await?;
        let skill = sections::Skill {
            skill_id,
            proficiency: proficiency.into(),
            years: Some(years),
            is_primary: primary,
        };
        sections::add_skill(&mut *conn, user_id, &skill).await?;
    }
    for (name, email, company, title, relationship) in [
        (
            "Tunde Bakare",
            "tunde.bakare@example.com",
            "PayRiver",
            "Chief Executive",
            "manager",
        ),
        (
            "Ngozi Eze",
            "ngozi.eze@example.com",
            "Lagos Growth Bank",
            "Chief Risk Officer",
            "colleague",
        ),
    ] {
        let reference = sections::Reference {
            name: name.into(),
            email: email.into(),
            phone: None,
            company: Some(company.into()),
            job_title: Some(title.into()),
            relationship: relationship.into(),
            permission_to_contact: true,
        };
        sections::save_reference(pool, &state.cipher, user_id, None, &reference).await?;
    }
    let failed = |e: app::error::AppError| anyhow::anyhow!("demo file refused: {e}");
    app::media::api::add_photo(state, user_id, crate::demo_files::portrait_jpeg(512, 0))
        .await
        .map_err(failed)?;
    let resume = crate::demo_files::resume_pdf(&[
        "Amara Okafor",
        "candidate@example.com | +234 803 555 0142",
        "Head of Finance",
        "Lagos Growth Bank, 2019 - present",
        "Financial Controller",
        "PayRiver, 2014 - 2019",
        "Financial modelling, budgeting, IFRS reporting, Excel, SQL and Python.",
    ]);
    app::media::api::add_resume(state, user_id, "Amara Okafor - CV.pdf", resume)
        .await
        .map_err(failed)?;
    Ok(())
}

async fn seed_demo_accounts(pool: &PgPool, password_hash: &str) -> anyhow::Result<()> {
    for (email, account_type) in DEMO_ACCOUNTS {
        let mut tx = pool.begin().await?;
        let exists = sqlx::query_scalar!(
            r#"select exists(select 1 from users where lower(email) = $1) as "exists!""#,
            email
        )
        .fetch_one(&mut *tx)
        .await?;
        if !exists {
            insert_user(
                &mut tx,
                &NewUser {
                    id: Uuid::now_v7(),
                    email,
                    password_hash,
                    account_type,
                    status: "active",
                    email_verified_at: Some(OffsetDateTime::now_utc()),
                    terms_version: TERMS_VERSION,
                    marketing_consent: false,
                    admin_role: (account_type == AccountType::Admin)
                        .then_some(app::auth::rules::AdminRole::SuperAdmin),
                    timezone: DEMO_TIME_ZONE,
                },
            )
            .await
            .with_context(|| format!("creating demo account {email}"))?;
        }
        tx.commit().await?;
    }
    Ok(())
}

/// Inserts `count` generated people of one account type in batches, with
/// deterministic emails so a second run inserts nothing.
async fn seed_people(
    pool: &PgPool,
    password_hash: &str,
    account_type: AccountType,
    count: usize,
) -> anyhow::Result<()> {
    const BATCH: usize = 5_000;
    let mut rng = StdRng::seed_from_u64(match account_type {
        AccountType::Candidate => 1,
        AccountType::Employer => 2,
        AccountType::Admin => 3,
    });
    let now = OffsetDateTime::now_utc();
    let domain = match account_type {
        AccountType::Employer => "hiring.example.net",
        _ => "example.org",
    };
    for start in (0..count).step_by(BATCH) {
        let end = (start + BATCH).min(count);
        let mut ids = Vec::with_capacity(end - start);
        let mut emails = Vec::with_capacity(end - start);
        let mut statuses = Vec::with_capacity(end - start);
        let mut verified = Vec::with_capacity(end - start);
        let mut created = Vec::with_capacity(end - start);
        let (mut firsts, mut lasts, mut cities, mut countries) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for n in start..end {
            let first = FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())];
            let last = LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())];
            let local: String = format!("{first}.{last}")
                .to_lowercase()
                .chars()
                .map(|c| match c {
                    'ü' => 'u',
                    c if c.is_ascii_alphanumeric() || c == '.' => c,
                    _ => '-',
                })
                .collect();
            let (city, country) = CITIES[rng.gen_range(0..CITIES.len())];
            firsts.push(first.to_string());
            lasts.push(last.to_string());
            cities.push(city.to_string());
            countries.push(country.to_string());
            let created_at = now - Duration::minutes(rng.gen_range(60..60 * 24 * 365));
            let is_verified = rng.gen_bool(0.85);
            ids.push(Uuid::now_v7());
            emails.push(format!("{local}.{n}@{domain}"));
            statuses.push(if is_verified { "active" } else { "pending" }.to_string());
            verified
                .push(is_verified.then(|| created_at + Duration::minutes(rng.gen_range(2..600))));
            created.push(created_at);
        }
        let mut tx = pool.begin().await?;
        sqlx::query!(
            r#"with new_users as (
                 insert into users (id, email, password_hash, account_type, status,
                                    email_verified_at, terms_accepted_at, terms_version, created_at)
                 select id, email, $3, $4, status, verified, created, $5, created
                   from unnest($1::uuid[], $2::text[], $6::text[], $7::timestamptz[], $8::timestamptz[])
                        as t(id, email, status, verified, created)
                 on conflict ((lower(email))) do nothing
                 returning id
               )
               insert into user_settings (user_id) select id from new_users"#,
            &ids,
            &emails,
            password_hash,
            account_type.as_str(),
            TERMS_VERSION,
            &statuses,
            &verified as &[Option<OffsetDateTime>],
            &created,
        )
        .execute(&mut *tx)
        .await?;
        if account_type == AccountType::Candidate {
            sqlx::query!(
                "insert into candidate_profiles (user_id, first_name, last_name, city, country)
                 select u.id, t.first_name, t.last_name, t.city, t.country
                   from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
                        as t(email, first_name, last_name, city, country)
                   join users u on lower(u.email) = t.email
                 on conflict (user_id) do nothing",
                &emails,
                &firsts,
                &lasts,
                &cities,
                &countries,
            )
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}
