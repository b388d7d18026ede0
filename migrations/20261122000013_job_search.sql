-- The public job board: views of a vacancy counted once per viewer per 30
-- minutes, and the searches signed-in people run (seed 001 search_queries)
-- for later analytics.

create table vacancy_views (
    vacancy_id  uuid not null references vacancies (id) on delete cascade,
    -- A user's id, or for visitors who are not signed in a hash of their
    -- address and browser: no raw address is kept.
    viewer_key  text not null,
    counted_at  timestamptz not null default now(),
    primary key (vacancy_id, viewer_key)
);

create table search_queries (
    id            uuid primary key,
    user_id       uuid references users (id) on delete cascade,
    query_text    text not null default '',
    filters       jsonb not null default '{}',
    results_count integer not null,
    duration_ms   integer not null,
    created_at    timestamptz not null default now()
);
create index search_queries_created_idx on search_queries (created_at desc);

-- Pay per year, so ranges given per month or hour compare and sort with
-- the rest (a working year of 2,080 hours).
alter table vacancies
    add column salary_min_yearly bigint generated always as (
        salary_min_minor * case salary_period when 'month' then 12 when 'hour' then 2080 else 1 end) stored,
    add column salary_max_yearly bigint generated always as (
        salary_max_minor * case salary_period when 'month' then 12 when 'hour' then 2080 else 1 end) stored;
create index vacancies_open_salary_idx on vacancies (salary_max_yearly desc nulls last, id desc)
    where status = 'active';
