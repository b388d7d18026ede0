//! The operator's commands: creating an administrator and loading demo data.

use crate::common::{TestApp, authenticator_code};
use axum::http::StatusCode;
use server::operator::create_admin;
use server::seed::{self, DEMO_ACCOUNTS, DEMO_PASSWORD, Scale};
use sqlx::PgPool;

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn create_admin_makes_a_confirmed_administrator(pool: PgPool) {
    let app = TestApp::new(pool.clone());
    create_admin(&pool, "Boss@Example.com", "a strong 4 admin password")
        .await
        .unwrap();

    let mut client = app.client();
    let reply = client
        .login("boss@example.com", "a strong 4 admin password")
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Their first sign-in sets up an authenticator.
    let step = client.second_step().await;
    let key = step["SetUp"]["key"].as_str().unwrap().replace(' ', "");
    let reply = client.second_factor(&authenticator_code(&key, 0)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        client.call("admin/overview", &[]).await.status,
        StatusCode::OK
    );
    assert_eq!(app.audit_count("admin.created").await, 1);

    let duplicate = create_admin(&pool, "boss@EXAMPLE.com", "a strong 4 admin password").await;
    assert!(
        duplicate
            .unwrap_err()
            .to_string()
            .contains("already exists")
    );
    let weak = create_admin(&pool, "other@example.com", "short").await;
    assert!(weak.unwrap_err().to_string().contains("at least 10"));
    let bad_email = create_admin(&pool, "not an email", "a strong 4 admin password").await;
    assert!(bad_email.is_err());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn demo_data_loads_once_and_its_logins_work(pool: PgPool) {
    assert!(!seed::demo_present(&pool).await.unwrap());
    let app = TestApp::new(pool.clone());
    seed::seed(&app.state, Scale::Small).await.unwrap();
    let count = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from users")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let first = count().await;
    assert!(
        first > DEMO_ACCOUNTS.len() as i64,
        "generated people are there too"
    );
    let invoices = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from invoices")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let issued = invoices().await;
    seed::seed(&app.state, Scale::Small).await.unwrap();
    assert_eq!(count().await, first, "a second run adds nothing");
    assert_eq!(invoices().await, issued);
    // The seeded companies pay for Basic or Professional, with three paid
    // invoices each, and each year's numbers run without gaps to its counter.
    let paying: i64 = sqlx::query_scalar(
        "select count(*) from subscriptions s
           join plan_versions v on v.id = s.plan_version_id
          where s.ended_at is null and s.status = 'active'
            and v.plan_code in ('basic', 'professional')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(paying > 2, "{paying}");
    assert!(issued >= paying * 3, "{issued} invoices for {paying}");
    let gaps: i64 = sqlx::query_scalar(
        "select count(*) from document_numbers n
          where n.series = 'HW' and n.last_number <> (select count(*) from invoices i
                                   where split_part(i.number, '-', 2)::int = n.year)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(gaps, 0);
    // The demo employer keeps within its plan's open vacancies.
    let open: i64 = sqlx::query_scalar(
        "select count(*) from vacancies v join companies c on c.id = v.company_id
          where c.slug = 'kestrel-payments' and v.status = 'active'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(open, 4);
    assert!(seed::demo_present(&pool).await.unwrap());
    assert_eq!(
        app.stored_files().len(),
        4,
        "one photo, its thumbnail, one résumé, the employer's photo"
    );

    let mut demo = app.client();
    demo.login(DEMO_ACCOUNTS[0].0, DEMO_PASSWORD).await;
    let completeness = demo.call("profile/completeness", &[]).await.json();
    assert_eq!(completeness["score"], 100, "{completeness}");
    let mut employer = app.client();
    employer.login(DEMO_ACCOUNTS[1].0, DEMO_PASSWORD).await;
    let company = employer.call("company/mine", &[]).await.json();
    assert_eq!(company["company"]["my_role"], "Owner", "{company}");
    assert_eq!(company["company"]["verified"], true);
    let photo = company["company"]["my_photo_url"].as_str().unwrap();
    assert_eq!(employer.get(photo).await.status, StatusCode::OK);
    let views = demo.call("profile/views", &[]).await.json();
    assert_eq!(views["recent"][0]["company"], "Kestrel Payments", "{views}");
    // The demo administrator's authenticator has the published key.
    let mut admin = app.client();
    admin.login(DEMO_ACCOUNTS[2].0, DEMO_PASSWORD).await;
    assert_eq!(
        admin.second_step().await["Enter"]["email"],
        DEMO_ACCOUNTS[2].0
    );
    let code = authenticator_code(seed::DEMO_ADMIN_AUTHENTICATOR_KEY, 0);
    let reply = admin.second_factor(&code).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(admin.whoami().await.as_deref(), Some(DEMO_ACCOUNTS[2].0));

    // A living job board: the demo employer has a vacancy in every state,
    // applications sit in every stage, and the board finds open roles.
    let states: Vec<String> = sqlx::query_scalar(
        "select distinct v.status from vacancies v join companies c on c.id = v.company_id
          where c.slug = 'kestrel-payments' order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        states,
        ["active", "archived", "closed", "draft", "filled", "paused"]
    );
    let stages: i64 = sqlx::query_scalar("select count(distinct status) from applications")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stages, 7);
    let board = app
        .client()
        .call("jobs/search", &[("query[q]", "analyst")])
        .await
        .json();
    assert!(board["total"].as_i64().unwrap() > 0, "{board}");
    let tracker = demo.call("applications/mine", &[]).await.json();
    assert_eq!(
        tracker["applications"].as_array().unwrap().len(),
        2,
        "{tracker}"
    );
    let counted: i64 = sqlx::query_scalar(
        "select count(*) from vacancies v
          where applications_count <> (select count(*) from applications a where a.vacancy_id = v.id)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counted, 0, "counters match the rows");
    // Seeded job seekers have swiped, with counters to match; the demo job
    // seeker's deck is fresh.
    let (swipes, off): (i64, i64) = sqlx::query_as(
        "select (select count(*) from vacancy_swipes),
                (select count(*) from vacancies v
                  where left_swipes_count + right_swipes_count + super_likes_count
                        <> (select count(*) from vacancy_swipes s where s.vacancy_id = v.id))",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(swipes > 100, "{swipes} swipes");
    assert_eq!(off, 0, "swipe counters match the rows");
    let unsaved_likes: i64 = sqlx::query_scalar(
        "select count(*) from vacancy_swipes s
          where s.direction <> 'left'
            and not exists (select 1 from saved_vacancies v
                             where v.user_id = s.user_id and v.vacancy_id = s.vacancy_id)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(unsaved_likes, 0, "likes are saved");
    // About half the swipes are likes, spread over the vacancies: an
    // employer's list shows a like rate, not 0% everywhere.
    let (swiped, unliked): (i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where right_swipes_count + super_likes_count = 0)
           from vacancies where left_swipes_count + right_swipes_count + super_likes_count > 0",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        unliked * 4 < swiped,
        "{unliked} of {swiped} swiped vacancies liked by none"
    );
    // Every seeded job seeker has a role and skills to be matched on.
    let (untitled, unskilled): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where p.current_title is null),
                count(*) filter (where not exists
                    (select 1 from candidate_skills cs where cs.user_id = p.user_id))
           from candidate_profiles p join users u on u.id = p.user_id
          where u.email like '%@example.org'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((untitled, unskilled), (0, 0));
    let deck = demo.call("swipe/deck", &[]).await.json();
    assert!(!deck["cards"].as_array().unwrap().is_empty(), "{deck}");
    assert_eq!(deck["stats"]["last_7_days"], 0);
    for (email, _) in DEMO_ACCOUNTS {
        let reply = app.client().login(email, DEMO_PASSWORD).await;
        assert_eq!(reply.status, StatusCode::OK, "{email}: {}", reply.body);
    }
    let settings: i64 = sqlx::query_scalar("select count(*) from user_settings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(settings, first, "every account has its settings row");

    let (profiles, named): (i64, i64) = sqlx::query_as(
        "select count(*), count(*) filter (where first_name <> '' and city is not null)
           from candidate_profiles",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        profiles > 1 && profiles == named,
        "generated job seekers have names and a city"
    );
    let demo_title: String = sqlx::query_scalar(
        "select p.current_title from candidate_profiles p join users u on u.id = p.user_id
          where u.email = 'candidate@example.com'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(demo_title, "Head of Finance");
}
