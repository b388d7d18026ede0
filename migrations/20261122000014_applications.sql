-- Applications, saved vacancies and the hiring pipeline (seed 000
-- applications and saved_vacancies, seed 002 job_applications and
-- application_interactions). One application per candidate and vacancy.

create table saved_vacancies (
    user_id     uuid not null references users (id) on delete cascade,
    vacancy_id  uuid not null references vacancies (id) on delete cascade,
    -- Private to the candidate.
    note        text not null default '' check (length(note) <= 1000),
    created_at  timestamptz not null default now(),
    primary key (user_id, vacancy_id)
);
create index saved_vacancies_user_idx on saved_vacancies (user_id, created_at desc);

create table applications (
    id                 uuid primary key,
    vacancy_id         uuid not null references vacancies (id) on delete cascade,
    candidate_id       uuid not null references users (id) on delete cascade,
    resume_id          uuid references resumes (id) on delete set null,
    cover_letter       text not null default '' check (length(cover_letter) <= 5000),
    status             text not null default 'submitted' check (status in
                       ('submitted', 'reviewing', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')),
    -- The match score when the candidate applied.
    match_score        smallint not null check (match_score between 0 and 100),
    -- Kept from the candidate: only the employer sees it.
    rejection_reason   text not null default '' check (length(rejection_reason) <= 1000),
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    unique (vacancy_id, candidate_id)
);
create index applications_candidate_idx on applications (candidate_id, created_at desc);
create index applications_pipeline_idx on applications (vacancy_id, status, match_score desc, created_at);

-- What happened to an application: stage changes, interviews, calls, notes
-- and feedback. Private entries are the employer's alone.
create table application_events (
    id              uuid primary key,
    application_id  uuid not null references applications (id) on delete cascade,
    kind            text not null check (kind in
                    ('submitted', 'stage_changed', 'interview', 'call', 'note', 'feedback', 'withdrawn')),
    from_status     text,
    to_status       text,
    body            text not null default '' check (length(body) <= 5000),
    scheduled_at    timestamptz,
    location        text not null default '' check (length(location) <= 300),
    is_private      boolean not null,
    actor_id        uuid references users (id) on delete set null,
    created_at      timestamptz not null default now()
);
create index application_events_application_idx on application_events (application_id, created_at);
