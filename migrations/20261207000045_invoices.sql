-- Billing, part two: invoices (seed 001 section 8.3) with VAT as its own
-- line, and numbers without gaps.

-- Who is billed: the company's legal details, printed on its invoices.
alter table companies
    add column legal_name       text check (length(legal_name) <= 200),
    add column billing_address  text check (length(billing_address) <= 500),
    add column tax_id           text check (length(tax_id) <= 50);

-- The last number given each year. Taking one locks the year's row until
-- the transaction ends, and a transaction that fails gives its number
-- back: the numbers of a year run without gaps, in the order of commits.
create table invoice_numbers (
    year         integer primary key,
    last_number  integer not null check (last_number > 0)
);

create function next_invoice_number(of_year integer) returns integer
language sql as $$
    insert into invoice_numbers as n (year, last_number) values (of_year, 1)
    on conflict (year) do update set last_number = n.last_number + 1
    returning n.last_number
$$;

create table invoices (
    id                uuid primary key,
    -- Given when the invoice is issued; a draft has none.
    number            text unique check (number ~ '^HW-[0-9]{4}-[0-9]{6,}$'),
    company_id        uuid not null references companies (id) on delete cascade,
    subscription_id   uuid references company_subscriptions (id) on delete set null,
    status            text not null default 'draft'
                      check (status in ('draft', 'open', 'paid', 'void', 'refunded')),
    currency          text not null default 'NGN' check (currency ~ '^[A-Z]{3}$'),
    -- Minor units; VAT once on the subtotal, rounded half up.
    subtotal          bigint not null,
    vat_basis_points  integer not null check (vat_basis_points between 0 and 10000),
    vat               bigint not null,
    total             bigint not null,
    -- The parties as they were when it was issued.
    seller_name       text not null,
    seller_address    text not null default '',
    seller_tax_id     text not null default '',
    buyer_name        text not null,
    buyer_address     text not null default '',
    buyer_tax_id      text not null default '',
    issued_at         timestamptz,
    due_at            timestamptz,
    paid_at           timestamptz,
    created_at        timestamptz not null default now(),
    check (total = subtotal + vat),
    check ((status = 'draft') = (number is null)),
    check ((status = 'draft') = (issued_at is null)),
    check ((status in ('paid', 'refunded')) = (paid_at is not null))
);
create index invoices_company_idx on invoices (company_id, created_at desc);
create index invoices_status_idx on invoices (status, due_at);

create table invoice_lines (
    id           uuid primary key,
    invoice_id   uuid not null references invoices (id) on delete cascade,
    position     integer not null check (position > 0),
    description  text not null check (length(description) between 1 and 300),
    quantity     integer not null check (quantity > 0),
    unit_amount  bigint not null,
    amount       bigint not null,
    check (amount = quantity * unit_amount),
    unique (invoice_id, position)
);
