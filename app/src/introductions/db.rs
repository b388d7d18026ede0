//! Introduction requests and the credit ledger in the database. The rules
//! that must hold however many requests arrive at once are the database's
//! own: one request per vacancy and person, the pending limit per person
//! (a trigger), and no hold beyond the available credits (a checked total).

use super::rules::{Account, Balance, Status, transition};
use crate::audit::{self, AuditEvent};
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
}

async fn post(
    conn: &mut PgConnection,
    transfer: Transfer<'_>,
    request: &RequestContext,
) -> sqlx::Result<bool> {
    let added = sqlx::query!(
        "insert into credit_transfers
             (id, company_id, from_account, to_account, amount, reason, introduction_id,
              idempotency_key, actor_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
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
            }),
        };
        audit::record(conn, event, request).await?;
    }
    Ok(added)
}

/// Gives a company `amount` credits (a plan's allowance, a demo grant). A
/// grant with a `key` already used adds nothing; true if this one added.
async fn grant(
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
    };
    post(conn, transfer, request).await
}

/// A new company's trial credits (the `trial_introduction_credits`
/// setting), given once whatever retries.
pub async fn grant_trial(
    conn: &mut PgConnection,
    company_id: Uuid,
    actor: Uuid,
    request: &RequestContext,
) -> sqlx::Result<()> {
    let credits = sqlx::query_scalar!(
        "select value from site_settings where name = 'trial_introduction_credits'"
    )
    .fetch_optional(&mut *conn)
    .await?
    .unwrap_or(0);
    if credits > 0 {
        let key = format!("trial:{company_id}");
        grant(conn, company_id, credits, &key, Some(actor), request).await?;
    }
    Ok(())
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
    sqlx::query!(
        "insert into introduction_requests
             (id, vacancy_id, company_id, sender_id, professional_id, message, expires_at)
         select $1, $2, $3, $4, $5, $6,
                now() + make_interval(days => value::int)
           from site_settings where name = 'introduction_expiry_days'",
        id,
        new.vacancy_id,
        company_id,
        new.sender_id,
        new.professional_id,
        new.message,
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
    let due = sqlx::query_scalar!(
        "select id from introduction_requests
          where status = 'pending' and expires_at <= now()
          order by expires_at
          limit 200
          for update skip locked"
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut expired = 0;
    for id in due {
        if finish(
            &mut tx,
            id,
            Status::Expired,
            None,
            &RequestContext::default(),
        )
        .await?
        .is_ok()
        {
            expired += 1;
        }
    }
    tx.commit().await?;
    Ok(expired)
}
