//! Applying (once, and only while open), saving, the candidate's tracker
//! and the employer's pipeline, with who may see and change what.

use crate::common::{Client, TestApp};
use crate::vacancies::{change, create, vacancy_form};
use app::error::AppError;
use axum::http::StatusCode;
use server::demo_files::resume_pdf;
use sqlx::PgPool;

/// A candidate with a confirmed email and a résumé: (client, résumé id).
pub(crate) async fn candidate(app: &TestApp, email: &str) -> (Client, String) {
    let mut client = app.registered(email, "candidate").await;
    sqlx::query("update users set email_verified_at = now() where email = $1")
        .bind(email)
        .execute(&app.pool)
        .await
        .unwrap();
    let pdf = resume_pdf(&["Ada Obi", "Data analyst", "SQL Python"]);
    let reply = client
        .upload("media/resume", "resume", "cv.pdf", &pdf)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let resume = client.call("media", &[]).await.json()["resumes"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    (client, resume)
}

/// An employer with one open vacancy: (client, vacancy id).
pub(crate) async fn open_vacancy(app: &TestApp, email: &str, company: &str) -> (Client, String) {
    let mut hr = app.employer_of(email, company, "").await;
    let id = create(app, &mut hr, &vacancy_form("Data Analyst")).await;
    let reply = change(&mut hr, &id, "publish").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    (hr, id)
}

pub(crate) async fn apply(
    client: &mut Client,
    vacancy: &str,
    resume: &str,
) -> crate::common::Reply {
    client
        .call(
            "applications/apply",
            &[
                ("vacancy_id", vacancy),
                ("resume_id", resume),
                ("cover_letter", "Hello!"),
            ],
        )
        .await
}

/// Moves one application to the stage `to`, as the pipeline's panel does.
pub(crate) async fn move_to(
    hr: &mut Client,
    vacancy: &str,
    application: &str,
    to: &str,
) -> crate::common::Reply {
    hr.call(
        "pipeline/move",
        &[
            ("vacancy_id", vacancy),
            ("ids[0]", application),
            ("to", to),
            ("reason", ""),
        ],
    )
    .await
}

/// The id of the one application of the candidate at `email`.
pub(crate) async fn application_of(app: &TestApp, email: &str) -> String {
    sqlx::query_scalar(
        "select a.id::text from applications a join users u on u.id = a.candidate_id
          where u.email = $1",
    )
    .bind(email)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn twenty_identical_applications_at_once_make_one(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (ada, resume) = candidate(&app, "ada@example.com").await;
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let mut client = ada.clone();
        let (vacancy, resume) = (vacancy.clone(), resume.clone());
        tasks.push(tokio::spawn(async move {
            apply(&mut client, &vacancy, &resume).await
        }));
    }
    for task in tasks {
        let reply = task.await.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    assert_eq!(count(&app, "select count(*) from applications").await, 1);
    assert_eq!(
        count(&app, "select applications_count::bigint from vacancies").await,
        1
    );
    assert_eq!(app.audit_count("application.submitted").await, 1);
    let score: i16 = sqlx::query_scalar("select match_score from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!((0..=100).contains(&score));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_open_vacancies_take_applications(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;

    // Unconfirmed email, no résumé, a résumé of someone else: refused.
    let mut ben = app.registered("ben@example.com", "candidate").await;
    assert!(matches!(
        apply(&mut ben, &vacancy, "").await.error(),
        AppError::Refused(_)
    ));
    sqlx::query("update users set email_verified_at = now() where email = 'ben@example.com'")
        .execute(&app.pool)
        .await
        .unwrap();
    let error = apply(&mut ben, &vacancy, "").await.error();
    assert!(error.field_message("resume_id").is_some(), "{error:?}");
    let error = apply(&mut ben, &vacancy, &resume).await.error();
    assert!(error.field_message("resume_id").is_some(), "{error:?}");
    // Employers do not apply.
    assert_eq!(
        apply(&mut hr, &vacancy, &resume).await.error(),
        AppError::Forbidden
    );

    for action in ["pause", "close"] {
        if action == "close" {
            change(&mut hr, &vacancy, "resume").await;
        }
        let reply = change(&mut hr, &vacancy, action).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert!(matches!(
            apply(&mut ada, &vacancy, &resume).await.error(),
            AppError::Refused(_)
        ));
    }
    // Expired but not yet swept: refused too.
    let (_, other) = open_vacancy(&app, "hr@other.example.com", "Other Ltd").await;
    sqlx::query(
        "update vacancies set expires_at = now() - interval '1 second' where id = $1::uuid",
    )
    .bind(&other)
    .execute(&app.pool)
    .await
    .unwrap();
    assert!(matches!(
        apply(&mut ada, &other, &resume).await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(count(&app, "select count(*) from applications").await, 0);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn saving_is_idempotent_and_counted_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (ada, _) = candidate(&app, "ada@example.com").await;
    let mut tasks = Vec::new();
    for n in 0..10 {
        let mut client = ada.clone();
        let vacancy = vacancy.clone();
        tasks.push(tokio::spawn(async move {
            let note = format!("note {n}");
            client
                .call("saved/save", &[("vacancy_id", &vacancy), ("note", &note)])
                .await
                .status
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(
        count(&app, "select saves_count::bigint from vacancies").await,
        1
    );
    let mut ada = ada;
    let saved = ada.call("saved", &[]).await.json();
    assert_eq!(saved.as_array().unwrap().len(), 1);
    assert!(saved[0]["note"].as_str().unwrap().starts_with("note "));
    let reply = ada
        .call(
            "saved/remove",
            &[("vacancy_id", &vacancy), ("back", "saved")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    ada.call(
        "saved/remove",
        &[("vacancy_id", &vacancy), ("back", "saved")],
    )
    .await;
    assert_eq!(
        count(&app, "select saves_count::bigint from vacancies").await,
        0
    );
    assert!(
        ada.call("saved", &[])
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );
}

/// `count` applicants written directly, the n-th scoring n; those after
/// the first `submitted` are at interview.
async fn add_applicants(app: &TestApp, vacancy: &str, count: i32, submitted: i32) {
    sqlx::query(
        "with people as (
            insert into users (id, email, password_hash, account_type, status, terms_accepted_at, terms_version)
            select gen_random_uuid(), 'applicant' || n || '@example.com', 'x', 'candidate', 'active', now(), '1'
              from generate_series(1, $2) n
            returning id, email)
         insert into applications (id, vacancy_id, candidate_id, match_score, status)
         select gen_random_uuid(), $1::uuid, id, n, case when n > $3 then 'interview' else 'submitted' end
           from (select id, substring(email from '[0-9]+')::int as n from people) p",
    )
    .bind(vacancy)
    .bind(count)
    .bind(submitted)
    .execute(&app.pool)
    .await
    .unwrap();
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_pipeline_lists_applicants_a_page_at_a_time(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    // 55 applicants with distinct scores, written directly: the page is about
    // listing, not applying.
    add_applicants(&app, &vacancy, 55, 55).await;

    let scores = |page: &serde_json::Value| -> Vec<i64> {
        page["applicants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["match_score"].as_i64().unwrap())
            .collect()
    };
    let first = hr
        .call("pipeline", &[("vacancy_id", &vacancy), ("stage", "")])
        .await
        .json();
    assert_eq!(scores(&first), (6..=55).rev().collect::<Vec<_>>());
    assert_eq!(first["has_next"], true);
    let second = hr
        .call(
            "pipeline",
            &[
                ("vacancy_id", &vacancy),
                ("stage", "submitted"),
                ("page", "2"),
            ],
        )
        .await
        .json();
    assert_eq!(scores(&second), vec![5, 4, 3, 2, 1]);
    assert_eq!(second["has_next"], false);
    assert_eq!(second["page"], 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_tracker_lists_applications_a_page_at_a_time_each_with_its_own_timeline(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    let reply = apply(&mut ada, &vacancy, &resume).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // 21 more, older, each to a copy of the vacancy with a note of its own
    // on its timeline, written directly: the page is about listing.
    sqlx::query(
        "do $$ declare columns text; begin
           select string_agg(quote_ident(column_name), ', ') into columns
             from information_schema.columns
            where table_name = 'vacancies' and is_generated = 'NEVER'
              and column_name not in ('id', 'slug', 'title');
           execute format('insert into vacancies (id, slug, title, %1$s)
             select gen_random_uuid(), slug || ''-'' || n, ''Analyst '' || n, %1$s
               from vacancies, generate_series(1, 21) n', columns);
         end $$",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "with sent as (
            insert into applications (id, vacancy_id, candidate_id, match_score, status, created_at)
            select gen_random_uuid(), v.id, u.id, 50, 'submitted',
                   now() - make_interval(days => substring(v.title from '[0-9]+')::int)
              from vacancies v, users u
             where v.title like 'Analyst %' and u.email = 'ada@example.com'
            returning id, vacancy_id)
         insert into application_events (id, application_id, kind, body, is_private)
         select gen_random_uuid(), s.id, 'note', 'About ' || v.title, false
           from sent s join vacancies v on v.id = s.vacancy_id",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let page = |n: &'static str| [("page", n)];
    let first = ada.call("applications/mine", &page("1")).await.json();
    let second = ada.call("applications/mine", &page("2")).await.json();
    let past = ada.call("applications/mine", &page("9")).await.json();
    let titles = |page: &serde_json::Value| -> Vec<String> {
        page["applications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["vacancy_title"].as_str().unwrap().to_string())
            .collect()
    };
    // Newest first: the one sent through the site, then Analyst 1 to 19.
    let expected: Vec<String> = std::iter::once("Data Analyst".to_string())
        .chain((1..=19).map(|n| format!("Analyst {n}")))
        .collect();
    assert_eq!(
        (titles(&first), first["total"].as_i64()),
        (expected, Some(22))
    );
    assert_eq!(
        (titles(&second), second["page"].as_i64()),
        (vec!["Analyst 20".into(), "Analyst 21".into()], Some(2))
    );
    assert_eq!((titles(&past), past["total"].as_i64()), (vec![], Some(22)));
    // Each timeline holds its own steps only.
    let steps = |a: &serde_json::Value| -> Vec<(String, String)> {
        a["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["title"].as_str().unwrap().to_string(),
                    t["body"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let applications = first["applications"].as_array().unwrap();
    assert_eq!(steps(&applications[0]), vec![("Applied".into(), "".into())]);
    for (n, a) in applications[1..].iter().enumerate() {
        assert_eq!(
            steps(a),
            vec![("Note".into(), format!("About Analyst {}", n + 1))]
        );
    }

    let html = ada.get("/applications").await.body;
    assert!(html.contains("22 applications") && html.contains("Page 1 of 2"));
    assert!(html.contains("/applications?page=2"));
    let html = ada.get("/applications?page=9").await.body;
    assert!(html.contains("past the last of your applications"));
    // Someone else's tracker shows none of hers.
    let (mut ben, _) = candidate(&app, "ben@example.com").await;
    let bens = ben.call("applications/mine", &[]).await.json();
    assert_eq!((titles(&bens), bens["total"].as_i64()), (vec![], Some(0)));
    assert!(
        ben.get("/applications")
            .await
            .body
            .contains("You have not applied anywhere yet.")
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_board_shows_the_best_of_each_stage_and_moves_return_to_it(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    // 40 submitted and 3 at interview.
    add_applicants(&app, &vacancy, 43, 40).await;
    let board = hr
        .call(
            "pipeline",
            &[("vacancy_id", &vacancy), ("stage", ""), ("board", "true")],
        )
        .await
        .json();
    let cards = board["applicants"].as_array().unwrap();
    let at = |stage: &str| -> Vec<i64> {
        cards
            .iter()
            .filter(|a| a["stage"] == stage)
            .map(|a| a["match_score"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(at("Submitted"), (11..=40).rev().collect::<Vec<_>>());
    assert_eq!(at("Interview"), vec![43, 42, 41]);
    assert_eq!(board["counts"][0], serde_json::json!(["Submitted", 40]));
    let counts = board["counts"].as_array().unwrap();
    assert!(counts.contains(&serde_json::json!(["Interview", 3])));
    assert_eq!(
        counts.iter().map(|c| c[1].as_i64().unwrap()).sum::<i64>(),
        43
    );
    assert_eq!(board["has_next"], false);

    // A move from the open applicant returns to them, on the board; a
    // `back` that tries to lead elsewhere is ignored.
    let id = cards[0]["id"].as_str().unwrap().to_string();
    for (back, expected) in [
        (
            format!("application={id}"),
            format!(
                "/employer/vacancies/{vacancy}/pipeline?application={id}&notice=applicants_moved"
            ),
        ),
        (
            "view=list&next=https://evil.example".to_string(),
            format!("/employer/vacancies/{vacancy}/pipeline?view=list&notice=applicants_moved"),
        ),
    ] {
        let to = if back.starts_with("application") {
            "reviewing"
        } else {
            "interview"
        };
        let reply = hr
            .call(
                "pipeline/move",
                &[
                    ("vacancy_id", &vacancy),
                    ("ids[0]", &id),
                    ("to", to),
                    ("reason", ""),
                    ("back", &back),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let location = reply
            .headers
            .get("location")
            .or(reply.headers.get("serverfnredirect"));
        assert_eq!(
            location.and_then(|l| l.to_str().ok()),
            Some(expected.as_str())
        );
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_pipeline_moves_applicants_and_the_candidate_follows(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    let (mut ben, ben_resume) = candidate(&app, "ben@example.com").await;
    // No one yet: every stage counts nought.
    let empty = hr
        .call("pipeline", &[("vacancy_id", &vacancy), ("stage", "")])
        .await
        .json();
    let counts = empty["counts"].as_array().unwrap();
    assert!(
        !counts.is_empty() && counts.iter().all(|c| c[1] == 0),
        "{counts:?}"
    );
    apply(&mut ada, &vacancy, &resume).await;
    apply(&mut ben, &vacancy, &ben_resume).await;

    let pipeline = hr
        .call("pipeline", &[("vacancy_id", &vacancy), ("stage", "")])
        .await
        .json();
    let ids: Vec<String> = pipeline["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(pipeline["counts"][0], serde_json::json!(["Submitted", 2]));

    // Both at once to reviewing (checkboxes may leave gaps in the numbering).
    let reply = hr
        .call(
            "pipeline/move",
            &[
                ("vacancy_id", &vacancy),
                ("ids[0]", &ids[0]),
                ("ids[3]", &ids[1]),
                ("to", "reviewing"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let ada_app = application_of(&app, "ada@example.com").await;
    let hr_again = hr.clone();
    let mv = |to: &'static str, reason: &'static str| {
        let (vacancy, id) = (vacancy.clone(), ada_app.clone());
        let mut hr = hr_again.clone();
        async move {
            hr.call(
                "pipeline/move",
                &[
                    ("vacancy_id", &vacancy),
                    ("ids[0]", &id),
                    ("to", to),
                    ("reason", reason),
                ],
            )
            .await
        }
    };
    // Hiring needs an offer first: refused, nothing changes.
    assert!(matches!(
        mv("hired", "").await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(mv("interview", "").await.status, StatusCode::OK);
    let reply = hr
        .call(
            "pipeline/interaction",
            &[
                ("application_id", &ada_app),
                ("kind", "interview"),
                ("body", "Meet the team"),
                ("scheduled_at", &crate::common::days_ahead(3)),
                ("location", "https://meet.example.com/abc"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = hr
        .call(
            "pipeline/interaction",
            &[
                ("application_id", &ada_app),
                ("kind", "note"),
                ("body", "Strong on SQL, salary a stretch"),
                ("scheduled_at", ""),
                ("location", ""),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // An unreadable time, and one already past, are refused.
    let yesterday = crate::common::days_ahead(-1);
    for (when, message) in [
        ("next tuesday", None),
        (
            yesterday.as_str(),
            Some("Choose a time that is still to come."),
        ),
    ] {
        let error = hr
            .call(
                "pipeline/interaction",
                &[
                    ("application_id", &ada_app),
                    ("kind", "interview"),
                    ("body", ""),
                    ("scheduled_at", when),
                    ("location", ""),
                ],
            )
            .await
            .error();
        let found = error.field_message("scheduled_at");
        assert!(found.is_some(), "{when}");
        if message.is_some() {
            assert_eq!(found.as_deref(), message);
        }
    }

    // The employer sees everything, including the private note, and can
    // download the résumé Ada applied with.
    let detail = hr
        .call("pipeline/applicant", &[("id", &ada_app)])
        .await
        .json();
    assert_eq!(detail["stage"], "Interview");
    assert_eq!(detail["cover_letter"], "Hello!");
    let entries = detail["timeline"].as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["body"] == "Strong on SQL, salary a stretch")
    );
    let resume_url = detail["resume"][0].as_str().unwrap().to_string();
    assert_eq!(hr.get(&resume_url).await.status, StatusCode::OK);

    // Ada sees the stage and the interview, not the note.
    let mine = ada.call("applications/mine", &[]).await.json()["applications"].clone();
    assert_eq!(mine[0]["stage"], "Interview");
    assert_eq!(mine[0]["company"], "Acme Bank");
    let timeline = mine[0]["timeline"].to_string();
    assert!(timeline.contains("Interview scheduled"));
    assert!(timeline.contains("meet.example.com"));
    assert!(!timeline.contains("salary a stretch"));

    // Rejected with a reason Ben never sees; final stages stay final.
    let ben_app = ids.iter().find(|id| **id != ada_app).unwrap().clone();
    let reply = hr
        .call(
            "pipeline/move",
            &[
                ("vacancy_id", &vacancy),
                ("ids[0]", &ben_app),
                ("to", "rejected"),
                ("reason", "Needs more SQL"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let bens = ben.call("applications/mine", &[]).await.json()["applications"].clone();
    assert_eq!(bens[0]["stage"], "Rejected");
    assert!(!bens.to_string().contains("Needs more SQL"));
    assert!(matches!(
        ben.call("applications/withdraw", &[("id", &ben_app)])
            .await
            .error(),
        AppError::Refused(_)
    ));

    // Ada withdraws; the employer cannot move her on.
    let reply = ada.call("applications/withdraw", &[("id", &ada_app)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(matches!(
        mv("offer", "").await.error(),
        AppError::Refused(_)
    ));
    assert_eq!(app.audit_count("application.withdrawn").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn nobody_else_reads_or_changes_a_pipeline(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    apply(&mut ada, &vacancy, &resume).await;
    let application: String = sqlx::query_scalar("select id::text from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut rival = app
        .employer_of("hr@rival.example.com", "Rival Ltd", "")
        .await;
    let (mut ben, _) = candidate(&app, "ben@example.com").await;
    let mut anonymous = app.client();

    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("pipeline", vec![("vacancy_id", &vacancy), ("stage", "")]),
        ("pipeline/applicant", vec![("id", &application)]),
        (
            "pipeline/move",
            vec![
                ("vacancy_id", &vacancy),
                ("ids[0]", &application),
                ("to", "offer"),
                ("reason", ""),
            ],
        ),
        (
            "pipeline/interaction",
            vec![
                ("application_id", &application),
                ("kind", "note"),
                ("body", "sneaky"),
                ("scheduled_at", ""),
                ("location", ""),
            ],
        ),
    ];
    for (endpoint, form) in &calls {
        assert_eq!(
            rival.call(endpoint, form).await.error(),
            AppError::NotFound,
            "{endpoint}"
        );
        assert_eq!(
            ben.call(endpoint, form).await.error(),
            AppError::Forbidden,
            "{endpoint}"
        );
        assert_eq!(
            anonymous.call(endpoint, form).await.error(),
            AppError::Unauthenticated,
            "{endpoint}"
        );
    }
    // Another candidate cannot withdraw Ada's application or see it.
    assert_eq!(
        ben.call("applications/withdraw", &[("id", &application)])
            .await
            .error(),
        AppError::NotFound
    );
    assert!(
        ben.call("applications/mine", &[]).await.json()["applications"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // A rival company cannot download the résumé; nothing changed.
    let url = format!("/media/resumes/{resume}");
    assert_eq!(rival.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(ben.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(ada.get(&url).await.status, StatusCode::OK);
    assert_eq!(
        count(&app, "select count(*) from application_events").await,
        1,
        "only the submission"
    );
    let status: String = sqlx::query_scalar("select status from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "submitted");
}
