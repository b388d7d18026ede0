//! Introduction requests and the credit ledger in the database. The rules
//! that must hold however many requests arrive at once are the database's
//! own: one request per vacancy and person, the pending limit per person
//! (a trigger), and no hold beyond the available credits (a checked total).

use super::rules::{
    Account, Balance, DeclineReason, Outcome, ResponseFigures, Status, days_left, transition,
};
use super::{AskForm, Contact, ExportedIntroduction, Received, Sent, SentOverview, VacancyCount};
use crate::audit::{self, AuditEvent};
use crate::notifications::rules::Kind;
use crate::notifications::{Notice, notify};
use crate::state::RequestContext;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The constraints whose failures are answers, not faults.
const ONE_PER_VACANCY: &str = "introduction_requests_vacancy_id_professional_id_key";
const PENDING_LIMIT: &str = "introduction_pending_limit";
const NO_CREDIT: &str = "credit_balances_available_check";
const SAME_KEY: &str = "credit_transfers_idempotency_key_key";

/// Why a request was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The sender is not a company member allowed to send introductions.
    NotAllowed,
    /// The vacancy is not an open one of the sender's company.
    VacancyNotOpen,
    /// No such person, or one who does not show their profile to this
    /// company: the same answer either way.
    NotAvailable,
    /// This person has already been asked for this vacancy.
    AlreadyAsked,
    /// This person has as many requests waiting as they may.
    TooManyPending,
    /// The company has no credit left.
    NoCredit,
}

/// A request to send.
pub struct NewRequest<'a> {
    pub sender_id: Uuid,
    pub vacancy_id: Uuid,
    pub professional_id: Uuid,
    /// Already checked (`rules::message`).
    pub message: &'a str,
    /// The same for a retry of the same send, which then changes nothing.
    pub key: &'a str,
}

/// A movement in a company's ledger, with its audit entry.
struct Transfer<'a> {
    company_id: Uuid,
    from: Account,
    to: Account,
    amount: i64,
    reason: &'a str,
    introduction_id: Option<Uuid>,
    key: Option<&'a str>,
    actor: Option<Uuid>,
    /// Why, for an admin's adjustment.
    note: Option<&'a str>,
}

async fn post(
    conn: &mut PgConnection,
    transfer: Transfer<'_>,
    request: &RequestContext,
) -> sqlx::Result<bool> {
    let added = sqlx::query!(
        "insert into credit_transfers
             (id, company_id, from_account, to_account, amount, reason, introduction_id,
              idempotency_key, actor_id, note)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (idempotency_key) do nothing",
        Uuid::now_v7(),
        transfer.company_id,
        transfer.from.as_str(),
        transfer.to.as_str(),
        transfer.amount,
        transfer.reason,
        transfer.introduction_id,
        transfer.key,
        transfer.actor,
        transfer.note,
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if added {
        let event = AuditEvent {
            actor: transfer.actor,
            action: "credits.transferred",
            target_type: "company",
            target_id: Some(transfer.company_id.to_string()),
            metadata: serde_json::json!({
                "reason": transfer.reason,
                "from": transfer.from.as_str(),
                "to": transfer.to.as_str(),
                "amount": transfer.amount,
                "introduction": transfer.introduction_id,
                "note": transfer.note,
            }),
        };
        audit::record(conn, event, request).await?;
    }
    Ok(added)
}

/// Gives a company `amount` credits (a plan's allowance, a demo grant). A
/// grant with a `key` already used adds nothing; true if this one added.
pub async fn grant(
    conn: &mut PgConnection,
    company_id: Uuid,
    amount: i64,
    key: &str,
    actor: Option<Uuid>,
    request: &RequestContext,
) -> sqlx::Result<bool> {
    let transfer = Transfer {
        company_id,
        from: Account::Grant,
        to: Account::Available,
        amount,
        reason: "grant",
        introduction_id: None,
        key: Some(key),
        actor,
        note: None,
    };
    post(conn, transfer, request).await
}

/// Lets what is left of a monthly grant (`grant_key`) lapse: as much of it
/// as the company has available (credits held for waiting requests stay),
/// once (`key`). How many lapsed.
pub async fn lapse(
    conn: &mut PgConnection,
    company_id: Uuid,
    grant_key: &str,
    key: &str,
) -> sqlx::Result<i64> {
    let granted = sqlx::query_scalar!(
        "select amount from credit_transfers where idempotency_key = $1 and company_id = $2",
        grant_key,
        company_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0);
    // Read under the balance's lock, as a hold would take from it.
    let available = sqlx::query_scalar!(
        "select available from credit_balances where company_id = $1 for update",
        company_id
    )
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0);
    let amount = granted.min(available);
    if amount <= 0 {
        return Ok(0);
    }
    let transfer = Transfer {
        company_id,
        from: Account::Available,
        to: Account::Lapsed,
        amount,
        reason: "lapse",
        introduction_id: None,
        key: Some(key),
        actor: None,
        note: None,
    };
    let added = post(conn, transfer, &RequestContext::default()).await?;
    Ok(if added { amount } else { 0 })
}

/// A new company's trial credits (the `trial_introduction_credits`
/// setting), given once whatever retries.
pub async fn grant_trial(
    conn: &mut PgConnection,
    company_id: Uuid,
    actor: Uuid,
    request: &RequestContext,
) -> sqlx::Result<()> {
    let credits = crate::system_settings::db::load(&mut *conn)
        .await?
        .trial_introduction_credits;
    if credits > 0 {
        let key = format!("trial:{company_id}");
        grant(conn, company_id, credits, &key, Some(actor), request).await?;
    }
    Ok(())
}

/// Adds `credits` to the company's available ones, or takes them back
/// when negative, for an admin (`actor`) who says why (`note`). `false`,
/// with the transaction spoilt, when fewer are available than would be
/// taken: the caller rolls back.
pub async fn adjust(
    conn: &mut PgConnection,
    company_id: Uuid,
    credits: i64,
    note: &str,
    actor: Uuid,
    request: &RequestContext,
) -> sqlx::Result<bool> {
    let (from, to) = if credits > 0 {
        (Account::Grant, Account::Available)
    } else {
        (Account::Available, Account::Grant)
    };
    let transfer = Transfer {
        company_id,
        from,
        to,
        amount: credits.abs(),
        reason: "adjustment",
        introduction_id: None,
        key: None,
        actor: Some(actor),
        note: Some(note),
    };
    match post(conn, transfer, request).await {
        Ok(_) => Ok(true),
        Err(error) if constraint_of(&error) == Some(NO_CREDIT) => Ok(false),
        Err(error) => Err(error),
    }
}

/// A company's credits now.
pub async fn balance(conn: &mut PgConnection, company_id: Uuid) -> sqlx::Result<Balance> {
    Ok(sqlx::query_as!(
        Balance,
        "select available, held, spent from credit_balances where company_id = $1",
        company_id
    )
    .fetch_optional(conn)
    .await?
    .unwrap_or_default())
}

fn constraint_of(error: &sqlx::Error) -> Option<&str> {
    error.as_database_error().and_then(|e| e.constraint())
}

/// Sends a request and holds one of the company's credits for it, both or
/// neither. A retry with the same key answers with the request it made.
pub async fn send(
    pool: &PgPool,
    new: &NewRequest<'_>,
    request: &RequestContext,
) -> sqlx::Result<Result<Uuid, Refusal>> {
    if let Some(id) = sent_with(pool, new.key).await? {
        return Ok(Ok(id));
    }
    match try_send(pool, new, request).await {
        Ok(outcome) => Ok(outcome),
        // A retry that raced the first attempt: that one's request counts.
        Err(e) if constraint_of(&e) == Some(SAME_KEY) => match sent_with(pool, new.key).await? {
            Some(id) => Ok(Ok(id)),
            None => Err(e),
        },
        Err(e) => match constraint_of(&e) {
            Some(ONE_PER_VACANCY) => Ok(Err(Refusal::AlreadyAsked)),
            Some(PENDING_LIMIT) => Ok(Err(Refusal::TooManyPending)),
            Some(NO_CREDIT) => Ok(Err(Refusal::NoCredit)),
            _ => Err(e),
        },
    }
}

async fn sent_with(pool: &PgPool, key: &str) -> sqlx::Result<Option<Uuid>> {
    Ok(sqlx::query_scalar!(
        "select introduction_id from credit_transfers where idempotency_key = $1",
        key
    )
    .fetch_optional(pool)
    .await?
    .flatten())
}

async fn try_send(
    pool: &PgPool,
    new: &NewRequest<'_>,
    request: &RequestContext,
) -> sqlx::Result<Result<Uuid, Refusal>> {
    let mut tx = pool.begin().await?;
    let Some(company_id) = sqlx::query_scalar!(
        "select m.company_id
           from company_members m
           join users u on u.id = m.user_id
          where m.user_id = $1 and m.can_send_introductions
            and u.account_type = 'employer' and u.deleted_at is null",
        new.sender_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Err(Refusal::NotAllowed));
    };
    let open = sqlx::query_scalar!(
        "select exists (select 1 from vacancies
                         where id = $1 and company_id = $2 and status = 'active')",
        new.vacancy_id,
        company_id
    )
    .fetch_one(&mut *tx)
    .await?
    .unwrap_or(false);
    if !open {
        return Ok(Err(Refusal::VacancyNotOpen));
    }
    let available = sqlx::query_scalar!(
        "select exists (
             select 1 from users u join user_settings s on s.user_id = u.id
              where u.id = $1 and u.account_type = 'candidate' and u.deleted_at is null
                and u.status <> 'suspended' and s.profile_visibility <> 'private'
                and not exists (select 1 from candidate_profiles p
                                 where p.user_id = u.id and p.hidden_by_case is not null)
                and not candidate_hidden_from(u.id, $2))",
        new.professional_id,
        new.sender_id
    )
    .fetch_one(&mut *tx)
    .await?
    .unwrap_or(false);
    if !available {
        return Ok(Err(Refusal::NotAvailable));
    }
    let id = Uuid::now_v7();
    let expiry_days = crate::system_settings::db::load(&mut *tx)
        .await?
        .introduction_expiry_days;
    sqlx::query!(
        "insert into introduction_requests
             (id, vacancy_id, company_id, sender_id, professional_id, message, expires_at)
         values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))",
        id,
        new.vacancy_id,
        company_id,
        new.sender_id,
        new.professional_id,
        new.message,
        i32::try_from(expiry_days).unwrap_or(i32::MAX),
    )
    .execute(&mut *tx)
    .await?;
    let hold = Transfer {
        company_id,
        from: Account::Available,
        to: Account::Held,
        amount: 1,
        reason: "hold",
        introduction_id: Some(id),
        key: Some(new.key),
        actor: Some(new.sender_id),
        note: None,
    };
    post(&mut tx, hold, request).await?;
    let event = AuditEvent {
        actor: Some(new.sender_id),
        action: "introduction.sent",
        target_type: "introduction",
        target_id: Some(id.to_string()),
        metadata: serde_json::json!({
            "vacancy": new.vacancy_id,
            "professional": new.professional_id,
        }),
    };
    audit::record(&mut tx, event, request).await?;
    let about = sqlx::query!(
        r#"select v.title, case when v.is_confidential then 'A company' else c.name end as "company!"
             from vacancies v join companies c on c.id = v.company_id
            where v.id = $1"#,
        new.vacancy_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let notice = Notice {
        kind: Kind::IntroductionRequest,
        title: format!("{} would like to be introduced to you", about.company),
        body: format!(
            "For the role of {}. You have {} days to accept or decline.",
            about.title, expiry_days
        ),
        link: format!("/introductions/{id}"),
    };
    notify(&mut tx, new.professional_id, &notice).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Moves a pending request to `to` and settles or releases its credit, in
/// `conn`'s transaction. `Err` with the reason when the request has moved
/// already (or does not exist).
pub async fn finish(
    conn: &mut PgConnection,
    id: Uuid,
    to: Status,
    actor: Option<Uuid>,
    request: &RequestContext,
) -> sqlx::Result<Result<(), &'static str>> {
    let Some(row) = sqlx::query!(
        "select company_id, status from introduction_requests where id = $1 for update",
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(Err("There is no such request."));
    };
    let from = Status::parse(&row.status).unwrap_or(Status::Expired);
    let credit = match transition(from, to) {
        Ok(credit) => credit,
        Err(reason) => return Ok(Err(reason)),
    };
    sqlx::query!(
        "update introduction_requests set status = $2, ended_at = now() where id = $1",
        id,
        to.as_str()
    )
    .execute(&mut *conn)
    .await?;
    let (from_account, to_account) = credit.accounts();
    let transfer = Transfer {
        company_id: row.company_id,
        from: from_account,
        to: to_account,
        amount: 1,
        reason: credit.reason(),
        introduction_id: Some(id),
        key: None,
        actor,
        note: None,
    };
    post(conn, transfer, request).await?;
    let action = format!("introduction.{}", to.as_str());
    let event = AuditEvent {
        actor,
        action: &action,
        target_type: "introduction",
        target_id: Some(id.to_string()),
        metadata: serde_json::json!({}),
    };
    audit::record(conn, event, request).await?;
    Ok(Ok(()))
}

/// Expires the requests whose time is up and gives their credits back, a
/// batch at a time. Two workers never take the same request (`skip
/// locked`), and `finish` moves each only once. The number expired.
pub async fn expire_due(pool: &PgPool) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query!(
        r#"select r.id, r.sender_id, v.title,
                  trim(coalesce(p.preferred_name, p.first_name, '') || ' ' || coalesce(p.last_name, '')) as "name!"
             from introduction_requests r
             join vacancies v on v.id = r.vacancy_id
             left join candidate_profiles p on p.user_id = r.professional_id
            where r.status = 'pending' and r.expires_at <= now()
            order by r.expires_at
            limit 200
            for update of r skip locked"#
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut expired = 0;
    for row in due {
        let moved = finish(
            &mut tx,
            row.id,
            Status::Expired,
            None,
            &RequestContext::default(),
        )
        .await?;
        if moved.is_err() {
            continue;
        }
        expired += 1;
        if let Some(sender) = row.sender_id {
            let notice = Notice {
                kind: Kind::IntroductionAnswered,
                title: format!("No answer from {} about {}", row.name, row.title),
                body: "The request expired and its credit is back in your balance.".into(),
                link: format!("/company/introductions#request-{}", row.id),
            };
            notify(&mut tx, sender, &notice).await?;
        }
    }
    tx.commit().await?;
    Ok(expired)
}

/// The requests `professional_id` received (or just `only`), waiting ones
/// first. The sender's contact details are read only for accepted ones.
pub async fn received(
    pool: &PgPool,
    professional_id: Uuid,
    only: Option<Uuid>,
) -> sqlx::Result<Vec<Received>> {
    let rows = sqlx::query!(
        r#"select r.id, r.company_id, r.status, r.message, r.reply, r.decline_reason, r.sent_at,
                  r.expires_at, r.viewed_at is not null as "viewed!", now() as "now!",
                  v.title, v.slug, v.is_confidential, v.salary_min_minor, v.salary_max_minor,
                  v.salary_currency, v.salary_period, c.name as company, c.slug as company_slug,
                  case when r.status = 'accepted'
                       then trim(m.first_name || ' ' || m.last_name) end as sender_name,
                  case when r.status = 'accepted' then su.email end as sender_email
             from introduction_requests r
             join vacancies v on v.id = r.vacancy_id
             join companies c on c.id = r.company_id
             left join users su on su.id = r.sender_id
             left join company_members m on m.user_id = r.sender_id
            where r.professional_id = $1 and ($2::uuid is null or r.id = $2)
            order by r.status = 'pending' desc, r.sent_at desc
            limit 200"#,
        professional_id,
        only,
    )
    .fetch_all(pool)
    .await?;
    let companies: Vec<Uuid> = rows.iter().map(|r| r.company_id).collect();
    let figures = response_figures(pool, &companies).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status = Status::parse(&r.status).unwrap_or(Status::Expired);
            // A confidential vacancy names its company once accepted.
            let named = !r.is_confidential || status == Status::Accepted;
            Received {
                id: r.id,
                company: named.then_some(r.company),
                company_slug: named.then_some(r.company_slug),
                vacancy_title: r.title,
                vacancy_slug: r.slug,
                salary: salary_of(
                    r.salary_min_minor,
                    r.salary_max_minor,
                    r.salary_currency,
                    r.salary_period,
                ),
                message: r.message,
                status,
                sent_at: r.sent_at,
                days_left: days_left(r.expires_at, r.now),
                viewed: r.viewed,
                reply: r.reply,
                decline_reason: r.decline_reason.as_deref().and_then(DeclineReason::parse),
                figures: named.then(|| figures.get(&r.company_id).copied()).flatten(),
                contact: r.sender_email.map(|email| Contact {
                    name: r
                        .sender_name
                        .filter(|n| !n.is_empty())
                        .unwrap_or_else(|| "Hiring team".into()),
                    email,
                    phone: None,
                }),
            }
        })
        .collect())
}

fn salary_of(
    min: Option<i64>,
    max: Option<i64>,
    currency: Option<String>,
    period: Option<String>,
) -> Option<String> {
    Some(crate::vacancies::rules::salary_label(
        min?, max?, &currency?, &period?,
    ))
}

/// How people answered each company's requests over the last 90 days.
pub async fn response_figures(
    pool: &PgPool,
    companies: &[Uuid],
) -> sqlx::Result<std::collections::HashMap<Uuid, ResponseFigures>> {
    let rows = sqlx::query!(
        r#"select company_id,
                  count(*) filter (where status in ('accepted', 'declined', 'expired')) as "decided!",
                  count(*) filter (where status in ('accepted', 'declined')) as "answered!",
                  percentile_cont(0.5) within group (order by extract(epoch from ended_at - sent_at))
                      filter (where status in ('accepted', 'declined')) as median_seconds
             from introduction_requests
            where company_id = any($1) and sent_at > now() - interval '90 days'
            group by company_id"#,
        companies,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            ResponseFigures::of(r.decided, r.answered, r.median_seconds)
                .map(|figures| (r.company_id, figures))
        })
        .collect())
}

/// Marks a request the job seeker opened as viewed, the first time.
pub async fn mark_viewed(pool: &PgPool, id: Uuid, professional_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update introduction_requests set viewed_at = now()
          where id = $1 and professional_id = $2 and viewed_at is null",
        id,
        professional_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The job seeker's answer: accepted with an optional reply, or declined
/// with a reason. Tells the sender. `Err` with the reason when the request
/// cannot be answered (any more).
pub async fn answer(
    pool: &PgPool,
    id: Uuid,
    professional_id: Uuid,
    answer: Answer<'_>,
    request: &RequestContext,
) -> sqlx::Result<Result<(), AnswerRefusal>> {
    let mut tx = pool.begin().await?;
    let Some(row) = sqlx::query!(
        r#"select r.sender_id, v.title, u.email as professional_email, p.phone,
                  trim(coalesce(p.preferred_name, p.first_name, '') || ' ' || coalesce(p.last_name, '')) as "name!",
                  trim(m.first_name || ' ' || m.last_name) as sender_name, su.email as "sender_email?",
                  c.name as company
             from introduction_requests r
             join vacancies v on v.id = r.vacancy_id
             join companies c on c.id = r.company_id
             join users u on u.id = r.professional_id
             left join candidate_profiles p on p.user_id = r.professional_id
             left join users su on su.id = r.sender_id
             left join company_members m on m.user_id = r.sender_id
            where r.id = $1 and r.professional_id = $2"#,
        id,
        professional_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(Err(AnswerRefusal::NotFound));
    };
    let (to, reply, reason) = match answer {
        Answer::Accept { reply } => (Status::Accepted, reply, None),
        Answer::Decline { reason, text } => (Status::Declined, text, Some(reason.as_str())),
    };
    if let Err(why) = finish(&mut tx, id, to, Some(professional_id), request).await? {
        return Ok(Err(AnswerRefusal::Moved(why)));
    }
    sqlx::query!(
        "update introduction_requests set reply = $2, decline_reason = $3 where id = $1",
        id,
        reply,
        reason
    )
    .execute(&mut *tx)
    .await?;
    let name = if row.name.is_empty() {
        "The person you asked".to_string()
    } else {
        row.name.clone()
    };
    if let Some(sender) = row.sender_id {
        let notice = match to {
            Status::Accepted => Notice {
                kind: Kind::IntroductionAnswered,
                title: format!("{name} accepted your introduction for {}", row.title),
                body: format!(
                    "Reach them at {}{}.",
                    row.professional_email,
                    row.phone
                        .as_deref()
                        .map(|p| format!(" or {p}"))
                        .unwrap_or_default()
                ),
                link: format!("/company/introductions#request-{id}"),
            },
            _ => Notice {
                kind: Kind::IntroductionAnswered,
                title: format!("{name} declined your introduction for {}", row.title),
                body: "The credit it held is back in your balance.".into(),
                link: format!("/company/introductions#request-{id}"),
            },
        };
        notify(&mut tx, sender, &notice).await?;
    }
    if to == Status::Accepted {
        let who = row
            .sender_name
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("The hiring team at {}", row.company));
        let reach = row
            .sender_email
            .map(|email| format!("Reach {who} at {email}."))
            .unwrap_or_else(|| format!("{who} will be in touch."));
        let notice = Notice {
            kind: Kind::IntroductionRequest,
            title: format!(
                "You accepted {}'s introduction for {}",
                row.company, row.title
            ),
            body: reach,
            link: format!("/introductions/{id}"),
        };
        notify(&mut tx, professional_id, &notice).await?;
        crate::chat::db::open_for_introduction(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// How the job seeker answers.
pub enum Answer<'a> {
    Accept {
        reply: &'a str,
    },
    Decline {
        reason: DeclineReason,
        text: &'a str,
    },
}

/// Why an answer was not taken.
#[derive(Debug)]
pub enum AnswerRefusal {
    NotFound,
    Moved(&'static str),
}

/// Withdraws a pending request of `company_id`; its credit comes back.
pub async fn withdraw(
    pool: &PgPool,
    id: Uuid,
    company_id: Uuid,
    actor: Uuid,
    request: &RequestContext,
) -> sqlx::Result<Option<Result<(), &'static str>>> {
    let mut tx = pool.begin().await?;
    let ours = sqlx::query_scalar!(
        "select exists (select 1 from introduction_requests where id = $1 and company_id = $2)",
        id,
        company_id
    )
    .fetch_one(&mut *tx)
    .await?
    .unwrap_or(false);
    if !ours {
        return Ok(None);
    }
    let result = finish(&mut tx, id, Status::Withdrawn, Some(actor), request).await?;
    tx.commit().await?;
    Ok(Some(result))
}

/// Records what came of an accepted request of `company_id`. `None` when
/// there is no such request; `Err` when it was not accepted.
pub async fn record_outcome(
    pool: &PgPool,
    id: Uuid,
    company_id: Uuid,
    outcome: Outcome,
    notes: &str,
    actor: Uuid,
    request: &RequestContext,
) -> sqlx::Result<Option<Result<(), &'static str>>> {
    let mut tx = pool.begin().await?;
    let Some(status) = sqlx::query_scalar!(
        "select status from introduction_requests where id = $1 and company_id = $2 for update",
        id,
        company_id
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Ok(None);
    };
    if status != Status::Accepted.as_str() {
        return Ok(Some(Err(
            "An outcome can be recorded once the request is accepted.",
        )));
    }
    sqlx::query!(
        "update introduction_requests set outcome = $2, outcome_notes = $3, outcome_at = now()
          where id = $1",
        id,
        outcome.as_str(),
        notes
    )
    .execute(&mut *tx)
    .await?;
    let event = AuditEvent {
        actor: Some(actor),
        action: "introduction.outcome",
        target_type: "introduction",
        target_id: Some(id.to_string()),
        metadata: serde_json::json!({ "outcome": outcome.as_str() }),
    };
    audit::record(&mut tx, event, request).await?;
    tx.commit().await?;
    Ok(Some(Ok(())))
}

/// The company's requests (filtered by state and vacancy), its credits
/// and counts. The job seeker's contact details only for accepted ones.
pub async fn sent_overview(
    pool: &PgPool,
    company_id: Uuid,
    status: Option<Status>,
    vacancy: Option<Uuid>,
) -> sqlx::Result<SentOverview> {
    let rows = sqlx::query!(
        r#"select r.id, r.professional_id, r.status, r.sent_at, r.expires_at,
                  r.viewed_at is not null as "viewed!", r.reply, r.decline_reason, r.outcome,
                  r.outcome_notes, now() as "now!",
                  trim(coalesce(p.preferred_name, p.first_name, '') || ' ' || coalesce(p.last_name, '')) as "name!",
                  coalesce(p.headline, '') as "headline!",
                  case when r.status = 'accepted' then u.email end as email,
                  case when r.status = 'accepted' then p.phone end as phone,
                  v.id as vacancy_id, v.title,
                  coalesce(trim(m.first_name || ' ' || m.last_name), '') as "sender!"
             from introduction_requests r
             join users u on u.id = r.professional_id
             left join candidate_profiles p on p.user_id = r.professional_id
             join vacancies v on v.id = r.vacancy_id
             left join company_members m on m.user_id = r.sender_id
            where r.company_id = $1 and ($2::text is null or r.status = $2)
              and ($3::uuid is null or r.vacancy_id = $3)
            order by r.sent_at desc
            limit 100"#,
        company_id,
        status.map(Status::as_str),
        vacancy,
    )
    .fetch_all(pool)
    .await?;
    let requests = rows
        .into_iter()
        .map(|r| {
            let name = if r.name.is_empty() {
                "Former member".to_string()
            } else {
                r.name
            };
            Sent {
                id: r.id,
                professional_id: r.professional_id,
                contact: r.email.map(|email| Contact {
                    name: name.clone(),
                    email,
                    phone: r.phone.filter(|p| !p.is_empty()),
                }),
                name,
                headline: r.headline,
                vacancy_id: r.vacancy_id,
                vacancy_title: r.title,
                sender: r.sender,
                status: Status::parse(&r.status).unwrap_or(Status::Expired),
                sent_at: r.sent_at,
                days_left: days_left(r.expires_at, r.now),
                viewed: r.viewed,
                reply: r.reply,
                decline_reason: r.decline_reason.as_deref().and_then(DeclineReason::parse),
                outcome: r.outcome.as_deref().and_then(Outcome::parse),
                outcome_notes: r.outcome_notes,
            }
        })
        .collect();
    let counts = sqlx::query!(
        r#"select status, count(*) as "n!" from introduction_requests
            where company_id = $1 group by status"#,
        company_id
    )
    .fetch_all(pool)
    .await?;
    let vacancies = sqlx::query_as!(
        VacancyCount,
        r#"select v.id as vacancy_id, v.title,
                  count(*) filter (where r.status = 'pending') as "pending!",
                  count(*) filter (where r.status = 'accepted') as "accepted!",
                  count(*) as "total!"
             from introduction_requests r join vacancies v on v.id = r.vacancy_id
            where r.company_id = $1
            group by v.id, v.title
            order by count(*) desc, v.title
            limit 50"#,
        company_id
    )
    .fetch_all(pool)
    .await?;
    let mut conn = pool.acquire().await?;
    Ok(SentOverview {
        balance: balance(&mut conn, company_id).await?,
        counts: Status::ALL
            .into_iter()
            .map(|s| {
                let n = counts
                    .iter()
                    .find(|c| c.status == s.as_str())
                    .map_or(0, |c| c.n);
                (s, n)
            })
            .collect(),
        vacancies,
        requests,
    })
}

/// What the form to ask `professional_id` needs, for a member of
/// `company_id`; `None` when this person is not available to the member.
pub async fn ask_form(
    pool: &PgPool,
    company_id: Uuid,
    member_id: Uuid,
    professional_id: Uuid,
) -> sqlx::Result<Option<AskForm>> {
    let Some(person) = sqlx::query!(
        r#"select trim(coalesce(p.preferred_name, p.first_name) || ' ' || p.last_name) as "name!",
                  coalesce(p.headline, '') as "headline!"
             from users u
             join user_settings s on s.user_id = u.id
             join candidate_profiles p on p.user_id = u.id
            where u.id = $1 and u.account_type = 'candidate' and u.deleted_at is null
              and u.status <> 'suspended' and s.profile_visibility <> 'private'
              and p.hidden_by_case is null
              and not candidate_hidden_from(u.id, $2)"#,
        professional_id,
        member_id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let vacancies = sqlx::query!(
        r#"select v.id, v.title, v.salary_min_minor, v.salary_max_minor, v.salary_currency,
                  v.salary_period
             from vacancies v
            where v.company_id = $1 and v.status = 'active'
              and not exists (select 1 from introduction_requests r
                               where r.vacancy_id = v.id and r.professional_id = $2)
            order by v.published_at desc"#,
        company_id,
        professional_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|v| {
        let salary = salary_of(
            v.salary_min_minor,
            v.salary_max_minor,
            v.salary_currency,
            v.salary_period,
        )
        .unwrap_or_default();
        (v.id, v.title, salary)
    })
    .collect();
    let asked = sqlx::query!(
        "select v.title, r.status from introduction_requests r
           join vacancies v on v.id = r.vacancy_id
          where r.company_id = $1 and r.professional_id = $2
          order by r.sent_at desc",
        company_id,
        professional_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .filter_map(|r| Some((r.title, Status::parse(&r.status)?)))
    .collect();
    let mut conn = pool.acquire().await?;
    Ok(Some(AskForm {
        professional_id,
        name: person.name,
        headline: person.headline,
        vacancies,
        asked,
        balance: balance(&mut conn, company_id).await?,
        expiry_days: crate::system_settings::db::load(&mut *conn)
            .await?
            .introduction_expiry_days,
        key: Uuid::new_v4().to_string(),
    }))
}

/// Reminds job seekers of requests that expire within two days, once each.
/// Two workers never remind of the same request (`skip locked`).
pub async fn remind_due(pool: &PgPool) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query!(
        r#"select r.id, r.professional_id, v.title,
                  case when v.is_confidential then 'A company' else c.name end as "company!"
             from introduction_requests r
             join vacancies v on v.id = r.vacancy_id
             join companies c on c.id = r.company_id
            where r.status = 'pending' and r.reminded_at is null
              and r.expires_at <= now() + interval '2 days'
            order by r.expires_at
            limit 200
            for update of r skip locked"#
    )
    .fetch_all(&mut *tx)
    .await?;
    for row in &due {
        sqlx::query!(
            "update introduction_requests set reminded_at = now() where id = $1",
            row.id
        )
        .execute(&mut *tx)
        .await?;
        let notice = Notice {
            kind: Kind::IntroductionRequest,
            title: format!(
                "Two days left to answer {} about {}",
                row.company, row.title
            ),
            body: "Accept to share your contact details, or decline: either way they hear \
                   from you."
                .into(),
            link: format!("/introductions/{}", row.id),
        };
        notify(&mut tx, row.professional_id, &notice).await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// The requests `user_id` received and those they sent, for their data
/// export. A confidential company stays unnamed until the person accepts,
/// as on their page.
pub async fn export(
    pool: &PgPool,
    user_id: Uuid,
) -> sqlx::Result<(Vec<ExportedIntroduction>, Vec<ExportedIntroduction>)> {
    let rows = sqlx::query!(
        r#"select r.id, r.professional_id = $1 as "received!",
                  case when v.is_confidential and r.status <> 'accepted' and r.professional_id = $1
                       then 'A confidential company' else c.name end as "company!",
                  v.title,
                  trim(coalesce(p.preferred_name, p.first_name, '') || ' ' || coalesce(p.last_name, '')) as "professional!",
                  r.status, r.message, r.reply, r.decline_reason, r.outcome, r.outcome_notes,
                  r.sent_at, r.ended_at
             from introduction_requests r
             join vacancies v on v.id = r.vacancy_id
             join companies c on c.id = r.company_id
             left join candidate_profiles p on p.user_id = r.professional_id
            where r.professional_id = $1 or r.sender_id = $1
            order by r.sent_at desc"#,
        user_id
    )
    .fetch_all(pool)
    .await?;
    // The team's side (who was asked, what came of it) only in the
    // sender's export.
    let (received, sent): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .map(|r| {
            let as_sender = !r.received;
            let exported = ExportedIntroduction {
                id: r.id,
                company: r.company,
                vacancy: r.title,
                professional: as_sender.then_some(r.professional),
                status: r.status,
                message: r.message,
                reply: r.reply,
                decline_reason: r.decline_reason,
                outcome: r.outcome.filter(|_| as_sender),
                outcome_notes: if as_sender {
                    r.outcome_notes
                } else {
                    String::new()
                },
                sent_at: r.sent_at,
                ended_at: r.ended_at,
            };
            (r.received, exported)
        })
        .partition(|(received, _)| *received);
    let strip =
        |list: Vec<(bool, ExportedIntroduction)>| list.into_iter().map(|(_, e)| e).collect();
    Ok((strip(received), strip(sent)))
}

/// Erases an erased job seeker's side of their requests: their replies go,
/// the requests still waiting end as expired (which gives the companies
/// their credits back) and teams' saves of them go. The requests and the
/// ledger stay whole.
pub async fn erase_professional(
    conn: &mut PgConnection,
    professional_id: Uuid,
) -> sqlx::Result<()> {
    let waiting = sqlx::query_scalar!(
        "select id from introduction_requests
          where professional_id = $1 and status = 'pending' for update",
        professional_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for id in waiting {
        // Locked and waiting, so expiring it cannot be refused.
        finish(conn, id, Status::Expired, None, &RequestContext::default())
            .await?
            .ok();
    }
    sqlx::query!(
        "update introduction_requests set reply = '' where professional_id = $1",
        professional_id
    )
    .execute(&mut *conn)
    .await?;
    // Teams' notes about someone who is gone go with them.
    sqlx::query!(
        "delete from saved_professionals where professional_id = $1",
        professional_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
