-- Confidential mode: a candidate names companies (or email domains) that
-- must never see them; while the mode is on, their current employer is
-- hidden from too when it is a company on the platform.

alter table user_settings add column confidential_mode boolean not null default false;

create table candidate_blocked_companies (
    id            uuid primary key,
    user_id       uuid not null references users (id) on delete cascade,
    company_id    uuid references companies (id) on delete cascade,
    -- Lower case, without "@" or "www.".
    email_domain  text check (email_domain = lower(email_domain) and length(email_domain) <= 255),
    created_at    timestamptz not null default now(),
    check ((company_id is null) <> (email_domain is null))
);
create unique index candidate_blocked_company_key
    on candidate_blocked_companies (user_id, company_id) where company_id is not null;
create unique index candidate_blocked_domain_key
    on candidate_blocked_companies (user_id, email_domain) where email_domain is not null;

-- Whether `candidate` is hidden from `viewer`: one rule, in one place, for
-- every read path (profile page, files, and later search and lists).
create function candidate_hidden_from(candidate uuid, viewer uuid) returns boolean
language sql stable as $$
    select exists (
        select 1
          from user_settings s
          join users v on v.id = viewer and v.account_type = 'employer'
          left join company_members m on m.user_id = viewer
          left join companies c on c.id = m.company_id
         where s.user_id = candidate
           and s.confidential_mode
           and (
                exists (
                    select 1 from candidate_blocked_companies b
                     where b.user_id = candidate
                       and (b.company_id = c.id
                            or b.email_domain = c.email_domain
                            or b.email_domain = split_part(lower(v.email), '@', 2))
                )
                or exists (
                    select 1 from candidate_profiles p
                     where p.user_id = candidate
                       and c.id is not null
                       and lower(btrim(p.current_company)) = lower(c.name)
                )
           )
    )
$$;
