//! Paying for a plan. A quote for the plan becomes a pending payment; the
//! gateway's event settles it once, in the transaction that stores the
//! event: paid starts the plan, issues the paid invoice (its number taken
//! there) and grants the month's credits; declined changes nothing else.

use super::db::{NewInvoice, NewSubscription, issue, mark_paid, replace};
use super::gateway::{Card, Outcome};
use super::rules::card_label;
use super::rules::{
    Cycle, InvoiceItem, Purchase, Standing, Status, invoice_totals, plan_items, purchase,
};
use super::{Bought, Party, Payer, PaymentNotice, PaymentState};
use crate::audit::{self, AuditEvent};
use crate::money::{VAT_BASIS_POINTS, unused_share};
use crate::state::RequestContext;
use sqlx::PgConnection;
use time::OffsetDateTime;
use uuid::Uuid;

/// What a payment buys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Product {
    /// A plan's version, for a cycle from when it is paid.
    Plan { version_id: Uuid, cycle: Cycle },
    /// A pack of introduction credits, which never lapse.
    Credits { pack: String },
}

/// What buying a plan or a pack costs now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub product: Product,
    /// "Professional", "10 introduction credits".
    pub name: String,
    pub items: Vec<InvoiceItem>,
    /// With VAT, in kobo.
    pub total: i64,
}

/// A plan on sale at its current version, priced for a cycle.
struct Offered {
    rank: i32,
    name: String,
    version_id: Uuid,
    /// Before VAT, in kobo; more than nothing.
    price: i64,
}

async fn offered(
    conn: &mut PgConnection,
    plan_code: &str,
    cycle: Cycle,
) -> sqlx::Result<Option<Offered>> {
    let row = sqlx::query!(
        r#"select p.sort_order as rank, p.name, v.id as version_id,
                  case $2 when 'annual' then v.yearly_price else v.monthly_price end as price
             from plans p join plan_versions v on v.id = p.current_version_id
            where p.code = $1 and p.audience = 'company' and p.is_active
              and not p.contact_sales and v.trial_days is null"#,
        plan_code,
        cycle.as_str()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|r| {
        Some(Offered {
            price: r.price.filter(|p| *p > 0)?,
            rank: r.rank,
            name: r.name,
            version_id: r.version_id,
        })
    }))
}

/// Schedules the move to `plan_code` billed `cycle` for the end of the
/// period paid for, when that is how the move is made (a smaller plan, or
/// monthly billing after a paid year); it takes the place of a
/// cancellation. The plan's name and when it starts, or why not.
pub async fn schedule(
    conn: &mut PgConnection,
    company_id: Uuid,
    plan_code: &str,
    cycle: Cycle,
) -> sqlx::Result<Result<(String, OffsetDateTime), &'static str>> {
    let current = sqlx::query!(
        r#"select s.id, p.sort_order as rank, s.billing_cycle, s.status, s.current_period_end
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
            where s.company_id = $1 and s.ended_at is null
              for no key update of s"#,
        company_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let (Some(current), Some(target)) = (current, offered(conn, plan_code, cycle).await?) else {
        return Ok(Err("This plan cannot be bought here."));
    };
    let standing = Standing::read(current.rank, &current.billing_cycle, &current.status);
    match purchase(standing, target.rank, cycle) {
        Err(why) => return Ok(Err(why)),
        Ok(Purchase::Now { .. }) => {
            return Ok(Err(
                "This change starts at once: pay for it at the checkout.",
            ));
        }
        Ok(Purchase::AtPeriodEnd) => {}
    }
    sqlx::query!(
        "update subscriptions
            set scheduled_version_id = $2, scheduled_cycle = $3, cancel_at_period_end = false,
                cancellation_reason = null, updated_at = now()
          where id = $1",
        current.id,
        target.version_id,
        cycle.as_str()
    )
    .execute(conn)
    .await?;
    Ok(Ok((target.name, current.current_period_end)))
}

/// The quote for `company_id` to move to `plan_code` for `cycle` at `now`,
/// or why it cannot now (for the buyer).
pub async fn quote(
    conn: &mut PgConnection,
    company_id: Uuid,
    plan_code: &str,
    cycle: Cycle,
    now: OffsetDateTime,
) -> sqlx::Result<Result<Quote, &'static str>> {
    let current = sqlx::query!(
        r#"select p.sort_order as rank, p.name, s.billing_cycle, s.status,
                  s.current_period_start, s.current_period_end,
                  case s.billing_cycle when 'annual' then v.yearly_price else v.monthly_price end
                      as price
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
            where s.company_id = $1 and s.ended_at is null"#,
        company_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(target) = offered(conn, plan_code, cycle).await? else {
        return Ok(Err("This plan cannot be bought here."));
    };
    let price = target.price;
    let credit = match current {
        None => None,
        Some(current) => {
            let standing = Standing::read(current.rank, &current.billing_cycle, &current.status);
            match purchase(standing, target.rank, cycle) {
                Err(why) => return Ok(Err(why)),
                Ok(Purchase::AtPeriodEnd) => {
                    return Ok(Err(
                        "This change starts when your paid period ends: nothing is paid now.",
                    ));
                }
                Ok(Purchase::Now { credit: false }) => None,
                Ok(Purchase::Now { credit: true }) => {
                    let period = current.current_period_end - current.current_period_start;
                    let left = current.current_period_end - now;
                    let amount = unused_share(
                        current.price.unwrap_or(0),
                        period.whole_seconds(),
                        left.whole_seconds(),
                    );
                    Some((current.name, amount))
                }
            }
        }
    };
    let items = plan_items(
        &target.name,
        cycle,
        price,
        credit
            .as_ref()
            .map(|(name, amount)| (name.as_str(), *amount)),
    );
    let amounts: Vec<i64> = items.iter().map(InvoiceItem::amount).collect();
    let (_, _, total) = invoice_totals(&amounts, VAT_BASIS_POINTS);
    if total <= 0 {
        return Ok(Err("There is nothing to pay for this change."));
    }
    Ok(Ok(Quote {
        product: Product::Plan {
            version_id: target.version_id,
            cycle,
        },
        name: target.name,
        items,
        total,
    }))
}

/// The quote for one of the credit packs on sale.
pub async fn credits_quote(conn: &mut PgConnection, pack: &str) -> sqlx::Result<Option<Quote>> {
    let row = sqlx::query!(
        "select credits, price from credit_packs where code = $1 and is_active",
        pack
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        let name = format!("{} introduction credits", r.credits);
        let (_, _, total) = invoice_totals(&[r.price], VAT_BASIS_POINTS);
        Quote {
            product: Product::Credits {
                pack: pack.to_string(),
            },
            items: vec![InvoiceItem {
                description: name.clone(),
                quantity: 1,
                unit_amount: r.price,
            }],
            name,
            total,
        }
    }))
}

/// The quote for a job seeker to take Plus for a month, or why not now.
pub async fn plus_quote(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> sqlx::Result<Result<Quote, &'static str>> {
    let status = sqlx::query_scalar!(
        "select status from subscriptions where user_id = $1 and ended_at is null",
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if status.as_deref() == Some("active") {
        return Ok(Err("You have Plus already."));
    }
    let Some(plan) = sqlx::query!(
        "select p.name, v.id as version_id, v.monthly_price
           from plans p join plan_versions v on v.id = p.current_version_id
          where p.code = 'plus' and p.audience = 'seeker' and p.is_active"
    )
    .fetch_optional(conn)
    .await?
    else {
        return Ok(Err("Plus is not on sale at the moment."));
    };
    let Some(price) = plan.monthly_price.filter(|p| *p > 0) else {
        return Ok(Err("Plus is not on sale at the moment."));
    };
    let items = plan_items(&plan.name, Cycle::Monthly, price, None);
    let amounts: Vec<i64> = items.iter().map(InvoiceItem::amount).collect();
    let (_, _, total) = invoice_totals(&amounts, VAT_BASIS_POINTS);
    Ok(Ok(Quote {
        product: Product::Plan {
            version_id: plan.version_id,
            cycle: Cycle::Monthly,
        },
        name: plan.name,
        items,
        total,
    }))
}

/// A pending payment by `payer` of `quote` through `gateway`: its id and
/// the reference the gateway is given. `buyer` is who started it (none for
/// a renewal); `renews`, the subscription a renewal extends and the start
/// of the period it pays for.
pub async fn start(
    conn: &mut PgConnection,
    payer: Payer,
    gateway: &str,
    quote: &Quote,
    buyer: Option<Uuid>,
    renews: Option<(Uuid, OffsetDateTime)>,
) -> sqlx::Result<(Uuid, String)> {
    let id = Uuid::now_v7();
    let reference = format!("hw_{}", id.simple());
    let (version, cycle, pack) = match &quote.product {
        Product::Plan { version_id, cycle } => (Some(*version_id), Some(cycle.as_str()), None),
        Product::Credits { pack } => (None, None, Some(pack.as_str())),
    };
    sqlx::query!(
        "insert into payments (id, company_id, user_id, gateway, reference, plan_version_id,
                               billing_cycle, lines, amount, created_by, renews_subscription_id,
                               renews_period_start, credit_pack_code)
         values ($1, $2, $13, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        id,
        payer.company_id(),
        gateway,
        reference,
        version,
        cycle,
        serde_json::to_value(&quote.items).unwrap_or_default(),
        quote.total,
        buyer,
        renews.map(|(subscription, _)| subscription),
        renews.map(|(_, period_start)| period_start),
        pack,
        payer.user_id()
    )
    .execute(conn)
    .await?;
    Ok((id, reference))
}

/// Marks a pending payment failed (the gateway could not take it).
pub async fn fail(
    conn: &mut PgConnection,
    id: Uuid,
    reason: &str,
    now: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update payments set status = 'failed', failure_reason = $2, settled_at = $3
          where id = $1 and status = 'pending'",
        id,
        reason,
        now
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Settles the payment `reference` of `gateway` with what the gateway
/// said, once: a payment already settled is left as it is, so a late or
/// repeated event never moves a subscription back. Returns the payment
/// and what was done, for the event's record.
pub async fn settle(
    conn: &mut PgConnection,
    gateway: &str,
    reference: &str,
    outcome: &Outcome,
    seller: &Party,
    now: OffsetDateTime,
) -> sqlx::Result<(Option<Uuid>, String)> {
    let Some(payment) = sqlx::query!(
        r#"select p.id, p.company_id, p.user_id, p.status, p.billing_cycle, p.lines, p.currency, p.amount,
                  p.created_by, p.plan_version_id, p.renews_subscription_id,
                  v.plan_code as "plan_code?", v.introduction_credits_monthly,
                  cp.credits as "pack_credits?"
             from payments p
             left join plan_versions v on v.id = p.plan_version_id
             left join credit_packs cp on cp.code = p.credit_pack_code
            where p.gateway = $1 and p.reference = $2
              for update of p"#,
        gateway,
        reference
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok((None, "ignored: no such payment".into()));
    };
    if payment.status != "pending" {
        return Ok((
            Some(payment.id),
            format!("ignored: already {}", payment.status),
        ));
    }
    let Some(payer) = Payer::of(payment.company_id, payment.user_id) else {
        return Ok((Some(payment.id), "ignored: no payer".into()));
    };
    let (target_type, target_id) = payer.audit_target();
    let event = |action: &'static str, metadata: serde_json::Value| AuditEvent {
        actor: None,
        action,
        target_type,
        target_id: Some(target_id.clone()),
        metadata,
    };
    let (amount, currency, card, transaction) = match outcome {
        Outcome::Declined { reason } => {
            fail(conn, payment.id, reason, now).await?;
            audit::record(
                conn,
                event(
                    "billing.payment_failed",
                    serde_json::json!({ "payment": payment.id, "reason": reason }),
                ),
                &RequestContext::default(),
            )
            .await?;
            return Ok((Some(payment.id), "declined".into()));
        }
        Outcome::Paid {
            amount,
            currency,
            card,
            transaction,
        } => (*amount, currency, card, transaction),
    };
    if amount != payment.amount || *currency != payment.currency {
        tracing::error!(payment = %payment.id, amount, %currency, "paid amount differs from the invoice");
        let reason = "The amount paid did not match the invoice; it will be refunded.";
        fail(conn, payment.id, reason, now).await?;
        return Ok((Some(payment.id), "refused: amount differs".into()));
    }
    // A pack's credits, or the plan's first month's: each granted once.
    let (subscription_id, grant) = match (payment.plan_version_id, payment.plan_code.as_deref()) {
        (Some(version), Some(plan_code)) => {
            let (subscription_id, period_start) = start_plan(
                conn,
                payer,
                plan_code,
                version,
                payment.billing_cycle.as_deref(),
                payment.renews_subscription_id,
                now,
            )
            .await?;
            let grant = payment
                .introduction_credits_monthly
                .filter(|c| *c > 0)
                .map(|c| {
                    let key = super::rules::credit_grant_key(subscription_id, period_start);
                    (i64::from(c), key)
                });
            (Some(subscription_id), grant)
        }
        _ => {
            let credits = payment.pack_credits.unwrap_or(0);
            (
                None,
                Some((i64::from(credits), format!("pack:{}", payment.id))),
            )
        }
    };
    let items: Vec<InvoiceItem> = serde_json::from_value(payment.lines).unwrap_or_default();
    let invoice_id = issue(
        conn,
        &NewInvoice {
            payer,
            subscription_id,
            lines: &items,
            seller,
            issued_at: now,
            due_at: now,
        },
    )
    .await?;
    mark_paid(&mut *conn, invoice_id, now).await?;
    if let (Some(company_id), Some((credits, key))) = (
        payer.company_id(),
        grant.filter(|(credits, _)| *credits > 0),
    ) {
        crate::introductions::db::grant(
            conn,
            company_id,
            credits,
            &key,
            payment.created_by,
            &RequestContext::default(),
        )
        .await?;
    }
    if let Some(card) = card {
        keep_card(conn, payer, gateway, card).await?;
    }
    // What the end of the last plan paused opens again.
    let resumed = match (subscription_id, payer) {
        (Some(_), Payer::Company(company_id)) => {
            crate::vacancies::db::resume_paused_for_plan(conn, company_id).await?
        }
        _ => Vec::new(),
    };
    if !resumed.is_empty() {
        audit::record(
            conn,
            event(
                "billing.vacancies_resumed",
                serde_json::json!({ "vacancies": resumed }),
            ),
            &RequestContext::default(),
        )
        .await?;
    }
    sqlx::query!(
        "update payments set status = 'succeeded', invoice_id = $2, settled_at = $3,
                             card_last4 = $4, gateway_transaction = $5
          where id = $1",
        payment.id,
        invoice_id,
        now,
        card.as_ref().and_then(|c| c.last4.clone()),
        transaction.as_deref()
    )
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        event(
            "billing.payment_succeeded",
            serde_json::json!({
                "payment": payment.id,
                "invoice": invoice_id,
                "plan": payment.plan_code,
                "cycle": payment.billing_cycle,
                "credits": payment.pack_credits,
                "amount": amount,
            }),
        ),
        &RequestContext::default(),
    )
    .await?;
    Ok((Some(payment.id), "paid".into()))
}

/// The plan a payment paid for, in force: a renewal's period goes on (a
/// late event for a replaced subscription changes nothing); otherwise the
/// plan starts now in a new subscription. The subscription, and when the
/// period paid for started.
async fn start_plan(
    conn: &mut PgConnection,
    payer: Payer,
    plan_code: &str,
    version: Uuid,
    cycle: Option<&str>,
    renews: Option<Uuid>,
    now: OffsetDateTime,
) -> sqlx::Result<(Uuid, OffsetDateTime)> {
    if let Some(renewed) = renews {
        let start = sqlx::query_scalar!(
            "update subscriptions
                set status = 'active', updated_at = now(),
                    next_action_at = least(current_period_end,
                                           current_period_start + interval '1 month')
              where id = $1 and ended_at is null
              returning current_period_start",
            renewed
        )
        .fetch_optional(&mut *conn)
        .await?;
        return Ok((renewed, start.unwrap_or(now)));
    }
    let cycle = cycle.and_then(Cycle::parse).unwrap_or(Cycle::Monthly);
    let id = replace(
        conn,
        &NewSubscription {
            payer,
            plan_code,
            version: Some(version),
            cycle,
            status: Status::Active,
            start: now,
            end: cycle.period_end(now),
        },
    )
    .await?;
    Ok((id, now))
}

/// Keeps the card a payer paid with, for its renewals: the one card
/// replaces the one kept before.
pub async fn keep_card(
    conn: &mut PgConnection,
    payer: Payer,
    gateway: &str,
    card: &Card,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from payment_methods where company_id = $1 or user_id = $2",
        payer.company_id(),
        payer.user_id()
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into payment_methods (company_id, user_id, gateway, token, card_brand, card_last4)
         values ($1, $2, $3, $4, $5, $6)",
        payer.company_id(),
        payer.user_id(),
        gateway,
        card.token,
        card.brand,
        card.last4
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A payment of the payer's, as the billing page reports it when the
/// buyer comes back from the gateway; another's is none.
pub async fn notice(
    conn: impl sqlx::PgExecutor<'_>,
    payer: Payer,
    id: Uuid,
) -> sqlx::Result<Option<PaymentNotice>> {
    let row = sqlx::query!(
        r#"select p.status, p.failure_reason, pl.name as "plan_name?", cp.credits as "credits?"
             from payments p
             left join plan_versions v on v.id = p.plan_version_id
             left join plans pl on pl.code = v.plan_code
             left join credit_packs cp on cp.code = p.credit_pack_code
            where p.id = $1 and (p.company_id = $2 or p.user_id = $3)"#,
        id,
        payer.company_id(),
        payer.user_id()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| PaymentNotice {
        state: match r.status.as_str() {
            "succeeded" => PaymentState::Paid,
            "failed" => PaymentState::Failed(r.failure_reason.unwrap_or_default()),
            _ => PaymentState::Waiting,
        },
        bought: match r.credits {
            Some(credits) => Bought::Credits(i64::from(credits)),
            None => Bought::Plan(r.plan_name.unwrap_or_default()),
        },
    }))
}

/// The card the payer pays with: "Visa ending in 4242".
pub async fn card(conn: impl sqlx::PgExecutor<'_>, payer: Payer) -> sqlx::Result<Option<String>> {
    let row = sqlx::query!(
        "select card_brand, card_last4 from payment_methods where company_id = $1 or user_id = $2",
        payer.company_id(),
        payer.user_id()
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| card_label(r.card_brand.as_deref(), r.card_last4.as_deref())))
}
