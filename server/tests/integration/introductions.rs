//! Introductions: each send holds one credit and never more than there is,
//! one request per vacancy and person, the pending limit per person, who
//! may send and who may be asked, and answers and expiry settling or
//! giving back each credit exactly once.

use crate::applications::open_vacancy;
use crate::common::{Client, TestApp, insert_user};
use crate::vacancies::{change, create, vacancy_form};
use app::error::AppError;
use app::introductions::db::{self, NewRequest, Refusal};
use app::introductions::rules::{Account, Balance, Status};
use app::state::RequestContext;
use sqlx::PgPool;
use uuid::Uuid;

const MESSAGE: &str = "We are building the payments team in Lagos and your work stands out to us.";

/// `count` job seekers who show their profile to companies, written
/// directly: registering each would hash a password.
async fn professionals(app: &TestApp, count: usize) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for n in 0..count {
        let id = insert_user(&app.pool, &format!("pro{n}@example.com"), "candidate").await;
        sqlx::query(
            "insert into user_settings (user_id, profile_visibility) values ($1, 'network')",
        )
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
        ids.push(id);
    }
    ids
}

/// A company with an open vacancy and `credits`: (the member's client,
/// their id, the company, the vacancy).
async fn company_with_credits(
    app: &TestApp,
    email: &str,
    name: &str,
    credits: i64,
) -> (Client, Uuid, Uuid, Uuid) {
    // Every new company starts with the trial's credits.
    sqlx::query("update site_settings set value = $1 where name = 'trial_introduction_credits'")
        .bind(credits.to_string())
        .execute(&app.pool)
        .await
        .unwrap();
    let (client, vacancy) = open_vacancy(app, email, name).await;
    let sender = app.user_id(email).await;
    let company: Uuid =
        sqlx::query_scalar("select company_id from company_members where user_id = $1")
            .bind(sender)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    (client, sender, company, vacancy.parse().unwrap())
}

async fn send_on(
    pool: &PgPool,
    sender: Uuid,
    vacancy: Uuid,
    professional: Uuid,
    key: &str,
) -> Result<Uuid, Refusal> {
    let new = NewRequest {
        sender_id: sender,
        vacancy_id: vacancy,
        professional_id: professional,
        message: MESSAGE,
        key,
    };
    db::send(pool, &new, &RequestContext::default())
        .await
        .unwrap()
}

async fn send(
    app: &TestApp,
    sender: Uuid,
    vacancy: Uuid,
    professional: Uuid,
    key: &str,
) -> Result<Uuid, Refusal> {
    send_on(&app.pool, sender, vacancy, professional, key).await
}

/// A send to each of `people` at the same moment, each with its own key.
async fn sends_at_once(
    app: &TestApp,
    sender: Uuid,
    vacancy: Uuid,
    people: Vec<Uuid>,
) -> Vec<Result<Uuid, Refusal>> {
    let tasks: Vec<_> = people
        .into_iter()
        .enumerate()
        .map(|(n, person)| {
            let pool = app.pool.clone();
            tokio::spawn(async move {
                send_on(&pool, sender, vacancy, person, &format!("send-{n}")).await
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    outcomes
}

async fn finish(app: &TestApp, id: Uuid, to: Status) -> Result<(), &'static str> {
    let mut tx = app.pool.begin().await.unwrap();
    let outcome = db::finish(&mut tx, id, to, None, &RequestContext::default())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    outcome
}

/// A company's credits: available, held, spent.
fn credits(available: i64, held: i64, spent: i64) -> Balance {
    Balance {
        available,
        held,
        spent,
    }
}

/// The running totals, checked against the sum of the whole ledger.
async fn balance(app: &TestApp, company: Uuid) -> Balance {
    let mut conn = app.pool.acquire().await.unwrap();
    let totals = db::balance(&mut conn, company).await.unwrap();
    let transfers: Vec<(String, String, i64)> = sqlx::query_as(
        "select from_account, to_account, amount from credit_transfers where company_id = $1",
    )
    .bind(company)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let summed = Balance::of(transfers.iter().map(|(from, to, amount)| {
        (
            Account::parse(from).unwrap(),
            Account::parse(to).unwrap(),
            *amount,
        )
    }));
    assert_eq!(totals, summed, "the running totals drifted from the ledger");
    totals
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn fifty_sends_at_once_against_three_credits_make_three_requests(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let people = professionals(&app, 50).await;
    let mut sent = 0;
    for outcome in sends_at_once(&app, sender, vacancy, people).await {
        match outcome {
            Ok(_) => sent += 1,
            Err(refusal) => assert_eq!(refusal, Refusal::NoCredit),
        }
    }
    assert_eq!(sent, 3);
    assert_eq!(balance(&app, company).await, credits(0, 3, 0));
    let requests: i64 = sqlx::query_scalar("select count(*) from introduction_requests")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(requests, 3);
    // Counted as the company's use, once each: the refused sends are not.
    let used: i64 = sqlx::query_scalar(
        "select sum(count)::bigint from usage_records
          where feature = 'introduction' and company_id = $1 and user_id = $2",
    )
    .bind(company)
    .bind(sender)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(used, 3);
    assert_eq!(app.audit_count("introduction.sent").await, 3);
    // A grant and three holds, each in the audit log.
    assert_eq!(app.audit_count("credits.transferred").await, 4);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn twenty_identical_sends_make_one_request_and_a_retry_changes_nothing(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 5).await;
    let person = professionals(&app, 1).await[0];
    let mut sent = Vec::new();
    for outcome in sends_at_once(&app, sender, vacancy, vec![person; 20]).await {
        match outcome {
            Ok(id) => sent.push(id),
            Err(refusal) => assert_eq!(refusal, Refusal::AlreadyAsked),
        }
    }
    assert_eq!(sent.len(), 1);
    // The same send again (a double click, a retried request) answers with
    // the request it made and holds nothing more.
    let winner: String =
        sqlx::query_scalar("select idempotency_key from credit_transfers where reason = 'hold'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        send(&app, sender, vacancy, person, &winner).await,
        Ok(sent[0])
    );
    assert_eq!(balance(&app, company).await, credits(4, 1, 0));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn answers_settle_or_give_back_the_credit_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let people = professionals(&app, 3).await;
    let accepted = send(&app, sender, vacancy, people[0], "a").await.unwrap();
    let declined = send(&app, sender, vacancy, people[1], "b").await.unwrap();
    let withdrawn = send(&app, sender, vacancy, people[2], "c").await.unwrap();
    assert_eq!(balance(&app, company).await, credits(0, 3, 0));

    assert_eq!(finish(&app, accepted, Status::Accepted).await, Ok(()));
    assert_eq!(finish(&app, declined, Status::Declined).await, Ok(()));
    assert_eq!(finish(&app, withdrawn, Status::Withdrawn).await, Ok(()));
    assert_eq!(balance(&app, company).await, credits(2, 0, 1));

    // Nothing moves twice, and a declined person is not asked again for
    // the same vacancy.
    assert!(finish(&app, accepted, Status::Declined).await.is_err());
    assert!(finish(&app, declined, Status::Accepted).await.is_err());
    assert!(
        finish(&app, Uuid::now_v7(), Status::Accepted)
            .await
            .is_err()
    );
    assert_eq!(balance(&app, company).await, credits(2, 0, 1));
    assert_eq!(
        send(&app, sender, vacancy, people[1], "d").await,
        Err(Refusal::AlreadyAsked)
    );
    for action in [
        "introduction.accepted",
        "introduction.declined",
        "introduction.withdrawn",
    ] {
        assert_eq!(app.audit_count(action).await, 1, "{action}");
    }
    // The ledger is never rewritten.
    let rewrite = sqlx::query("update credit_transfers set amount = 5")
        .execute(&app.pool)
        .await;
    assert!(rewrite.is_err());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn expiry_gives_credits_back_exactly_once_with_two_workers(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let people = professionals(&app, 3).await;
    for (n, person) in people.iter().enumerate() {
        send(&app, sender, vacancy, *person, &format!("send-{n}"))
            .await
            .unwrap();
    }
    // Seven days by default.
    let days: f64 = sqlx::query_scalar(
        "select (extract(epoch from max(expires_at - sent_at)) / 86400)::float8
           from introduction_requests",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(days.round(), 7.0);
    // Two of them run out.
    sqlx::query(
        "update introduction_requests set expires_at = now() - interval '1 minute'
          where professional_id = any($1)",
    )
    .bind(&people[..2])
    .execute(&app.pool)
    .await
    .unwrap();
    let (first, second) = tokio::join!(db::expire_due(&app.pool), db::expire_due(&app.pool));
    assert_eq!(first.unwrap() + second.unwrap(), 2);
    assert_eq!(db::expire_due(&app.pool).await.unwrap(), 0);
    assert_eq!(balance(&app, company).await, credits(2, 1, 0));
    let released: i64 =
        sqlx::query_scalar("select count(*) from credit_transfers where reason = 'release'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(released, 2);
    assert_eq!(app.audit_count("introduction.expired").await, 2);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_person_has_at_most_so_many_requests_waiting(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 5).await;
    sqlx::query(
        "update site_settings set value = '2'
          where name = 'max_pending_introductions_per_professional'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let mut vacancies = vec![vacancy];
    for title in ["Risk Analyst", "Treasury Analyst"] {
        let id = create(&app, &mut hr, &vacancy_form(title)).await;
        change(&mut hr, &id, "publish").await;
        vacancies.push(id.parse().unwrap());
    }
    let person = professionals(&app, 1).await[0];
    let first = send(&app, sender, vacancies[0], person, "a").await.unwrap();
    send(&app, sender, vacancies[1], person, "b").await.unwrap();
    assert_eq!(
        send(&app, sender, vacancies[2], person, "c").await,
        Err(Refusal::TooManyPending)
    );
    // The refused send held nothing.
    assert_eq!(balance(&app, company).await, credits(3, 2, 0));
    // Once one is answered there is room again.
    finish(&app, first, Status::Declined).await.unwrap();
    assert!(send(&app, sender, vacancies[2], person, "d").await.is_ok());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_members_allowed_to_send_ask_people_who_can_be_asked(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 5).await;
    let people = professionals(&app, 3).await;

    // A private profile, and one that hides from this company: the same
    // answer as for nobody at all.
    sqlx::query("update user_settings set profile_visibility = 'private' where user_id = $1")
        .bind(people[0])
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("update user_settings set confidential_mode = true where user_id = $1")
        .bind(people[1])
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into candidate_blocked_companies (id, user_id, company_id)
         values (gen_random_uuid(), $1, $2)",
    )
    .bind(people[1])
    .bind(company)
    .execute(&app.pool)
    .await
    .unwrap();
    // Private, hidden from this company, nobody at all, and a company
    // member (not a professional to ask).
    let unavailable = [people[0], people[1], Uuid::now_v7(), sender];
    for (n, person) in unavailable.into_iter().enumerate() {
        let key = format!("unavailable-{n}");
        assert_eq!(
            send(&app, sender, vacancy, person, &key).await,
            Err(Refusal::NotAvailable),
            "{n}"
        );
    }

    // A member without the permission, and a member of another company
    // with this company's vacancy, send nothing.
    sqlx::query("update company_members set can_send_introductions = false where user_id = $1")
        .bind(sender)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        send(&app, sender, vacancy, people[2], "e").await,
        Err(Refusal::NotAllowed)
    );
    let (_, other, _, _) =
        company_with_credits(&app, "hr@other.example.com", "Other Bank", 5).await;
    assert_eq!(
        send(&app, other, vacancy, people[2], "f").await,
        Err(Refusal::VacancyNotOpen)
    );
    // A job seeker cannot send at all.
    assert_eq!(
        send(&app, people[2], vacancy, people[0], "g").await,
        Err(Refusal::NotAllowed)
    );
    assert_eq!(balance(&app, company).await, credits(5, 0, 0));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_new_company_starts_with_the_trials_credits_and_none_is_none(pool: PgPool) {
    let app = TestApp::new(pool);
    // The setting's default is five, and the company has them at once.
    let trial: i64 = sqlx::query_scalar("select setting_number('trial_introduction_credits')")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(trial, 5);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", trial).await;
    assert_eq!(balance(&app, company).await, credits(5, 0, 0));
    let person = professionals(&app, 1).await[0];
    assert!(send(&app, sender, vacancy, person, "a").await.is_ok());

    // A company without credits sends nothing.
    let (_, other, other_company, other_vacancy) =
        company_with_credits(&app, "hr@other.example.com", "Other Bank", 0).await;
    assert_eq!(
        send(&app, other, other_vacancy, person, "b").await,
        Err(Refusal::NoCredit)
    );
    assert_eq!(balance(&app, other_company).await, Balance::default());
}

/// A job seeker signed in, with a profile companies may see and a phone.
async fn signed_in_professional(app: &TestApp, email: &str, name: &str) -> (Client, Uuid) {
    let mut client = app.registered(email, "candidate").await;
    client
        .call("settings/privacy", &[("profile_visibility", "network")])
        .await;
    let id = app.user_id(email).await;
    sqlx::query(
        "insert into candidate_profiles (user_id, first_name, last_name, headline, phone)
         values ($1, $2, 'Okafor', 'Payments engineer', '+234 801 234 5678')
         on conflict (user_id) do update
             set first_name = excluded.first_name, last_name = excluded.last_name,
                 headline = excluded.headline, phone = excluded.phone",
    )
    .bind(id)
    .bind(name)
    .execute(&app.pool)
    .await
    .unwrap();
    (client, id)
}

/// Sends through the site as a person does; the new request's id.
async fn send_through_site(
    app: &TestApp,
    hr: &mut Client,
    vacancy: Uuid,
    person: Uuid,
    key: &str,
) -> Uuid {
    let reply = hr
        .call(
            "company/introductions/send",
            &[
                ("professional_id", &person.to_string()),
                ("vacancy_id", &vacancy.to_string()),
                ("message", MESSAGE),
                ("key", key),
            ],
        )
        .await;
    assert!(reply.status.is_success(), "{} {}", reply.status, reply.body);
    sqlx::query_scalar(
        "select id from introduction_requests where vacancy_id = $1 and professional_id = $2",
    )
    .bind(vacancy)
    .bind(person)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn contact_details_travel_only_after_acceptance(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let (mut ada, ada_id) = signed_in_professional(&app, "ada@example.com", "Ada").await;

    // The form shows the person, the open vacancy and the credits.
    let form = hr
        .call(
            "company/introductions/form",
            &[("professional_id", &ada_id.to_string())],
        )
        .await
        .json();
    assert_eq!(form["name"], "Ada Okafor");
    assert_eq!(form["vacancies"].as_array().unwrap().len(), 1);
    assert_eq!(form["balance"]["available"], 3);

    let id = send_through_site(&app, &mut hr, vacancy, ada_id, "form-1").await;
    // The same form sent again (a double click) sends nothing more.
    send_through_site(&app, &mut hr, vacancy, ada_id, "form-1").await;
    assert_eq!(balance(&app, company).await, credits(2, 1, 0));

    // Before an answer, nothing the sender can read holds her email or
    // phone: not the data, not the page and its hydration data.
    for reply in [
        hr.call("company/introductions", &[]).await,
        hr.get("/company/introductions").await,
    ] {
        assert!(reply.status.is_success(), "{}", reply.status);
        assert!(reply.body.contains("Ada Okafor"));
        assert!(!reply.body.contains("ada@example.com"), "{}", reply.body);
        assert!(!reply.body.contains("801 234"));
    }
    // Nor does she see the sender's before accepting; opening it marks it
    // viewed.
    let received = ada
        .call("introductions/one", &[("id", &id.to_string())])
        .await;
    assert!(!received.body.contains("hr@acme.example.com"));
    assert_eq!(received.json()["company"], "Acme Bank");
    let viewed: bool =
        sqlx::query_scalar("select viewed_at is not null from introduction_requests where id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(viewed);
    // She was told, by email too (the default for requests).
    let told: i64 = sqlx::query_scalar(
        "select count(*) from notifications where user_id = $1 and kind = 'introduction_request'",
    )
    .bind(ada_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(told, 1);

    let accepted = ada
        .call(
            "introductions/accept",
            &[("id", &id.to_string()), ("reply", "Happy to talk.")],
        )
        .await;
    assert!(accepted.status.is_success(), "{}", accepted.body);
    assert_eq!(balance(&app, company).await, credits(2, 0, 1));
    let overview = hr.call("company/introductions", &[]).await.json();
    let contact = &overview["requests"][0]["contact"];
    assert_eq!(contact["email"], "ada@example.com");
    assert_eq!(contact["phone"], "+234 801 234 5678");
    assert_eq!(overview["requests"][0]["reply"], "Happy to talk.");
    let mine = ada.call("introductions/received", &[]).await.json();
    assert_eq!(mine[0]["contact"]["email"], "hr@acme.example.com");
    // Answering twice changes nothing.
    let again = ada
        .call(
            "introductions/decline",
            &[("id", &id.to_string()), ("reason", "pay")],
        )
        .await;
    assert!(matches!(again.error(), AppError::Refused(_)));
    assert_eq!(balance(&app, company).await, credits(2, 0, 1));

    // The outcome is recorded on an accepted request only.
    let saved = hr
        .call(
            "company/introductions/outcome",
            &[
                ("id", &id.to_string()),
                ("outcome", "hired"),
                ("notes", "Starts in March"),
            ],
        )
        .await;
    assert!(saved.status.is_success(), "{}", saved.body);
    assert_eq!(app.audit_count("introduction.outcome").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn declines_and_withdrawals_give_the_credit_back(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let (mut ada, ada_id) = signed_in_professional(&app, "ada@example.com", "Ada").await;
    let (_, ben_id) = signed_in_professional(&app, "ben@example.com", "Ben").await;
    let to_ada = send_through_site(&app, &mut hr, vacancy, ada_id, "a").await;
    let to_ben = send_through_site(&app, &mut hr, vacancy, ben_id, "b").await;
    assert_eq!(balance(&app, company).await, credits(1, 2, 0));

    // A decline needs a reason from the list.
    let no_reason = ada
        .call("introductions/decline", &[("id", &to_ada.to_string())])
        .await;
    assert!(matches!(no_reason.error(), AppError::Validation(_)));
    let declined = ada
        .call(
            "introductions/decline",
            &[("id", &to_ada.to_string()), ("reason", "not_looking")],
        )
        .await;
    assert!(declined.status.is_success(), "{}", declined.body);
    let withdrawn = hr
        .call(
            "company/introductions/withdraw",
            &[("id", &to_ben.to_string())],
        )
        .await;
    assert!(withdrawn.status.is_success(), "{}", withdrawn.body);
    assert_eq!(balance(&app, company).await, credits(3, 0, 0));
    // Neither shared anything, and a declined role cannot be asked again.
    let overview = hr
        .call("company/introductions", &[("status", "declined")])
        .await;
    assert!(!overview.body.contains("ada@example.com"));
    assert_eq!(overview.json()["requests"].as_array().unwrap().len(), 1);
    let again = hr
        .call(
            "company/introductions/send",
            &[
                ("professional_id", &ada_id.to_string()),
                ("vacancy_id", &vacancy.to_string()),
                ("message", MESSAGE),
                ("key", "c"),
            ],
        )
        .await;
    assert!(matches!(again.error(), AppError::Validation(_)));
    // An outcome needs an accepted request.
    let outcome = hr
        .call(
            "company/introductions/outcome",
            &[("id", &to_ada.to_string()), ("outcome", "hired")],
        )
        .await;
    assert!(matches!(outcome.error(), AppError::Refused(_)));
    let told: i64 = sqlx::query_scalar(
        "select count(*) from notifications where kind = 'introduction_answered'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(told, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn nobody_else_reads_or_changes_a_request(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, sender, _, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let (mut ada_client, ada_id) = signed_in_professional(&app, "ada@example.com", "Ada").await;
    let (mut ben, _) = signed_in_professional(&app, "ben@example.com", "Ben").await;
    let id = send_through_site(&app, &mut hr, vacancy, ada_id, "a").await;
    let id = id.to_string();

    // Another job seeker: the request does not exist for them.
    for endpoint in ["introductions/one", "introductions/accept"] {
        let reply = ben.call(endpoint, &[("id", &id)]).await;
        assert_eq!(reply.error(), AppError::NotFound, "{endpoint}");
    }
    let decline = ben
        .call("introductions/decline", &[("id", &id), ("reason", "pay")])
        .await;
    assert_eq!(decline.error(), AppError::NotFound);
    assert!(
        ben.call("introductions/received", &[])
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Another company's member sees none of it and changes nothing.
    let (mut other, _, _, _) =
        company_with_credits(&app, "hr@other.example.com", "Other Bank", 3).await;
    assert_eq!(
        other
            .call("company/introductions/withdraw", &[("id", &id)])
            .await
            .error(),
        AppError::NotFound
    );
    assert_eq!(
        other
            .call(
                "company/introductions/outcome",
                &[("id", &id), ("outcome", "hired")]
            )
            .await
            .error(),
        AppError::NotFound
    );
    let theirs = other.call("company/introductions", &[]).await.json();
    assert!(theirs["requests"].as_array().unwrap().is_empty());

    // A member whose team took introductions away is refused everywhere.
    sqlx::query("update company_members set can_send_introductions = false where user_id = $1")
        .bind(sender)
        .execute(&app.pool)
        .await
        .unwrap();
    let ada = ada_id.to_string();
    let calls: [(&str, Vec<(&str, &str)>); 4] = [
        ("company/introductions", vec![]),
        (
            "company/introductions/form",
            vec![("professional_id", &ada)],
        ),
        ("company/introductions/withdraw", vec![("id", &id)]),
        (
            "company/introductions/outcome",
            vec![("id", &id), ("outcome", "hired")],
        ),
    ];
    for (endpoint, form) in calls {
        let reply = hr.call(endpoint, &form).await;
        assert!(matches!(reply.error(), AppError::Refused(_)), "{endpoint}");
    }
    let status: String =
        sqlx::query_scalar("select status from introduction_requests where id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(status, "pending");
    // The company's functions are not the job seeker's.
    assert!(
        ada_client
            .call("company/introductions", &[])
            .await
            .status
            .is_client_error()
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_request_about_to_expire_is_remembered_once(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _, _, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let (_, ada_id) = signed_in_professional(&app, "ada@example.com", "Ada").await;
    let id = send_through_site(&app, &mut hr, vacancy, ada_id, "a").await;
    // Not due yet: a week is left.
    assert_eq!(db::remind_due(&app.pool).await.unwrap(), 0);
    sqlx::query(
        "update introduction_requests set expires_at = now() + interval '36 hours' where id = $1",
    )
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();
    let (first, second) = tokio::join!(db::remind_due(&app.pool), db::remind_due(&app.pool));
    assert_eq!(first.unwrap() + second.unwrap(), 1);
    assert_eq!(db::remind_due(&app.pool).await.unwrap(), 0);
    let reminders: i64 = sqlx::query_scalar(
        "select count(*) from notifications where user_id = $1 and title like 'Two days left%'",
    )
    .bind(ada_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(reminders, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_company_page_shows_how_it_is_answered_once_enough_requests_were_decided(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, sender, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 5).await;
    let slug: String = sqlx::query_scalar("select slug from companies where id = $1")
        .bind(company)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let people = professionals(&app, 5).await;
    let endings = [
        Status::Accepted,
        Status::Accepted,
        Status::Declined,
        Status::Accepted,
        Status::Expired,
    ];
    let mut visitor = app.client();
    for (n, (person, ending)) in people.into_iter().zip(endings).enumerate() {
        let page = visitor
            .call("companies/public", &[("slug", slug.as_str())])
            .await
            .json();
        assert!(page["responses"].is_null(), "shown after only {n}");
        let id = send(&app, sender, vacancy, person, &format!("k{n}"))
            .await
            .unwrap();
        assert_eq!(finish(&app, id, ending).await, Ok(()));
    }
    let page = visitor
        .call("companies/public", &[("slug", slug.as_str())])
        .await
        .json();
    assert_eq!(page["responses"]["answered_percent"], 80);
    let html = visitor.get(&format!("/companies/{slug}")).await.body;
    assert!(html.contains("80% answered"), "the page states the share");
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_export_holds_both_sides_and_erasure_keeps_the_ledger(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _, company, vacancy) =
        company_with_credits(&app, "hr@acme.example.com", "Acme Bank", 3).await;
    let (mut ada, ada_id) = signed_in_professional(&app, "ada@example.com", "Ada").await;
    let (ben, ben_id) = signed_in_professional(&app, "ben@example.com", "Ben").await;
    let answered = send_through_site(&app, &mut hr, vacancy, ada_id, "a").await;
    let waiting = send_through_site(&app, &mut hr, vacancy, ben_id, "b").await;
    let reply = ada
        .call(
            "introductions/accept",
            &[
                ("id", answered.to_string().as_str()),
                ("reply", "Glad to talk, mornings suit me best."),
            ],
        )
        .await;
    assert!(reply.status.is_success(), "{}", reply.body);

    let mine = ada.get("/api/account/export").await.json();
    let received = mine["introductions_received"].as_array().unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["company"], "Acme Bank");
    assert_eq!(received[0]["reply"], "Glad to talk, mornings suit me best.");
    assert!(received[0]["outcome_notes"].as_str().unwrap().is_empty());
    assert_eq!(mine["introductions_sent"], serde_json::json!([]));
    let theirs = hr.get("/api/account/export").await.json();
    let sent = theirs["introductions_sent"].as_array().unwrap();
    assert_eq!(sent.len(), 2);
    assert!(sent.iter().any(|s| s["professional"] == "Ada Okafor"));

    // Both people leave; their erasure runs.
    for (person, mut client) in [(ada_id, ada), (ben_id, ben)] {
        let gone = client
            .call(
                "account/delete",
                &[
                    ("current_password", crate::common::PASSWORD),
                    ("confirm", "on"),
                ],
            )
            .await;
        assert!(gone.status.is_success(), "{person}: {}", gone.body);
    }
    let before: i64 = sqlx::query_scalar("select count(*) from credit_transfers")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query("update jobs set run_at = now() where kind = 'erase_account'")
        .execute(&app.pool)
        .await
        .unwrap();
    app.run_jobs().await;

    let rows: Vec<(Uuid, String, String)> =
        sqlx::query_as("select id, status, reply from introduction_requests order by sent_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        [
            (answered, "accepted".to_string(), String::new()),
            (waiting, "expired".to_string(), String::new()),
        ],
        "the requests stay, without the person's words; the waiting one ends"
    );
    let after: i64 = sqlx::query_scalar("select count(*) from credit_transfers")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(after, before + 1, "only the waiting credit moved back");
    assert_eq!(balance(&app, company).await, credits(2, 0, 1));
}
