-- Billing, part eight: introduction credits bought once, in packs. They
-- never lapse. A payment buys either a plan for a cycle or a pack.

create table credit_packs (
    code        text primary key check (code ~ '^[a-z0-9_]{2,40}$'),
    credits     integer not null check (credits > 0),
    currency    text not null default 'NGN' check (currency ~ '^[A-Z]{3}$'),
    -- Minor units (kobo), before VAT.
    price       bigint not null check (price > 0),
    sort_order  integer not null default 0,
    is_active   boolean not null default true
);
insert into credit_packs (code, credits, price, sort_order) values
    ('credits_10', 10, 3000000, 1),
    ('credits_25', 25, 6500000, 2);

alter table payments
    alter column plan_version_id drop not null,
    alter column billing_cycle drop not null,
    add column credit_pack_code text references credit_packs (code),
    add constraint payments_buys_one_thing
        check ((plan_version_id is null) <> (credit_pack_code is null)
               and (plan_version_id is null) = (billing_cycle is null));
