-- Introductions (seed 001 section 5): a company member asks a job seeker
-- to be introduced for one of the company's vacancies, and pays for it
-- with a credit held in escrow until the job seeker answers.

-- Numbers the site runs by (seed 001 system_settings); admins will edit
-- them (issue 19).
create table site_settings (
    name         text primary key,
    value        bigint not null check (value >= 0),
    description  text not null
);
insert into site_settings (name, value, description) values
    ('introduction_expiry_days', 7, 'Days a job seeker has to answer an introduction request'),
    ('max_pending_introductions_per_professional', 10,
     'Requests waiting for one job seeker''s answer, across all companies'),
    ('trial_introduction_credits', 5, 'Introduction credits a company starts with');

create table introduction_requests (
    id                uuid primary key,
    vacancy_id        uuid not null references vacancies (id) on delete cascade,
    company_id        uuid not null references companies (id) on delete cascade,
    sender_id         uuid references users (id) on delete set null,
    professional_id   uuid not null references users (id) on delete cascade,
    message           text not null check (length(message) between 50 and 2000),
    status            text not null default 'pending'
                      check (status in ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
    reply             text not null default '' check (length(reply) <= 2000),
    decline_reason    text check (decline_reason in
                      ('not_looking', 'not_a_fit', 'pay', 'location', 'company', 'other')),
    sent_at           timestamptz not null default now(),
    expires_at        timestamptz not null,
    viewed_at         timestamptz,
    -- When it stopped waiting: answered, expired or withdrawn.
    ended_at          timestamptz,
    outcome           text check (outcome in ('hired', 'rejected', 'withdrew', 'no_response')),
    outcome_notes     text not null default '' check (length(outcome_notes) <= 2000),
    outcome_at        timestamptz,
    -- A declined request cannot be sent again for the same vacancy.
    unique (vacancy_id, professional_id),
    check ((status = 'pending') = (ended_at is null))
);
create index introduction_requests_professional_idx
    on introduction_requests (professional_id, status, sent_at desc);
create index introduction_requests_company_idx
    on introduction_requests (company_id, status, sent_at desc);
create index introduction_requests_expiry_idx
    on introduction_requests (expires_at) where status = 'pending';

-- At most so many requests wait for one job seeker. Sends for the same
-- person take turns (a lock on them), so concurrent sends cannot pass the
-- limit together.
create function introduction_pending_limit() returns trigger
language plpgsql as $$
declare
    waiting bigint;
    limit_  bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('introductions:' || new.professional_id::text, 0));
    select value into limit_ from site_settings
     where name = 'max_pending_introductions_per_professional';
    select count(*) into waiting from introduction_requests
     where professional_id = new.professional_id and status = 'pending';
    if waiting >= coalesce(limit_, 10) then
        raise exception 'too many pending introductions for %', new.professional_id
            using errcode = 'check_violation', constraint = 'introduction_pending_limit';
    end if;
    return new;
end
$$;
create trigger introduction_pending_limit
    before insert on introduction_requests
    for each row execute function introduction_pending_limit();

-- The credit ledger: every movement is a transfer from one account of the
-- company to another, so the books always balance ('grant' is where
-- credits come from; 'spent' where settled ones end). Entries are never
-- changed or removed.
create table credit_transfers (
    id                uuid primary key,
    company_id        uuid not null references companies (id) on delete cascade,
    from_account      text not null check (from_account in ('grant', 'available', 'held')),
    to_account        text not null check (to_account in ('available', 'held', 'spent')),
    amount            bigint not null check (amount > 0),
    reason            text not null check (reason in ('grant', 'hold', 'settle', 'release')),
    introduction_id   uuid references introduction_requests (id),
    -- A retried send or grant carries the same key and adds nothing.
    idempotency_key   text unique check (length(idempotency_key) <= 200),
    actor_id          uuid references users (id) on delete set null,
    created_at        timestamptz not null default now(),
    check (from_account <> to_account)
);
create index credit_transfers_company_idx on credit_transfers (company_id, created_at desc);
create index credit_transfers_introduction_idx on credit_transfers (introduction_id);
-- Each request is held once, and settled or released once.
create unique index credit_transfers_one_hold_idx
    on credit_transfers (introduction_id) where reason = 'hold';
create unique index credit_transfers_one_end_idx
    on credit_transfers (introduction_id) where reason in ('settle', 'release');

-- The running totals of each company's accounts, kept by the ledger
-- itself and checked: a hold that would take 'available' below zero fails,
-- however many sends arrive at once (they queue on the company's row).
create table credit_balances (
    company_id  uuid primary key references companies (id) on delete cascade,
    available   bigint not null default 0 check (available >= 0),
    held        bigint not null default 0 check (held >= 0),
    spent       bigint not null default 0 check (spent >= 0)
);

create function credit_transfer_post() returns trigger
language plpgsql as $$
begin
    insert into credit_balances (company_id) values (new.company_id)
        on conflict (company_id) do nothing;
    update credit_balances
       set available = available
                       - case when new.from_account = 'available' then new.amount else 0 end
                       + case when new.to_account = 'available' then new.amount else 0 end,
           held = held
                  - case when new.from_account = 'held' then new.amount else 0 end
                  + case when new.to_account = 'held' then new.amount else 0 end,
           spent = spent + case when new.to_account = 'spent' then new.amount else 0 end
     where company_id = new.company_id;
    return new;
end
$$;
create trigger credit_transfer_post
    after insert on credit_transfers
    for each row execute function credit_transfer_post();

create function credit_transfers_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'credit transfers are never changed or removed';
end
$$;
create trigger credit_transfers_append_only
    before update on credit_transfers
    for each row execute function credit_transfers_append_only();

-- Professionals a company member keeps an eye on (seed 001 saved_professionals),
-- seen by their whole team.
create table saved_professionals (
    id               uuid primary key,
    company_id       uuid not null references companies (id) on delete cascade,
    member_id        uuid not null references users (id) on delete cascade,
    professional_id  uuid not null references users (id) on delete cascade,
    note             text not null default '' check (length(note) <= 2000),
    tags             text[] not null default '{}' check (cardinality(tags) <= 10),
    saved_at         timestamptz not null default now(),
    unique (member_id, professional_id)
);
create index saved_professionals_company_idx on saved_professionals (company_id, saved_at desc);
