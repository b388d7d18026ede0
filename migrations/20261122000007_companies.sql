-- Companies and their HR teams (seed 001 sections 3.1 and 3.2). An employer
-- account belongs to at most one company; invitations bring others in.

create table companies (
    id                   uuid primary key,
    name                 text not null check (length(name) between 2 and 200),
    slug                 text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    industry_id          uuid references industries (id),
    company_size         text not null check (company_size in ('1-10', '11-50', '51-200', '201-500', '500+')),
    headquarters         text not null check (length(headquarters) between 1 and 100),
    website              text check (length(website) <= 255),
    -- From the website's host: how candidates block a company by its domain.
    email_domain         text check (length(email_domain) <= 255),
    description          text check (length(description) <= 5000),
    linkedin_url         text check (length(linkedin_url) <= 255),
    logo_key             text unique,
    logo_content_type    text check (logo_content_type in ('image/jpeg', 'image/png')),
    verification_status  text not null default 'pending'
                         check (verification_status in ('pending', 'verified')),
    verified_at          timestamptz,
    status               text not null default 'active'
                         check (status in ('active', 'suspended', 'inactive')),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check ((logo_key is null) = (logo_content_type is null))
);
-- One company per name, whatever the capitals.
create unique index companies_name_key on companies (lower(name));
create index companies_email_domain_idx on companies (email_domain);
create index companies_industry_idx on companies (industry_id);

create table company_members (
    user_id                 uuid primary key references users (id) on delete cascade,
    company_id              uuid not null references companies (id) on delete cascade,
    role                    text not null check (role in ('owner', 'admin', 'member')),
    first_name              text not null default '' check (length(first_name) <= 100),
    last_name               text not null default '' check (length(last_name) <= 100),
    job_title               text not null default '' check (length(job_title) <= 150),
    department              text not null default '' check (length(department) <= 100),
    can_create_roles        boolean not null default true,
    can_send_introductions  boolean not null default true,
    can_manage_billing      boolean not null default false,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now()
);
create index company_members_company_idx on company_members (company_id, role);

create table company_invites (
    id           uuid primary key,
    company_id   uuid not null references companies (id) on delete cascade,
    email        text not null check (length(email) between 3 and 254),
    role         text not null check (role in ('admin', 'member')),
    -- Only the SHA-256 of the link's token, as for the account tokens.
    token_hash   bytea not null unique,
    invited_by   uuid references users (id) on delete set null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    accepted_at  timestamptz,
    accepted_by  uuid references users (id) on delete set null,
    revoked_at   timestamptz
);
-- At most one open invitation per address and company.
create unique index company_invites_open on company_invites (company_id, lower(email))
    where accepted_at is null and revoked_at is null;
