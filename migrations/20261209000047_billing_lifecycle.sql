-- Billing, part four: the life cycle. Each current subscription says when
-- the lifecycle next looks at it (its period's end, or a retry of a
-- renewal that failed); a renewal's payment names the subscription it
-- extends.

alter table company_subscriptions add column next_action_at timestamptz;
update company_subscriptions set next_action_at = current_period_end
 where ended_at is null and status in ('trial', 'active', 'past_due');
create index company_subscriptions_next_action_idx
    on company_subscriptions (next_action_at) where ended_at is null and next_action_at is not null;

-- A new company's trial is looked at when it ends.
create or replace function company_starts_trial() returns trigger
language plpgsql as $$
declare
    trial plan_versions;
begin
    select v.* into trial from plans p join plan_versions v on v.id = p.current_version_id
     where p.code = 'trial';
    insert into company_subscriptions (id, company_id, plan_version_id, status,
                                       started_at, current_period_start, current_period_end,
                                       trial_ends_at, next_action_at)
    values (gen_random_uuid(), new.id, trial.id, 'trial', new.created_at, new.created_at,
            new.created_at + make_interval(days => trial.trial_days),
            new.created_at + make_interval(days => trial.trial_days),
            new.created_at + make_interval(days => trial.trial_days));
    return new;
end
$$;

alter table payments add column renews_subscription_id uuid
    references company_subscriptions (id) on delete cascade;
