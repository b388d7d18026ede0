-- The candidate profile: job seekers and senior professionals alike.
-- Salaries are integer minor units (cents, kobo) with a currency code.

create table candidate_profiles (
    user_id               uuid primary key references users (id) on delete cascade,
    first_name            text not null default '',
    last_name             text not null default '',
    preferred_name        text,
    headline              text,
    summary               text,
    phone                 text,
    date_of_birth         date,
    current_title         text,
    current_company       text,
    industry_id           uuid references industries (id),
    years_of_experience   integer check (years_of_experience between 0 and 70),
    seniority             text check (seniority in
                          ('entry', 'mid', 'senior', 'lead', 'director', 'vp', 'c_suite', 'executive')),
    country               text,
    region                text,
    city                  text,
    willing_to_relocate   boolean not null default false,
    employment_types      text[] not null default '{}' check (employment_types <@
                          array['full_time', 'part_time', 'contract', 'consulting', 'internship']),
    remote_preference     text not null default 'no_preference' check (remote_preference in
                          ('on_site', 'hybrid', 'remote', 'no_preference')),
    salary_min_minor      bigint check (salary_min_minor >= 0),
    salary_max_minor      bigint check (salary_max_minor >= 0),
    salary_currency       text check (salary_currency ~ '^[A-Z]{3}$'),
    salary_period         text check (salary_period in ('year', 'month', 'hour')),
    notice_period_days    integer check (notice_period_days between 0 and 365),
    open_to_opportunities boolean not null default true,
    linkedin_url          text,
    portfolio_url         text,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint candidate_profiles_salary_range check (
        salary_min_minor is null or salary_max_minor is null or salary_min_minor <= salary_max_minor)
);
create index candidate_profiles_industry_idx on candidate_profiles (industry_id);
create index candidate_profiles_location_idx on candidate_profiles (country, city);

create trigger candidate_profiles_updated_at before update on candidate_profiles
    for each row execute function set_updated_at();
