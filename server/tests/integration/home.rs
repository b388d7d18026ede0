//! The member's home: each role sees what needs it, and only its own.

use crate::applications::{application_of, apply, candidate, open_vacancy};
use crate::common::{TestApp, days_ahead};
use axum::http::StatusCode;
use serde_json::Value;
use sqlx::PgPool;

async fn home(client: &mut crate::common::Client) -> Value {
    let reply = client.call("home", &[]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn each_role_sees_its_own_work_and_nobody_elses(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, vacancy) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(&app, "ada@example.com").await;
    let (mut ben, _) = candidate(&app, "ben@example.com").await;
    let mut other_hr = app.employer_of("hr@globex.example.com", "Globex", "").await;
    let mut admin = app.admin("root@example.com").await;
    apply(&mut ada, &vacancy, &resume).await;
    let ada_app = application_of(&app, "ada@example.com").await;
    let reply = hr
        .call(
            "pipeline/interaction",
            &[
                ("application_id", &ada_app),
                ("kind", "interview"),
                ("body", "Meet the team"),
                ("scheduled_at", &days_ahead(2)),
                ("location", "Video call"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    assert_eq!(
        home(&mut app.client()).await,
        Value::Null,
        "a visitor has no home of their own"
    );
    assert_eq!(home(&mut admin).await["member"], "Admin");

    let hr_home = &home(&mut hr).await["member"]["Employer"];
    assert_eq!(hr_home["company"], "Acme Bank");
    assert_eq!(hr_home["new_applicants"][0]["vacancy_id"], vacancy.as_str());
    assert_eq!(hr_home["new_applicants"][0]["new_applicants"], 1);
    assert_eq!(hr_home["interviews"][0]["application_id"], ada_app.as_str());
    assert_eq!(hr_home["interviews"][0]["location"], "Video call");

    let ada_home = &home(&mut ada).await["member"]["Candidate"];
    assert_eq!(ada_home["interviews"][0]["company"], "Acme Bank");
    assert_eq!(ada_home["replies"][0]["title"], "Interview scheduled");
    assert_eq!(ada_home["active_applications"], 1);
    assert_eq!(ada_home["new_matches"], 0, "the one open job is applied to");

    // Nobody sees another's interviews, replies or applicants.
    let ben_home = &home(&mut ben).await["member"]["Candidate"];
    assert_eq!(ben_home["interviews"], serde_json::json!([]));
    assert_eq!(ben_home["replies"], serde_json::json!([]));
    assert_eq!(ben_home["new_matches"], 1, "Acme's job is new to Ben");
    let other_home = &home(&mut other_hr).await["member"]["Employer"];
    assert_eq!(other_home["company"], "Globex");
    assert_eq!(other_home["new_applicants"], serde_json::json!([]));
    assert_eq!(other_home["interviews"], serde_json::json!([]));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_new_employer_is_asked_to_set_up_a_company(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut newcomer = app.registered("new@hire.example.com", "employer").await;
    let home = &home(&mut newcomer).await["member"]["Employer"];
    assert_eq!(home["company"], Value::Null);
    assert_eq!(home["vacancies"], 0);
}
