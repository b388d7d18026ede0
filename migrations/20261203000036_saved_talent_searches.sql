-- A member's talent searches kept by name, each with an optional daily
-- alert of people who newly match.
create table saved_talent_searches (
    id            uuid primary key,
    company_id    uuid not null references companies (id) on delete cascade,
    member_id     uuid not null references users (id) on delete cascade,
    name          text not null check (length(name) between 1 and 80),
    -- The search as its address holds it (talent::query::TalentQuery).
    query         jsonb not null,
    alert         boolean not null default false,
    -- When the next alert is due; none while the alert is off.
    next_alert_at timestamptz,
    -- Profiles changed after this are new to the next alert.
    checked_at    timestamptz not null default now(),
    created_at    timestamptz not null default now(),
    unique (member_id, name),
    check (alert = (next_alert_at is not null))
);
create index saved_talent_searches_due_idx
    on saved_talent_searches (next_alert_at) where alert;

-- The people an alert told of, so nobody is announced twice.
create table saved_talent_search_alerts (
    search_id       uuid not null references saved_talent_searches (id) on delete cascade,
    professional_id uuid not null references users (id) on delete cascade,
    alerted_at      timestamptz not null default now(),
    primary key (search_id, professional_id)
);
