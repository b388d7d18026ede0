-- Auto-apply (seed 002 user_preferences, application_queue,
-- automation_logs): a like on a card that scores well enough queues an
-- application, sent 15 minutes later unless the candidate cancels it.

alter table swipe_preferences
    add column auto_apply_enabled        boolean not null default false,
    add column auto_apply_min_score      smallint not null default 70
                                         check (auto_apply_min_score between 0 and 100),
    add column auto_apply_max_per_day    integer not null default 5
                                         check (auto_apply_max_per_day between 1 and 50),
    add column auto_apply_max_per_company_week integer not null default 2
                                         check (auto_apply_max_per_company_week between 1 and 20),
    add column auto_apply_resume_id      uuid references resumes (id) on delete set null;

alter table vacancies
    -- The company may refuse applications sent by auto-apply.
    add column accepts_auto_apply boolean not null default true;

alter table applications
    add column source text not null default 'direct' check (source in ('direct', 'auto_apply'));

create table application_queue (
    id              uuid primary key,
    user_id         uuid not null references users (id) on delete cascade,
    vacancy_id      uuid not null references vacancies (id) on delete cascade,
    resume_id       uuid references resumes (id) on delete set null,
    match_score     smallint not null check (match_score between 0 and 100),
    status          text not null default 'pending'
                    check (status in ('pending', 'sent', 'cancelled', 'skipped', 'failed')),
    attempts        integer not null default 0 check (attempts >= 0),
    -- When it is due (pushed back after a failed attempt).
    scheduled_at    timestamptz not null,
    finished_at     timestamptz,
    application_id  uuid references applications (id) on delete set null,
    -- Why it ended without an application, in words for the candidate.
    reason          text not null default '',
    created_at      timestamptz not null default now()
);
-- One waiting entry per candidate and vacancy.
create unique index application_queue_pending_idx on application_queue (user_id, vacancy_id)
    where status = 'pending';
create index application_queue_due_idx on application_queue (scheduled_at)
    where status = 'pending';
create index application_queue_user_idx on application_queue (user_id, created_at desc);

create table automation_logs (
    id          uuid primary key,
    queue_id    uuid not null references application_queue (id) on delete cascade,
    level       text not null default 'info' check (level in ('info', 'warn', 'error')),
    step        text not null,
    message     text not null,
    created_at  timestamptz not null default now()
);
create index automation_logs_queue_idx on automation_logs (queue_id, created_at);
