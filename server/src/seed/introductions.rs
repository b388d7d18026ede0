//! Demo introductions: the demo employer's company has credits and
//! requests in every state; the demo job seeker has two waiting, one about
//! to expire, and one they accepted. Made through the real functions, so the ledger and the audit
//! log hold what they would; two people it saved with notes, and a saved
//! search with its daily alert. Skipped once any request exists.

use super::DEMO_ACCOUNTS;
use app::introductions::db::{self, Answer, NewRequest};
use app::introductions::rules::{DeclineReason, Status};
use app::state::{AppState, RequestContext};
use uuid::Uuid;

/// Credits the demo company is given on top of the trial's.
const DEMO_CREDITS: i64 = 20;

const MESSAGES: [&str; 3] = [
    "Your years leading finance through a company's growth are exactly what we need as we \
     prepare our next funding round. Could we talk about the role this week?",
    "We are building payment rails for small businesses across West Africa, and your \
     background in banking stood out. I would love to tell you more about the team.",
    "I read your profile with interest: the role is hybrid in Lagos, reports to our CFO and \
     owns planning and reporting. Would you be open to a first conversation?",
];

pub async fn seed_introductions(state: &AppState) -> anyhow::Result<()> {
    let pool = &state.pool;
    let any = sqlx::query_scalar!(r#"select exists(select 1 from introduction_requests) as "e!""#)
        .fetch_one(pool)
        .await?;
    if any {
        return Ok(());
    }
    let Some(owner) = sqlx::query!(
        "select m.user_id, m.company_id from company_members m
           join users u on u.id = m.user_id where u.email = $1",
        DEMO_ACCOUNTS[1].0
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(());
    };
    let request = RequestContext::default();
    let mut conn = pool.acquire().await?;
    let key = format!("demo:{}", owner.company_id);
    db::grant(
        &mut conn,
        owner.company_id,
        DEMO_CREDITS,
        &key,
        None,
        &request,
    )
    .await?;
    drop(conn);
    let vacancies: Vec<Uuid> = sqlx::query_scalar!(
        "select id from vacancies where company_id = $1 and status = 'active'
          order by published_at, id limit 3",
        owner.company_id
    )
    .fetch_all(pool)
    .await?;
    // The demo job seeker and five generated ones with a name, shown to
    // companies so that they can be asked.
    let people: Vec<Uuid> = sqlx::query_scalar!(
        "(select id from users where email = $1)
         union all
         (select u.id from users u join candidate_profiles p on p.user_id = u.id
           where u.account_type = 'candidate' and u.email like '%@example.org'
             and p.first_name <> '' and u.status = 'active'
           order by u.email limit 5)",
        DEMO_ACCOUNTS[0].0
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .flatten()
    .collect();
    if vacancies.len() < 3 || people.len() < 6 {
        return Ok(());
    }
    sqlx::query!(
        "update user_settings set profile_visibility = 'network'
          where user_id = any($1) and profile_visibility = 'private'",
        &people
    )
    .execute(pool)
    .await?;
    let plan = [
        (people[0], vacancies[0], Some(Status::Pending)),
        (people[0], vacancies[1], None), // waiting, and about to expire
        (people[1], vacancies[0], Some(Status::Accepted)),
        (people[2], vacancies[0], Some(Status::Declined)),
        (people[3], vacancies[1], Some(Status::Expired)),
        (people[4], vacancies[1], Some(Status::Withdrawn)),
        (people[5], vacancies[2], Some(Status::Pending)),
        // Accepted by the demo job seeker: their conversation is seeded.
        (people[0], vacancies[2], Some(Status::Accepted)),
    ];
    // Two people the demo employer kept, with notes and tags.
    let kept = [
        (
            people[1],
            "Strong on reporting; call after the audit closes.",
            "finance, shortlist",
        ),
        (people[5], "Open to hybrid in Lagos.", "lagos"),
    ];
    for (person, note, tags) in kept {
        let tags = app::talent::rules::tags(tags).unwrap_or_default();
        app::talent::db::save(pool, owner.company_id, owner.user_id, person, note, &tags).await?;
    }
    let search = app::talent::query::TalentQuery {
        q: "finance".into(),
        location: "Lagos".into(),
        ..Default::default()
    };
    app::talent::searches::save(
        pool,
        owner.company_id,
        owner.user_id,
        "Finance leads in Lagos",
        &search,
        true,
    )
    .await?
    .map_err(anyhow::Error::msg)?;
    for (n, (person, vacancy, end)) in plan.into_iter().enumerate() {
        let key = format!("demo:{n}");
        let new = NewRequest {
            sender_id: owner.user_id,
            vacancy_id: vacancy,
            professional_id: person,
            message: MESSAGES[n % MESSAGES.len()],
            key: &key,
        };
        let Ok(id) = db::send(pool, &new, &request).await? else {
            continue;
        };
        match end {
            None => {
                sqlx::query!(
                    "update introduction_requests set expires_at = now() + interval '30 hours'
                      where id = $1",
                    id
                )
                .execute(pool)
                .await?;
            }
            Some(Status::Pending) => {}
            Some(Status::Accepted) => {
                let answer = Answer::Accept {
                    reply: "Thank you, happy to talk. Mornings suit me best.",
                };
                let _ = db::answer(pool, id, person, answer, &request).await?;
            }
            Some(Status::Declined) => {
                let answer = Answer::Decline {
                    reason: DeclineReason::Pay,
                    text: "",
                };
                let _ = db::answer(pool, id, person, answer, &request).await?;
            }
            Some(to) => {
                // Expiry is the site's doing; a withdrawal the sender's.
                let actor = (to == Status::Withdrawn).then_some(owner.user_id);
                let mut tx = pool.begin().await?;
                let _ = db::finish(&mut tx, id, to, actor, &request).await?;
                tx.commit().await?;
            }
        }
    }
    Ok(())
}
