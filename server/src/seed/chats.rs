//! Demo conversations: the demo job seeker and the demo employer talk about
//! the application in interview (a few days of messages, the newest one
//! unread by the job seeker) and about the introduction the job seeker
//! accepted; the employer's team has its chat. Sent through the real
//! functions, then dated back. At scale, 100k application conversations
//! with ten messages each, for measuring. Skipped once any message exists.

use super::{DEMO_ACCOUNTS, Scale};
use app::chat::db;
use sqlx::PgPool;
use uuid::Uuid;

/// Who says what, how many hours ago.
enum Side {
    Candidate,
    Employer,
}

const ABOUT_THE_APPLICATION: [(Side, i32, &str); 6] = [
    (
        Side::Employer,
        96,
        "Hello Amara, thank you for applying. Your experience growing a team from five to \
         forty people is exactly what we are looking for.",
    ),
    (
        Side::Candidate,
        95,
        "Thank you! I am glad it fits. What does the team look like today?",
    ),
    (
        Side::Employer,
        72,
        "Four people today, and we plan to double the team next year. The full role \
         description is here: https://www.kestrel-payments.example/careers",
    ),
    (
        Side::Candidate,
        50,
        "That sounds like a good challenge. I am free most mornings next week.",
    ),
    (
        Side::Employer,
        26,
        "Great, we have put an interview in your calendar: a video call with the team lead.",
    ),
    (
        Side::Employer,
        2,
        "One more thing: could you bring an example of a report you prepared for a \
         leadership team? Anything anonymised is fine.",
    ),
];

const ABOUT_THE_INTRODUCTION: [(Side, i32, &str); 2] = [
    (
        Side::Employer,
        30,
        "Thank you for accepting, Amara. Would a short call on Thursday work for you?",
    ),
    (Side::Candidate, 28, "Thursday at 10:00 works well for me."),
];

pub async fn seed_chats(pool: &PgPool, scale: Scale) -> anyhow::Result<()> {
    let any = sqlx::query_scalar!(r#"select exists(select 1 from chat_messages) as "e!""#)
        .fetch_one(pool)
        .await?;
    if any {
        return Ok(());
    }
    let Some(people) = sqlx::query!(
        r#"select c.id as candidate, m.user_id as employer, m.company_id
             from users c, users e
             join company_members m on m.user_id = e.id
            where c.email = $1 and e.email = $2"#,
        DEMO_ACCOUNTS[0].0,
        DEMO_ACCOUNTS[1].0
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(());
    };
    let speaker = |side: &Side| match side {
        Side::Candidate => people.candidate,
        Side::Employer => people.employer,
    };
    let application = sqlx::query_scalar!(
        "select a.id from applications a join vacancies v on v.id = a.vacancy_id
          where a.candidate_id = $1 and v.company_id = $2 and a.status = 'interview'
          order by a.created_at limit 1",
        people.candidate,
        people.company_id
    )
    .fetch_optional(pool)
    .await?;
    if let Some(application) = application
        && let Ok(chat) = db::open_for_application(pool, application, people.employer).await?
    {
        for (side, hours, text) in &ABOUT_THE_APPLICATION {
            say(pool, chat, speaker(side), *hours, text).await?;
        }
        // The newest message waits for the job seeker.
        sqlx::query!(
            "update chat_participants set last_read_seq = (select last_seq - 1 from chats where id = $1)
              where chat_id = $1 and user_id = $2",
            chat,
            people.candidate
        )
        .execute(pool)
        .await?;
    }
    let introduction = sqlx::query_scalar!(
        "select id from introduction_requests
          where professional_id = $1 and company_id = $2 and status = 'accepted'
          order by sent_at limit 1",
        people.candidate,
        people.company_id
    )
    .fetch_optional(pool)
    .await?;
    if let Some(introduction) = introduction
        && let Ok(chat) = db::open_for_introduction_by(pool, introduction, people.employer).await?
    {
        for (side, hours, text) in &ABOUT_THE_INTRODUCTION {
            say(pool, chat, speaker(side), *hours, text).await?;
        }
        // The employer has read the answer.
        db::mark_read(pool, chat, people.employer, i64::MAX).await?;
    }
    if let Some(Ok(team)) = db::open_team(pool, people.employer).await? {
        say(
            pool,
            team,
            people.employer,
            20,
            "Amara Okafor's interview is on Thursday: who wants to join the call?",
        )
        .await?;
    }
    if scale == Scale::Large {
        seed_at_scale(pool).await?;
    }
    Ok(())
}

/// Sends a message through the real function, then dates it `hours` back.
async fn say(pool: &PgPool, chat: Uuid, from: Uuid, hours: i32, text: &str) -> anyhow::Result<()> {
    let message = db::send(pool, chat, from, &db::Outgoing::text(text), Uuid::now_v7())
        .await?
        .map_err(|refusal| anyhow::anyhow!("demo message refused: {refusal:?}"))?;
    sqlx::query!(
        "with dated as (
             update chat_messages set created_at = now() - make_interval(hours => $2)
              where id = $1 returning chat_id, created_at)
         update chats c set last_message_at = dated.created_at from dated where c.id = dated.chat_id",
        message.id,
        hours
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// 100k application conversations with ten messages each (1M messages),
/// between the candidate and the company's owner, the newest unread by the
/// candidate in about every third.
async fn seed_at_scale(pool: &PgPool) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    // The messages first: with no one in the conversations yet, their
    // triggers announce nothing.
    sqlx::query!(
        "with picked as (
             select gen_random_uuid() as id, a.id as application_id, a.candidate_id,
                    v.company_id, m.user_id as member_id,
                    now() - make_interval(mins => (row_number() over (order by a.id) % 20000)::int) as last_at
               from applications a
               join vacancies v on v.id = a.vacancy_id
               join company_members m on m.company_id = v.company_id and m.role = 'owner'
              where a.status <> 'submitted'
                and not exists (select 1 from chats c where c.application_id = a.id)
              limit 100000),
         made as (
             insert into chats (id, kind, person_id, company_id, application_id, last_seq,
                                revision, last_message_at, created_at)
             select id, 'application', candidate_id, company_id, application_id, 10, 10, last_at,
                    last_at - interval '10 hours'
               from picked)
         insert into chat_messages (id, chat_id, seq, revision, sender_id, body, client_key, created_at)
         select gen_random_uuid(), p.id, n, n,
                case when n % 2 = 1 then p.member_id else p.candidate_id end,
                case when n % 2 = 1 then 'Thanks for your message, here is number ' || n || '.'
                     else 'Happy to talk, here is my answer number ' || n || '.' end,
                gen_random_uuid(), p.last_at - make_interval(hours => 10 - n)
           from picked p cross join generate_series(1, 10) n"
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into chat_participants (chat_id, user_id, last_read_seq, last_read_at)
         select c.id, who.user_id,
                case when who.is_person and get_byte(uuid_send(c.id), 15) % 3 = 0 then 9 else 10 end,
                c.last_message_at
           from chats c
           join chat_messages first on first.chat_id = c.id and first.seq = 1
           cross join lateral (values (c.person_id, true), (first.sender_id, false)) as who(user_id, is_person)
          where c.kind = 'application'
            and not exists (select 1 from chat_participants p where p.chat_id = c.id)
         on conflict do nothing"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
