-- When the job seeker was reminded that a request is about to expire
-- (once per request, two days before).
alter table introduction_requests add column reminded_at timestamptz;
create index introduction_requests_reminder_idx
    on introduction_requests (expires_at) where status = 'pending' and reminded_at is null;
