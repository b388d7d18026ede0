-- The swipe deck (seed 002 user_job_swipes and the deck part of
-- user_preferences).

-- What a plan allows; billing will add plans and assign them. Until then
-- everyone is on 'free'.
create table plans (
    code                  text primary key,
    name                  text not null,
    super_likes_per_day   integer not null check (super_likes_per_day >= 0)
);
insert into plans (code, name, super_likes_per_day) values ('free', 'Free', 3);

-- The deck's filters of a candidate.
create table swipe_preferences (
    user_id                   uuid primary key references users (id) on delete cascade,
    -- Empty arrays mean "any".
    remote_options            text[] not null default '{}',
    employment_types          text[] not null default '{}',
    -- Cities, regions or countries.
    locations                 text[] not null default '{}',
    -- Yearly, in minor units of min_salary_currency.
    min_salary_yearly         bigint check (min_salary_yearly > 0),
    min_salary_currency       text,
    updated_at                timestamptz not null default now(),
    check ((min_salary_yearly is null) = (min_salary_currency is null))
);

create table vacancy_swipes (
    id              uuid primary key,
    user_id         uuid not null references users (id) on delete cascade,
    vacancy_id      uuid not null references vacancies (id) on delete cascade,
    direction       text not null check (direction in ('left', 'right', 'super')),
    match_score     smallint not null check (match_score between 0 and 100),
    match_factors   jsonb not null default '[]',
    -- 1 for the first card the candidate ever saw, and so on.
    position        integer not null check (position > 0),
    time_spent_ms   integer not null default 0 check (time_spent_ms >= 0),
    device_type     text not null default 'unknown'
                    check (device_type in ('phone', 'tablet', 'desktop', 'unknown')),
    -- The like saved the vacancy (so undo removes that save, and only it).
    saved_by_swipe  boolean not null default false,
    created_at      timestamptz not null default now(),
    unique (user_id, vacancy_id)
);
create index vacancy_swipes_user_recent_idx on vacancy_swipes (user_id, created_at desc);

alter table vacancies
    add column left_swipes_count  integer not null default 0 check (left_swipes_count >= 0),
    add column right_swipes_count integer not null default 0 check (right_swipes_count >= 0),
    add column super_likes_count  integer not null default 0 check (super_likes_count >= 0);

-- Confidential mode the other way round: a candidate in confidential mode
-- is not shown the companies they block (by name or email domain) nor their
-- current employer. The same rule as `candidate_hidden_from`, per company.
create function candidate_blocks_company(candidate uuid, company uuid) returns boolean
language sql stable as $$
    select exists (
        select 1
          from user_settings s
          join companies c on c.id = company
         where s.user_id = candidate
           and s.confidential_mode
           and (
                exists (
                    select 1 from candidate_blocked_companies b
                     where b.user_id = candidate
                       and (b.company_id = c.id or b.email_domain = c.email_domain)
                )
                or exists (
                    select 1 from candidate_profiles p
                     where p.user_id = candidate
                       and lower(btrim(p.current_company)) = lower(c.name)
                )
           )
    )
$$;
