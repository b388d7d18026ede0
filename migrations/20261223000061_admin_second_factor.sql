-- Administrators sign in with a second factor (issue 19): an authenticator
-- app's codes (RFC 6238) and one-time recovery codes.

-- The authenticator's secret, encrypted with the field key. Until the admin
-- enters a first code it is unconfirmed, and the recovery codes they are
-- shown (encrypted too) can be shown again on a reload of the setup page.
create table admin_second_factors (
    user_id           uuid primary key references users (id) on delete cascade,
    secret            bytea not null,
    pending_recovery  bytea,
    confirmed_at      timestamptz,
    -- The time step of the last code accepted: a code is taken once
    -- (RFC 6238 section 5.2), and never an older one.
    last_used_step    bigint,
    created_at        timestamptz not null default now(),
    check ((confirmed_at is null) = (pending_recovery is not null))
);

-- One-time recovery codes, kept as SHA-256 hashes.
create table admin_recovery_codes (
    user_id    uuid not null references admin_second_factors (user_id) on delete cascade,
    code_hash  bytea not null,
    used_at    timestamptz,
    primary key (user_id, code_hash)
);
