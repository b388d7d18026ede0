-- Uploaded files. The bytes live behind the storage interface (a folder on
-- disk by default); these rows say whose they are and what they hold.

create table profile_photos (
    id             uuid primary key default gen_random_uuid(),
    user_id        uuid not null references users (id) on delete cascade,
    storage_key    text not null unique,
    thumbnail_key  text not null unique,
    content_type   text not null check (content_type in ('image/jpeg', 'image/png')),
    width          integer not null check (width > 0),
    height         integer not null check (height > 0),
    byte_size      bigint not null check (byte_size > 0),
    is_primary     boolean not null default false,
    created_at     timestamptz not null default now()
);
create index profile_photos_user_idx on profile_photos (user_id, created_at);
-- Exactly one primary per user while they have any photo: at most one here,
-- and the application promotes another when the primary is deleted.
create unique index profile_photos_one_primary on profile_photos (user_id) where is_primary;

create table resumes (
    id              uuid primary key default gen_random_uuid(),
    user_id         uuid not null references users (id) on delete cascade,
    storage_key     text not null unique,
    file_name       text not null,
    content_type    text not null check (content_type = 'application/pdf'),
    byte_size       bigint not null check (byte_size > 0),
    is_primary      boolean not null default false,
    download_count  integer not null default 0,
    parsing_status  text not null default 'pending' check (parsing_status in
                    ('pending', 'completed', 'failed')),
    parsed_data     jsonb,
    parsed_at       timestamptz,
    created_at      timestamptz not null default now()
);
create index resumes_user_idx on resumes (user_id, created_at);
create unique index resumes_one_primary on resumes (user_id) where is_primary;
