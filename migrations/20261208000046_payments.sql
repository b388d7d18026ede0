-- Billing, part three: payments through a gateway (seed 001 section 8.4),
-- the events gateways send (seed 004: stored once under their own id), and
-- the card a company pays with (only the gateway's token and last digits).

create table payments (
    id               uuid primary key,
    company_id       uuid not null references companies (id) on delete cascade,
    gateway          text not null check (gateway in ('test', 'paystack', 'stripe')),
    -- Ours, given to the gateway, which sends it back with its events.
    reference        text not null unique check (length(reference) between 8 and 100),
    status           text not null default 'pending'
                     check (status in ('pending', 'succeeded', 'failed')),
    -- What is bought: a plan's version for a cycle, from when it is paid.
    plan_version_id  uuid not null references plan_versions (id),
    billing_cycle    text not null check (billing_cycle in ('monthly', 'annual')),
    -- The invoice's lines as quoted (description, quantity, unit_amount)
    -- and the total with VAT that the gateway must confirm.
    lines            jsonb not null check (jsonb_typeof(lines) = 'array'),
    currency         text not null default 'NGN' check (currency ~ '^[A-Z]{3}$'),
    amount           bigint not null check (amount > 0),
    -- Issued, with its number, in the transaction that records the payment.
    invoice_id       uuid references invoices (id),
    failure_reason   text check (length(failure_reason) <= 500),
    card_last4       text check (card_last4 ~ '^[0-9]{4}$'),
    created_by       uuid references users (id) on delete set null,
    created_at       timestamptz not null default now(),
    settled_at       timestamptz,
    check ((status = 'pending') = (settled_at is null)),
    check ((status = 'succeeded') = (invoice_id is not null)),
    check ((status = 'failed') = (failure_reason is not null))
);
create index payments_company_idx on payments (company_id, created_at desc);

-- The card a company pays with, to charge renewals: the gateway's token,
-- never card numbers.
create table payment_methods (
    company_id   uuid primary key references companies (id) on delete cascade,
    gateway      text not null check (gateway in ('test', 'paystack', 'stripe')),
    token        text not null check (length(token) between 1 and 200),
    card_brand   text check (length(card_brand) <= 40),
    card_last4   text check (card_last4 ~ '^[0-9]{4}$'),
    updated_at   timestamptz not null default now()
);

-- Every event a gateway sent, stored under its own id in the transaction
-- that applies it: a replay finds it there and changes nothing.
create table webhook_events (
    id           uuid primary key,
    gateway      text not null check (gateway in ('test', 'paystack', 'stripe')),
    event_id     text not null check (length(event_id) between 1 and 200),
    kind         text not null check (length(kind) <= 100),
    payload      jsonb not null,
    payment_id   uuid references payments (id) on delete set null,
    -- What applying it did ("paid", "declined", "ignored: …").
    outcome      text not null check (length(outcome) <= 300),
    received_at  timestamptz not null default now(),
    unique (gateway, event_id)
);
create index webhook_events_payment_idx on webhook_events (payment_id);
