-- Accounts, sessions, one-time tokens, settings and the audit log.

create or replace function set_updated_at() returns trigger
language plpgsql as $$
begin
    new.updated_at = now();
    return new;
end;
$$;

create table users (
    id                   uuid primary key,
    email                text not null check (length(email) between 3 and 254),
    password_hash        text not null,
    account_type         text not null check (account_type in ('candidate', 'employer', 'admin')),
    status               text not null default 'pending'
                         check (status in ('pending', 'active', 'suspended', 'deleted')),
    email_verified_at    timestamptz,
    failed_login_count   integer not null default 0,
    last_failed_login_at timestamptz,
    locked_until         timestamptz,
    last_login_at        timestamptz,
    -- Bumped when the password changes so every older session stops working.
    session_epoch        integer not null default 0,
    terms_accepted_at    timestamptz not null,
    terms_version        text not null,
    marketing_consent    boolean not null default false,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    deleted_at           timestamptz
);

-- Emails are stored lower-cased, and the index makes the rule hold even if a
-- caller forgets to.
create unique index users_email_key on users (lower(email));
create index users_account_type_idx on users (account_type);
create index users_status_idx on users (status);
create index users_created_at_idx on users (created_at desc);

create trigger users_updated_at before update on users
    for each row execute function set_updated_at();

-- Single-use tokens sent by email; only a SHA-256 of the token is stored.
create table user_tokens (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    purpose     text not null check (purpose in ('email_verification', 'password_reset')),
    token_hash  bytea not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index user_tokens_user_idx on user_tokens (user_id, purpose);

create table user_settings (
    user_id                uuid primary key references users (id) on delete cascade,
    profile_visibility     text not null default 'public'
                           check (profile_visibility in ('public', 'network', 'private')),
    show_email             boolean not null default false,
    show_phone             boolean not null default false,
    email_notifications    boolean not null default true,
    push_notifications     boolean not null default true,
    sms_notifications      boolean not null default false,
    notify_new_messages    boolean not null default true,
    notify_applications    boolean not null default true,
    notify_vacancy_matches boolean not null default true,
    notify_profile_views   boolean not null default true,
    language               text not null default 'en',
    timezone               text not null default 'UTC',
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);
create trigger user_settings_updated_at before update on user_settings
    for each row execute function set_updated_at();

-- Every login attempt, for the per-IP limit and the account's security page.
create table login_attempts (
    id          uuid primary key,
    email       text not null,
    user_id     uuid references users (id) on delete set null,
    ip          inet,
    succeeded   boolean not null,
    created_at  timestamptz not null default now()
);
create index login_attempts_ip_idx on login_attempts (ip, created_at desc) where not succeeded;

-- Append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
-- No foreign key to users, so the trail outlives what it describes.
create table audit_log (
    id            uuid primary key,
    actor_user_id uuid,
    action        text not null,
    target_type   text not null,
    target_id     text,
    ip            inet,
    user_agent    text,
    metadata      jsonb not null default '{}'::jsonb,
    created_at    timestamptz not null default now()
);
create index audit_log_actor_idx on audit_log (actor_user_id, created_at desc);
create index audit_log_created_at_idx on audit_log (created_at desc);
create index audit_log_action_idx on audit_log (action);
create index audit_log_target_idx on audit_log (target_type, target_id);

create or replace function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();

-- Outgoing email captured instead of sent (development mode; shown at /dev/mailbox).
create table captured_emails (
    id          uuid primary key,
    to_address  text not null,
    subject     text not null,
    body_text   text not null,
    created_at  timestamptz not null default now()
);
create index captured_emails_created_at_idx on captured_emails (created_at desc);

-- The session store of tower-sessions-sqlx-store, created here so that the
-- schema has one owner.
create schema if not exists tower_sessions;
create table if not exists tower_sessions.session (
    id          text primary key not null,
    data        bytea not null,
    expiry_date timestamptz not null
);
create index if not exists session_expiry_idx on tower_sessions.session (expiry_date);
