-- Profile views by employers (seed 001 section 7, profile_views): who looked
-- at a candidate, from which company, and through which part of the site.
-- One viewer counts once per 30 minutes (the insert takes care of that).

create table profile_views (
    id          uuid primary key,
    -- The candidate whose profile was viewed.
    user_id     uuid not null references users (id) on delete cascade,
    viewer_id   uuid references users (id) on delete set null,
    company_id  uuid references companies (id) on delete set null,
    source      text not null check (source in ('profile', 'search', 'recommendation', 'application', 'introduction')),
    viewed_at   timestamptz not null default now()
);
create index profile_views_user_idx on profile_views (user_id, viewed_at desc);
create index profile_views_viewer_idx on profile_views (viewer_id, user_id, viewed_at desc);
