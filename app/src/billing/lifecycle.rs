//! What happens to a subscription once started: a trial ends; a plan
//! renews by charging the kept card; a declined renewal leaves the plan
//! past due, is tried again on days 3 and 6 (the billing members told
//! each time) and ends after the seven days' grace; a plan cancelled for
//! its period's end stops there. `queue_due` puts a job in the queue for
//! each subscription whose time has come, and `step` (that job) does what
//! is due. Both take the time: the worker passes the clock's, tests move it.

use super::Payer;
use super::gateway::{Charge, Outcome};
use super::payments::{self, Product, Quote};
use super::rules::{
    Cycle, InvoiceItem, RETRY_DAYS, Status, add_months, credit_grant_key, credit_month, grace_end,
    invoice_totals, next_dunning_step, plan_items,
};
use crate::audit::{self, AuditEvent};
use crate::jobs::{self, Job};
use crate::money::{Currency, Money, VAT_BASIS_POINTS};
use crate::notifications::{Notice, notify};
use crate::state::{AppState, RequestContext};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;
use uuid::Uuid;

/// Queues a step for each subscription due by `now`; how many. A queued
/// subscription is not queued again until its step sets the next time.
pub async fn queue_due(pool: &PgPool, now: OffsetDateTime) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query_scalar!(
        "update subscriptions set next_action_at = null
          where id in (select id from subscriptions
                        where ended_at is null and next_action_at <= $1
                        for update skip locked)
          returning id",
        now
    )
    .fetch_all(&mut *tx)
    .await?;
    for subscription_id in &due {
        let job = Job::BillingStep {
            subscription_id: *subscription_id,
            at: now,
        };
        jobs::enqueue(&mut *tx, &job, now.min(OffsetDateTime::now_utc())).await?;
    }
    tx.commit().await?;
    Ok(due.len())
}

/// A current subscription as the lifecycle reads it.
struct Current {
    company_id: Option<Uuid>,
    user_id: Option<Uuid>,
    plan_version_id: Uuid,
    plan: String,
    status: String,
    cycle: String,
    period_start: OffsetDateTime,
    period_end: OffsetDateTime,
    cancel_at_period_end: bool,
    price: Option<i64>,
    scheduled_version_id: Option<Uuid>,
    scheduled_cycle: Option<String>,
    /// The plan's introduction credits a month.
    credits: Option<i32>,
}

/// Takes the subscription's step as of `at`. The row is locked without
/// its key, so the renewal's payment (written apart) can still name it.
pub async fn step(
    conn: &mut PgConnection,
    state: &AppState,
    subscription_id: Uuid,
    at: OffsetDateTime,
) -> Result<(), String> {
    let Some(s) = sqlx::query_as!(
        Current,
        r#"select s.company_id, s.user_id, s.plan_version_id, p.name as plan, s.status,
                  s.billing_cycle as cycle, s.current_period_start as period_start,
                  s.current_period_end as period_end, s.cancel_at_period_end,
                  case s.billing_cycle when 'annual' then v.yearly_price else v.monthly_price end
                      as price,
                  s.scheduled_version_id, s.scheduled_cycle,
                  v.introduction_credits_monthly as credits
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
            where s.id = $1 and s.ended_at is null
              for no key update of s"#,
        subscription_id
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    else {
        // Replaced since it was queued: the new one has its own time.
        return Ok(());
    };
    let Some(payer) = Payer::of(s.company_id, s.user_id) else {
        return Ok(());
    };
    let status = Status::parse(&s.status).unwrap_or(Status::Expired);
    let cycle = Cycle::parse(&s.cycle).unwrap_or(Cycle::Monthly);
    match status {
        Status::Trial if s.period_end > at => schedule(conn, subscription_id, Some(s.period_end))
            .await
            .map_err(db),
        Status::Active if s.period_end > at => next_credit_month(conn, &s, subscription_id, at)
            .await
            .map_err(db),
        Status::Trial => end(conn, &s, payer, subscription_id, Status::Expired, at)
            .await
            .map_err(db),
        Status::Active if s.cancel_at_period_end => {
            end(conn, &s, payer, subscription_id, Status::Cancelled, at)
                .await
                .map_err(db)
        }
        Status::Active if s.scheduled_version_id.is_some() => {
            switch(conn, &s, payer, subscription_id).await.map_err(db)
        }
        Status::Active => {
            if let Payer::Company(company_id) = payer {
                lapse_last_month(conn, &s, company_id, subscription_id)
                    .await
                    .map_err(db)?;
            }
            // The next period, paid for now.
            let due = s.period_end;
            let next_end = cycle.period_end(due);
            sqlx::query!(
                "update subscriptions
                    set current_period_start = $2, current_period_end = $3, updated_at = now()
                  where id = $1",
                subscription_id,
                due,
                next_end
            )
            .execute(&mut *conn)
            .await
            .map_err(db)?;
            renew(conn, state, &s, payer, subscription_id, due, at).await
        }
        Status::PastDue if at >= grace_end(s.period_start) => {
            end(conn, &s, payer, subscription_id, Status::Expired, at)
                .await
                .map_err(db)
        }
        Status::PastDue => renew(conn, state, &s, payer, subscription_id, s.period_start, at).await,
        Status::Cancelled | Status::Expired => {
            schedule(conn, subscription_id, None).await.map_err(db)
        }
    }
}

fn db(error: sqlx::Error) -> String {
    error.to_string()
}

async fn schedule(
    conn: &mut PgConnection,
    subscription_id: Uuid,
    at: Option<OffsetDateTime>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update subscriptions set next_action_at = $2 where id = $1",
        subscription_id,
        at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Ends the plan (`Expired` or `Cancelled`): a company has the trial's
/// limits from now, a job seeker the free plan's, and they are told.
async fn end(
    conn: &mut PgConnection,
    s: &Current,
    payer: Payer,
    subscription_id: Uuid,
    status: Status,
    at: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update subscriptions
            set status = $2, next_action_at = null, updated_at = now(), trial_ends_at = null,
                cancelled_at = case when $2 = 'cancelled' then $3 else cancelled_at end
          where id = $1",
        subscription_id,
        status.as_str(),
        at
    )
    .execute(&mut *conn)
    .await?;
    match payer {
        Payer::Company(company_id) => {
            lapse_last_month(conn, s, company_id, subscription_id).await?;
            let paused = pause_excess(conn, company_id).await?;
            tell(conn, payer, &Notice::plan_ended(&s.plan, paused)).await
        }
        Payer::Seeker(_) => tell(conn, payer, &Notice::seeker_plan_ended(&s.plan)).await,
    }
}

/// In a paid year, once a new month has begun: what is left of last
/// month's credits lapses and this month's come. Then waits for the next
/// month, or the period's end.
async fn next_credit_month(
    conn: &mut PgConnection,
    s: &Current,
    subscription_id: Uuid,
    at: OffsetDateTime,
) -> sqlx::Result<()> {
    let month = credit_month(s.period_start, at);
    // Only a company's plan brings credits.
    if month > 0
        && let Some(company_id) = s.company_id
    {
        let start = add_months(s.period_start, month);
        lapse_month(
            conn,
            company_id,
            subscription_id,
            add_months(s.period_start, month - 1),
        )
        .await?;
        if let Some(credits) = s.credits.filter(|c| *c > 0) {
            crate::introductions::db::grant(
                conn,
                company_id,
                i64::from(credits),
                &credit_grant_key(subscription_id, start),
                None,
                &RequestContext::default(),
            )
            .await?;
        }
    }
    let next = add_months(s.period_start, month + 1).min(s.period_end);
    schedule(conn, subscription_id, Some(next)).await
}

/// What is left of the period's last month's credits lapses, at its end.
async fn lapse_last_month(
    conn: &mut PgConnection,
    s: &Current,
    company_id: Uuid,
    subscription_id: Uuid,
) -> sqlx::Result<()> {
    let last = credit_month(s.period_start, s.period_end - time::Duration::seconds(1));
    lapse_month(
        conn,
        company_id,
        subscription_id,
        add_months(s.period_start, last),
    )
    .await
}

async fn lapse_month(
    conn: &mut PgConnection,
    company_id: Uuid,
    subscription_id: Uuid,
    month: OffsetDateTime,
) -> sqlx::Result<()> {
    crate::introductions::db::lapse(
        conn,
        company_id,
        &credit_grant_key(subscription_id, month),
        &format!("lapse:{subscription_id}:{}", month.unix_timestamp()),
    )
    .await
    .map(|_| ())
}

/// Pauses the company's open vacancies beyond what its plan allows now;
/// how many.
async fn pause_excess(conn: &mut PgConnection, company_id: Uuid) -> sqlx::Result<usize> {
    crate::companies::db::lock_company(conn, company_id).await?;
    let paused = crate::vacancies::db::pause_beyond_plan(conn, company_id).await?;
    if !paused.is_empty() {
        audit::record(
            conn,
            payer_event(
                Payer::Company(company_id),
                "billing.vacancies_paused",
                serde_json::json!({ "vacancies": paused }),
            ),
            &RequestContext::default(),
        )
        .await?;
    }
    Ok(paused.len())
}

fn payer_event(
    payer: Payer,
    action: &'static str,
    metadata: serde_json::Value,
) -> AuditEvent<'static> {
    let (target_type, target_id) = payer.audit_target();
    AuditEvent {
        actor: None,
        action,
        target_type,
        target_id: Some(target_id),
        metadata,
    }
}

/// Puts the plan scheduled for the period's end in its place: this
/// subscription ends, and the new one takes over the period just ended so
/// that its first step renews it at once, at its own price. What the new
/// plan does not allow is paused, as when a plan ends.
async fn switch(
    conn: &mut PgConnection,
    s: &Current,
    payer: Payer,
    subscription_id: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update subscriptions set ended_at = $2, next_action_at = null, updated_at = now()
          where id = $1",
        subscription_id,
        s.period_end
    )
    .execute(&mut *conn)
    .await?;
    let next = Uuid::now_v7();
    sqlx::query!(
        "insert into subscriptions
             (id, company_id, user_id, plan_version_id, billing_cycle, status, started_at,
              current_period_start, current_period_end, next_action_at)
         values ($1, $2, $7, $3, $4, 'active', $5, $6, $5, $5)",
        next,
        s.company_id,
        s.scheduled_version_id,
        s.scheduled_cycle,
        s.period_end,
        s.period_start,
        s.user_id
    )
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        payer_event(
            payer,
            "billing.plan_switched",
            serde_json::json!({ "from": subscription_id, "to": next }),
        ),
        &RequestContext::default(),
    )
    .await?;
    if let Payer::Company(company_id) = payer {
        lapse_last_month(conn, s, company_id, subscription_id).await?;
        pause_excess(conn, company_id).await?;
    }
    Ok(())
}

/// Charges the period from `due` to the kept card: paid, the plan goes on
/// (invoice, credits); declined or no card, it is past due until the next
/// retry, and the payer is told.
async fn renew(
    conn: &mut PgConnection,
    state: &AppState,
    s: &Current,
    payer: Payer,
    subscription_id: Uuid,
    due: OffsetDateTime,
    at: OffsetDateTime,
) -> Result<(), String> {
    let cycle = Cycle::parse(&s.cycle).unwrap_or(Cycle::Monthly);
    let Some(price) = s.price.filter(|p| *p > 0) else {
        // Nothing to charge (a price agreed outside the site): it goes on.
        sqlx::query!(
            "update subscriptions
                set status = 'active',
                    next_action_at = least(current_period_end, current_period_start + interval '1 month')
              where id = $1",
            subscription_id
        )
        .execute(&mut *conn)
        .await
        .map_err(db)?;
        return Ok(());
    };
    let items = plan_items(&s.plan, cycle, price, None);
    let amounts: Vec<i64> = items.iter().map(InvoiceItem::amount).collect();
    let (_, _, total) = invoice_totals(&amounts, VAT_BASIS_POINTS);
    let quote = Quote {
        product: Product::Plan {
            version_id: s.plan_version_id,
            cycle,
        },
        name: s.plan.clone(),
        items,
        total,
    };
    let declined = match charge(conn, state, payer, subscription_id, due, &quote).await? {
        Some((gateway, reference, outcome)) => {
            payments::settle(
                conn,
                gateway,
                &reference,
                &outcome,
                &state.config.seller,
                at,
            )
            .await
            .map_err(db)?;
            match outcome {
                Outcome::Paid { .. } => None,
                Outcome::Declined { reason } => Some(reason),
            }
        }
        None => Some("No card is kept for your renewals.".to_string()),
    };
    match declined {
        None => {
            let total = Money::new(total, Currency::Ngn).format();
            let notice = Notice::renewed(&s.plan, &total, payer.billing_page());
            tell(conn, payer, &notice).await.map_err(db)
        }
        Some(reason) => {
            sqlx::query!(
                "update subscriptions
                    set status = 'past_due', next_action_at = $2, updated_at = now()
                  where id = $1",
                subscription_id,
                next_dunning_step(due, at)
            )
            .execute(&mut *conn)
            .await
            .map_err(db)?;
            // Day 0, then each retry.
            let attempt = RETRY_DAYS
                .iter()
                .filter(|days| at >= due + time::Duration::days(**days))
                .count();
            let until = crate::ui::format_day(grace_end(due));
            let notice =
                Notice::renewal_failed(&s.plan, &reason, attempt, &until, payer.billing_page());
            tell(conn, payer, &notice).await.map_err(db)
        }
    }
}

/// Charges the quote to the company's kept card through the gateway that
/// kept it: the gateway, the payment's reference and the outcome; `None`
/// without a card that gateway can charge. The pending payment is written
/// first, apart, so a gateway's late event finds it whatever happens here.
/// A period has one renewal payment that is not declined: when a charge
/// was sent but not answered (the job then failed, and is tried again), or
/// its event came first, the gateway is asked what became of it, and
/// charging it again under its reference is charging it once.
async fn charge(
    conn: &mut PgConnection,
    state: &AppState,
    payer: Payer,
    subscription_id: Uuid,
    due: OffsetDateTime,
    quote: &Quote,
) -> Result<Option<(&'static str, String, Outcome)>, String> {
    let card = sqlx::query!(
        r#"select m.gateway, m.token,
                  coalesce((select u.email from users u where u.id = m.user_id),
                           (select u.email from company_members cm join users u on u.id = cm.user_id
                             where cm.company_id = m.company_id and cm.role = 'owner')) as "email?"
             from payment_methods m where m.company_id = $1 or m.user_id = $2"#,
        payer.company_id(),
        payer.user_id()
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    let (Some(card), Some(gateway)) = (card, state.payments.as_ref()) else {
        return Ok(None);
    };
    if card.gateway != gateway.name() {
        return Ok(None);
    }
    let made = sqlx::query_scalar!(
        "select reference from payments
          where renews_subscription_id = $1 and renews_period_start = $2 and gateway = $3
            and status <> 'failed'
          order by created_at desc limit 1",
        subscription_id,
        due,
        gateway.name()
    )
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?;
    let unreachable = |error| format!("the gateway could not charge: {error}");
    let reference = match made {
        Some(reference) => {
            if let Some(outcome) = gateway
                .status(&reference, None)
                .await
                .map_err(unreachable)?
            {
                return Ok(Some((gateway.name(), reference, outcome)));
            }
            reference
        }
        None => {
            let mut apart = state.pool.acquire().await.map_err(db)?;
            let (_, reference) = payments::start(
                &mut apart,
                payer,
                gateway.name(),
                quote,
                None,
                Some((subscription_id, due)),
            )
            .await
            .map_err(db)?;
            reference
        }
    };
    let outcome = gateway
        .charge(&Charge {
            token: &card.token,
            reference: &reference,
            amount: Money::new(quote.total, Currency::Ngn),
            email: card.email.as_deref().unwrap_or_default(),
        })
        .await
        // Whether it charged is not known: the gateway's event settles the
        // payment, or the job's next try asks.
        .map_err(unreachable)?;
    Ok(Some((gateway.name(), reference, outcome)))
}

/// Tells the payer: a job seeker, or each member who manages the
/// company's billing.
pub(super) async fn tell(
    conn: &mut PgConnection,
    payer: Payer,
    notice: &Notice,
) -> sqlx::Result<()> {
    let people =
        match payer {
            Payer::Seeker(user_id) => vec![user_id],
            Payer::Company(company_id) => sqlx::query_scalar!(
                "select user_id from company_members where company_id = $1 and can_manage_billing",
                company_id
            )
            .fetch_all(&mut *conn)
            .await?,
        };
    for user_id in people {
        notify(conn, user_id, notice).await?;
    }
    Ok(())
}
