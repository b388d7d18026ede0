-- Billing, refunds: an admin gives back all or part of a paid invoice
-- through the gateway that took it, and a credit note with its own
-- numbers (CN-2026-000001, without gaps like the invoices') records it.

-- The gateway's own id for a payment, which its refunds name (Stripe's
-- payment intent; Paystack refunds by our reference).
alter table payments add column gateway_transaction text
    check (length(gateway_transaction) between 1 and 200);

-- One counter per series and year: HW for invoices, CN for credit notes.
alter table invoice_numbers rename to document_numbers;
alter table document_numbers add column series text not null default 'HW'
    check (series in ('HW', 'CN'));
alter table document_numbers alter column series drop default;
alter table document_numbers drop constraint invoice_numbers_pkey;
alter table document_numbers add primary key (series, year);

drop function next_invoice_number(integer);
create function next_document_number(of_series text, of_year integer) returns integer
language sql as $$
    insert into document_numbers as n (series, year, last_number) values (of_series, of_year, 1)
    on conflict (series, year) do update set last_number = n.last_number + 1
    returning n.last_number
$$;

create table credit_notes (
    id           uuid primary key,
    number       text not null unique check (number ~ '^CN-[0-9]{4}-[0-9]{6,}$'),
    invoice_id   uuid not null references invoices (id) on delete cascade,
    -- The payment given back (the gateway's refund names it).
    payment_id   uuid not null references payments (id) on delete cascade,
    currency     text not null check (currency ~ '^[A-Z]{3}$'),
    -- Minor units given back, VAT apart as on the invoice.
    subtotal     bigint not null check (subtotal >= 0),
    vat          bigint not null check (vat >= 0),
    total        bigint not null check (total > 0),
    -- Printed on the note: the buyer reads it.
    reason       text not null check (length(reason) between 10 and 500),
    -- Introduction credits of a pack taken back with the money.
    credits_taken_back integer not null default 0 check (credits_taken_back >= 0),
    issued_by    uuid references users (id) on delete set null,
    issued_at    timestamptz not null,
    check (total = subtotal + vat)
);
create index credit_notes_invoice_idx on credit_notes (invoice_id, issued_at);

-- Never more given back than was paid, whoever refunds at the same time:
-- the invoice's row is locked while the notes are added up, and the last
-- note that gives everything back marks the invoice refunded.
create function credit_note_within_invoice() returns trigger
language plpgsql as $$
declare
    invoice_total  bigint;
    invoice_status text;
    credited       bigint;
begin
    select total, status into invoice_total, invoice_status
      from invoices where id = new.invoice_id for update;
    select coalesce(sum(total), 0) into credited
      from credit_notes where invoice_id = new.invoice_id;
    if invoice_status <> 'paid' or credited + new.total > invoice_total then
        raise exception 'a credit note beyond what the invoice paid'
            using errcode = 'check_violation', constraint = 'credit_notes_within_invoice';
    end if;
    if credited + new.total = invoice_total then
        update invoices set status = 'refunded' where id = new.invoice_id;
    end if;
    return new;
end
$$;
create trigger credit_notes_within_invoice before insert on credit_notes
    for each row execute function credit_note_within_invoice();

-- What the test gateway gave back, in its books: never more than it took.
create table test_gateway_refunds (
    -- The site's key for the refund: asking again gives back nothing more.
    key         text primary key,
    reference   text not null references test_gateway_payments (reference),
    amount      bigint not null check (amount > 0),
    recorded_at timestamptz not null default now()
);
