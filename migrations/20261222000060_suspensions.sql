-- Suspension by an administrator (issue 19): why, when and by whom, which
-- the person reads; kept while the account is suspended.
alter table users
    add column suspended_reason text check (length(suspended_reason) <= 1000),
    add column suspended_at     timestamptz,
    add column suspended_by     uuid references users (id) on delete set null;
