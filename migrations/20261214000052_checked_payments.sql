-- Billing, part nine: payments are checked with the gateway before
-- anything is granted, and a renewal is charged once per period.

-- The period a renewal pays for: a renewal tried again (its first answer
-- lost) finds its payment instead of making a second one.
alter table payments add column renews_period_start timestamptz;
-- Renewals made before: their own time is the nearest known.
update payments set renews_period_start = created_at where renews_subscription_id is not null;
alter table payments add constraint payments_renewal_names_its_period
    check ((renews_subscription_id is null) = (renews_period_start is null));
create index payments_renewal on payments (renews_subscription_id, renews_period_start)
    where renews_subscription_id is not null;

-- The built-in test gateway keeps its own record of what became of each
-- payment, as a real gateway does, so that the site can ask it. Used in
-- development only, and read only through the gateway's interface.

create table test_gateway_payments (
    reference   text primary key,
    paid        boolean not null,
    -- Minor units, when paid.
    amount      bigint not null check (amount >= 0),
    currency    text not null check (currency ~ '^[A-Z]{3}$'),
    -- Why it was declined.
    reason      text check ((reason is null) = paid),
    -- The card it was made with (one the checkout handed out, or a kept
    -- card charged again).
    card_token  text not null,
    recorded_at timestamptz not null default now()
);
