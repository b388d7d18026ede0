-- The repeatable parts of a candidate profile. Each row belongs to one
-- user; `position` orders a user's entries (the editor's up/down buttons).

create table work_history (
    id              uuid primary key default gen_random_uuid(),
    user_id         uuid not null references users (id) on delete cascade,
    company_name    text not null,
    job_title       text not null,
    employment_type text not null check (employment_type in
                    ('full_time', 'part_time', 'contract', 'consulting', 'internship')),
    location        text,
    start_date      date not null,
    end_date        date,
    is_current      boolean not null default false,
    description     text,
    achievements    text[] not null default '{}',
    team_size       integer check (team_size between 0 and 1000000),
    position        integer not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint work_history_dates check (end_date is null or end_date >= start_date),
    constraint work_history_current_has_no_end check (not is_current or end_date is null)
);
create index work_history_user_idx on work_history (user_id, position);

create table education (
    id              uuid primary key default gen_random_uuid(),
    user_id         uuid not null references users (id) on delete cascade,
    institution     text not null,
    degree_type     text not null check (degree_type in
                    ('secondary', 'diploma', 'associate', 'bachelor', 'master', 'mba', 'phd',
                     'professional', 'other')),
    field_of_study  text not null,
    start_year      integer not null check (start_year between 1940 and 2100),
    end_year        integer check (end_year between 1940 and 2100),
    grade           text,
    is_verified     boolean not null default false,
    position        integer not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint education_years check (end_year is null or end_year >= start_year)
);
create index education_user_idx on education (user_id, position);

create table certifications (
    id              uuid primary key default gen_random_uuid(),
    user_id         uuid not null references users (id) on delete cascade,
    name            text not null,
    issuer          text not null,
    issued_on       date not null,
    expires_on      date,
    credential_id   text,
    credential_url  text,
    is_verified     boolean not null default false,
    position        integer not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint certifications_dates check (expires_on is null or expires_on >= issued_on)
);
create index certifications_user_idx on certifications (user_id, position);

create table candidate_skills (
    id                  uuid primary key default gen_random_uuid(),
    user_id             uuid not null references users (id) on delete cascade,
    skill_id            uuid not null references skills (id),
    proficiency         text not null default 'intermediate' check (proficiency in
                        ('beginner', 'intermediate', 'expert')),
    years_of_experience integer check (years_of_experience between 0 and 70),
    is_primary          boolean not null default false,
    position            integer not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    unique (user_id, skill_id)
);
create index candidate_skills_user_idx on candidate_skills (user_id, position);
create index candidate_skills_skill_idx on candidate_skills (skill_id);

-- Email and phone are AES-256-GCM ciphertexts (nonce || ciphertext || tag),
-- encrypted by the application with a key the database never sees.
create table candidate_references (
    id                  uuid primary key default gen_random_uuid(),
    user_id             uuid not null references users (id) on delete cascade,
    name                text not null,
    email_encrypted     bytea not null,
    phone_encrypted     bytea,
    company             text,
    job_title           text,
    relationship        text not null check (relationship in
                        ('manager', 'colleague', 'direct_report', 'client', 'mentor', 'other')),
    permission_to_contact boolean not null default false,
    verification_status text not null default 'pending' check (verification_status in
                        ('pending', 'contacted', 'verified')),
    verified_at         timestamptz,
    position            integer not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index candidate_references_user_idx on candidate_references (user_id, position);
create index candidate_references_status_idx on candidate_references (verification_status);

create trigger work_history_updated_at before update on work_history
    for each row execute function set_updated_at();
create trigger education_updated_at before update on education
    for each row execute function set_updated_at();
create trigger certifications_updated_at before update on certifications
    for each row execute function set_updated_at();
create trigger candidate_skills_updated_at before update on candidate_skills
    for each row execute function set_updated_at();
create trigger candidate_references_updated_at before update on candidate_references
    for each row execute function set_updated_at();
