//! The audit log's hash chain and its viewer.

use crate::common::TestApp;
use app::audit::{self, AuditEvent, Break, ChainCheck};
use app::error::AppError;
use app::state::RequestContext;
use axum::http::StatusCode;
use sqlx::PgPool;
use uuid::Uuid;

async fn verify(pool: &PgPool) -> ChainCheck {
    let mut conn = pool.acquire().await.unwrap();
    audit::chain::verify(&mut conn).await.unwrap()
}

async fn write_entry(pool: &PgPool, action: &str) {
    let mut tx = pool.begin().await.unwrap();
    audit::record(
        &mut tx,
        AuditEvent::on_user(None, action, Uuid::now_v7()),
        &RequestContext::default(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Runs `statements` as the table's owner with its refusing triggers off,
/// as someone with access to the database (not the site) could.
async fn behind_the_triggers(pool: &PgPool, statements: &str) {
    let mut tx = pool.begin().await.unwrap();
    sqlx::raw_sql(&format!(
        "alter table audit_log disable trigger user;
         {statements};
         alter table audit_log enable trigger user;"
    ))
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn id_at(pool: &PgPool, seq: i64) -> Uuid {
    sqlx::query_scalar("select id from audit_log where chain_seq = $1")
        .bind(seq)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn entries_are_sealed_at_commit_without_deadlocks(pool: PgPool) {
    // Half the writers audit and then lock a row, half lock it and then
    // audit: a chain head taken at insert would deadlock them.
    sqlx::raw_sql("create table counter (id int primary key, n int not null); insert into counter values (1, 0);")
        .execute(&pool)
        .await
        .unwrap();
    let writers = (0..20).map(|i| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut tx = pool.begin().await?;
            if i % 2 == 0 {
                audit::record(&mut tx, entry_again(i), &RequestContext::default()).await?;
            }
            sqlx::query("update counter set n = n + 1 where id = 1")
                .execute(&mut *tx)
                .await?;
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            if i % 2 == 1 {
                audit::record(&mut tx, entry_again(i), &RequestContext::default()).await?;
            }
            tx.commit().await
        })
    });
    for writer in futures::future::join_all(writers).await {
        writer.unwrap().unwrap();
    }
    let sealed: Vec<i64> = sqlx::query_scalar("select chain_seq from audit_log order by chain_seq")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(sealed, (1..=20).collect::<Vec<_>>());
    let check = verify(&pool).await;
    assert_eq!(check.broken, None);
    assert_eq!(check.entries, 20);

    // An entry rolled back takes no place in the chain.
    let mut tx = pool.begin().await.unwrap();
    audit::record(&mut tx, entry_again(99), &RequestContext::default())
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    write_entry(&pool, "test.after").await;
    let check = verify(&pool).await;
    assert_eq!((check.entries, check.broken), (21, None));
}

fn entry_again(i: i32) -> AuditEvent<'static> {
    AuditEvent::on_user(None, "test.written", Uuid::now_v7())
        .with_metadata(serde_json::json!({ "writer": i }))
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn the_site_cannot_change_or_seal_an_entry_itself(pool: PgPool) {
    write_entry(&pool, "test.one").await;
    for statement in [
        "update audit_log set action = 'test.other'",
        "update audit_log set entry_hash = sha256('x')",
        "delete from audit_log",
    ] {
        let refused = sqlx::query(statement).execute(&pool).await.unwrap_err();
        assert!(refused.to_string().contains("append-only"), "{statement}");
    }
    // Nor write its own place in the chain.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query(
        "insert into audit_log (id, action, target_type, chain_seq) values ($1, 'test.forged', 'user', 1)",
    )
    .bind(Uuid::now_v7())
    .execute(&mut *tx)
    .await
    .unwrap_err();
    tx.rollback().await.unwrap();
    assert_eq!(verify(&pool).await.broken, None);
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn changes_behind_the_triggers_are_found(pool: PgPool) {
    for n in 1..=4 {
        write_entry(&pool, &format!("test.entry{n}")).await;
    }
    assert_eq!(verify(&pool).await.broken, None);

    // A changed entry.
    behind_the_triggers(
        &pool,
        "update audit_log set metadata = '{\"changed\": true}' where chain_seq = 2",
    )
    .await;
    let second = id_at(&pool, 2).await;
    assert_eq!(
        verify(&pool).await.broken,
        Some(Break::Altered { seq: 2, id: second })
    );
    // Its hash recomputed too: the next entry no longer follows it.
    behind_the_triggers(
        &pool,
        "update audit_log a set entry_hash = audit_entry_hash(a.prev_hash, audit_entry_content(a))
          where chain_seq = 2",
    )
    .await;
    let third = id_at(&pool, 3).await;
    assert_eq!(
        verify(&pool).await.broken,
        Some(Break::Relinked { seq: 3, id: third })
    );
    // A removed entry.
    behind_the_triggers(&pool, "delete from audit_log where chain_seq in (2, 3)").await;
    let fourth = id_at(&pool, 4).await;
    assert_eq!(
        verify(&pool).await.broken,
        Some(Break::Missing {
            expected: 2,
            seq: 4,
            id: fourth
        })
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn removed_last_entries_and_slipped_in_entries_are_found(pool: PgPool) {
    for n in 1..=3 {
        write_entry(&pool, &format!("test.entry{n}")).await;
    }
    behind_the_triggers(&pool, "delete from audit_log where chain_seq = 3").await;
    assert_eq!(
        verify(&pool).await.broken,
        Some(Break::Truncated { last: 2, head: 3 })
    );

    // An entry written with every trigger off is never sealed.
    let pool2 = pool.clone();
    let mut tx = pool2.begin().await.unwrap();
    let slipped = Uuid::now_v7();
    sqlx::query("set local session_replication_role = replica")
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query(
        "insert into audit_log (id, action, target_type) values ($1, 'test.slipped', 'user')",
    )
    .bind(slipped)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        verify(&pool).await.broken,
        Some(Break::Unsealed { id: slipped })
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn a_rewritten_chain_misses_the_recorded_daily_head(pool: PgPool) {
    for n in 1..=3 {
        write_entry(&pool, &format!("test.entry{n}")).await;
    }
    let today = time::OffsetDateTime::now_utc().date();
    assert!(audit::chain::record_daily_head(&pool, today).await.unwrap());
    // Once a day: a second instance's try records nothing.
    assert!(!audit::chain::record_daily_head(&pool, today).await.unwrap());
    write_entry(&pool, "test.entry4").await;
    let check = verify(&pool).await;
    assert_eq!((check.entries, check.anchors, check.broken), (4, 1, None));

    // Entry 2 changed and every hash from it on recomputed, the head too:
    // each link holds, but the day's recorded head is not there any more.
    behind_the_triggers(
        &pool,
        "update audit_log set action = 'test.rewritten' where chain_seq = 2;
         do $$
         declare e audit_log; prev bytea;
         begin
             select entry_hash into prev from audit_log where chain_seq = 1;
             for e in select * from audit_log where chain_seq >= 2 order by chain_seq loop
                 update audit_log set prev_hash = prev,
                        entry_hash = audit_entry_hash(prev, audit_entry_content(e))
                  where id = e.id returning entry_hash into prev;
             end loop;
             update audit_chain_head set hash = prev;
         end $$",
    )
    .await;
    assert_eq!(
        verify(&pool).await.broken,
        Some(Break::AnchorLost { day: today, seq: 3 })
    );
}

#[sqlx::test(migrator = "server::MIGRATOR")]
async fn admins_read_filter_and_verify_the_log(pool: PgPool) {
    let app = TestApp::new(pool);
    let mut candidate = app.registered("cand@example.com", "candidate").await;
    let mut admin = app.admin("root@example.com").await;
    for n in 0..60 {
        write_entry(&app.pool, &format!("test.bulk{n}")).await;
    }
    let all = [
        ("filter[actor]", ""),
        ("filter[action]", ""),
        ("filter[target]", ""),
        ("filter[from]", ""),
        ("filter[to]", ""),
    ];
    assert_eq!(
        candidate.call("admin/audit/entries", &all).await.error(),
        AppError::Forbidden
    );
    assert_eq!(
        app.client().call("admin/audit/verify", &[]).await.error(),
        AppError::Unauthenticated
    );

    // The newest 50, then the rest from where the first page stopped.
    let first = admin.call("admin/audit/entries", &all).await.json();
    let entries = first["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 50);
    let seqs: Vec<i64> = entries.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] > w[1]), "newest first");
    let older = first["older"].as_i64().unwrap();
    assert_eq!(older, *seqs.last().unwrap());
    let before = older.to_string();
    let mut paged = all.to_vec();
    paged.push(("before", &before));
    let second = admin.call("admin/audit/entries", &paged).await.json();
    let rest = second["entries"].as_array().unwrap();
    let total: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(50 + rest.len() as i64, total);
    assert!(second["older"].is_null());

    // By action (its start), by actor, by target email, by day.
    let by = |name: &'static str, value: &'static str| {
        all.iter()
            .map(|&(n, v)| if n == name { (n, value) } else { (n, v) })
            .collect::<Vec<_>>()
    };
    let bulk = admin
        .call("admin/audit/entries", &by("filter[action]", "test.bulk1"))
        .await
        .json();
    // test.bulk1 and test.bulk10 … test.bulk19.
    assert_eq!(bulk["entries"].as_array().unwrap().len(), 11);
    let registered = admin
        .call("admin/audit/entries", &by("filter[target]", "cand@example"))
        .await
        .json();
    let registered = registered["entries"].as_array().unwrap();
    assert!(!registered.is_empty());
    assert!(
        registered
            .iter()
            .all(|e| e["target_email"] == "cand@example.com")
    );
    let by_root = admin
        .call("admin/audit/entries", &by("filter[actor]", "root@"))
        .await
        .json();
    assert!(
        by_root["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor_email"] == "root@example.com")
    );
    let tomorrow = time::OffsetDateTime::now_utc().date().next_day().unwrap();
    let tomorrow = tomorrow.to_string();
    let mut later = all.to_vec();
    later[3] = ("filter[from]", &tomorrow);
    let none = admin.call("admin/audit/entries", &later).await.json();
    assert!(none["entries"].as_array().unwrap().is_empty());
    let bad_day = admin
        .call("admin/audit/entries", &by("filter[to]", "last week"))
        .await;
    assert!(bad_day.error().field_message("to").is_some());

    let verified = admin.call("admin/audit/verify", &[]).await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    let verified = verified.json();
    assert_eq!(verified["entries"].as_i64(), Some(total));
    assert!(verified["broken"].is_null());

    behind_the_triggers(
        &app.pool,
        "update audit_log set action = 'test.changed' where chain_seq = 7",
    )
    .await;
    let broken = admin.call("admin/audit/verify", &[]).await.json();
    assert_eq!(broken["broken"]["Altered"]["seq"].as_i64(), Some(7));

    // Without script the button leads to the page, which shows the walk.
    let (back, page) = admin
        .call_plain_form_and_follow(
            "admin/audit/verify",
            &[],
            "http://localhost:3000/admin/audit",
        )
        .await;
    assert_eq!(back, "/admin/audit?chain=verify#chain-heading");
    assert!(page.body.contains("The chain is broken."), "{}", page.body);
    assert!(
        !admin
            .get("/admin/audit")
            .await
            .body
            .contains("The chain is")
    );

    // The page itself, and its guard.
    let page = admin.get("/admin/audit?action=test.bulk5").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Verify the chain"));
    assert_eq!(
        candidate.get("/admin/audit").await.status,
        StatusCode::FORBIDDEN
    );
}
