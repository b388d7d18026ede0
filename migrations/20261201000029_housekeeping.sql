-- The worker deletes login attempts after 30 days (the limits look back a
-- day at most; the account page shows recent activity).
create index login_attempts_created_at_idx on login_attempts (created_at);
