//! Moderation: reports (one open per reporter and item), the queue for
//! moderators only, claiming, decisions that hide an item from search, the
//! deck and its page at once, the owner's one appeal, and the automatic
//! checks.

use crate::applications::open_vacancy;
use crate::common::{Client, PASSWORD, Reply, TestApp};
use crate::job_board::{publish, search, titles};
use crate::swipe::deck;
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;

const REASON: &str = "The listing asks applicants for a registration fee.";

fn done(reply: &Reply) {
    assert!(
        reply.status.is_success() || reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
}

async fn report(client: &mut Client, entity: &str, id: &str, reason: &str) -> Reply {
    client
        .call(
            "report",
            &[
                ("entity", entity),
                ("id", id),
                ("reason", reason),
                ("details", ""),
            ],
        )
        .await
}

/// The open cases as a moderator sees the queue.
async fn queue(moderator: &mut Client) -> Vec<serde_json::Value> {
    let reply = moderator
        .call("admin/moderation", &[("view", "open")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["rows"].as_array().unwrap().clone()
}

/// The most urgent open case's id.
async fn first_case(moderator: &mut Client) -> String {
    queue(moderator).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A job seeker reports `vacancy` as a scam and a moderator decides the
/// case with `action`.
async fn report_and_decide(app: &TestApp, vacancy: &str, action: &str) {
    let mut seeker = app.registered("seeker@example.com", "candidate").await;
    done(&report(&mut seeker, "vacancy", vacancy, "scam").await);
    let mut moderator = app.admin_as("moderator@example.com", "moderator").await;
    let case = first_case(&mut moderator).await;
    done(&claim(&mut moderator, &case).await);
    done(&decide(&mut moderator, &case, action, REASON).await);
}

/// A person's admin page as `admin` reads it.
async fn admin_page(app: &TestApp, admin: &mut Client, email: &str) -> serde_json::Value {
    let id = app.user_id(email).await.to_string();
    admin
        .call("admin/person", &[("id", id.as_str())])
        .await
        .json()
}

async fn decide(moderator: &mut Client, case: &str, action: &str, reason: &str) -> Reply {
    moderator
        .call(
            "admin/moderation/decide",
            &[("id", case), ("action", action), ("reason", reason)],
        )
        .await
}

/// Answers a case's appeal: `outcome` "reinstated" or "upheld".
async fn answer_appeal(moderator: &mut Client, case: &str, outcome: &str, reason: &str) -> Reply {
    moderator
        .call(
            "admin/moderation/appeal",
            &[("id", case), ("outcome", outcome), ("reason", reason)],
        )
        .await
}

async fn claim(moderator: &mut Client, case: &str) -> Reply {
    moderator
        .call("admin/moderation/claim", &[("id", case), ("claim", "true")])
        .await
}

async fn slug(app: &TestApp, vacancy: &str) -> String {
    sqlx::query_scalar("select slug from vacancies where id = $1::uuid")
        .bind(vacancy)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_hidden_vacancy_vanishes_everywhere_until_its_appeal_is_granted(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let slug = slug(&app, &vacancy).await;
    let mut seeker = app.registered("seeker@example.com", "candidate").await;
    let mut other = app.registered("other@example.com", "candidate").await;
    assert_eq!(
        titles(&search(&mut seeker, &[("q", "analyst")]).await),
        ["Data Analyst"]
    );
    assert!(deck(&mut seeker, &[]).await.contains(&vacancy));

    // Anyone signed in reports, once while the report is open; not the
    // owner, not a visitor.
    let target = seeker
        .call(
            "report/target",
            &[("entity", "vacancy"), ("id", vacancy.as_str())],
        )
        .await;
    assert_eq!(target.status, StatusCode::OK, "{}", target.body);
    assert_eq!(target.json()["item"]["title"], "Data Analyst");
    assert_eq!(
        target.json()["item"]["owner"],
        "",
        "reporters are not told whose"
    );
    let other_reason = seeker
        .call(
            "report",
            &[
                ("entity", "vacancy"),
                ("id", vacancy.as_str()),
                ("reason", "other"),
                ("details", ""),
            ],
        )
        .await
        .error();
    assert!(other_reason.field_message("details").is_some());
    done(&report(&mut seeker, "vacancy", &vacancy, "scam").await);
    let again = report(&mut seeker, "vacancy", &vacancy, "spam")
        .await
        .error();
    assert!(matches!(again, AppError::Refused(m) if m.contains("already")));
    done(&report(&mut other, "vacancy", &vacancy, "misleading").await);
    let own = report(&mut hr, "vacancy", &vacancy, "spam").await.error();
    assert!(matches!(own, AppError::Refused(_)), "{own:?}");
    let visitor = report(&mut app.client(), "vacancy", &vacancy, "spam").await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);

    // Moderators see it; finance does not.
    let mut finance = app.admin_as("finance@example.com", "finance").await;
    let refused = finance.call("admin/moderation", &[("view", "open")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let mut moderator = app.admin_as("moderator@example.com", "moderator").await;
    let mut second = app.admin_as("second@example.com", "moderator").await;
    let rows = queue(&mut moderator).await;
    assert_eq!(rows.len(), 1, "two reports, one case");
    assert_eq!(
        (rows[0]["reports"].as_i64(), rows[0]["severity"].as_str()),
        (Some(2), Some("high"))
    );
    let case = rows[0]["id"].as_str().unwrap().to_string();

    // The poster's admin page lists the case; the reporter's counts the
    // report. Support may read it there, but not open the case.
    let mut support = app.admin_as("support@example.com", "support").await;
    let poster = admin_page(&app, &mut support, "hr@acme.example.com").await;
    assert_eq!(poster["cases"][0]["id"].as_str(), Some(case.as_str()));
    assert_eq!(poster["may_open_cases"], false);
    let reporter = admin_page(&app, &mut moderator, "seeker@example.com").await;
    assert_eq!(
        (
            reporter["reports_filed"].as_i64(),
            reporter["cases"].as_array().map(Vec::len),
            reporter["may_open_cases"].as_bool()
        ),
        (Some(1), Some(0), Some(true))
    );

    // A decision needs the claim, and one moderator holds it at a time.
    let unclaimed = decide(&mut moderator, &case, "hide", REASON).await.error();
    assert!(matches!(unclaimed, AppError::Refused(m) if m.contains("Claim")));
    done(&claim(&mut moderator, &case).await);
    let taken = claim(&mut second, &case).await.error();
    assert!(matches!(taken, AppError::Refused(_)), "{taken:?}");
    let short = decide(&mut moderator, &case, "hide", "bad").await.error();
    assert!(short.field_message("reason").is_some());
    done(&decide(&mut moderator, &case, "hide", REASON).await);

    // Gone from search, the deck and its page at once; its team cannot
    // reopen it, and is told why with a link to the decision.
    assert!(titles(&search(&mut seeker, &[("q", "analyst")]).await).is_empty());
    assert!(!deck(&mut seeker, &[]).await.contains(&vacancy));
    let page = seeker
        .call("jobs/posting", &[("slug", slug.as_str())])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let pause = hr
        .call(
            "employer/vacancy/status",
            &[("id", vacancy.as_str()), ("action", "pause")],
        )
        .await
        .error();
    assert!(matches!(pause, AppError::Refused(m) if m.contains("hidden by our team")));
    let (link, kind): (String, String) = sqlx::query_as(
        "select n.link, n.kind from notifications n join users u on u.id = n.user_id
          where u.email = 'hr@acme.example.com' and n.title like 'Our team hid%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (link, kind),
        (format!("/moderation/{case}"), "moderation".into())
    );
    let decision = hr
        .call("moderation/decision", &[("id", case.as_str())])
        .await;
    assert_eq!(decision.status, StatusCode::OK, "{}", decision.body);
    assert_eq!(decision.json()["decision"]["reason"], REASON);
    assert_eq!(
        decision.json()["decision"]["by"],
        serde_json::Value::Null,
        "moderators stay unnamed"
    );
    let stranger = seeker
        .call("moderation/decision", &[("id", case.as_str())])
        .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);

    // The owner appeals once.
    let appeal = [
        ("id", case.as_str()),
        (
            "text",
            "The fee line was a mistake by a new recruiter; it is gone now.",
        ),
    ];
    done(&hr.call("moderation/appeal", &appeal).await);
    let twice = hr.call("moderation/appeal", &appeal).await.error();
    assert!(matches!(twice, AppError::Refused(m) if m.contains("already")));
    assert_eq!(queue(&mut moderator).await[0]["status"], "appealed");

    // Granted: it is back everywhere as it was.
    done(&claim(&mut second, &case).await);
    done(
        &answer_appeal(
            &mut second,
            &case,
            "reinstated",
            "The fee line is removed; thanks for fixing it.",
        )
        .await,
    );
    assert_eq!(
        titles(&search(&mut seeker, &[("q", "analyst")]).await),
        ["Data Analyst"]
    );
    assert_eq!(
        seeker
            .call("jobs/posting", &[("slug", slug.as_str())])
            .await
            .status,
        StatusCode::OK
    );
    assert!(queue(&mut moderator).await.is_empty());
    // A new report opens a new case now that the first is closed.
    done(&report(&mut seeker, "vacancy", &vacancy, "spam").await);
    for (action, n) in [
        ("moderation.reported", 3),
        ("moderation.decided", 1),
        ("moderation.appealed", 1),
        ("moderation.appeal_decided", 1),
    ] {
        assert_eq!(app.audit_count(action).await, n, "{action}");
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn hidden_profiles_and_companies_leave_every_public_place(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_pro, pro_id) =
        crate::talent::professional(&app, "ada@example.com", "Ada", "Payments engineer", "Rust")
            .await;
    let pro_id = pro_id.to_string();
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let company: String =
        sqlx::query_scalar("select company_id::text from vacancies where id = $1::uuid")
            .bind(&vacancy)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        crate::talent::names(&crate::talent::search(&mut hr, &[("q", "payments")]).await),
        ["Ada Okafor"]
    );
    let mut moderator = app.admin_as("moderator@example.com", "moderator").await;

    // A profile hidden: not in talent search nor at its address.
    done(&report(&mut hr, "profile", &pro_id, "misleading").await);
    let case = first_case(&mut moderator).await;
    done(&claim(&mut moderator, &case).await);
    let unfit = decide(&mut moderator, &case, "remove", REASON)
        .await
        .error();
    assert!(
        unfit.field_message("action").is_some(),
        "profiles are hidden, not removed"
    );
    done(
        &decide(
            &mut moderator,
            &case,
            "hide",
            "The profile claims degrees it does not have.",
        )
        .await,
    );
    assert!(
        crate::talent::names(&crate::talent::search(&mut hr, &[("q", "payments")]).await)
            .is_empty()
    );
    let page = hr
        .call("profile/public", &[("user_id", pro_id.as_str())])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);

    // A company hidden: its page and its open vacancies go, and it cannot
    // publish another until reinstated.
    let mut seeker = app.registered("seeker@example.com", "candidate").await;
    done(&report(&mut seeker, "company", &company, "scam").await);
    let case = first_case(&mut moderator).await;
    done(&claim(&mut moderator, &case).await);
    done(
        &decide(
            &mut moderator,
            &case,
            "hide",
            "The company is not a registered business.",
        )
        .await,
    );
    assert!(titles(&search(&mut seeker, &[("q", "analyst")]).await).is_empty());
    let company_slug: String = sqlx::query_scalar("select slug from companies where id = $1::uuid")
        .bind(&company)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = seeker
        .call("companies/public", &[("slug", company_slug.as_str())])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let refused = publish_refused(&app, &mut hr).await;
    assert!(refused.contains("hidden your company"), "{refused}");
}

async fn publish_refused(app: &TestApp, hr: &mut Client) -> String {
    let id =
        crate::vacancies::create(app, hr, &crate::vacancies::vacancy_form("Second role")).await;
    match crate::vacancies::change(hr, &id, "publish").await.error() {
        AppError::Refused(message) => message,
        other => panic!("{other:?}"),
    }
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn automatic_checks_flag_contact_details_and_hidden_links(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut hr = app
        .employer_of("hr@acme.example.com", "Acme Bank", "")
        .await;
    publish(
        &app,
        &mut hr,
        "Cashier",
        &[(
            "description",
            "Send your CV on WhatsApp to 0803 123 4567; a registration fee applies.",
        )],
    )
    .await;
    let mut seeker = app.registered("seeker@example.com", "candidate").await;
    done(
        &seeker
            .call(
                "profile/links",
                &[
                    ("linkedin_url", ""),
                    ("portfolio_url", "https://bit.ly/my-cv"),
                ],
            )
            .await,
    );
    let mut moderator = app.admin_as("moderator@example.com", "moderator").await;
    let rows = queue(&mut moderator).await;
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(
            (row["flagged_by_system"].as_bool(), row["reports"].as_i64()),
            (Some(true), Some(0))
        );
        assert_eq!(row["severity"], "low");
    }
    let case = rows.iter().find(|r| r["entity"] == "Vacancy").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let case = moderator
        .call("admin/moderation/case", &[("id", case.as_str())])
        .await
        .json();
    let why = case["system_reason"].as_str().unwrap();
    assert!(
        why.contains("a phone number") && why.contains("registration fee"),
        "{why}"
    );
    // Flagged, not hidden: the listing stays up until a moderator decides.
    assert_eq!(
        titles(&search(&mut seeker, &[("q", "cashier")]).await),
        ["Cashier"]
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn suspending_through_a_case_signs_the_poster_out(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    report_and_decide(&app, &vacancy, "suspend").await;
    assert_eq!(hr.whoami().await, None);
    let login = app
        .client()
        .login("hr@acme.example.com", PASSWORD)
        .await
        .error();
    assert!(matches!(login, AppError::Refused(m) if m.contains("suspended")));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_reported_message_is_removed_from_its_conversation_until_reinstated(pool: PgPool) {
    use crate::chat::{application_chat, report, send};
    const WORDS: &str = "Pay 50,000 naira to book your interview slot";
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    let message = send(&mut hr, &chat, WORDS).await.json()["message"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reported = report(&mut ada, &message, "scam", "").await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);

    // The report is a case in the queue, read with the message's words.
    let mut moderator = app.admin_as("moderator@example.com", "moderator").await;
    let rows = queue(&mut moderator).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (
            rows[0]["entity"].as_str(),
            rows[0]["reports"].as_i64(),
            rows[0]["severity"].as_str()
        ),
        (Some("Message"), Some(1), Some("high"))
    );
    let case = rows[0]["id"].as_str().unwrap().to_string();
    let read = moderator
        .call("admin/moderation/case", &[("id", case.as_str())])
        .await
        .json();
    assert_eq!(read["excerpt"], WORDS);
    assert_eq!(
        read["reports"][0]["reason"],
        "A scam, or asks for money or personal details"
    );
    let sender = admin_page(&app, &mut moderator, "hr@acme.example.com").await;
    assert_eq!(sender["cases"][0]["id"].as_str(), Some(case.as_str()));
    let reporter = admin_page(&app, &mut moderator, "ada@example.com").await;
    assert_eq!(reporter["reports_filed"], 1);
    let unfit = {
        done(&claim(&mut moderator, &case).await);
        decide(&mut moderator, &case, "remove", REASON)
            .await
            .error()
    };
    assert!(unfit.field_message("action").is_some());
    done(
        &decide(
            &mut moderator,
            &case,
            "hide",
            "Asking candidates for money breaks our rules.",
        )
        .await,
    );

    // Gone for both sides, words and all, in the thread and the list; the
    // sender cannot bring it back by editing.
    for client in [&mut ada, &mut hr] {
        let thread = client.call("chats/thread", &[("id", &chat)]).await;
        assert!(!thread.body.contains("naira"), "{}", thread.body);
        let shown = &thread.json()["messages"][0];
        assert_eq!(
            (shown["deleted"].as_bool(), shown["moderated"].as_bool()),
            (Some(true), Some(true))
        );
        let list = client.call("chats", &[]).await;
        assert!(!list.body.contains("naira"), "{}", list.body);
        assert_eq!(list.json()["items"][0]["last"]["moderated"], true);
    }
    let edit = hr
        .call("chats/edit", &[("id", &message), ("body", "Sorry")])
        .await;
    assert_eq!(edit.error(), AppError::NotFound);
    let status: String = sqlx::query_scalar("select status from chat_reports")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "resolved");

    // The sender reads the decision with their words, and appeals; the
    // reporter may not read it.
    let link: String = sqlx::query_scalar(
        "select n.link from notifications n join users u on u.id = n.user_id
          where u.email = 'hr@acme.example.com' and n.title = 'Our team hid your message'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(link, format!("/moderation/{case}"));
    let decision = hr
        .call("moderation/decision", &[("id", case.as_str())])
        .await;
    assert_eq!(decision.json()["words"], WORDS, "{}", decision.body);
    assert_eq!(decision.json()["item"]["title"], "Your message");
    let stranger = ada
        .call("moderation/decision", &[("id", case.as_str())])
        .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    done(
        &hr.call(
            "moderation/appeal",
            &[
                ("id", case.as_str()),
                (
                    "text",
                    "It was a test message sent to the wrong conversation.",
                ),
            ],
        )
        .await,
    );
    let mut second = app.admin_as("second@example.com", "moderator").await;
    done(&claim(&mut second, &case).await);
    done(
        &answer_appeal(
            &mut second,
            &case,
            "reinstated",
            "Given back after the sender's explanation.",
        )
        .await,
    );
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    let shown = &thread["messages"][0];
    assert_eq!(
        (shown["body"].as_str(), shown["deleted"].as_bool()),
        (Some(WORDS), Some(false))
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn sitemaps_list_open_vacancies_and_companies_until_a_moderator_hides_them(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let slug = slug(&app, &vacancy).await;
    let company: String = sqlx::query_scalar(
        "select c.slug from companies c join vacancies v on v.company_id = c.id where v.id = $1::uuid",
    )
    .bind(&vacancy)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    crate::talent::professional(&app, "ada@example.com", "Ada", "Payments engineer", "Rust").await;
    let mut visitor = app.client();

    let robots = visitor.get("/robots.txt").await;
    assert!(
        robots.body.contains("Sitemap: ") && robots.body.contains("/sitemap.xml"),
        "{}",
        robots.body
    );
    let index = visitor.get("/sitemap.xml").await;
    assert_eq!(index.status, StatusCode::OK);
    for file in ["pages.xml", "jobs-1.xml", "companies-1.xml"] {
        assert!(
            index.body.contains(&format!("/sitemaps/{file}</loc>")),
            "{}",
            index.body
        );
    }
    let jobs = visitor.get("/sitemaps/jobs-1.xml").await;
    assert!(
        jobs.body.contains(&format!("/jobs/{slug}</loc>")),
        "{}",
        jobs.body
    );
    let companies = visitor.get("/sitemaps/companies-1.xml").await;
    assert!(
        companies
            .body
            .contains(&format!("/companies/{company}</loc>")),
        "{}",
        companies.body
    );
    // People are never listed; files past the end do not exist.
    for file in ["pages.xml", "jobs-1.xml", "companies-1.xml"] {
        let listed = visitor.get(&format!("/sitemaps/{file}")).await;
        assert!(!listed.body.contains("/p/"), "{}", listed.body);
    }
    for missing in ["jobs-2.xml", "people-1.xml", "jobs-0.xml"] {
        let reply = visitor.get(&format!("/sitemaps/{missing}")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{missing}");
    }

    // Hidden by a moderator: gone from the next read.
    report_and_decide(&app, &vacancy, "hide").await;
    let jobs = visitor.get("/sitemaps/jobs-1.xml").await;
    assert_eq!(jobs.status, StatusCode::OK);
    assert!(!jobs.body.contains(&slug), "{}", jobs.body);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_queue_pages_through_every_case(pool: PgPool) {
    let app = TestApp::new(pool);
    let moderator = app.admin_as("mod@example.com", "moderator").await;
    // 55 open cases as the automatic checks raise them, 3 decided.
    sqlx::query(
        "insert into moderation_cases (id, entity_type, entity_id, flagged_by_system, status,
                                       action_taken, decision_reason, decided_at, created_at)
         select gen_random_uuid(), 'vacancy', gen_random_uuid(), true,
                case when n <= 3 then 'decided' else 'pending' end,
                case when n <= 3 then 'approve' end, case when n <= 3 then 'Fine.' end,
                case when n <= 3 then now() end, now() - make_interval(mins => n)
           from generate_series(1, 58) n",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let page = |view: &'static str, page: &'static str| {
        let mut moderator = moderator.clone();
        async move {
            let reply = moderator
                .call("admin/moderation", &[("view", view), ("page", page)])
                .await;
            assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
            reply.json()
        }
    };
    let ids = |queue: &serde_json::Value| -> Vec<String> {
        queue["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (first, second) = (page("open", "1").await, page("open", "2").await);
    assert_eq!(
        (first["open"].as_i64(), first["decided"].as_i64()),
        (Some(55), Some(3))
    );
    assert_eq!((ids(&first).len(), ids(&second).len()), (50, 5));
    assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)));
    assert_eq!(ids(&page("decided", "1").await).len(), 3);
    // Past the last page, nothing; a nonsense page is the first.
    assert!(ids(&page("open", "3").await).is_empty());
    assert_eq!(ids(&page("open", "-4").await), ids(&first));
    let html = moderator.clone().get("/admin/moderation?page=2").await.body;
    assert!(html.contains("Page 2 of 2") && html.contains("Previous page"));
}
