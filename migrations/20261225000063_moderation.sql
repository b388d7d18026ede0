-- Moderation (issue 19, seed 001 §12.2 moderation_queue): a case per item
-- under review, fed by people's reports and by automatic checks; a
-- moderator claims it and decides, the owner reads the reason and may
-- appeal once. One open case per item: reports join it.
create table moderation_cases (
    id                 uuid primary key,
    entity_type        text not null check (entity_type in ('vacancy', 'profile', 'company')),
    entity_id          uuid not null,
    -- Set when an automatic check raised it (and why), beside any reports.
    flagged_by_system  boolean not null default false,
    system_reason      text check (length(system_reason) <= 500),
    severity           text not null default 'medium'
                       check (severity in ('low', 'medium', 'high', 'critical')),
    -- pending -> decided -> (appealed -> closed); approved cases close at once.
    status             text not null default 'pending'
                       check (status in ('pending', 'decided', 'appealed', 'closed')),
    claimed_by         uuid references users (id) on delete set null,
    claimed_at         timestamptz,
    action_taken       text check (action_taken in ('approve', 'warn', 'hide', 'remove', 'suspend')),
    decision_reason    text check (length(decision_reason) <= 1000),
    decided_by         uuid references users (id) on delete set null,
    decided_at         timestamptz,
    appeal_text        text check (length(appeal_text) <= 2000),
    appealed_at        timestamptz,
    appeal_outcome     text check (appeal_outcome in ('upheld', 'reinstated')),
    appeal_reason      text check (length(appeal_reason) <= 1000),
    appeal_decided_by  uuid references users (id) on delete set null,
    appeal_decided_at  timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    constraint moderation_cases_decided check (
        status = 'pending' or (action_taken is not null and decision_reason is not null
                               and decided_at is not null)),
    constraint moderation_cases_appealed check (
        (appeal_text is null) = (appealed_at is null))
);
create unique index moderation_cases_one_open on moderation_cases (entity_type, entity_id)
    where status in ('pending', 'appealed');
create index moderation_cases_queue_idx on moderation_cases (status, severity, created_at);
create index moderation_cases_entity_idx on moderation_cases (entity_type, entity_id);

create table content_reports (
    id           uuid primary key,
    case_id      uuid not null references moderation_cases (id) on delete cascade,
    reporter_id  uuid not null references users (id) on delete cascade,
    entity_type  text not null,
    entity_id    uuid not null,
    reason       text not null check (reason in
                 ('scam', 'spam', 'offensive', 'discrimination', 'misleading', 'other')),
    details      text not null default '' check (length(details) <= 2000),
    -- Until the case is decided: one open report per reporter and item.
    open         boolean not null default true,
    created_at   timestamptz not null default now()
);
create unique index content_reports_one_open on content_reports (reporter_id, entity_type, entity_id)
    where open;
create index content_reports_case_idx on content_reports (case_id, created_at);

-- What a decision hid, and how to give it back: the case that hid it (and
-- a vacancy's status before). Hidden vacancies have status 'hidden', so
-- every reader of open vacancies leaves them out already.
alter table vacancies drop constraint vacancies_status_check;
alter table vacancies add constraint vacancies_status_check check (status in
    ('draft', 'active', 'paused', 'filled', 'closed', 'archived', 'hidden'));
alter table vacancies
    add column hidden_by_case     uuid references moderation_cases (id) on delete set null,
    add column hidden_from_status text,
    add constraint vacancies_hidden check (
        (status = 'hidden') = (hidden_by_case is not null and hidden_from_status is not null));
alter table candidate_profiles
    add column hidden_by_case uuid references moderation_cases (id) on delete set null;
alter table companies
    add column hidden_by_case uuid references moderation_cases (id) on delete set null;
