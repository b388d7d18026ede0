-- Failed logins are counted from `login_attempts` by the address typed, so
-- an address without an account is answered exactly like one with an
-- account (no enumeration), and per (address, network) as well as per
-- address: guessing from one network locks that network out of that
-- account only. A successful login or a new password starts the count
-- afresh.
alter table users add column login_failures_cleared_at timestamptz;
alter table users drop column failed_login_count;
alter table users drop column last_failed_login_at;
alter table users drop column locked_until;

create index login_attempts_email_idx on login_attempts (email, created_at desc) where not succeeded;

-- One-time sign-in links: sent when the network is throttled but the
-- password was right, so people behind a busy address still get in.
alter table user_tokens drop constraint user_tokens_purpose_check;
alter table user_tokens add constraint user_tokens_purpose_check
    check (purpose in ('email_verification', 'password_reset', 'sign_in'));
