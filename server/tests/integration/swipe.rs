//! The swipe deck: cards are never shown twice, swipes are recorded once,
//! undo works for ten seconds, super-likes stop at the plan's limit,
//! filters narrow the deck and blocked companies never appear.

use crate::common::{Client, TestApp};
use crate::vacancies::{change, create, vacancy_form};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

/// An employer of `company` with open vacancies of these titles: their ids.
async fn vacancies(app: &TestApp, email: &str, company: &str, titles: &[&str]) -> Vec<String> {
    let mut hr = app.employer_of(email, company, "").await;
    let mut ids = Vec::new();
    for title in titles {
        let id = create(app, &mut hr, &vacancy_form(title)).await;
        let reply = change(&mut hr, &id, "publish").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        ids.push(id);
    }
    ids
}

pub(crate) async fn deck(client: &mut Client, exclude: &[&str]) -> Vec<String> {
    let form: Vec<(String, &str)> = exclude
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("exclude[{i}]"), *id))
        .collect();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let reply = client.call("swipe/deck", &form).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["vacancy_id"].as_str().unwrap().to_string())
        .collect()
}

pub(crate) async fn swipe(
    client: &mut Client,
    vacancy: &str,
    direction: &str,
) -> crate::common::Reply {
    client
        .call(
            "swipe/swipe",
            &[("vacancy_id", vacancy), ("direction", direction)],
        )
        .await
}

pub(crate) async fn add_skill(client: &mut Client, name: &str) {
    let skill = [
        ("id", ""),
        ("skill_name", name),
        ("proficiency", "expert"),
        ("years", ""),
    ];
    let reply = client.call("profile/skill", &skill).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn no_card_is_shown_twice(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = vacancies(
        &app,
        "hr@acme.example.com",
        "Acme Bank",
        &["Data Analyst", "Data Engineer", "Risk Analyst"],
    )
    .await;
    let mut ada = app.registered("ada@example.com", "candidate").await;

    let first = deck(&mut ada, &[]).await;
    assert_eq!(first.len(), 3);
    let mut seen = Vec::new();
    for (card, direction) in first.iter().zip(["left", "right", "super"]) {
        let reply = swipe(&mut ada, card, direction).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        seen.push(card.clone());
        let rest = deck(&mut ada, &[]).await;
        assert!(
            rest.iter().all(|c| !seen.contains(c)),
            "{rest:?} repeats {seen:?}"
        );
    }
    assert!(deck(&mut ada, &[]).await.is_empty());
    // Cards the page still holds are left out of a top-up.
    let mut ben = app.registered("ben@example.com", "candidate").await;
    assert_eq!(
        deck(&mut ben, &[&ids[0], &ids[1]]).await,
        vec![ids[2].clone()]
    );

    // The counters and the likes' saves.
    assert_eq!(
        count(&app, "select sum(left_swipes_count)::bigint from vacancies").await,
        1
    );
    assert_eq!(
        count(
            &app,
            "select sum(right_swipes_count)::bigint from vacancies"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "select sum(super_likes_count)::bigint from vacancies").await,
        1
    );
    assert_eq!(count(&app, "select count(*) from saved_vacancies").await, 2);
    assert_eq!(
        count(&app, "select sum(saves_count)::bigint from vacancies").await,
        2
    );
    let positions: Vec<i32> =
        sqlx::query_scalar("select position from vacancy_swipes order by created_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(positions, vec![1, 2, 3]);
    let stats = ada.call("swipe/deck", &[]).await.json()["stats"].clone();
    assert_eq!(
        stats,
        serde_json::json!({"today": 3, "last_7_days": 3, "like_rate": 67})
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn twenty_identical_swipes_at_once_make_one(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = vacancies(&app, "hr@acme.example.com", "Acme Bank", &["Data Analyst"]).await;
    let ada = app.registered("ada@example.com", "candidate").await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let mut client = ada.clone();
        let id = ids[0].clone();
        tasks.push(tokio::spawn(async move {
            swipe(&mut client, &id, "right").await
        }));
    }
    for task in tasks {
        let reply = task.await.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert_eq!(count(&app, "select count(*) from vacancy_swipes").await, 1);
    assert_eq!(
        count(&app, "select right_swipes_count::bigint from vacancies").await,
        1
    );
    assert_eq!(
        count(&app, "select saves_count::bigint from vacancies").await,
        1
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_last_swipe_can_be_undone_for_ten_seconds(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = vacancies(
        &app,
        "hr@acme.example.com",
        "Acme Bank",
        &["Data Analyst", "Data Engineer"],
    )
    .await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    // Saved by hand before: undoing the like must keep that save.
    ada.call("saved/save", &[("vacancy_id", &ids[1]), ("note", "mine")])
        .await;

    swipe(&mut ada, &ids[0], "right").await;
    let reply = ada.call("swipe/undo", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json(), ids[0].as_str());
    assert_eq!(count(&app, "select count(*) from vacancy_swipes").await, 0);
    assert_eq!(
        count(&app, "select count(*) from saved_vacancies where note = ''").await,
        0
    );
    assert_eq!(
        count(
            &app,
            "select sum(right_swipes_count)::bigint from vacancies"
        )
        .await,
        0
    );
    assert!(deck(&mut ada, &[]).await.contains(&ids[0]));

    swipe(&mut ada, &ids[1], "right").await;
    ada.call("swipe/undo", &[]).await;
    assert_eq!(
        count(
            &app,
            "select count(*) from saved_vacancies where note = 'mine'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "select sum(saves_count)::bigint from vacancies").await,
        1
    );

    // Eleven seconds later it stays.
    swipe(&mut ada, &ids[0], "left").await;
    sqlx::query("update vacancy_swipes set created_at = now() - interval '11 seconds'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(matches!(
        ada.call("swipe/undo", &[]).await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(count(&app, "select count(*) from vacancy_swipes").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn super_likes_stop_at_the_plan_limit(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = vacancies(
        &app,
        "hr@acme.example.com",
        "Acme Bank",
        &[
            "Data Analyst",
            "Data Engineer",
            "Risk Analyst",
            "Product Manager",
        ],
    )
    .await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    for id in &ids[..3] {
        let reply = swipe(&mut ada, id, "super").await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert!(matches!(
        swipe(&mut ada, &ids[3], "super").await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(
        ada.call("swipe/deck", &[]).await.json()["super_likes_left"],
        0
    );
    // A plan that allows more lets them through.
    sqlx::query("update plan_versions set super_likes_per_day = 4 where plan_code = 'free'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        swipe(&mut ada, &ids[3], "super").await.status,
        StatusCode::OK
    );
    assert_eq!(
        count(&app, "select sum(super_likes_count)::bigint from vacancies").await,
        4
    );
    // Counted as the month's use; an undone one is given back.
    let this_month = |ada: &Client| {
        let mut ada = ada.clone();
        async move { ada.call("plus", &[]).await.json()["this_month"]["super_likes"].clone() }
    };
    assert_eq!(this_month(&ada).await, 4);
    let undone = ada.call("swipe/undo", &[]).await;
    assert_eq!(undone.status, StatusCode::OK, "{}", undone.body);
    assert_eq!(this_month(&ada).await, 3);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn blocked_companies_and_closed_vacancies_never_appear(pool: PgPool) {
    let app = TestApp::new(pool);
    let acme = vacancies(&app, "hr@acme.example.com", "Acme Bank", &["Data Analyst"]).await;
    let mut hr = app.employer_of("hr@globex.example.com", "Globex", "").await;
    let globex = create(&app, &mut hr, &vacancy_form("Data Engineer")).await;
    change(&mut hr, &globex, "publish").await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    add_skill(&mut ada, "SQL").await;
    ada.call("privacy/block", &[("company", "acme bank")]).await;
    ada.call("privacy/confidential/save", &[("enabled", "on")])
        .await;

    assert_eq!(deck(&mut ada, &[]).await, vec![globex.clone()]);
    assert!(matches!(
        swipe(&mut ada, &acme[0], "right").await.error(),
        AppError::Refused(_)
    ));

    change(&mut hr, &globex, "close").await;
    assert!(deck(&mut ada, &[]).await.is_empty());
    assert!(matches!(
        swipe(&mut ada, &globex, "right").await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(count(&app, "select count(*) from vacancy_swipes").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn skills_reach_past_the_newest_vacancies_while_they_are_open(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let analyst = create(&app, &mut hr, &vacancy_form("Data Analyst")).await;
    change(&mut hr, &analyst, "publish").await;
    // More newer vacancies than the deck takes whatever their skills, none
    // asking for the candidate's.
    let mut payroll = vacancy_form("Payroll Specialist");
    for (name, value) in payroll.iter_mut() {
        match *name {
            "required_skills" => *value = "Payroll",
            "preferred_skills" => *value = "",
            _ => {}
        }
    }
    for _ in 0..24 {
        let id = create(&app, &mut hr, &payroll).await;
        change(&mut hr, &id, "publish").await;
    }
    sqlx::query(
        "update vacancies set published_at = now() - interval '20 days' where id = $1::uuid",
    )
    .bind(&analyst)
    .execute(&app.pool)
    .await
    .unwrap();
    let mut ada = app.registered("ada@example.com", "candidate").await;
    add_skill(&mut ada, "SQL").await;

    // The oldest vacancy is the best match, so it comes first.
    assert_eq!(deck(&mut ada, &[]).await.first(), Some(&analyst));
    change(&mut hr, &analyst, "pause").await;
    assert!(!deck(&mut ada, &[]).await.contains(&analyst));
    change(&mut hr, &analyst, "resume").await;
    assert_eq!(deck(&mut ada, &[]).await.first(), Some(&analyst));
    // Saving the open vacancy writes its skills again; it stays in the deck.
    let mut fields = vec![("id", analyst.as_str())];
    fields.extend_from_slice(&vacancy_form("Senior Data Analyst"));
    let reply = hr.call("employer/vacancy/save", &fields).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(deck(&mut ada, &[]).await.first(), Some(&analyst));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn filters_narrow_the_deck_and_bad_ones_are_refused(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = vacancies(&app, "hr@acme.example.com", "Acme Bank", &["Data Analyst"]).await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    // The vacancy is hybrid, in Lagos, paid in NGN.
    let reply = ada
        .call("swipe/filters", &[("remote_options[0]", "remote")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(deck(&mut ada, &[]).await.is_empty());
    ada.call(
        "swipe/filters",
        &[
            ("remote_options[1]", "hybrid"),
            ("locations", "lagos"),
            ("min_salary", "1000"),
            ("currency", "NGN"),
        ],
    )
    .await;
    assert_eq!(deck(&mut ada, &[]).await, ids);
    ada.call("swipe/filters", &[("locations", "Nairobi")]).await;
    assert!(deck(&mut ada, &[]).await.is_empty());

    let AppError::Validation(errors) = ada
        .call(
            "swipe/filters",
            &[("remote_options[0]", "moon"), ("min_salary", "lots")],
        )
        .await
        .error()
    else {
        panic!("a validation error");
    };
    assert_eq!(errors.len(), 2);
    // The failed save left the last good filters alone.
    let filters = ada.call("swipe/deck", &[]).await.json()["filters"].clone();
    assert_eq!(filters["locations"], serde_json::json!(["Nairobi"]));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_candidates_swipe(pool: PgPool) {
    let app = TestApp::new(pool);
    let ids = vacancies(&app, "hr@acme.example.com", "Acme Bank", &["Data Analyst"]).await;
    let mut hr = app.employer_of("hr@globex.example.com", "Globex", "").await;
    let mut anonymous = app.client();
    for (client, error) in [
        (&mut hr, AppError::Forbidden),
        (&mut anonymous, AppError::Unauthenticated),
    ] {
        assert_eq!(client.call("swipe/deck", &[]).await.error(), error);
        assert_eq!(swipe(client, &ids[0], "right").await.error(), error);
        assert_eq!(client.call("swipe/undo", &[]).await.error(), error);
        assert_eq!(client.call("swipe/filters", &[]).await.error(), error);
    }
    assert_eq!(count(&app, "select count(*) from vacancy_swipes").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn employers_see_super_likes_only_from_visible_unblocking_candidates(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = create(&app, &mut hr, &vacancy_form("Data Analyst")).await;
    change(&mut hr, &id, "publish").await;
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut ben = app.registered("ben@example.com", "candidate").await;
    let mut cat = app.registered("cat@example.com", "candidate").await;
    let mut dan = app.registered("dan@example.com", "candidate").await;
    // Ben keeps his profile private; Cat hides from Acme in confidential mode.
    ben.call("settings/privacy", &[("profile_visibility", "private")])
        .await;
    cat.call("privacy/block", &[("company", "acme bank")]).await;
    cat.call("privacy/confidential/save", &[("enabled", "on")])
        .await;
    for client in [&mut ada, &mut ben, &mut dan] {
        assert_eq!(swipe(client, &id, "super").await.status, StatusCode::OK);
    }
    swipe(&mut dan, &id, "left").await; // already swiped: changes nothing
    // Cat cannot see Acme's card, so she cannot super-like it either.
    assert!(matches!(
        swipe(&mut cat, &id, "super").await.error(),
        AppError::Refused(_)
    ));

    let listed = hr
        .call("swipe/super-likers", &[("vacancy_id", &id)])
        .await
        .json();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["candidate_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{listed}");
    let ben_id: String =
        sqlx::query_scalar("select id::text from users where email = 'ben@example.com'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(!ids.contains(&ben_id.as_str()));

    // The vacancy list counts every like, whoever made it.
    let list = hr
        .call("employer/vacancies", &[("status", "")])
        .await
        .json();
    assert_eq!(list["vacancies"][0]["likes_count"], 3);
    assert_eq!(list["vacancies"][0]["super_likes_count"], 3);
    assert_eq!(list["vacancies"][0]["like_rate"], 100);

    // Another company and a candidate learn nothing.
    let mut other = app.employer_of("hr@globex.example.com", "Globex", "").await;
    assert_eq!(
        other
            .call("swipe/super-likers", &[("vacancy_id", &id)])
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        ada.call("swipe/super-likers", &[("vacancy_id", &id)])
            .await
            .error(),
        AppError::Forbidden
    );
}
