//! Plans, subscriptions and use, in PostgreSQL. The limits in force come
//! from one SQL function (`company_limits`) that the rules enforced in the
//! database read too.

use super::rules::{Cycle, InvoiceItem, InvoiceStatus, Series, Status, invoice_totals};
use super::{
    CreditNote, CreditNoteSummary, DocumentScope, Invoice, InvoiceLine, InvoiceSummary, Limits,
    Party, Payer, Plan, Subscription, Usage, plus::SeekerUse,
};
use crate::money::{Currency, Money, VAT_BASIS_POINTS};
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// A plan at one version, as stored.
struct PlanRow {
    code: String,
    rank: i32,
    name: String,
    description: String,
    contact_sales: bool,
    currency: String,
    monthly_price: Option<i64>,
    yearly_price: Option<i64>,
    trial_days: Option<i32>,
    introduction_credits_monthly: Option<i32>,
    team_seats: Option<i32>,
    active_vacancies: Option<i32>,
    talent_searches_per_hour: Option<i32>,
}

impl PlanRow {
    fn into_plan(self) -> Plan {
        // Only naira exists; a version in another currency shows no price
        // rather than a wrong one.
        let currency = Currency::parse(&self.currency);
        let money = |minor: Option<i64>| Some(Money::new(minor?, currency?));
        Plan {
            rank: self.rank,
            monthly_price: money(self.monthly_price),
            yearly_price: money(self.yearly_price),
            code: self.code,
            name: self.name,
            description: self.description,
            contact_sales: self.contact_sales,
            trial_days: self.trial_days,
            limits: Limits {
                introduction_credits_monthly: self.introduction_credits_monthly,
                team_seats: self.team_seats,
                active_vacancies: self.active_vacancies,
                talent_searches_per_hour: self.talent_searches_per_hour,
            },
        }
    }
}

/// The company plans on sale, in the pricing page's order.
pub async fn company_plans(conn: impl PgExecutor<'_>) -> sqlx::Result<Vec<Plan>> {
    let rows = sqlx::query_as!(
        PlanRow,
        r#"select p.code, p.sort_order as rank, p.name, p.description, p.contact_sales, v.currency,
                  v.monthly_price, v.yearly_price, v.trial_days,
                  v.introduction_credits_monthly, v.team_seats, v.active_vacancies,
                  v.talent_searches_per_hour
             from plans p join plan_versions v on v.id = p.current_version_id
            where p.audience = 'company' and p.is_active
            order by p.sort_order, p.code"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(PlanRow::into_plan).collect())
}

/// The company's current subscription, at the version it bought.
pub async fn subscription(
    conn: impl PgExecutor<'_>,
    company_id: Uuid,
) -> sqlx::Result<Option<Subscription>> {
    let row = sqlx::query!(
        r#"select p.code, p.sort_order as rank, p.name, p.description, p.contact_sales, v.currency,
                  v.monthly_price, v.yearly_price, v.trial_days,
                  v.introduction_credits_monthly, v.team_seats, v.active_vacancies,
                  v.talent_searches_per_hour,
                  s.billing_cycle, s.status, s.current_period_start, s.current_period_end,
                  s.cancel_at_period_end, sp.name as "scheduled_plan?", s.scheduled_cycle
             from subscriptions s
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
             left join plan_versions sv on sv.id = s.scheduled_version_id
             left join plans sp on sp.code = sv.plan_code
            where s.company_id = $1 and s.ended_at is null"#,
        company_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Subscription {
        cycle: Cycle::parse(&r.billing_cycle).unwrap_or(Cycle::Monthly),
        status: Status::parse(&r.status).unwrap_or(Status::Expired),
        period_start: r.current_period_start,
        period_end: r.current_period_end,
        cancel_at_period_end: r.cancel_at_period_end,
        scheduled: r
            .scheduled_plan
            .zip(r.scheduled_cycle.as_deref().and_then(Cycle::parse))
            .map(|(plan, cycle)| super::ScheduledChange { plan, cycle }),
        plan: PlanRow {
            code: r.code,
            rank: r.rank,
            name: r.name,
            description: r.description,
            contact_sales: r.contact_sales,
            currency: r.currency,
            monthly_price: r.monthly_price,
            yearly_price: r.yearly_price,
            trial_days: r.trial_days,
            introduction_credits_monthly: r.introduction_credits_monthly,
            team_seats: r.team_seats,
            active_vacancies: r.active_vacancies,
            talent_searches_per_hour: r.talent_searches_per_hour,
        }
        .into_plan(),
    }))
}

/// The job seekers' plans on sale, free first.
pub async fn seeker_plans(conn: impl PgExecutor<'_>) -> sqlx::Result<Vec<super::plus::SeekerPlan>> {
    let rows = sqlx::query!(
        "select p.code, p.name, p.description, v.currency, v.monthly_price,
                v.super_likes_per_day, v.auto_applies_per_day
           from plans p join plan_versions v on v.id = p.current_version_id
          where p.audience = 'seeker' and p.is_active
          order by p.sort_order, p.code"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| super::plus::SeekerPlan {
            monthly_price: r
                .monthly_price
                .filter(|p| *p > 0)
                .zip(Currency::parse(&r.currency))
                .map(|(minor, currency)| Money::new(minor, currency)),
            code: r.code,
            name: r.name,
            description: r.description,
            super_likes_per_day: r.super_likes_per_day,
            auto_applies_per_day: r.auto_applies_per_day,
        })
        .collect())
}

/// The job seeker's paid plan while it is active or past due.
pub async fn seeker_subscription(
    conn: impl PgExecutor<'_>,
    user_id: Uuid,
) -> sqlx::Result<Option<super::plus::SeekerSubscription>> {
    let row = sqlx::query!(
        "select p.name, s.status, s.current_period_start, s.current_period_end,
                s.cancel_at_period_end
           from subscriptions s
           join plan_versions v on v.id = s.plan_version_id
           join plans p on p.code = v.plan_code
          where s.user_id = $1 and s.ended_at is null and s.status in ('active', 'past_due')",
        user_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| super::plus::SeekerSubscription {
        plan: r.name,
        status: Status::parse(&r.status).unwrap_or(Status::Expired),
        period_start: r.current_period_start,
        period_end: r.current_period_end,
        cancel_at_period_end: r.cancel_at_period_end,
    }))
}

/// The packs of introduction credits on sale, smallest first.
pub async fn credit_packs(conn: impl PgExecutor<'_>) -> sqlx::Result<Vec<super::CreditPack>> {
    let rows = sqlx::query!(
        "select code, credits, currency, price from credit_packs
          where is_active order by sort_order, credits"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| super::CreditPack {
            code: r.code,
            credits: r.credits,
            price: Money::new(
                r.price,
                Currency::parse(&r.currency).unwrap_or(Currency::Ngn),
            ),
        })
        .collect())
}

/// The limits in force for the company now.
pub async fn limits(conn: impl PgExecutor<'_>, company_id: Uuid) -> sqlx::Result<Limits> {
    sqlx::query_as!(
        Limits,
        "select introduction_credits_monthly, team_seats, active_vacancies,
                talent_searches_per_hour
           from company_limits($1)",
        company_id
    )
    .fetch_one(conn)
    .await
}

/// Locks the company, so actions that add to what it uses take turns,
/// then reads what its plan allows and what it uses.
pub async fn lock_allowance(
    conn: &mut PgConnection,
    company_id: Uuid,
) -> sqlx::Result<super::rules::Allowance> {
    crate::companies::db::lock_company(conn, company_id).await?;
    let r = sqlx::query!(
        r#"select coalesce(s.status in ('trial', 'active', 'past_due'), false) as "in_force!",
                  company_domain_confirmed(c.id) as "domain_confirmed!", c.email_domain,
                  (select count(*) from vacancies v
                    where v.company_id = c.id and v.status = 'active') as "open_vacancies!",
                  company_seats_taken(c.id) as "seats!",
                  l.introduction_credits_monthly, l.team_seats, l.active_vacancies,
                  l.talent_searches_per_hour, l.features as "features!"
             from companies c
             cross join lateral company_limits(c.id) l
             left join subscriptions s on s.company_id = c.id and s.ended_at is null
            where c.id = $1"#,
        company_id
    )
    .fetch_one(conn)
    .await?;
    Ok(super::rules::Allowance {
        in_force: r.in_force,
        domain_confirmed: r.domain_confirmed,
        domain: r.email_domain,
        active_vacancies: r.open_vacancies,
        seats: r.seats,
        limits: Limits {
            introduction_credits_monthly: r.introduction_credits_monthly,
            team_seats: r.team_seats,
            active_vacancies: r.active_vacancies,
            talent_searches_per_hour: r.talent_searches_per_hour,
        },
        features: r.features,
    })
}

/// The payment trouble of `user_id`'s company, if its renewal could not
/// be charged.
pub async fn alert(
    conn: impl PgExecutor<'_>,
    user_id: Uuid,
) -> sqlx::Result<Option<super::BillingAlert>> {
    sqlx::query_as!(
        super::BillingAlert,
        r#"select p.name as plan, s.current_period_start as due, m.can_manage_billing as can_pay
             from company_members m
             join subscriptions s on s.company_id = m.company_id and s.ended_at is null
             join plan_versions v on v.id = s.plan_version_id
             join plans p on p.code = v.plan_code
            where m.user_id = $1 and s.status = 'past_due'"#,
        user_id
    )
    .fetch_optional(conn)
    .await
}

/// A job seeker's use this month (UTC): super-likes and auto-applications.
pub async fn seeker_use_this_month(
    conn: impl PgExecutor<'_>,
    user_id: Uuid,
) -> sqlx::Result<SeekerUse> {
    sqlx::query_as!(
        SeekerUse,
        r#"select coalesce(sum(count) filter (where feature = 'super_like'), 0)::bigint
                    as "super_likes!",
                  coalesce(sum(count) filter (where feature = 'auto_apply'), 0)::bigint
                    as "auto_applications!"
             from usage_records
            where user_id = $1 and company_id is null
              and date >= date_trunc('month', now() at time zone 'UTC')::date"#,
        user_id
    )
    .fetch_one(conn)
    .await
}

/// What the company uses of its plan now; the searches are `viewer`'s.
pub async fn usage(
    conn: impl PgExecutor<'_>,
    company_id: Uuid,
    viewer: Uuid,
) -> sqlx::Result<Usage> {
    sqlx::query_as!(
        Usage,
        r#"select
             (select count(*) from vacancies
               where company_id = $1 and status = 'active') as "active_vacancies!",
             company_seats_taken($1) as "seats!",
             coalesce((select available from credit_balances where company_id = $1), 0)
               as "credits_available!",
             coalesce((select held from credit_balances where company_id = $1), 0)
               as "credits_held!",
             (select count(*) from search_queries
               where user_id = $2 and kind = 'talent'
                 and created_at > now() - interval '1 hour') as "searches_this_hour!",
             month.searches as "searches_this_month!",
             month.introductions as "introductions_this_month!",
             month.published as "published_this_month!"
           from (select coalesce(sum(count) filter (where feature = 'talent_search'), 0)::bigint
                          as searches,
                        coalesce(sum(count) filter (where feature = 'introduction'), 0)::bigint
                          as introductions,
                        coalesce(sum(count) filter (where feature = 'vacancy_published'), 0)::bigint
                          as published
                   from usage_records
                  where company_id = $1
                    and date >= date_trunc('month', now() at time zone 'UTC')::date) month"#,
        company_id,
        viewer
    )
    .fetch_one(conn)
    .await
}

/// A subscription to start: the plan at `version` (its current version
/// when `None`), from `start` to `end`.
pub struct NewSubscription<'a> {
    pub payer: Payer,
    pub plan_code: &'a str,
    pub version: Option<Uuid>,
    pub cycle: Cycle,
    pub status: Status,
    pub start: OffsetDateTime,
    pub end: OffsetDateTime,
}

/// Ends the payer's current subscription and starts `new` in its place
/// (the history keeps both).
pub async fn replace(conn: &mut PgConnection, new: &NewSubscription<'_>) -> sqlx::Result<Uuid> {
    let (company_id, user_id) = (new.payer.company_id(), new.payer.user_id());
    sqlx::query!(
        "update subscriptions set ended_at = greatest(started_at, $3), updated_at = now()
          where (company_id = $1 or user_id = $2) and ended_at is null",
        company_id,
        user_id,
        new.start
    )
    .execute(&mut *conn)
    .await?;
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into subscriptions
             (id, company_id, user_id, plan_version_id, billing_cycle, status, started_at,
              current_period_start, current_period_end, trial_ends_at, next_action_at)
         select $1, $2, $10, coalesce($8, p.current_version_id), $4, $5, $6, $6, $7::timestamptz,
                case when $5 = 'trial' then $7::timestamptz end, $9
           from plans p
          where p.code = $3
            and p.audience = case when $2::uuid is null then 'seeker' else 'company' end",
        id,
        company_id,
        new.plan_code,
        new.cycle.as_str(),
        new.status.as_str(),
        new.start,
        new.end,
        new.version,
        super::rules::first_action(new.status, new.start, new.end),
        user_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Sets whether the payer's paid plan stops at its period's end
/// (`cancel`) or renews as it is, either way dropping a change scheduled
/// for then; `false` when there was no active paid plan to change that way.
pub async fn set_cancel_at_period_end(
    conn: impl PgExecutor<'_>,
    payer: Payer,
    cancel: bool,
    reason: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update subscriptions
            set cancel_at_period_end = $2, cancellation_reason = $3,
                scheduled_version_id = null, scheduled_cycle = null, updated_at = now()
          where (company_id = $1 or user_id = $4) and ended_at is null and status = 'active'
            and (cancel_at_period_end <> $2 or scheduled_version_id is not null)",
        payer.company_id(),
        cancel,
        reason,
        payer.user_id()
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The next number of `series` in `year`, taken inside the caller's
/// transaction: the year's counter stays locked until it ends, and a
/// failure gives the number back, so the numbers run without gaps.
pub async fn next_number(
    conn: &mut PgConnection,
    series: Series,
    year: i32,
) -> sqlx::Result<String> {
    let number = sqlx::query_scalar!(
        r#"select next_document_number($1, $2) as "n!""#,
        series.prefix(),
        year
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(series.number(year, number))
}

/// An invoice to issue to a company or a job seeker.
pub struct NewInvoice<'a> {
    pub payer: Payer,
    pub subscription_id: Option<Uuid>,
    pub lines: &'a [InvoiceItem],
    pub seller: &'a Party,
    pub issued_at: OffsetDateTime,
    pub due_at: OffsetDateTime,
}

/// Issues an invoice: the buyer's details as they are now, VAT once on the
/// subtotal, and the year's next number, taken inside the caller's
/// transaction so a failure gives it back.
pub async fn issue(conn: &mut PgConnection, new: &NewInvoice<'_>) -> sqlx::Result<Uuid> {
    let amounts: Vec<i64> = new.lines.iter().map(InvoiceItem::amount).collect();
    let (subtotal, vat, total) = invoice_totals(&amounts, VAT_BASIS_POINTS);
    let year = new.issued_at.to_offset(time::UtcOffset::UTC).year();
    let number = next_number(conn, Series::Invoice, year).await?;
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into invoices (id, number, company_id, user_id, subscription_id, status,
                               subtotal, vat_basis_points, vat, total, seller_name,
                               seller_address, seller_tax_id, buyer_name, buyer_address,
                               buyer_tax_id, issued_at, due_at)
         select $1, $2, c.id, u.id, $3, 'open', $4, $5, $6, $7, $8, $9, $10,
                coalesce(nullif(c.legal_name, ''), c.name,
                         nullif(trim(concat_ws(' ', p.first_name, p.last_name)), ''), u.email),
                coalesce(c.billing_address, ''), coalesce(c.tax_id, ''), $11, $12
           from (select 1) one
           left join companies c on c.id = $13
           left join users u on u.id = $14
           left join candidate_profiles p on p.user_id = u.id
          where c.id is not null or u.id is not null",
        id,
        number,
        new.subscription_id,
        subtotal,
        VAT_BASIS_POINTS as i32,
        vat,
        total,
        new.seller.name,
        new.seller.address,
        new.seller.tax_id,
        new.issued_at,
        new.due_at,
        new.payer.company_id(),
        new.payer.user_id(),
    )
    .execute(&mut *conn)
    .await?;
    for (position, (line, amount)) in new.lines.iter().zip(&amounts).enumerate() {
        sqlx::query!(
            "insert into invoice_lines (id, invoice_id, position, description, quantity,
                                        unit_amount, amount)
             values ($1, $2, $3, $4, $5, $6, $7)",
            Uuid::now_v7(),
            id,
            position as i32 + 1,
            line.description,
            line.quantity,
            line.unit_amount,
            amount
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Marks an open invoice paid; `false` if it was not open.
pub async fn mark_paid(
    conn: impl PgExecutor<'_>,
    id: Uuid,
    at: OffsetDateTime,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update invoices set status = 'paid', paid_at = $2 where id = $1 and status = 'open'",
        id,
        at
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A side of an invoice from its stored columns.
fn party(name: String, address: String, tax_id: String) -> Party {
    Party {
        name,
        address,
        tax_id,
    }
}

fn naira(minor: i64) -> Money {
    Money::new(minor, Currency::Ngn)
}

/// The payer's issued invoices, newest first.
pub async fn invoices(
    conn: impl PgExecutor<'_>,
    payer: Payer,
) -> sqlx::Result<Vec<InvoiceSummary>> {
    let rows = sqlx::query!(
        r#"select id, number as "number!", status, total, issued_at as "issued_at!"
             from invoices
            where (company_id = $1 or user_id = $2) and status <> 'draft'
            order by issued_at desc, number desc"#,
        payer.company_id(),
        payer.user_id()
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| InvoiceSummary {
            id: r.id,
            number: r.number,
            status: InvoiceStatus::parse(&r.status).unwrap_or(InvoiceStatus::Open),
            total: naira(r.total),
            issued_at: r.issued_at,
        })
        .collect())
}

/// One of the payer's issued invoices with its lines; `None` for
/// another's, a draft or none.
pub async fn invoice(
    conn: &mut PgConnection,
    scope: DocumentScope,
    id: Uuid,
) -> sqlx::Result<Option<Invoice>> {
    let (all, company_id, user_id) = scope.bounds();
    let Some(r) = sqlx::query!(
        r#"select number as "number!", status, subtotal, vat_basis_points, vat, total,
                  seller_name, seller_address, seller_tax_id, buyer_name, buyer_address,
                  buyer_tax_id, issued_at as "issued_at!", due_at, paid_at
             from invoices
            where id = $1 and ($2 or company_id = $3 or user_id = $4) and status <> 'draft'"#,
        id,
        all,
        company_id,
        user_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let lines = sqlx::query!(
        "select description, quantity, unit_amount, amount from invoice_lines
          where invoice_id = $1 order by position",
        id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|l| InvoiceLine {
        description: l.description,
        quantity: l.quantity,
        unit_amount: naira(l.unit_amount),
        amount: naira(l.amount),
    })
    .collect();
    Ok(Some(Invoice {
        id,
        number: r.number,
        status: InvoiceStatus::parse(&r.status).unwrap_or(InvoiceStatus::Open),
        seller: party(r.seller_name, r.seller_address, r.seller_tax_id),
        buyer: party(r.buyer_name, r.buyer_address, r.buyer_tax_id),
        lines,
        subtotal: naira(r.subtotal),
        vat_basis_points: r.vat_basis_points,
        vat: naira(r.vat),
        total: naira(r.total),
        issued_at: r.issued_at,
        due_at: r.due_at,
        paid_at: r.paid_at,
        credit_notes: credit_notes(conn, id).await?,
    }))
}

/// The refunds of an invoice, oldest first.
async fn credit_notes(
    conn: &mut PgConnection,
    invoice_id: Uuid,
) -> sqlx::Result<Vec<CreditNoteSummary>> {
    Ok(sqlx::query!(
        "select id, number, total, reason, issued_at from credit_notes
          where invoice_id = $1 order by issued_at, number",
        invoice_id
    )
    .fetch_all(conn)
    .await?
    .into_iter()
    .map(|n| CreditNoteSummary {
        id: n.id,
        number: n.number,
        total: naira(n.total),
        reason: n.reason,
        issued_at: n.issued_at,
    })
    .collect())
}

/// A credit note as printed, if `scope` may see it.
pub async fn credit_note(
    conn: &mut PgConnection,
    scope: DocumentScope,
    id: Uuid,
) -> sqlx::Result<Option<CreditNote>> {
    let (all, company_id, user_id) = scope.bounds();
    Ok(sqlx::query!(
        r#"select n.number, i.number as "invoice_number!", n.subtotal, i.vat_basis_points,
                  n.vat, n.total, n.reason, n.credits_taken_back, n.issued_at,
                  i.seller_name, i.seller_address, i.seller_tax_id, i.buyer_name,
                  i.buyer_address, i.buyer_tax_id
             from credit_notes n
             join invoices i on i.id = n.invoice_id
            where n.id = $1 and ($2 or i.company_id = $3 or i.user_id = $4)"#,
        id,
        all,
        company_id,
        user_id
    )
    .fetch_optional(conn)
    .await?
    .map(|r| CreditNote {
        number: r.number,
        invoice_number: r.invoice_number,
        seller: party(r.seller_name, r.seller_address, r.seller_tax_id),
        buyer: party(r.buyer_name, r.buyer_address, r.buyer_tax_id),
        subtotal: naira(r.subtotal),
        vat_basis_points: r.vat_basis_points,
        vat: naira(r.vat),
        total: naira(r.total),
        reason: r.reason,
        credits_taken_back: r.credits_taken_back,
        issued_at: r.issued_at,
    }))
}

/// The company's details for its invoices, as entered (an empty legal
/// name prints the company's name).
pub async fn buyer_details(conn: impl PgExecutor<'_>, company_id: Uuid) -> sqlx::Result<Party> {
    let r = sqlx::query!(
        "select legal_name, billing_address, tax_id from companies where id = $1",
        company_id
    )
    .fetch_one(conn)
    .await?;
    Ok(Party {
        name: r.legal_name.unwrap_or_default(),
        address: r.billing_address.unwrap_or_default(),
        tax_id: r.tax_id.unwrap_or_default(),
    })
}

pub async fn save_buyer_details(
    conn: impl PgExecutor<'_>,
    company_id: Uuid,
    details: &Party,
) -> sqlx::Result<()> {
    let blank = |text: &str| (!text.is_empty()).then(|| text.to_string());
    sqlx::query!(
        "update companies set legal_name = $2, billing_address = $3, tax_id = $4,
                              updated_at = now()
          where id = $1",
        company_id,
        blank(&details.name),
        blank(&details.address),
        blank(&details.tax_id)
    )
    .execute(conn)
    .await?;
    Ok(())
}
