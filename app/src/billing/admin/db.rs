//! The admin's billing figures and lists in SQL.

use super::{
    CompanyBilling, InvoiceRow, LedgerRow, MonthPaid, PaymentRow, PlanCount, Revenue,
    SubscriptionRow, ledger_entry,
};
use crate::billing::rules::{Cycle, InvoiceStatus, Status};
use crate::money::{Currency, Money};
use sqlx::PgConnection;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

fn naira(minor: i64) -> Money {
    Money::new(minor, Currency::Ngn)
}

/// The revenue figures as of `now`.
pub async fn revenue(conn: &mut PgConnection, now: OffsetDateTime) -> sqlx::Result<Revenue> {
    // A year's price counts a twelfth, rounded half up.
    let plans = sqlx::query!(
        r#"select p.name, p.audience = 'seeker' as "for_seekers!",
                  count(*) filter (where s.status = 'trial') as "trial!",
                  count(*) filter (where s.status = 'active') as "active!",
                  count(*) filter (where s.status = 'past_due') as "past_due!",
                  coalesce(sum(case s.billing_cycle
                                   when 'annual' then (v.yearly_price + 6) / 12
                                   else v.monthly_price end)
                           filter (where s.status = 'active'), 0)::bigint as "mrr!"
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
            where s.ended_at is null and s.status in ('trial', 'active', 'past_due')
            group by p.code, p.name, p.audience, p.sort_order
            order by p.audience, p.sort_order"#
    )
    .fetch_all(&mut *conn)
    .await?;
    // A trial ends when its period does, or earlier when a plan replaced
    // it; a company converted once it has had a plan that is not a trial.
    let trials = sqlx::query!(
        r#"select count(*) as "ended!",
                  count(*) filter (where exists (
                      select 1 from subscriptions paid
                        join plan_versions pv on pv.id = paid.plan_version_id
                       where paid.company_id = s.company_id and pv.trial_days is null))
                      as "converted!"
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
            where v.trial_days is not null
              and coalesce(s.ended_at, s.current_period_end)
                  between $1::timestamptz - interval '90 days' and $1::timestamptz"#,
        now
    )
    .fetch_one(&mut *conn)
    .await?;
    let failed = sqlx::query!(
        r#"select count(*) as "count!", coalesce(sum(amount), 0)::bigint as "amount!"
             from payments
            where status = 'failed' and created_at > $1::timestamptz - interval '30 days'"#,
        now
    )
    .fetch_one(&mut *conn)
    .await?;
    // Invoices count in the month they were paid, refunds in the month
    // they were given back.
    let months = sqlx::query!(
        r#"select m.month as "month!", paid.invoices as "invoices!", paid.total as "total!",
                  refunded.total as "refunded!"
             from generate_series(date_trunc('month', $1::timestamptz) - interval '11 months',
                                  date_trunc('month', $1::timestamptz), interval '1 month') m(month)
             cross join lateral (
                 select count(*) as invoices, coalesce(sum(i.total), 0)::bigint as total
                   from invoices i
                  where i.status in ('paid', 'refunded') and i.paid_at >= m.month
                    and i.paid_at < m.month + interval '1 month') paid
             cross join lateral (
                 select coalesce(sum(n.total), 0)::bigint as total
                   from credit_notes n
                  where n.issued_at >= m.month and n.issued_at < m.month + interval '1 month') refunded
            order by m.month"#,
        now
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Revenue {
        mrr: naira(plans.iter().map(|p| p.mrr).sum()),
        plans: plans
            .into_iter()
            .map(|p| PlanCount {
                plan: p.name,
                for_seekers: p.for_seekers,
                trial: p.trial,
                active: p.active,
                past_due: p.past_due,
                mrr: naira(p.mrr),
            })
            .collect(),
        trials_ended: trials.ended,
        trials_converted: trials.converted,
        failed_payments: failed.count,
        failed_amount: naira(failed.amount),
        months: months
            .into_iter()
            .map(|m| MonthPaid {
                month: m.month,
                invoices: m.invoices,
                total: naira(m.total),
                refunded: naira(m.refunded),
            })
            .collect(),
    })
}

/// What the invoice list is filtered by.
pub struct InvoiceFilter<'a> {
    pub status: Option<&'a str>,
    /// Part of the buyer's name or the invoice's number.
    pub search: &'a str,
    /// Issued on or after, and on or before.
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// A page of the issued invoices the filter finds, newest first; how many
/// there are, and their sum.
pub async fn invoices(
    conn: &mut PgConnection,
    filter: &InvoiceFilter<'_>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<InvoiceRow>, i64, Money)> {
    let pattern = crate::admin::db::contains_pattern(filter.search);
    let rows = sqlx::query!(
        r#"select i.id, i.number as "number!", i.company_id,
                  coalesce(c.name, i.buyer_name) as "buyer!", i.status,
                  i.total, i.issued_at as "issued_at!",
                  count(*) over () as "found!", sum(i.total) over ()::bigint as "amount!"
             from invoices i left join companies c on c.id = i.company_id
            where i.status <> 'draft'
              and ($1::text is null or i.status = $1)
              and ($2 = '%%' or c.name ilike $2 or i.buyer_name ilike $2 or i.number ilike $2)
              and ($3::date is null or i.issued_at >= $3::date)
              and ($4::date is null or i.issued_at < $4::date + 1)
            order by i.issued_at desc, i.number desc
            limit $5 offset $6"#,
        filter.status,
        pattern,
        filter.from,
        filter.to,
        limit,
        offset
    )
    .fetch_all(&mut *conn)
    .await?;
    let (found, amount) = rows
        .first()
        .map(|r| (r.found, r.amount))
        .unwrap_or_default();
    let invoices = rows
        .into_iter()
        .map(|r| InvoiceRow {
            id: r.id,
            number: r.number,
            company_id: r.company_id,
            buyer: r.buyer,
            status: InvoiceStatus::parse(&r.status).unwrap_or(InvoiceStatus::Open),
            total: naira(r.total),
            issued_at: r.issued_at,
        })
        .collect();
    Ok((invoices, found, naira(amount)))
}

/// Who an invoice bills (a company, or none for a job seeker) and the
/// gateway its payment went through, if any; `None` for no such invoice.
pub async fn invoice_payer(
    conn: &mut PgConnection,
    invoice_id: Uuid,
) -> sqlx::Result<Option<(Option<Uuid>, Option<String>)>> {
    Ok(sqlx::query!(
        r#"select i.company_id, p.gateway as "gateway?"
             from invoices i
             left join payments p on p.invoice_id = i.id and p.status = 'succeeded'
            where i.id = $1"#,
        invoice_id
    )
    .fetch_optional(conn)
    .await?
    .map(|r| (r.company_id, r.gateway)))
}

/// A company's billing; `None` for no such company.
pub async fn company(
    conn: &mut PgConnection,
    company_id: Uuid,
) -> sqlx::Result<Option<CompanyBilling>> {
    let Some(name) = sqlx::query_scalar!("select name from companies where id = $1", company_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let subscriptions = sqlx::query!(
        r#"select p.name as plan, s.billing_cycle, s.status, s.started_at,
                  s.current_period_end, s.ended_at
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
            where s.company_id = $1
            order by s.ended_at is null desc, s.started_at desc, s.created_at desc"#,
        company_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| SubscriptionRow {
        plan: r.plan,
        cycle: Cycle::parse(&r.billing_cycle).unwrap_or(Cycle::Monthly),
        status: Status::parse(&r.status).unwrap_or(Status::Expired),
        started_at: r.started_at,
        period_end: r.current_period_end,
        ended_at: r.ended_at,
    })
    .collect();
    let payments = sqlx::query!(
        r#"select pay.created_at, pay.amount, pay.status, pay.failure_reason,
                  pay.billing_cycle, pay.renews_subscription_id is not null as "renewal!",
                  pl.name as "plan?", cp.credits as "credits?"
             from payments pay
             left join plan_versions v on v.id = pay.plan_version_id
             left join plans pl on pl.code = v.plan_code
             left join credit_packs cp on cp.code = pay.credit_pack_code
            where pay.company_id = $1
            order by pay.created_at desc
            limit 50"#,
        company_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| PaymentRow {
        created_at: r.created_at,
        bought: match (r.plan, r.credits) {
            (_, Some(credits)) => format!("{credits} introduction credits"),
            (plan, None) => format!(
                "{}, {}",
                plan.unwrap_or_default(),
                r.billing_cycle
                    .as_deref()
                    .and_then(Cycle::parse)
                    .unwrap_or(Cycle::Monthly)
                    .billed()
            ),
        },
        renewal: r.renewal,
        amount: naira(r.amount),
        status: match r.status.as_str() {
            "succeeded" => "Paid",
            "failed" => "Failed",
            _ => "Waiting",
        }
        .to_string(),
        reason: r.failure_reason,
    })
    .collect();
    let balance = crate::introductions::db::balance(conn, company_id).await?;
    let ledger = sqlx::query!(
        r#"select t.created_at, t.reason, t.from_account, t.to_account, t.amount, t.note,
                  u.email as "by?"
             from credit_transfers t left join users u on u.id = t.actor_id
            where t.company_id = $1
            order by t.created_at desc, t.id desc
            limit 50"#,
        company_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|r| {
        let (reason, change) = ledger_entry(&r.reason, &r.from_account, &r.to_account, r.amount);
        LedgerRow {
            at: r.created_at,
            reason: reason.to_string(),
            change,
            by: r.by,
            note: r.note,
        }
    })
    .collect();
    Ok(Some(CompanyBilling {
        company_id,
        company: name,
        subscriptions,
        payments,
        balance,
        ledger,
    }))
}
