//! Vacancies: writing, publishing with pay, the status machine and its
//! history, expiry, duplicating, and who may do any of it.

use crate::common::{Client, TestApp};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

/// A vacancy ready to publish, with `title`.
pub(crate) fn vacancy_form(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("title", title),
        (
            "description",
            "Own our reporting end to end and help every team decide with data.",
        ),
        ("responsibilities", "Build dashboards\n- Answer questions"),
        ("requirements", "SQL every day"),
        ("benefits", ""),
        ("preferred_qualifications", ""),
        ("seniority", "mid"),
        ("department", "Finance"),
        ("employment_type", "full_time"),
        ("work_schedule", ""),
        ("remote_option", "hybrid"),
        ("country", "Nigeria"),
        ("region", "Lagos"),
        ("city", "Lagos"),
        ("address", ""),
        ("salary_min", "850000"),
        ("salary_max", "1200000"),
        ("salary_currency", "NGN"),
        ("salary_period", "month"),
        ("years_min", "2"),
        ("years_max", "5"),
        ("education_required", ""),
        ("required_skills", "SQL, Python"),
        ("preferred_skills", "Tableau, sql"),
        ("application_deadline", ""),
        ("expected_start_date", ""),
    ]
}

/// Saves a new vacancy and returns its id.
pub(crate) async fn create(app: &TestApp, client: &mut Client, form: &[(&str, &str)]) -> String {
    let mut fields = vec![("id", "")];
    fields.extend_from_slice(form);
    let reply = client.call("employer/vacancy/save", &fields).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let id: uuid::Uuid =
        sqlx::query_scalar("select id from vacancies order by created_at desc limit 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    id.to_string()
}

async fn status_of(app: &TestApp, id: &str) -> String {
    sqlx::query_scalar("select status from vacancies where id = $1::uuid")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

pub(crate) async fn change(client: &mut Client, id: &str, action: &str) -> crate::common::Reply {
    client
        .call("employer/vacancy/status", &[("id", id), ("action", action)])
        .await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_vacancy_goes_from_draft_to_archive_with_its_history(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = create(&app, &mut hr, &vacancy_form("Data Analyst")).await;

    let editor = hr.call("employer/vacancy", &[("id", &id)]).await.json();
    assert_eq!(editor["status"], "Draft");
    assert_eq!(
        editor["form"]["responsibilities"],
        "Build dashboards\nAnswer questions"
    );
    assert_eq!(editor["form"]["salary_min"], "850,000");
    assert_eq!(editor["form"]["required_skills"], "Python, SQL");
    // A skill both required and preferred counts as required only.
    assert_eq!(editor["form"]["preferred_skills"], "Tableau");
    assert_eq!(editor["actions"], serde_json::json!(["Publish", "Archive"]));

    let reply = change(&mut hr, &id, "publish").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let row = sqlx::query!(
        r#"select slug, published_at, expires_at - published_at as "listed!"
             from vacancies where id = $1::uuid"#,
        id.parse::<uuid::Uuid>().unwrap()
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(row.slug.unwrap().starts_with("data-analyst-"));
    assert!(row.published_at.is_some());
    assert_eq!(row.listed.days, 30);

    // Publishing twice is not a move the machine has.
    assert!(matches!(
        change(&mut hr, &id, "publish").await.error(),
        AppError::Refused(_)
    ));
    for (action, status) in [
        ("pause", "paused"),
        ("resume", "active"),
        ("close", "closed"),
        ("archive", "archived"),
    ] {
        let reply = change(&mut hr, &id, action).await;
        assert_eq!(reply.status, StatusCode::OK, "{action}: {}", reply.body);
        assert_eq!(status_of(&app, &id).await, status);
    }
    let editor = hr.call("employer/vacancy", &[("id", &id)]).await.json();
    let moves: Vec<_> = editor["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["to"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(moves, ["Active", "Paused", "Active", "Closed", "Archived"]);
    assert_eq!(editor["history"][0]["by"], "hr@acme.example.com");
    assert_eq!(app.audit_count("vacancy.status_changed").await, 5);

    // An archived vacancy is kept as it was.
    let mut fields = vec![("id", id.as_str())];
    fields.extend(vacancy_form("Renamed"));
    assert!(matches!(
        hr.call("employer/vacancy/save", &fields).await.error(),
        AppError::Refused(_)
    ));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn publishing_needs_pay_a_description_and_a_place(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let mut bare: Vec<_> = vacancy_form("Analyst")
        .into_iter()
        .map(|(k, v)| match k {
            "title" | "employment_type" | "remote_option" | "salary_period" => (k, v),
            _ => (k, ""),
        })
        .collect();
    // A draft may be incomplete.
    let id = create(&app, &mut hr, &bare).await;
    let reply = change(&mut hr, &id, "publish").await;
    let AppError::Refused(message) = reply.error() else {
        panic!("{}", reply.body)
    };
    assert!(message.contains("salary"), "{message}");
    assert_eq!(status_of(&app, &id).await, "draft");

    // "Save and publish" shows each missing part by its field, and saves nothing.
    bare.insert(0, ("id", &id));
    bare.push(("publish", "1"));
    bare.retain(|(k, _)| *k != "title");
    bare.push(("title", "Senior Analyst"));
    let error = hr.call("employer/vacancy/save", &bare).await.error();
    for field in ["description", "salary_min", "city"] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }
    let title: String = sqlx::query_scalar("select title from vacancies")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Analyst");

    // Bad values are refused field by field.
    let mut wrong = vacancy_form("Analyst");
    for (k, v) in wrong.iter_mut() {
        match *k {
            "salary_min" => *v = "2000000",
            "years_max" => *v = "eighty",
            "remote_option" => *v = "no_preference",
            "salary_currency" => *v = "XXX",
            _ => {}
        }
    }
    let mut fields = vec![("id", "")];
    fields.extend(wrong);
    let error = hr.call("employer/vacancy/save", &fields).await.error();
    for field in [
        "salary_max",
        "years_max",
        "remote_option",
        "salary_currency",
    ] {
        assert!(error.field_message(field).is_some(), "{field}: {error:?}");
    }

    // With everything in place, one step saves and publishes.
    let mut ready = vec![("id", id.as_str()), ("publish", "1")];
    ready.extend(vacancy_form("Analyst"));
    let reply = hr.call("employer/vacancy/save", &ready).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(status_of(&app, &id).await, "active");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn expired_listings_are_closed_by_the_worker(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let old = create(&app, &mut hr, &vacancy_form("Old role")).await;
    let fresh = create(&app, &mut hr, &vacancy_form("Fresh role")).await;
    for id in [&old, &fresh] {
        change(&mut hr, id, "publish").await;
    }
    sqlx::query(
        "update vacancies set expires_at = now() - interval '1 minute' where id = $1::uuid",
    )
    .bind(&old)
    .execute(&app.pool)
    .await
    .unwrap();

    let closed = app::vacancies::db::close_expired_listings(&app.pool)
        .await
        .unwrap();
    assert_eq!(closed, 1);
    assert_eq!(status_of(&app, &old).await, "closed");
    assert_eq!(status_of(&app, &fresh).await, "active");
    assert_eq!(app.audit_count("vacancy.expired").await, 1);
    let editor = hr.call("employer/vacancy", &[("id", &old)]).await.json();
    let last = editor["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["to"], "Closed");
    assert_eq!(last["by"], serde_json::Value::Null);
    // Nothing left to close.
    assert_eq!(
        app::vacancies::db::close_expired_listings(&app.pool)
            .await
            .unwrap(),
        0
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_vacancy_is_duplicated_into_a_new_draft(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = create(&app, &mut hr, &vacancy_form("Data Analyst")).await;
    change(&mut hr, &id, "publish").await;
    let reply = hr.call("employer/vacancy/duplicate", &[("id", &id)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let list = hr
        .call("employer/vacancies", &[("status", "draft")])
        .await
        .json();
    let drafts = list["vacancies"].as_array().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0]["title"], "Copy of Data Analyst");
    let copy = drafts[0]["id"].as_str().unwrap();
    let editor = hr.call("employer/vacancy", &[("id", copy)]).await.json();
    assert_eq!(editor["form"]["required_skills"], "Python, SQL");
    assert_eq!(editor["slug"], serde_json::Value::Null);
    let counts = list["counts"].as_array().unwrap();
    assert_eq!(counts[0], serde_json::json!(["Draft", 1]));
    assert_eq!(counts[1], serde_json::json!(["Active", 1]));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_members_who_create_roles_touch_their_own_companys_vacancies(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut owner = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = create(&app, &mut owner, &vacancy_form("Data Analyst")).await;
    let mut member = app
        .join_company(&mut owner, "mo@acme.example.com", "member")
        .await;
    // Every role may create roles by default (seed 001); this member's
    // permission is taken away.
    sqlx::query(
        "update company_members set can_create_roles = false
          where user_id = (select id from users where email = 'mo@acme.example.com')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let mut rival = app
        .employer_of("hr@rival.example.com", "Rival Ltd", "")
        .await;
    let mut candidate = app.registered("ada@example.com", "candidate").await;
    let mut anonymous = app.client();

    let mut save = vec![("id", id.as_str())];
    save.extend(vacancy_form("Taken over"));
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("employer/vacancy", vec![("id", &id)]),
        ("employer/vacancy/save", save),
        (
            "employer/vacancy/status",
            vec![("id", &id), ("action", "publish")],
        ),
        ("employer/vacancy/duplicate", vec![("id", &id)]),
    ];
    for (endpoint, form) in &calls {
        // Another company's vacancy does not exist for them.
        assert_eq!(
            rival.call(endpoint, form).await.error(),
            AppError::NotFound,
            "{endpoint}"
        );
        // A plain member may look at the list but not write or change.
        assert_eq!(
            member.call(endpoint, form).await.error(),
            AppError::Forbidden,
            "{endpoint}"
        );
        assert_eq!(
            candidate.call(endpoint, form).await.error(),
            AppError::Forbidden,
            "{endpoint}"
        );
        assert_eq!(
            anonymous.call(endpoint, form).await.error(),
            AppError::Unauthenticated,
            "{endpoint}"
        );
    }
    let mut new = vec![("id", "")];
    new.extend(vacancy_form("Sneaky"));
    assert_eq!(
        member.call("employer/vacancy/save", &new).await.error(),
        AppError::Forbidden
    );

    // Lists show only one's own company.
    let mine = member
        .call("employer/vacancies", &[("status", "")])
        .await
        .json();
    assert_eq!(mine["may_create"], false);
    assert_eq!(mine["vacancies"].as_array().unwrap().len(), 1);
    let theirs = rival
        .call("employer/vacancies", &[("status", "")])
        .await
        .json();
    assert!(theirs["vacancies"].as_array().unwrap().is_empty());

    // Nothing changed: still one draft with its title.
    let (count, title): (i64, String) =
        sqlx::query_as("select count(*), min(title) from vacancies")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((count, title.as_str()), (1, "Data Analyst"));
    assert_eq!(status_of(&app, &id).await, "draft");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_admins_feature_a_published_vacancy(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let id = create(&app, &mut hr, &vacancy_form("Data Analyst")).await;
    let mut admin = app.admin("root@example.com").await;
    let call = async |client: &mut Client, featured: &str| {
        client
            .call(
                "admin/vacancy/featured",
                &[("vacancy_id", id.as_str()), ("featured", featured)],
            )
            .await
    };
    // A draft has no page to feature it on.
    assert_eq!(call(&mut admin, "true").await.error(), AppError::NotFound);
    change(&mut hr, &id, "publish").await;

    // Neither its own company nor a candidate may feature it.
    let mut candidate = app.registered("cat@example.com", "candidate").await;
    for client in [&mut hr, &mut candidate] {
        assert_eq!(call(client, "true").await.error(), AppError::Forbidden);
    }
    let is_featured = async || -> bool {
        sqlx::query_scalar("select is_featured from vacancies where id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.pool)
            .await
            .unwrap()
    };
    assert!(!is_featured().await);

    let reply = call(&mut admin, "true").await;
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{}",
        reply.body
    );
    assert!(is_featured().await);
    // Asking again changes nothing and records nothing more.
    call(&mut admin, "true").await;
    assert_eq!(app.audit_count("vacancy.featured").await, 1);

    let slug: String = sqlx::query_scalar("select slug from vacancies where id = $1::uuid")
        .bind(&id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = app
        .client()
        .call("jobs/posting", &[("slug", &slug)])
        .await
        .json();
    assert_eq!(page["featured"], true);
    assert_eq!(page["can_feature"], false);
    let page = admin.call("jobs/posting", &[("slug", &slug)]).await.json();
    assert_eq!(page["can_feature"], true);
    let hits = app
        .client()
        .call("jobs/search", &[("query[q]", "Data Analyst")])
        .await
        .json();
    assert_eq!(hits["hits"][0]["featured"], true);

    call(&mut admin, "false").await;
    assert!(!is_featured().await);
    assert_eq!(app.audit_count("vacancy.unfeatured").await, 1);
}

/// The "apply by" day ends the listing at its close (UTC) when that comes
/// before the listing's 30 days; a day gone by is refused.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_apply_by_day_ends_the_listing(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    let today = time::OffsetDateTime::now_utc().date();
    let day = |days: i64| (today + time::Duration::days(days)).to_string();
    let with_deadline = |deadline: &str| -> Vec<(String, String)> {
        vacancy_form("Analyst")
            .into_iter()
            .map(|(k, v)| {
                let v = if k == "application_deadline" {
                    deadline
                } else {
                    v
                };
                (k.to_string(), v.to_string())
            })
            .collect()
    };
    fn borrowed(form: &[(String, String)]) -> Vec<(&str, &str)> {
        form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
    }
    let in_five = with_deadline(&day(5));
    let id = create(&app, &mut hr, &borrowed(&in_five)).await;
    change(&mut hr, &id, "publish").await;
    let ends = || async {
        sqlx::query_as::<_, (String, bool)>(
            "select to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
                    expires_at = published_at + interval '30 days'
               from vacancies where id = $1::uuid",
        )
        .bind(&id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    assert_eq!(ends().await, (format!("{} 00:00", day(6)), false));

    let save = |form: Vec<(String, String)>| {
        let mut fields = vec![("id".to_string(), id.clone())];
        fields.extend(form);
        fields
    };
    // Later than the 30 days, or none: the 30 days end it.
    for deadline in [day(60), String::new()] {
        let fields = save(with_deadline(&deadline));
        let reply = hr.call("employer/vacancy/save", &borrowed(&fields)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert!(ends().await.1, "apply by {deadline:?}");
    }
    // Earlier again: it ends sooner.
    let fields = save(with_deadline(&day(2)));
    hr.call("employer/vacancy/save", &borrowed(&fields)).await;
    assert_eq!(ends().await, (format!("{} 00:00", day(3)), false));

    // A day gone by is refused and changes nothing.
    let fields = save(with_deadline(&day(-1)));
    let refused = hr.call("employer/vacancy/save", &borrowed(&fields)).await;
    assert!(
        refused
            .error()
            .field_message("application_deadline")
            .is_some()
    );
    assert_eq!(ends().await, (format!("{} 00:00", day(3)), false));

    // A draft whose day went by while it waited is not published.
    let draft = create(&app, &mut hr, &borrowed(&in_five)).await;
    sqlx::query("update vacancies set application_deadline = current_date - 1 where id = $1::uuid")
        .bind(&draft)
        .execute(&app.pool)
        .await
        .unwrap();
    let refused = change(&mut hr, &draft, "publish").await.error();
    assert!(matches!(refused, AppError::Refused(m) if m.contains("apply-by day has passed")));
    assert_eq!(status_of(&app, &draft).await, "draft");
}
