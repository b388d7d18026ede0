-- When a listing stops taking applications: `listing_days` after it was
-- published (vacancies::rules::LISTING_DAYS), or at the end of its
-- "apply by" day (UTC) if that comes first. Publishing and every edit of a
-- listed vacancy set `expires_at` from it; the hourly sweep then closes it.
create function listing_end(published_at timestamptz, apply_by date, listing_days int)
    returns timestamptz
    language sql immutable parallel safe
    return least(published_at + make_interval(days => listing_days),
                 (apply_by + 1)::timestamp at time zone 'UTC');

-- Listings whose apply-by day comes before their 30 days end there.
update vacancies set expires_at = listing_end(published_at, application_deadline, 30)
 where expires_at is not null and published_at is not null
   and application_deadline is not null
   and status in ('active', 'paused')
   and expires_at > listing_end(published_at, application_deadline, 30);
