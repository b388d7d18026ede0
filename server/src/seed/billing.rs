//! Plans and invoices for the seeded companies: each takes Basic or
//! Professional (a quarter of them paid yearly), with its past months'
//! invoices paid, numbered on from the year's counter.

use super::Scale;
use app::billing::Party;
use sqlx::PgPool;
use uuid::Uuid;

impl Scale {
    /// The paid invoices each seeded company has.
    fn invoices_per_company(self) -> i32 {
        match self {
            Self::Small => 3,
            Self::Large => 10,
        }
    }
}

/// Puts the seeded companies still on their first trial on a paid plan,
/// with their invoices.
pub async fn seed_billing(pool: &PgPool, seller: &Party, scale: Scale) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    let subscriptions: Vec<Uuid> = sqlx::query_scalar!(
        r#"with seeded as (
               select s.id, row_number() over (order by s.company_id) as n
                 from subscriptions s
                 join company_members m on m.company_id = s.company_id and m.role = 'owner'
                 join users u on u.id = m.user_id
                where s.ended_at is null and s.status = 'trial'
                  and u.email like '%@hiring.example.net'
                  and not exists (select 1 from invoices i where i.company_id = s.company_id)),
             dated as (
               select id, n, now() - make_interval(days => (n % 28)::int) as start,
                      case when n % 4 = 0 then 'annual' else 'monthly' end as cycle,
                      case when n % 3 = 0 then 'professional' else 'basic' end as plan
                 from seeded)
           update subscriptions s
              set plan_version_id = p.current_version_id, status = 'active',
                  trial_ends_at = null, billing_cycle = d.cycle,
                  current_period_start = d.start,
                  current_period_end = d.start + case d.cycle when 'annual' then interval '1 year'
                                                              else interval '1 month' end,
                  next_action_at = d.start + interval '1 month'
             from dated d join plans p on p.code = d.plan
            where s.id = d.id
           returning s.id"#
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!(
        r#"with subs as (
               select s.id as subscription_id, s.company_id, s.billing_cycle,
                      s.current_period_start as start, p.name as plan, v.monthly_price,
                      v.yearly_price, coalesce(c.legal_name, c.name) as buyer,
                      coalesce(c.billing_address, '') as address, coalesce(c.tax_id, '') as tax_id
                 from subscriptions s
                 join plan_versions v on v.id = s.plan_version_id
                 join plans p on p.code = v.plan_code
                 join companies c on c.id = s.company_id
                where s.id = any($1)),
             made as (
               select gen_random_uuid() as id, subs.*, k,
                      subs.start - make_interval(months => k) as issued_at,
                      case when k = 0 and billing_cycle = 'annual' then yearly_price
                           else monthly_price end as price,
                      plan || case when k = 0 and billing_cycle = 'annual' then ' plan, one year'
                                   else ' plan, one month' end as description
                 from subs cross join generate_series(0, $2 - 1) as k),
             numbered as (
               select made.*,
                      extract(year from issued_at at time zone 'UTC')::int as year,
                      row_number() over (partition by extract(year from issued_at at time zone 'UTC')
                                         order by issued_at, id) as n
                 from made),
             issued as (
               insert into invoices (id, number, company_id, subscription_id, status, subtotal,
                                     vat_basis_points, vat, total, seller_name, seller_address,
                                     seller_tax_id, buyer_name, buyer_address, buyer_tax_id,
                                     issued_at, due_at, paid_at)
               select id,
                      'HW-' || year || '-' || lpad((coalesce((select last_number from document_numbers x
                                                               where x.series = 'HW' and x.year = numbered.year), 0)
                                                    + n)::text, 6, '0'),
                      company_id, case when k = 0 then subscription_id end, 'paid', price, 750,
                      (price * 750 + 5000) / 10000, price + (price * 750 + 5000) / 10000,
                      $3, $4, $5, buyer, address, tax_id, issued_at, issued_at, issued_at
                 from numbered
               returning id)
           insert into invoice_lines (id, invoice_id, position, description, quantity, unit_amount,
                                      amount)
           select gen_random_uuid(), n.id, 1, n.description, 1, n.price, n.price
             from numbered n join issued i on i.id = n.id"#,
        &subscriptions,
        scale.invoices_per_company(),
        seller.name,
        seller.address,
        seller.tax_id
    )
    .execute(&mut *tx)
    .await?;
    // The year's counters go on from the seeded numbers.
    sqlx::query!(
        "insert into document_numbers (series, year, last_number)
         select 'HW', split_part(number, '-', 2)::int, max(split_part(number, '-', 3)::int)
           from invoices where number is not null group by 2
         on conflict (series, year) do update set last_number = excluded.last_number"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
