-- Billing, part six: a smaller plan, or monthly billing after a paid
-- year, starts when the period paid for ends. The change waits on the
-- subscription until then; a cancellation and a change exclude each other.

alter table company_subscriptions
    add column scheduled_version_id uuid references plan_versions (id),
    add column scheduled_cycle      text check (scheduled_cycle in ('monthly', 'annual')),
    add check ((scheduled_version_id is null) = (scheduled_cycle is null)),
    add check (not (cancel_at_period_end and scheduled_version_id is not null));
