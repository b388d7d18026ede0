-- Vacancies: one model for PROMME vacancies, theNexus job roles and
-- JobSwipe postings. Salaries are integer minor units with a currency code.
-- The status moves draft -> active -> paused / filled / closed -> archived;
-- every change is kept in vacancy_status_history (and the audit log).

create table vacancies (
    id                        uuid primary key,
    company_id                uuid not null references companies (id) on delete cascade,
    created_by                uuid references users (id) on delete set null,
    title                     text not null check (length(title) between 1 and 200),
    description               text not null default '' check (length(description) <= 20000),
    responsibilities          text[] not null default '{}',
    requirements              text[] not null default '{}',
    benefits                  text[] not null default '{}',
    preferred_qualifications  text not null default '' check (length(preferred_qualifications) <= 5000),
    seniority                 text check (seniority in
                              ('entry', 'mid', 'senior', 'lead', 'director', 'vp', 'c_suite', 'executive')),
    department                text not null default '' check (length(department) <= 100),
    employment_type           text not null default 'full_time' check (employment_type in
                              ('full_time', 'part_time', 'contract', 'consulting', 'internship')),
    work_schedule             text not null default '' check (length(work_schedule) <= 100),
    remote_option             text not null default 'on_site' check (remote_option in
                              ('on_site', 'hybrid', 'remote')),
    country                   text not null default '' check (length(country) <= 100),
    region                    text not null default '' check (length(region) <= 100),
    city                      text not null default '' check (length(city) <= 100),
    address                   text not null default '' check (length(address) <= 300),
    salary_min_minor          bigint check (salary_min_minor >= 0),
    salary_max_minor          bigint check (salary_max_minor >= 0),
    salary_currency           text check (salary_currency ~ '^[A-Z]{3}$'),
    salary_period             text check (salary_period in ('year', 'month', 'hour')),
    years_min                 integer check (years_min between 0 and 60),
    years_max                 integer check (years_max between 0 and 60),
    education_required        text not null default '' check (length(education_required) <= 200),
    -- The company's name stays hidden from candidates until they apply or
    -- accept an introduction.
    is_confidential           boolean not null default false,
    application_deadline      date,
    expected_start_date       date,
    is_featured               boolean not null default false,
    status                    text not null default 'draft' check (status in
                              ('draft', 'active', 'paused', 'filled', 'closed', 'archived')),
    slug                      text unique,
    published_at              timestamptz,
    expires_at                timestamptz,
    closed_at                 timestamptz,
    views_count               integer not null default 0 check (views_count >= 0),
    applications_count        integer not null default 0 check (applications_count >= 0),
    saves_count               integer not null default 0 check (saves_count >= 0),
    -- Title (A), company and skills (B), the rest (C); refreshed on save.
    search_document           tsvector not null default ''::tsvector,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    constraint vacancies_salary_range check (
        salary_min_minor is null or salary_max_minor is null or salary_min_minor <= salary_max_minor),
    constraint vacancies_years_range check (
        years_min is null or years_max is null or years_min <= years_max),
    -- Salary transparency: nothing is published without a salary range.
    constraint vacancies_published_have_salary check (
        status = 'draft' or (salary_min_minor is not null and salary_max_minor is not null
                             and salary_currency is not null and salary_period is not null)),
    constraint vacancies_published_have_slug check (
        status = 'draft' or (slug is not null and published_at is not null and expires_at is not null))
);
create index vacancies_company_idx on vacancies (company_id, updated_at desc);
create index vacancies_open_idx on vacancies (published_at desc, id desc) where status = 'active';
create index vacancies_expiry_idx on vacancies (expires_at) where status in ('active', 'paused');
create index vacancies_search_idx on vacancies using gin (search_document);
create index vacancies_title_trgm_idx on vacancies using gin (lower(title) gin_trgm_ops);

create table vacancy_skills (
    vacancy_id   uuid not null references vacancies (id) on delete cascade,
    skill_id     uuid not null references skills (id),
    is_required  boolean not null,
    primary key (vacancy_id, skill_id)
);
create index vacancy_skills_skill_idx on vacancy_skills (skill_id);

create table vacancy_status_history (
    id           uuid primary key,
    vacancy_id   uuid not null references vacancies (id) on delete cascade,
    from_status  text,
    to_status    text not null,
    -- Null when the system changed it (expiry).
    changed_by   uuid references users (id) on delete set null,
    changed_at   timestamptz not null default now()
);
create index vacancy_status_history_vacancy_idx on vacancy_status_history (vacancy_id, changed_at);
