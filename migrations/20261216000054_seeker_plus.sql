-- Billing, part eleven: job seekers pay too. Plus is a monthly plan for a
-- person: more super-likes a day and a higher auto-apply cap. So a
-- subscription, a payment, an invoice and a kept card belong to a company
-- or to a person, never both.

-- Auto-applications a day the plan allows (the person's own setting can
-- only be lower).
alter table plan_versions add column auto_applies_per_day integer check (auto_applies_per_day > 0);
update plan_versions set auto_applies_per_day = 10 where plan_code = 'free';

insert into plans (code, name, audience, description, sort_order) values
    ('plus', 'Plus', 'seeker',
     'More super-likes every day, and auto-apply up to 50 roles a day.', 1);
insert into plan_versions (id, plan_code, version, monthly_price, super_likes_per_day,
                           auto_applies_per_day, features)
values ('0193f7a0-0000-7000-8000-000000000006', 'plus', 1, 250000, 10, 50, '{plus_badge}');
update plans set current_version_id = '0193f7a0-0000-7000-8000-000000000006' where code = 'plus';

alter table company_subscriptions rename to subscriptions;
alter table subscriptions
    alter column company_id drop not null,
    add column user_id uuid references users (id) on delete cascade,
    add constraint subscriptions_one_holder check ((company_id is null) <> (user_id is null));
-- One current subscription per person, as per company.
create unique index subscriptions_user_current_key on subscriptions (user_id) where ended_at is null;
create index subscriptions_user_idx on subscriptions (user_id, started_at desc)
    where user_id is not null;

alter table payments
    alter column company_id drop not null,
    add column user_id uuid references users (id) on delete cascade,
    add constraint payments_one_payer check ((company_id is null) <> (user_id is null));
create index payments_user_idx on payments (user_id, created_at desc) where user_id is not null;

alter table invoices
    alter column company_id drop not null,
    add column user_id uuid references users (id) on delete cascade,
    add constraint invoices_one_buyer check ((company_id is null) <> (user_id is null));
create index invoices_user_idx on invoices (user_id, created_at desc) where user_id is not null;

alter table payment_methods
    drop constraint payment_methods_pkey,
    alter column company_id drop not null,
    add constraint payment_methods_company_key unique (company_id),
    add column user_id uuid unique references users (id) on delete cascade,
    add constraint payment_methods_one_holder check ((company_id is null) <> (user_id is null));

-- The functions that read the table by its old name.
create or replace function company_starts_trial() returns trigger
language plpgsql as $$
declare
    trial plan_versions;
begin
    select v.* into trial from plans p join plan_versions v on v.id = p.current_version_id
     where p.code = 'trial';
    insert into subscriptions (id, company_id, plan_version_id, status,
                               started_at, current_period_start, current_period_end,
                               trial_ends_at, next_action_at)
    values (gen_random_uuid(), new.id, trial.id, 'trial', new.created_at, new.created_at,
            new.created_at + make_interval(days => trial.trial_days),
            new.created_at + make_interval(days => trial.trial_days),
            new.created_at + make_interval(days => trial.trial_days));
    return new;
end
$$;

create or replace function company_limits(company uuid) returns plan_versions
language sql stable as $$
    select coalesce(
        (select v from subscriptions s join plan_versions v on v.id = s.plan_version_id
          where s.company_id = company and s.ended_at is null
            and s.status in ('trial', 'active', 'past_due')),
        (select v from plans p join plan_versions v on v.id = p.current_version_id
          where p.code = 'trial'))
$$;

-- The limits in force for a job seeker: their paid plan's while it is
-- active or in its grace period, the free plan's otherwise.
create function seeker_limits(person uuid) returns plan_versions
language sql stable as $$
    select coalesce(
        (select v from subscriptions s join plan_versions v on v.id = s.plan_version_id
          where s.user_id = person and s.ended_at is null
            and s.status in ('active', 'past_due')),
        (select v from plans p join plan_versions v on v.id = p.current_version_id
          where p.code = 'free'))
$$;
