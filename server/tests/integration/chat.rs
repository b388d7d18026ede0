//! Conversations: only the people of a conversation reach it (a member
//! who leaves the team loses it at once), a retried send stores one
//! message, concurrent senders get gapless numbers, read positions only move
//! forward, the sending limit, the edit window, closing with the
//! application, live announcements at commit, erasure keeping the other
//! side's thread, the sweep erasing conversations closed half a year ago,
//! and files reaching only the people of their conversation.

use crate::applications::{application_of, apply, candidate, move_to, open_vacancy};
use crate::common::{Client, TestApp, insert_user};
use crate::notifications::{choose, data_of, next_event_named};
use app::chat::db::{self, SendRefusal};
use app::error::AppError;
use axum::http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

/// An application of Ada to Acme's vacancy, moved on to "reviewing", and
/// the conversation about it opened by Acme's member: (hr, ada, chat id).
pub(crate) async fn application_chat(app: &TestApp) -> (Client, Client, String) {
    let (mut hr, vacancy) = open_vacancy(app, "hr@acme.example.com", "Acme Bank").await;
    let (mut ada, resume) = candidate(app, "ada@example.com").await;
    sqlx::query(
        "insert into candidate_profiles (user_id, first_name, last_name)
         select id, 'Ada', 'Obi' from users where email = 'ada@example.com'
         on conflict (user_id) do update set first_name = 'Ada', last_name = 'Obi'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let reply = apply(&mut ada, &vacancy, &resume).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let application = application_of(app, "ada@example.com").await;
    // The candidate waits for the team to look first.
    let early = ada
        .call(
            "chats/open",
            &[("about", "application"), ("id", &application)],
        )
        .await;
    assert!(
        matches!(early.error(), AppError::Refused(_)),
        "{}",
        early.body
    );
    let reply = move_to(&mut hr, &vacancy, &application, "reviewing").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = hr
        .call(
            "chats/open",
            &[("about", "application"), ("id", &application)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let chat: String = sqlx::query_scalar("select id::text from chats where kind = 'application'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // The candidate opening it again finds the same one.
    let again = ada
        .call(
            "chats/open",
            &[("about", "application"), ("id", &application)],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(
        count(app, "select count(*) from chats").await,
        1,
        "one conversation per application"
    );
    (hr, ada, chat)
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

pub(crate) async fn send(client: &mut Client, chat: &str, body: &str) -> crate::common::Reply {
    let key = Uuid::now_v7().to_string();
    client
        .call(
            "chats/send",
            &[("chat", chat), ("body", body), ("key", &key)],
        )
        .await
}

/// Every function of a conversation, called by `client`; the replies.
async fn every_call(client: &mut Client, chat: &str, message: &str) -> Vec<(String, AppError)> {
    let key = Uuid::now_v7().to_string();
    let calls: [(&str, Vec<(&str, &str)>); 10] = [
        ("chats/thread", vec![("id", chat)]),
        ("chats/older", vec![("id", chat), ("before", "100")]),
        ("chats/changes", vec![("id", chat), ("since", "0")]),
        ("chats/read", vec![("id", chat), ("seq", "1")]),
        (
            "chats/send",
            vec![("chat", chat), ("body", "Hello?"), ("key", &key)],
        ),
        ("chats/edit", vec![("id", message), ("body", "Changed")]),
        ("chats/delete", vec![("id", message)]),
        ("chats/mute", vec![("id", chat), ("muted", "true")]),
        ("chats/star", vec![("id", chat), ("starred", "true")]),
        ("chats/typing", vec![("id", chat)]),
    ];
    let mut out = Vec::new();
    for (endpoint, form) in calls {
        let reply = client.call(endpoint, &form).await;
        out.push((endpoint.to_string(), reply.error()));
    }
    out
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn only_the_people_of_a_conversation_reach_it(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    let reply = send(&mut hr, &chat, "Hello Ada, thanks for applying!").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let message = reply.json()["message"]["id"].as_str().unwrap().to_string();
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["title"], "Acme Bank");
    assert_eq!(
        thread["messages"][0]["body"],
        "Hello Ada, thanks for applying!"
    );
    let reply = send(&mut ada, &chat, "Thank you! Happy to talk.").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // A teammate reads and writes; once removed from the team, nothing.
    let mut tom = app
        .join_company(&mut hr, "tom@acme.example.com", "member")
        .await;
    let thread = tom.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["messages"].as_array().unwrap().len(), 2);
    let reply = send(&mut tom, &chat, "Joining from the hiring team.").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let tom_id = app.user_id("tom@acme.example.com").await.to_string();
    let reply = hr
        .call("company/member/remove", &[("user_id", &tom_id)])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    // A stranger, another company's member and the former teammate: every
    // call is answered like a missing conversation, and lists show nothing.
    let mut ben = app.registered("ben@example.com", "candidate").await;
    let mut eve = app
        .employer_of("eve@other.example.com", "Other Ltd", "")
        .await;
    for (who, client) in [("ben", &mut ben), ("eve", &mut eve), ("tom", &mut tom)] {
        for (endpoint, error) in every_call(client, &chat, &message).await {
            assert_eq!(error, AppError::NotFound, "{who} {endpoint}");
        }
        let list = client.call("chats", &[]).await.json();
        assert_eq!(list["items"], serde_json::json!([]), "{who}");
    }
    assert_eq!(count(&app, "select count(*) from chat_messages").await, 3);
    // Nor can someone else change Ada's words.
    let ada_message: String = sqlx::query_scalar(
        "select m.id::text from chat_messages m join users u on u.id = m.sender_id
          where u.email = 'ada@example.com'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    for endpoint in ["chats/edit", "chats/delete"] {
        let reply = hr
            .call(endpoint, &[("id", &ada_message), ("body", "Not mine")])
            .await;
        assert_eq!(reply.error(), AppError::NotFound, "{endpoint}");
    }

    // Those in it see it listed, with what is unread.
    let list = hr.call("chats", &[]).await.json();
    assert_eq!(list["items"][0]["title"], "Ada Obi");
    assert_eq!(list["items"][0]["about"], "Data Analyst");
    let found = hr.call("chats", &[("q", "happy to")]).await.json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let none = hr.call("chats", &[("q", "nothing like this")]).await.json();
    assert_eq!(none["items"], serde_json::json!([]));
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_retried_send_stores_one_message(pool: PgPool) {
    let app = TestApp::new(pool);
    let (hr, _, chat) = application_chat(&app).await;
    let key = Uuid::now_v7().to_string();
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let (mut hr, chat, key) = (hr.clone(), chat.clone(), key.clone());
            tokio::spawn(async move {
                hr.call(
                    "chats/send",
                    &[("chat", &chat), ("body", "Once only"), ("key", &key)],
                )
                .await
            })
        })
        .collect();
    let mut seqs = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        seqs.push(reply.json()["message"]["seq"].as_i64().unwrap());
    }
    assert!(seqs.iter().all(|&s| s == 1), "{seqs:?}");
    assert_eq!(count(&app, "select count(*) from chat_messages").await, 1);
    assert_eq!(count(&app, "select last_seq from chats").await, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn ten_senders_at_once_get_gapless_numbers(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, _) = open_vacancy(&app, "hr@acme.example.com", "Acme Bank").await;
    let owner = app.user_id("hr@acme.example.com").await;
    let company: Uuid =
        sqlx::query_scalar("select company_id from company_members where user_id = $1")
            .bind(owner)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    // Nine teammates, written directly (each invitation would send mail).
    let mut senders = vec![owner];
    for n in 0..9 {
        let id = insert_user(
            &app.pool,
            &format!("member{n}@acme.example.com"),
            "employer",
        )
        .await;
        sqlx::query(
            "insert into company_members (user_id, company_id, role) values ($1, $2, 'member')",
        )
        .bind(id)
        .bind(company)
        .execute(&app.pool)
        .await
        .unwrap();
        senders.push(id);
    }
    let reply = hr.call("chats/open", &[("about", "team")]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let chat: Uuid = sqlx::query_scalar("select id from chats where kind = 'team'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let tasks: Vec<_> = senders
        .into_iter()
        .map(|sender| {
            let pool = app.pool.clone();
            tokio::spawn(async move {
                let mut seqs = Vec::new();
                for n in 0..5 {
                    let message = db::send(
                        &pool,
                        chat,
                        sender,
                        &db::Outgoing::text(&format!("Note {n}")),
                        Uuid::now_v7(),
                    )
                    .await
                    .unwrap()
                    .unwrap();
                    seqs.push(message.seq);
                }
                seqs
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        let seqs = task.await.unwrap();
        // Each sender's own messages come in the order they were sent.
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
        all.extend(seqs);
    }
    all.sort_unstable();
    assert_eq!(all, (1..=50).collect::<Vec<i64>>());
    assert_eq!(count(&app, "select revision from chats").await, 50);
    // A reader catching up from any revision gets exactly what followed.
    let changes = db::changes(&app.pool, chat, owner, 20)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(changes.revision, 50);
    let seqs: Vec<i64> = changes.messages.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, (21..=50).collect::<Vec<i64>>());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn read_positions_only_move_forward(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    for n in 0..5 {
        let reply = send(&mut hr, &chat, &format!("Message {n}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let ada_read = || async {
        sqlx::query_scalar::<_, i64>(
            "select p.last_read_seq from chat_participants p join users u on u.id = p.user_id
              where u.email = 'ada@example.com'",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    // Ada has not opened it: five unread, in her badge and her list.
    let info = ada.call("session", &[]).await.json();
    assert_eq!(info["unread_chats"], 1);
    assert_eq!(ada.call("chats", &[]).await.json()["items"][0]["unread"], 5);
    for (seq, expected) in [("3", 3), ("2", 3), ("99", 5), ("-4", 5)] {
        let reply = ada.call("chats/read", &[("id", &chat), ("seq", seq)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(ada_read().await, expected, "after marking {seq}");
    }
    assert_eq!(ada.call("session", &[]).await.json()["unread_chats"], 0);
    // The team sees how far she read.
    let thread = hr.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["reads"][0]["seq"], 5);
    // Muted, a conversation leaves the badge.
    send(&mut hr, &chat, "One more").await;
    assert_eq!(ada.call("session", &[]).await.json()["unread_chats"], 1);
    let reply = ada
        .call("chats/mute", &[("id", &chat), ("muted", "true")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(ada.call("session", &[]).await.json()["unread_chats"], 0);
}

/// Each participant keeps the chat's last message number for the badge.
/// Someone who joins while a message is being written waits for it, so it
/// counts as unread for them rather than slipping past between the two.
#[sqlx::test(migrator = "server::MIGRATOR")]
async fn joining_while_a_message_is_written_counts_it_unread(pool: PgPool) {
    let app = TestApp::new(pool.clone());
    let (_hr, _ada, chat) = application_chat(&app).await;
    let chat: Uuid = chat.parse().unwrap();
    let ada: Uuid = sqlx::query_scalar("select id from users where email = 'ada@example.com'")
        .fetch_one(&pool)
        .await
        .unwrap();
    sqlx::query("delete from chat_participants where user_id = $1")
        .bind(ada)
        .execute(&pool)
        .await
        .unwrap();
    // A message takes its number and has yet to commit.
    let mut message = pool.begin().await.unwrap();
    sqlx::query("update chats set last_seq = last_seq + 1 where id = $1")
        .bind(chat)
        .execute(&mut *message)
        .await
        .unwrap();
    // Ada opens the conversation, read up to the number she can see.
    let joining = tokio::spawn({
        let pool = pool.clone();
        async move {
            sqlx::query(
                "insert into chat_participants (chat_id, user_id, last_read_seq)
                 select id, $2, last_seq from chats where id = $1",
            )
            .bind(chat)
            .bind(ada)
            .execute(&pool)
            .await
            .unwrap();
        }
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!joining.is_finished(), "joining waits for the message");
    message.commit().await.unwrap();
    joining.await.unwrap();
    let unread: i64 = sqlx::query_scalar("select unread_conversations($1)")
        .bind(ada)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(unread, 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn sending_editing_and_deleting_follow_the_rules(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    // Empty and overlong messages name the field.
    for body in ["   ", &"x".repeat(4001)] {
        let error = send(&mut hr, &chat, body).await.error();
        assert!(error.field_message("body").is_some(), "{error:?}");
    }
    // Twenty in ten seconds, then a wait.
    for n in 0..20 {
        let reply = send(&mut hr, &chat, &format!("Quick {n}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    }
    let reply = send(&mut hr, &chat, "One too many").await;
    assert_eq!(
        reply.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        reply.body
    );
    assert!(matches!(reply.error(), AppError::RateLimited(_)));
    assert_eq!(count(&app, "select count(*) from chat_messages").await, 20);

    // A reply quotes a message of the same conversation.
    let quoted: String = sqlx::query_scalar("select id::text from chat_messages where seq = 3")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let key = Uuid::now_v7().to_string();
    let reply = ada
        .call(
            "chats/send",
            &[
                ("chat", &chat),
                ("body", "About that"),
                ("key", &key),
                ("reply_to", &quoted),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let sent = reply.json();
    assert_eq!(sent["message"]["reply"]["snippet"], "Quick 2");
    let mine = sent["message"]["id"].as_str().unwrap().to_string();

    // Edited within 15 minutes, not after.
    let reply = ada
        .call("chats/edit", &[("id", &mine), ("body", "About that one")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json()["edited"], true);
    sqlx::query(
        "update chat_messages set created_at = now() - interval '16 minutes' where id = $1::uuid",
    )
    .bind(&mine)
    .execute(&app.pool)
    .await
    .unwrap();
    let late = ada
        .call("chats/edit", &[("id", &mine), ("body", "Too late")])
        .await;
    assert!(
        matches!(late.error(), AppError::Refused(_)),
        "{}",
        late.body
    );
    // Deleted at any time: "message deleted" stays, for everyone.
    let reply = ada.call("chats/delete", &[("id", &mine)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let thread = hr.call("chats/thread", &[("id", &chat)]).await.json();
    let last = thread["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (last["deleted"].clone(), last["body"].clone()),
        (true.into(), "".into())
    );

    // Rejected, the application closes its conversation.
    let application = application_of(&app, "ada@example.com").await;
    let vacancy: String = sqlx::query_scalar("select vacancy_id::text from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let reply = move_to(&mut hr, &vacancy, &application, "rejected").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let closed = send(&mut ada, &chat, "Can we talk?").await;
    assert!(
        matches!(closed.error(), AppError::Refused(_)),
        "{}",
        closed.body
    );
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    assert!(thread["read_only"].is_string());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn changes_are_announced_to_those_in_it_at_commit(pool: PgPool) {
    let app = TestApp::new(pool);
    let (_, mut ada, chat) = application_chat(&app).await;
    let hr = app.user_id("hr@acme.example.com").await;
    let ada_id = app.user_id("ada@example.com").await;
    let mut listener = sqlx::postgres::PgListener::connect_with(&app.pool)
        .await
        .unwrap();
    listener.listen("live").await.unwrap();
    let chat_id: Uuid = chat.parse().unwrap();
    // A refused send announces nothing; a stored one tells both sides.
    let refused = db::send(
        &app.pool,
        chat_id,
        Uuid::now_v7(),
        &db::Outgoing::text("Hi"),
        Uuid::now_v7(),
    )
    .await
    .unwrap();
    assert_eq!(refused.unwrap_err(), SendRefusal::NotFound);
    let reply = send(&mut ada, &chat, "Hello team").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let mut heard = Vec::new();
    for _ in 0..2 {
        let note = tokio::time::timeout(std::time::Duration::from_secs(5), listener.recv())
            .await
            .expect("an announcement")
            .unwrap();
        let event: serde_json::Value = serde_json::from_str(note.payload()).unwrap();
        assert_eq!(event["event"], "chat");
        assert_eq!(event["id"], chat);
        heard.push(event["user"].as_str().unwrap().parse::<Uuid>().unwrap());
    }
    heard.sort();
    let mut expected = vec![hr, ada_id];
    expected.sort();
    assert_eq!(heard, expected);
    // Typing goes to the others only, and is never stored.
    db::typing(&app.pool, chat_id, ada_id).await.unwrap();
    let note = tokio::time::timeout(std::time::Duration::from_secs(5), listener.recv())
        .await
        .expect("a typing event")
        .unwrap();
    let event: serde_json::Value = serde_json::from_str(note.payload()).unwrap();
    assert_eq!(event["event"], "typing");
    assert_eq!(event["user"], hr.to_string());
    assert_eq!(event["from"], ada_id.to_string());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn erasure_keeps_the_other_sides_thread(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    send(&mut hr, &chat, "Hello Ada").await;
    send(&mut ada, &chat, "My phone is 0803 000 0000").await;
    let ada_id = app.user_id("ada@example.com").await;
    app::settings::db::soft_delete(&app.pool, ada_id)
        .await
        .unwrap();
    let mut conn = app.pool.acquire().await.unwrap();
    app::settings::db::erase_account(&mut conn, ada_id)
        .await
        .unwrap();
    let thread = hr.call("chats/thread", &[("id", &chat)]).await.json();
    let messages = thread["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0]["body"], "Hello Ada");
    assert_eq!(messages[1]["body"], "");
    assert_eq!(messages[1]["deleted"], true);
    assert_eq!(messages[1]["sender_name"], "Deleted user");
    assert_eq!(
        count(
            &app,
            "select count(*) from chat_messages where body like '%0803%'"
        )
        .await,
        0
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_message_reaches_the_other_sides_stream_on_another_instance(pool: PgPool) {
    // Two instances on one database; Ada's tab is connected to the second.
    let first = TestApp::new(pool.clone());
    let second = TestApp::new(pool);
    let listening = tokio::spawn(second.state.live.clone().listen(second.pool.clone()));
    let (mut hr, ada, chat) = application_chat(&first).await;
    let mut ada_on_second = second.client();
    ada_on_second.cookie = ada.cookie.clone();
    let (status, mut stream) = ada_on_second.open_stream("/api/live", &[]).await;
    assert_eq!(status, StatusCode::OK);
    // On opening: nothing unread, and no conversation named (any may have
    // changed while the tab was away).
    let opened = data_of(&next_event_named(&mut stream, "chat").await);
    assert_eq!(opened, serde_json::json!({ "chat": null, "unread": 0 }));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let reply = send(&mut hr, &chat, "Are you free on Thursday?").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let arrived = data_of(&next_event_named(&mut stream, "chat").await);
    assert_eq!(arrived, serde_json::json!({ "chat": chat, "unread": 1 }));
    // The team writing is heard, never stored.
    let reply = hr.call("chats/typing", &[("id", &chat)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let typing = data_of(&next_event_named(&mut stream, "typing").await);
    assert_eq!(typing["chat"], chat);
    listening.abort();
}

async fn emails_to(app: &TestApp, to: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "select subject, body_text from captured_emails where to_address = $1 order by created_at",
    )
    .bind(to)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

/// Makes the waiting reminders due, as ten minutes passing would, and runs
/// the jobs.
async fn ten_minutes_later(app: &TestApp) {
    sqlx::query("update jobs set run_at = now() where kind = 'chat_reminder' and done_at is null")
        .execute(&app.pool)
        .await
        .unwrap();
    app.run_jobs().await;
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn unread_messages_are_told_after_ten_minutes_never_their_text(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    let secret = "The budget for this role is confidential";
    send(&mut hr, &chat, secret).await;
    send(&mut hr, &chat, "Also, are you free on Thursday?").await;
    // One reminder waits for Ada (none for the sender), not yet due.
    assert_eq!(
        count(
            &app,
            "select count(*) from jobs where kind = 'chat_reminder' and done_at is null"
        )
        .await,
        1
    );
    app.run_jobs().await;
    assert!(
        emails_to(&app, "ada@example.com")
            .await
            .iter()
            .all(|(s, _)| !s.contains("unread"))
    );

    ten_minutes_later(&app).await;
    let emails = emails_to(&app, "ada@example.com").await;
    let (subject, body) = emails.last().unwrap();
    assert_eq!(subject, "2 unread messages, the latest from Acme Bank team");
    assert!(body.contains(&format!("/messages/{chat}")), "{body}");
    assert!(
        !body.contains("budget") && !body.contains("Thursday"),
        "{body}"
    );
    let told = emails.len();

    // Read in time, or muted: no reminder.
    send(&mut hr, &chat, "Another detail").await;
    ada.call("chats/thread", &[("id", &chat)]).await;
    ten_minutes_later(&app).await;
    ada.call("chats/mute", &[("id", &chat), ("muted", "true")])
        .await;
    send(&mut hr, &chat, "While muted").await;
    ten_minutes_later(&app).await;
    assert_eq!(emails_to(&app, "ada@example.com").await.len(), told);
    // Unmuted but turned off in the settings: none either.
    ada.call("chats/mute", &[("id", &chat), ("muted", "false")])
        .await;
    let reply = choose(&mut ada, "new_message", "off").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    send(&mut hr, &chat, "Turned off").await;
    ten_minutes_later(&app).await;
    assert_eq!(emails_to(&app, "ada@example.com").await.len(), told);
    assert_eq!(
        count(
            &app,
            "select count(*) from jobs where kind = 'chat_reminder' and done_at is null"
        )
        .await,
        0
    );
}

/// A conversation about a new application of a fresh candidate to the
/// same vacancy, in `status`, closed (or last changed) `days` ago.
async fn closed_application_chat(app: &TestApp, email: &str, status: &str, days: i32) -> Uuid {
    let candidate = insert_user(&app.pool, email, "candidate").await;
    let (application, chat) = (Uuid::now_v7(), Uuid::now_v7());
    sqlx::query(
        "insert into applications (id, vacancy_id, candidate_id, status, match_score, updated_at)
         select $1, vacancy_id, $2, $3, 50, now() - make_interval(days => $4)
           from applications limit 1",
    )
    .bind(application)
    .bind(candidate)
    .bind(status)
    .bind(days)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into chats (id, kind, person_id, company_id, application_id, last_seq)
         select $1, 'application', $2, company_id, $3, 0 from chats limit 1",
    )
    .bind(chat)
    .bind(candidate)
    .bind(application)
    .execute(&app.pool)
    .await
    .unwrap();
    chat
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_sweep_erases_exactly_the_conversations_closed_half_a_year_ago(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    send(&mut ada, &chat, "Thank you for the interview").await;
    let vacancy: String = sqlx::query_scalar("select vacancy_id::text from applications")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let application = application_of(&app, "ada@example.com").await;
    let reply = move_to(&mut hr, &vacancy, &application, "rejected").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Closed 181 days ago by its timeline, although changed since.
    sqlx::query(
        "update application_events set created_at = now() - interval '181 days'
          where to_status = 'rejected'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let old_rejected = closed_application_chat(&app, "b@example.com", "rejected", 200).await;
    let starred = closed_application_chat(&app, "c@example.com", "hired", 400).await;
    let recent = closed_application_chat(&app, "d@example.com", "withdrawn", 30).await;
    let open = closed_application_chat(&app, "e@example.com", "interview", 400).await;
    let starrer = app.user_id("c@example.com").await;
    assert!(
        db::set_flags(&app.pool, starred, starrer, None, Some(true))
            .await
            .unwrap()
    );
    // An introduction whose outcome was recorded 200 days ago, and one of 20.
    let mut introduction_chats = Vec::new();
    for (days, email) in [(200, "f@example.com"), (20, "g@example.com")] {
        let person = insert_user(&app.pool, email, "candidate").await;
        let introduction = Uuid::now_v7();
        sqlx::query(
            "insert into introduction_requests
                 (id, vacancy_id, company_id, professional_id, message, status, expires_at,
                  ended_at, outcome, outcome_at)
             select $1, a.vacancy_id, c.company_id, $2, repeat('A role you would like. ', 4),
                    'accepted', now(), now(), 'hired', now() - make_interval(days => $3)
               from applications a, chats c limit 1",
        )
        .bind(introduction)
        .bind(person)
        .bind(days)
        .execute(&app.pool)
        .await
        .unwrap();
        let mut conn = app.pool.acquire().await.unwrap();
        introduction_chats.push(
            db::open_for_introduction(&mut conn, introduction)
                .await
                .unwrap(),
        );
    }

    let swept = app::jobs::sweep(&app.state).await.unwrap();
    assert_eq!(swept.conversations, 3);
    let left: Vec<Uuid> = sqlx::query_scalar("select id from chats order by id")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mut expected = vec![starred, recent, open, introduction_chats[1]];
    expected.sort();
    assert_eq!(left, expected);
    assert!(!left.contains(&old_rejected));
    assert_eq!(
        count(&app, "select count(*) from chat_messages").await,
        0,
        "Ada's message went with her conversation"
    );
    // A second sweep has nothing more to do.
    assert_eq!(app::jobs::sweep(&app.state).await.unwrap().conversations, 0);
}

/// Sends a file to a conversation as the thread's attach form does.
async fn attach(
    client: &mut Client,
    chat: &str,
    key: &str,
    name: &str,
    bytes: &[u8],
) -> crate::common::Reply {
    client
        .upload_with(
            "chats/attach",
            &[("chat", chat), ("key", key), ("body", "")],
            "file",
            name,
            bytes,
        )
        .await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn files_reach_only_the_people_of_the_conversation(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    let mut stranger = app.registered("eve@example.com", "candidate").await;
    let photo = server::demo_files::portrait_jpeg(300, 1);
    let pdf = server::demo_files::resume_pdf(&["Portfolio"]);

    // Someone outside the conversation stores nothing.
    let before = app.stored_files().len();
    let key = Uuid::now_v7().to_string();
    let refused = attach(&mut stranger, &chat, &key, "x.jpg", &photo).await;
    assert_eq!(refused.error(), AppError::NotFound);
    assert_eq!(app.stored_files().len(), before);

    // An image (cleaned, with its size) and a PDF; a retry stores one.
    let sent = attach(&mut ada, &chat, &key, "me.jpg", &photo).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let image = sent.json()["message"].clone();
    assert_eq!(image["attachment"]["file_name"], "me.jpg");
    assert_eq!(
        image["attachment"]["image_size"],
        serde_json::json!([300, 300])
    );
    let again = attach(&mut ada, &chat, &key, "me.jpg", &photo).await;
    assert_eq!(again.json()["message"]["id"], image["id"]);
    let pdf_key = Uuid::now_v7().to_string();
    let sent = attach(&mut ada, &chat, &pdf_key, "portfolio.pdf", &pdf).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let document = sent.json()["message"].clone();
    assert!(document["attachment"]["image_size"].is_null());
    assert_eq!(
        count(&app, "select count(*) from chat_attachments").await,
        2
    );
    assert_eq!(app.stored_files().len(), before + 2);

    // Anything else is refused by its content, whatever its name.
    let other_key = Uuid::now_v7().to_string();
    let refused = attach(&mut ada, &chat, &other_key, "notes.pdf", b"just some text").await;
    assert!(
        refused.error().field_message("file").is_some(),
        "{}",
        refused.body
    );
    assert_eq!(app.stored_files().len(), before + 2);

    // Unreadable text beside the file is a field error, not a failure.
    let refused = ada
        .upload_with(
            "chats/attach",
            &[("chat", &chat), ("key", &other_key), ("body", "hi\u{0}")],
            "file",
            "me.jpg",
            &photo,
        )
        .await;
    assert!(
        refused.error().field_message("body").is_some(),
        "{}",
        refused.body
    );
    assert_eq!(app.stored_files().len(), before + 2);

    // Served to the hiring team and the candidate, not to anyone else.
    let image_url = format!("/media/chat/{}", image["id"].as_str().unwrap());
    let pdf_url = format!("/media/chat/{}", document["id"].as_str().unwrap());
    let seen = hr.get(&image_url).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert_eq!(seen.headers["content-type"], "image/jpeg");
    let download = ada.get(&pdf_url).await;
    assert_eq!(download.status, StatusCode::OK);
    assert!(
        download.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("portfolio.pdf")
    );
    assert_eq!(stranger.get(&image_url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.client().get(&pdf_url).await.status,
        StatusCode::NOT_FOUND
    );

    // Deleting the message deletes its file.
    let deleted = ada
        .call("chats/delete", &[("id", image["id"].as_str().unwrap())])
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert!(deleted.json()["attachment"].is_null());
    assert_eq!(hr.get(&image_url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.stored_files().len(), before + 1);

    // Erasing the account takes the rest.
    let ada_id = app.user_id("ada@example.com").await;
    app::settings::db::soft_delete(&app.pool, ada_id)
        .await
        .unwrap();
    let mut conn = app.pool.acquire().await.unwrap();
    let files = app::settings::db::erase_account(&mut conn, ada_id)
        .await
        .unwrap();
    assert!(
        files.iter().any(|key| key.starts_with("chats/")),
        "{files:?}"
    );
    assert_eq!(hr.get(&pdf_url).await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn people_reach_the_admins_through_support(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut ada = app.registered("ada@example.com", "candidate").await;
    let mut eve = app.registered("eve@example.com", "candidate").await;
    let mut admin = app.admin("admin@example.com").await;
    let opened = ada.call("chats/open", &[("about", "support")]).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let again = ada.call("chats/open", &[("about", "support")]).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let chat: String = sqlx::query_scalar("select id::text from chats where kind = 'support'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count(&app, "select count(*) from chats").await, 1);
    let sent = send(&mut ada, &chat, "I cannot upload my CV").await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    // Every admin sees it waiting, and can answer.
    let list = admin.call("chats", &[]).await.json();
    let item = &list["items"][0];
    assert_eq!(item["id"], chat);
    assert_eq!(item["title"], "Candidate");
    assert_eq!(item["unread"], 1);
    assert_eq!(list["can_contact_support"], false);
    let answered = send(&mut admin, &chat, "Which file type is it?").await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["title"], "Hirewell support");
    assert_eq!(thread["messages"][1]["sender_name"], "Hirewell support");

    // No one else reaches it; an admin has no support conversation of
    // their own.
    for (endpoint, error) in every_call(
        &mut eve,
        &chat,
        sent.json()["message"]["id"].as_str().unwrap(),
    )
    .await
    {
        assert_eq!(error, AppError::NotFound, "{endpoint}");
    }
    let own = admin.call("chats/open", &[("about", "support")]).await;
    assert_eq!(own.error(), AppError::NotFound);
}

pub(crate) async fn report(
    client: &mut Client,
    id: &str,
    reason: &str,
    details: &str,
) -> crate::common::Reply {
    client
        .call(
            "chats/report",
            &[("id", id), ("reason", reason), ("details", details)],
        )
        .await
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_report_keeps_the_message_as_it_was(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    let mut eve = app.registered("eve@example.com", "candidate").await;
    let sent = send(&mut hr, &chat, "Pay 50,000 naira to book your interview").await;
    let message = sent.json()["message"]["id"].as_str().unwrap().to_string();
    let mine = send(&mut ada, &chat, "Is that right?").await.json()["message"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = report(&mut ada, &message, "other", "  ").await;
    assert!(
        reply.error().field_message("details").is_some(),
        "{}",
        reply.body
    );
    let reply = report(&mut ada, &message, "scam", "").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply = report(&mut ada, &message, "spam", "").await;
    assert!(
        matches!(reply.error(), AppError::Refused(_)),
        "{}",
        reply.body
    );
    // Not one's own message, and not from outside the conversation.
    let reply = report(&mut ada, &mine, "spam", "").await;
    assert_eq!(reply.error(), AppError::NotFound);
    let reply = report(&mut eve, &message, "spam", "").await;
    assert_eq!(reply.error(), AppError::NotFound);

    // The sender changing or deleting it hides nothing from moderators.
    let edited = hr
        .call("chats/edit", &[("id", &message), ("body", "See you soon")])
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let deleted = hr.call("chats/delete", &[("id", &message)]).await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let (reason, body, reported): (String, String, Uuid) =
        sqlx::query_as("select reason, message_body, reported_user_id from chat_reports")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(reason, "scam");
    assert_eq!(body, "Pay 50,000 naira to book your interview");
    assert_eq!(reported, app.user_id("hr@acme.example.com").await);
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["messages"][0]["reported"], true);
    assert_eq!(thread["messages"][1]["reported"], false);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn people_who_share_an_application_can_talk_one_to_one_until_one_blocks(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, _) = application_chat(&app).await;
    let mut eve = app.registered("eve@example.com", "candidate").await;
    let (hr_id, ada_id, eve_id) = (
        app.user_id("hr@acme.example.com").await,
        app.user_id("ada@example.com").await,
        app.user_id("eve@example.com").await,
    );
    // No cold messages: Eve shares nothing with either.
    async fn open_direct(client: &mut Client, other: Uuid) -> crate::common::Reply {
        client
            .call(
                "chats/open",
                &[("about", "direct"), ("id", &other.to_string())],
            )
            .await
    }
    assert_eq!(
        open_direct(&mut eve, hr_id).await.error(),
        AppError::NotFound
    );
    assert_eq!(
        open_direct(&mut hr, eve_id).await.error(),
        AppError::NotFound
    );
    assert_eq!(
        open_direct(&mut eve, ada_id).await.error(),
        AppError::NotFound
    );
    let opened = ada
        .call(
            "chats/open",
            &[("about", "direct"), ("id", &hr_id.to_string())],
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let chat: String = sqlx::query_scalar("select id::text from chats where kind = 'direct'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // The other side opening it finds the same conversation.
    let again = hr
        .call(
            "chats/open",
            &[("about", "direct"), ("id", &ada_id.to_string())],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(
        count(&app, "select count(*) from chats where kind = 'direct'").await,
        1
    );
    assert_eq!(
        send(&mut hr, &chat, "Off the record: good luck")
            .await
            .status,
        StatusCode::OK
    );
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["kind"], "Direct");
    assert_eq!(thread["messages"][0]["body"], "Off the record: good luck");
    for (endpoint, error) in every_call(
        &mut eve,
        &chat,
        thread["messages"][0]["id"].as_str().unwrap(),
    )
    .await
    {
        assert_eq!(error, AppError::NotFound, "{endpoint}");
    }

    // Ada blocks: neither can write; Hr cannot start another; Eve cannot
    // block in a conversation she is not in.
    assert_eq!(
        eve.call("chats/block", &[("id", &chat), ("blocked", "true")])
            .await
            .error(),
        AppError::NotFound
    );
    let blocked = ada
        .call("chats/block", &[("id", &chat), ("blocked", "true")])
        .await;
    assert_eq!(blocked.status, StatusCode::OK, "{}", blocked.body);
    assert!(matches!(
        send(&mut hr, &chat, "Hello?").await.error(),
        AppError::Refused(_)
    ));
    assert!(matches!(
        send(&mut ada, &chat, "Hello?").await.error(),
        AppError::Refused(_)
    ));
    let thread = ada.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["blocking"], true);
    assert!(thread["read_only"].as_str().unwrap().contains("Unblock"));
    let thread = hr.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["blocking"], false);
    assert_eq!(
        thread["read_only"],
        "This person is not taking messages from you."
    );
    let unblocked = ada
        .call("chats/block", &[("id", &chat), ("blocked", "false")])
        .await;
    assert_eq!(unblocked.status, StatusCode::OK, "{}", unblocked.body);
    assert_eq!(
        send(&mut hr, &chat, "Thanks for unblocking").await.status,
        StatusCode::OK
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_data_export_holds_ones_own_messages_only(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    send(&mut hr, &chat, "A question from the team").await;
    send(&mut ada, &chat, "My answer").await;
    let gone = send(&mut ada, &chat, "Sent by mistake").await.json()["message"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    ada.call("chats/delete", &[("id", &gone)]).await;
    let export = ada.get("/api/account/export").await.json();
    let texts: Vec<&str> = export["messages_sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["My answer"]);
    let export = hr.get("/api/account/export").await.json();
    assert_eq!(
        export["messages_sent"][0]["text"],
        "A question from the team"
    );
    assert_eq!(export["messages_sent"].as_array().unwrap().len(), 1);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_list_comes_a_page_at_a_time_newest_first(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut admin = app.admin("admin@example.com").await;
    // 55 people asked for support, a minute apart; two at the same moment.
    for n in 0..55 {
        let person = insert_user(&app.pool, &format!("p{n}@example.com"), "candidate").await;
        sqlx::query(
            "insert into chats (id, kind, person_id, last_message_at)
             values ($1, 'support', $2,
                     timestamptz '2026-11-01 12:00:00+00' - make_interval(mins => least($3, 30)))",
        )
        .bind(Uuid::now_v7())
        .bind(person)
        .bind(n)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let first = admin.call("chats", &[]).await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 50);
    let cursor = first["older"].as_str().unwrap().to_string();
    let rest = admin.call("chats", &[("before", &cursor)]).await.json();
    assert_eq!(rest["items"].as_array().unwrap().len(), 5);
    assert!(rest["older"].is_null());
    let mut seen: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(rest["items"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 55, "every conversation once");
    // A search pages the same way; a cursor that is not one is ignored.
    let searched = admin
        .call("chats", &[("q", "candidate"), ("before", "nonsense")])
        .await
        .json();
    assert_eq!(searched["items"].as_array().unwrap().len(), 50);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_team_sees_the_job_seekers_photo_in_their_conversations(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, chat) = application_chat(&app).await;
    let before = hr.call("chats", &[]).await.json();
    assert!(before["items"][0]["picture"].is_null());
    let uploaded = ada
        .upload(
            "media/photo",
            "photo",
            "me.jpg",
            &server::demo_files::portrait_jpeg(200, 2),
        )
        .await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.body);
    let list = hr.call("chats", &[]).await.json();
    let picture = list["items"][0]["picture"]["Photo"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(picture.starts_with("/media/photos/"), "{picture}");
    assert_eq!(hr.get(&picture).await.status, StatusCode::OK);
    let thread = hr.call("chats/thread", &[("id", &chat)]).await.json();
    assert_eq!(thread["picture"]["Photo"], picture.as_str());
    // The job seeker sees the company's side (no logo here), not themselves.
    let theirs = ada.call("chats", &[]).await.json();
    assert!(theirs["items"][0]["picture"].is_null());
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_search_never_names_the_company_a_confidential_vacancy_hides(pool: PgPool) {
    let app = TestApp::new(pool);
    let (mut hr, mut ada, _) = application_chat(&app).await;
    let found = |list: serde_json::Value| list["items"].as_array().unwrap().len();
    assert_eq!(found(ada.call("chats", &[("q", "acme")]).await.json()), 1);
    sqlx::query("update vacancies set is_confidential = true")
        .execute(&app.pool)
        .await
        .unwrap();
    let list = ada.call("chats", &[("q", "acme")]).await.json();
    assert_eq!(found(list), 0, "the company's name finds nothing");
    let all = ada.call("chats", &[]).await.json();
    assert_eq!(all["items"][0]["title"], "Hiring team");
    assert_eq!(found(hr.call("chats", &[("q", "ada")]).await.json()), 1);
}
