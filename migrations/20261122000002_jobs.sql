-- Background work: a job table shared by every server instance. Workers
-- claim due jobs with FOR UPDATE SKIP LOCKED, so each runs once.

create table jobs (
    id          uuid primary key,
    kind        text not null,
    payload     jsonb not null default '{}'::jsonb,
    run_at      timestamptz not null default now(),
    attempts    integer not null default 0,
    last_error  text,
    done_at     timestamptz,
    failed_at   timestamptz,
    created_at  timestamptz not null default now()
);
create index jobs_due_idx on jobs (run_at) where done_at is null and failed_at is null;
create index jobs_kind_idx on jobs (kind);
