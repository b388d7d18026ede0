//! Talent search: who is found (and never found), what a result shows, the
//! hourly limit, and saved professionals shared inside one team only.

use crate::applications::open_vacancy;
use crate::common::{Client, TestApp};
use app::error::AppError;
use sqlx::PgPool;
use uuid::Uuid;

/// A job seeker with a profile companies may see, a job and a skill, all
/// entered through the site.
pub(crate) async fn professional(
    app: &TestApp,
    email: &str,
    first: &str,
    title: &str,
    skill: &str,
) -> (Client, Uuid) {
    let mut client = app.registered(email, "candidate").await;
    client
        .call("settings/privacy", &[("profile_visibility", "network")])
        .await;
    let id: Uuid = sqlx::query_scalar("select id from users where email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into candidate_profiles (user_id, first_name, last_name, headline, phone)
         values ($1, $2, 'Okafor', $3, '+234 801 000 0000')
         on conflict (user_id) do update
             set first_name = excluded.first_name, last_name = excluded.last_name,
                 headline = excluded.headline, phone = excluded.phone",
    )
    .bind(id)
    .bind(first)
    .bind(format!("{title}, ten years"))
    .execute(&app.pool)
    .await
    .unwrap();
    let work = client
        .call(
            "profile/work",
            &[
                ("id", ""),
                ("company_name", "Harbour Logistics"),
                ("job_title", title),
                ("employment_type", "full_time"),
                ("location", "Lagos"),
                ("start", "2019-03"),
                ("end", ""),
                ("is_current", "on"),
                ("description", "Built the reconciliation platform."),
                ("achievements", ""),
                ("team_size", ""),
            ],
        )
        .await;
    assert!(work.status.is_success(), "{}", work.body);
    let skill = client
        .call(
            "profile/skill",
            &[
                ("id", ""),
                ("skill_name", skill),
                ("proficiency", "expert"),
                ("years", "5"),
                ("is_primary", "on"),
            ],
        )
        .await;
    assert!(skill.status.is_success(), "{}", skill.body);
    (client, id)
}

pub(crate) async fn search(hr: &mut Client, pairs: &[(&str, &str)]) -> serde_json::Value {
    let form: Vec<(String, &str)> = pairs
        .iter()
        .map(|(name, value)| (format!("query[{name}]"), *value))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    let reply = hr.call("company/talent/search", &form).await;
    assert!(reply.status.is_success(), "{} {}", reply.status, reply.body);
    reply.json()
}

pub(crate) fn names(found: &serde_json::Value) -> Vec<String> {
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_search_finds_by_title_skill_and_history_and_forgives_a_typo(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    professional(&app, "ada@example.com", "Ada", "Treasury Analyst", "Rust").await;
    professional(
        &app,
        "ben@example.com",
        "Ben",
        "Finance Director",
        "PostgreSQL",
    )
    .await;

    assert_eq!(
        names(&search(&mut hr, &[("q", "treasury")]).await),
        ["Ada Okafor"]
    );
    // Work history is searched too: both built the reconciliation platform.
    assert_eq!(
        search(&mut hr, &[("q", "reconciliation")]).await["total"],
        2
    );
    assert_eq!(
        names(&search(&mut hr, &[("skills", "PostgreSQL")]).await),
        ["Ben Okafor"]
    );
    // A skill nobody has, and a skill that is not one: nobody.
    assert_eq!(
        search(&mut hr, &[("skills", "Rust, PostgreSQL")]).await["total"],
        0
    );
    assert_eq!(
        search(&mut hr, &[("skills", "Underwater basket")]).await["total"],
        0
    );
    // A typo in the title still finds her, and says so.
    let typo = search(&mut hr, &[("q", "tresury analist")]).await;
    assert_eq!(names(&typo), ["Ada Okafor"]);
    assert_eq!(typo["looks_like"], true);
    // A result never carries an email address or phone number.
    let all = search(&mut hr, &[]).await;
    let text = all.to_string();
    assert!(!text.contains("ada@example.com") && !text.contains("801 000"));
    // What cannot be read is named and left out.
    let bad = search(&mut hr, &[("years", "lots")]).await;
    assert_eq!(bad["problems"][0][0], "years");
    assert_eq!(bad["total"], 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn private_and_hiding_people_are_never_found_or_saved(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, ada_id) =
        professional(&app, "ada@example.com", "Ada", "Treasury Analyst", "Rust").await;
    let (mut ben, ben_id) =
        professional(&app, "ben@example.com", "Ben", "Treasury Lead", "Rust").await;
    assert_eq!(search(&mut hr, &[("q", "treasury")]).await["total"], 2);

    ada.call("settings/privacy", &[("profile_visibility", "private")])
        .await;
    ben.call("privacy/confidential", &[("on", "true")]).await;
    sqlx::query(
        "insert into candidate_blocked_companies (id, user_id, company_id)
         select gen_random_uuid(), $1, company_id from company_members limit 1",
    )
    .bind(ben_id)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("update user_settings set confidential_mode = true where user_id = $1")
        .bind(ben_id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(search(&mut hr, &[("q", "treasury")]).await["total"], 0);
    // Nor can they be saved by a direct call.
    for id in [ada_id, ben_id] {
        let reply = hr
            .call(
                "company/talent/save",
                &[("professional_id", &id.to_string()), ("note", "Strong")],
            )
            .await;
        assert_eq!(reply.error(), AppError::NotFound);
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn saved_people_are_shared_in_the_team_and_nowhere_else(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let mut teammate = app
        .join_company(&mut hr, "tolu@acme.example.com", "member")
        .await;
    let (_, ada_id) =
        professional(&app, "ada@example.com", "Ada", "Treasury Analyst", "Rust").await;
    let ada = ada_id.to_string();
    let saved = hr
        .call(
            "company/talent/save",
            &[
                ("professional_id", &ada),
                ("note", "Call before the board meeting"),
                ("tags", "treasury, Lagos, TREASURY"),
                ("back", "https://evil.example.com"),
            ],
        )
        .await;
    assert!(saved.status.is_success(), "{}", saved.body);
    // Saving again updates the note: one per member and person.
    hr.call(
        "company/talent/save",
        &[
            ("professional_id", &ada),
            ("note", "Call on Monday"),
            ("tags", "treasury"),
        ],
    )
    .await;
    let list = teammate.call("company/talent/saved", &[]).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["note"], "Call on Monday");
    assert_eq!(list[0]["mine"], false);
    let tagged = teammate
        .call("company/talent/saved", &[("tag", "treasury")])
        .await
        .json();
    assert_eq!(tagged.as_array().unwrap().len(), 1);
    assert!(
        search(&mut teammate, &[("q", "treasury")]).await["hits"][0]["saved"]
            .as_bool()
            .unwrap()
    );
    // The teammate cannot remove another's save.
    let removed = teammate
        .call("company/talent/unsave", &[("professional_id", &ada)])
        .await;
    assert_eq!(removed.error(), AppError::NotFound);

    // Another company sees none of it.
    let (mut other, _) = open_vacancy(&app, "hr@other.example.com", "Other Bank").await;
    let theirs = other.call("company/talent/saved", &[]).await.json();
    assert!(theirs.as_array().unwrap().is_empty());
    assert!(
        !search(&mut other, &[("q", "treasury")]).await["hits"][0]["saved"]
            .as_bool()
            .unwrap()
    );
    // A member whose team took introductions away cannot search or save.
    sqlx::query(
        "update company_members set can_send_introductions = false
          where user_id = (select id from users where email = 'tolu@acme.example.com')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let refused = teammate.call("company/talent/search", &[]).await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
    let refused = teammate.call("company/talent/saved", &[]).await;
    assert!(matches!(refused.error(), AppError::Refused(_)));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn searches_are_recorded_and_limited_per_hour(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    // The limit is the company's plan's: its agreement's, here.
    sqlx::query(
        "update plan_versions set talent_searches_per_hour = 3 where company_id is not null",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    for _ in 0..3 {
        search(&mut hr, &[("q", "treasury")]).await;
    }
    let reply = hr.call("company/talent/search", &[]).await;
    assert!(matches!(reply.error(), AppError::PlanLimit(_)));
    let recorded: i64 =
        sqlx::query_scalar("select count(*) from search_queries where kind = 'talent'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(recorded, 3);
    // Job seekers cannot search at all.
    let mut ada = app.registered("ada@example.com", "candidate").await;
    assert!(
        ada.call("company/talent/search", &[])
            .await
            .status
            .is_client_error()
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn people_rank_by_their_match_to_one_of_the_companys_open_vacancies(pool: PgPool) {
    let app = TestApp::new(pool);
    // The vacancy asks for SQL and Python, mid level, 2 to 5 years, Lagos.
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada_client, ada) =
        professional(&app, "ada@example.com", "Ada", "Data Analyst", "SQL").await;
    let python = ada_client
        .call(
            "profile/skill",
            &[
                ("id", ""),
                ("skill_name", "Python"),
                ("proficiency", "expert"),
                ("years", "3"),
            ],
        )
        .await;
    assert!(python.status.is_success(), "{}", python.body);
    let (_, ben) = professional(&app, "ben@example.com", "Ben", "Data Analyst", "Rust").await;
    // Both say enough to be scored; Ben signed in more recently.
    sqlx::query(
        "update candidate_profiles
            set seniority = 'mid', years_of_experience = 3, city = 'Lagos', country = 'Nigeria',
                remote_preference = 'hybrid'
          where user_id = any($1)",
    )
    .bind(vec![ada, ben])
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("update users set last_login_at = now() - case when id = $1 then interval '2 days' else interval '1 hour' end where id = any($2)")
        .bind(ada)
        .bind(vec![ada, ben])
        .execute(&app.pool)
        .await
        .unwrap();

    let plain = search(&mut hr, &[]).await;
    assert_eq!(
        names(&plain),
        ["Ben Okafor", "Ada Okafor"],
        "most recent first"
    );
    assert!(plain["hits"][0]["match_score"].is_null());
    assert_eq!(
        plain["vacancies"][0][1], "Data Analyst",
        "the form lists it"
    );

    let ranked = search(&mut hr, &[("vacancy", vacancy.as_str())]).await;
    assert_eq!(
        names(&ranked),
        ["Ada Okafor", "Ben Okafor"],
        "best match first"
    );
    let ada_score = ranked["hits"][0]["match_score"].as_u64().unwrap();
    let ben_score = ranked["hits"][1]["match_score"].as_u64().unwrap();
    assert!(ada_score > ben_score, "{ada_score} > {ben_score}");
    // Scores stay with another order.
    let active = search(
        &mut hr,
        &[("vacancy", vacancy.as_str()), ("sort", "active")],
    )
    .await;
    assert_eq!(names(&active), ["Ben Okafor", "Ada Okafor"]);
    assert_eq!(active["hits"][1]["match_score"], ada_score);

    // Another company's vacancy, or none, ranks nothing and says why.
    let (_, theirs) = open_vacancy(&app, "hr@globex.example.com", "Globex").await;
    for pairs in [vec![("vacancy", theirs.as_str())], vec![("sort", "match")]] {
        let refused = search(&mut hr, &pairs).await;
        assert_eq!(refused["problems"][0][0], "vacancy", "{pairs:?}");
        assert!(refused["hits"][0]["match_score"].is_null());
        assert_eq!(names(&refused), ["Ben Okafor", "Ada Okafor"]);
    }
}

/// The talent alerts a member was sent: (title, body, link).
async fn alerts(app: &TestApp) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "select title, body, link from notifications where kind = 'talent_alert' order by created_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

/// Makes every alert due now and queues them, with two workers at once.
async fn alerts_come_due(app: &TestApp) -> usize {
    sqlx::query("update saved_talent_searches set next_alert_at = now() where alert")
        .execute(&app.pool)
        .await
        .unwrap();
    let (a, b) = tokio::join!(
        app::talent::searches::queue_due_alerts(&app.pool),
        app::talent::searches::queue_due_alerts(&app.pool)
    );
    let queued = a.unwrap() + b.unwrap();
    app.run_jobs().await;
    queued
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_saved_search_alerts_once_a_day_of_people_who_newly_match(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    professional(&app, "ada@example.com", "Ada", "Treasury Analyst", "Rust").await;
    let save = |name: &'static str| {
        [
            ("search_name", name),
            ("alert", "on"),
            ("query[q]", "treasury"),
            ("query[page]", "3"),
        ]
    };
    let saved = hr
        .call("company/talent/searches/save", &save("Treasury people"))
        .await;
    assert!(saved.status.is_success(), "{}", saved.body);
    let again = hr
        .call("company/talent/searches/save", &save(" Treasury   people "))
        .await;
    assert!(again.error().field_message("search_name").is_some());
    let blank = hr.call("company/talent/searches/save", &save("  ")).await;
    assert!(blank.error().field_message("search_name").is_some());
    let list = hr.call("company/talent/searches", &[]).await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        list[0]["url"], "/talent?q=treasury",
        "kept without its page"
    );
    let id = list[0]["id"].as_str().unwrap().to_string();

    // Not due before a day has passed.
    assert_eq!(
        app::talent::searches::queue_due_alerts(&app.pool)
            .await
            .unwrap(),
        0
    );
    // Ada matched before the search was saved: not new. Ben joins later.
    assert_eq!(alerts_come_due(&app).await, 1, "queued once by two workers");
    assert_eq!(alerts(&app).await, []);
    let (mut ben, _) = professional(&app, "ben@example.com", "Ben", "Treasury Lead", "Go").await;
    professional(&app, "chi@example.com", "Chi", "Nurse", "Care").await;
    assert_eq!(alerts_come_due(&app).await, 1);
    assert_eq!(
        alerts(&app).await,
        [(
            "1 person new for “Treasury people”".to_string(),
            "Ben Okafor newly matches your search.".to_string(),
            "/talent?q=treasury".to_string()
        )]
    );
    // Ben changes his profile again: he was announced already.
    let edited = ben
        .call(
            "profile/skill",
            &[
                ("id", ""),
                ("skill_name", "SQL"),
                ("proficiency", "expert"),
                ("years", "2"),
            ],
        )
        .await;
    assert!(edited.status.is_success(), "{}", edited.body);
    alerts_come_due(&app).await;
    assert_eq!(alerts(&app).await.len(), 1);

    // Another company cannot touch it; its owner turns it off and deletes it.
    let (mut other, _) = open_vacancy(&app, "hr@globex.example.com", "Globex").await;
    for (endpoint, pairs) in [
        (
            "company/talent/searches/alert",
            vec![("id", id.as_str()), ("on", "")],
        ),
        ("company/talent/searches/delete", vec![("id", id.as_str())]),
    ] {
        assert_eq!(
            other.call(endpoint, &pairs).await.error(),
            AppError::NotFound
        );
    }
    assert_eq!(
        other.call("company/talent/searches", &[]).await.json(),
        serde_json::json!([])
    );
    let off = hr
        .call(
            "company/talent/searches/alert",
            &[("id", id.as_str()), ("on", "")],
        )
        .await;
    assert!(off.status.is_success(), "{}", off.body);
    assert_eq!(alerts_come_due(&app).await, 0, "no alert while it is off");
    let gone = hr
        .call("company/talent/searches/delete", &[("id", id.as_str())])
        .await;
    assert!(gone.status.is_success(), "{}", gone.body);
    assert_eq!(
        hr.call("company/talent/searches", &[]).await.json(),
        serde_json::json!([])
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_member_keeps_at_most_twenty_saved_searches(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let names: Vec<String> = (1..=21).map(|n| format!("Search {n}")).collect();
    for (n, name) in names.iter().enumerate() {
        let reply = hr
            .call(
                "company/talent/searches/save",
                &[("search_name", name.as_str()), ("query[q]", "finance")],
            )
            .await;
        assert_eq!(reply.status.is_success(), n < 20, "{name}: {}", reply.body);
    }
    let list = hr.call("company/talent/searches", &[]).await.json();
    assert_eq!(list.as_array().unwrap().len(), 20);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn place_activity_and_counts_hold_past_the_first_page(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (_, ada) = professional(&app, "ada@example.com", "Ada", "Treasury Analyst", "Rust").await;
    let (_, ben) = professional(&app, "ben@example.com", "Ben", "Finance Director", "Go").await;
    let place = "update candidate_profiles set city = $2, region = $3, country = 'Nigeria'
                               where user_id = $1";
    for (id, city, region) in [(ada, "Lagos", "Lagos"), (ben, "Port Harcourt", "Rivers")] {
        sqlx::query(place)
            .bind(id)
            .bind(city)
            .bind(region)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    // A place is a city, a region or a country.
    assert_eq!(
        names(&search(&mut hr, &[("location", "lagos")]).await),
        ["Ada Okafor"]
    );
    assert_eq!(
        names(&search(&mut hr, &[("location", "Rivers")]).await),
        ["Ben Okafor"]
    );
    assert_eq!(
        search(&mut hr, &[("location", "nigeria")]).await["total"],
        2
    );

    // Recently active: the last sign-in, or the sign-up of someone who
    // never came back.
    let active = async |last_login: &str, created: &str, id: Uuid| {
        sqlx::query(&format!(
            "update users set last_login_at = {last_login}, created_at = {created} where id = $1"
        ))
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    };
    active(
        "now() - interval '10 days'",
        "now() - interval '30 days'",
        ada,
    )
    .await;
    active("null", "now() - interval '1 day'", ben).await;
    let by_activity = [("sort", "active")];
    assert_eq!(
        names(&search(&mut hr, &by_activity).await),
        ["Ben Okafor", "Ada Okafor"]
    );
    active("now()", "now() - interval '30 days'", ada).await;
    assert_eq!(
        names(&search(&mut hr, &by_activity).await),
        ["Ada Okafor", "Ben Okafor"]
    );

    // Past the last page there is nobody, and the count still says how many.
    for sort in ["relevance", "active"] {
        let past = search(
            &mut hr,
            &[("q", "reconciliation"), ("sort", sort), ("page", "2")],
        )
        .await;
        assert_eq!(names(&past), Vec::<String>::new());
        assert_eq!(past["total"], 2, "{sort}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn verified_professionals_carry_a_badge_and_a_filter_finds_them(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_ada, ada) =
        professional(&app, "ada@example.com", "Ada", "Payments engineer", "Rust").await;
    professional(
        &app,
        "bola@example.com",
        "Bola",
        "Payments engineer",
        "Rust",
    )
    .await;
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let mut support = app.admin_as("support@example.com", "support").await;
    let ada = ada.to_string();
    let verify = |note: &'static str| {
        [
            ("user_id", ada.as_str()),
            ("verified", "true"),
            ("note", note),
        ]
    };

    // A note of how the check was made is needed.
    let short = support
        .call("admin/person/identity", &verify("ok"))
        .await
        .error();
    assert!(short.field_message("note").is_some());
    let pairs = verify("Passport seen on a video call.");
    let done = support.call("admin/person/identity", &pairs).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    let again = support.call("admin/person/identity", &pairs).await.error();
    assert!(matches!(again, AppError::Refused(_)), "{again:?}");
    // Only job seekers are verified.
    let hr_id = app.user_id("hr@acme.example.com").await.to_string();
    let employer = support
        .call(
            "admin/person/identity",
            &[
                ("user_id", hr_id.as_str()),
                ("verified", "true"),
                ("note", "Passport seen on a video call."),
            ],
        )
        .await
        .error();
    assert!(matches!(employer, AppError::Refused(_)), "{employer:?}");

    // The badge in results and on the profile; the filter keeps only them.
    let all = search(&mut hr, &[("q", "payments")]).await;
    let badges: Vec<(String, bool)> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["name"].as_str().unwrap().to_string(),
                h["identity_verified"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(
        badges.contains(&("Ada Okafor".into(), true))
            && badges.contains(&("Bola Okafor".into(), false))
    );
    assert_eq!(
        names(&search(&mut hr, &[("q", "payments"), ("verified", "1")]).await),
        ["Ada Okafor"]
    );
    let profile = hr
        .call("profile/public", &[("user_id", ada.as_str())])
        .await
        .json();
    assert_eq!(profile["identity_verified"], true);
    assert_eq!(app.audit_count("identity.verified").await, 1);

    // Withdrawn, the badge and the filter's match go at once.
    let withdrawn = support
        .call(
            "admin/person/identity",
            &[
                ("user_id", ada.as_str()),
                ("verified", "false"),
                ("note", ""),
            ],
        )
        .await;
    assert!(
        withdrawn.status.is_success() || withdrawn.status.is_redirection(),
        "{}",
        withdrawn.body
    );
    assert!(names(&search(&mut hr, &[("q", "payments"), ("verified", "1")]).await).is_empty());
}
