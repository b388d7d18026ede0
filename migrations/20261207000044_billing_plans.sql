-- Billing, part one: the plans and what each allows, and every company's
-- subscription (seed 001 sections 8.1 and 8.2).
--
-- A plan's limits and features are data. They live in versions: changing a
-- plan adds a version and makes it the one new buyers get, so what a
-- company bought never changes under it. A version can also be made for
-- one company (an Enterprise agreement).

alter table plans
    add column audience      text not null default 'seeker' check (audience in ('company', 'seeker')),
    add column description   text not null default '' check (length(description) <= 500),
    add column sort_order    integer not null default 0,
    -- Offered to new buyers (an admin can retire a plan).
    add column is_active     boolean not null default true,
    -- Priced per company by agreement ("contact us").
    add column contact_sales boolean not null default false;

create table plan_versions (
    id                            uuid primary key,
    plan_code                     text not null references plans (code),
    version                       integer not null check (version > 0),
    -- Set for a version agreed with one company; null for the price list.
    company_id                    uuid references companies (id) on delete cascade,
    currency                      text not null default 'NGN' check (currency ~ '^[A-Z]{3}$'),
    -- Minor units (kobo); null where the plan is not sold that way.
    monthly_price                 bigint check (monthly_price >= 0),
    yearly_price                  bigint check (yearly_price >= 0),
    -- A plan that is a trial lasts this many days and is free.
    trial_days                    integer check (trial_days > 0),
    -- Limits: null means no limit.
    introduction_credits_monthly  integer check (introduction_credits_monthly >= 0),
    team_seats                    integer check (team_seats > 0),
    active_vacancies              integer check (active_vacancies >= 0),
    talent_searches_per_hour      integer check (talent_searches_per_hour >= 0),
    super_likes_per_day           integer check (super_likes_per_day >= 0),
    features                      text[] not null default '{}',
    support_level                 text not null default 'standard'
                                  check (support_level in ('basic', 'standard', 'priority')),
    created_by                    uuid references users (id) on delete set null,
    created_at                    timestamptz not null default now(),
    unique (plan_code, version)
);

alter table plans add column current_version_id uuid references plan_versions (id);

-- The job seekers' free plan keeps its super-likes.
update plans set audience = 'seeker', sort_order = 0,
       description = 'Everything a job seeker needs to find work.'
 where code = 'free';
insert into plan_versions (id, plan_code, version, monthly_price, yearly_price, super_likes_per_day)
select '0193f7a0-0000-7000-8000-000000000001', 'free', 1, 0, 0, super_likes_per_day
  from plans where code = 'free';
update plans set current_version_id = '0193f7a0-0000-7000-8000-000000000001' where code = 'free';
alter table plans drop column super_likes_per_day;

-- The company plans of seed 001, prices in kobo (₦50,000 = 5,000,000).
insert into plans (code, name, audience, description, sort_order, contact_sales) values
    ('trial', 'Trial', 'company', 'Try Hirewell with one recruiter for two weeks.', 1, false),
    ('basic', 'Basic', 'company', 'For a small team hiring a few roles at a time.', 2, false),
    ('professional', 'Professional', 'company',
     'For teams hiring steadily, with confidential roles and bulk introductions.', 3, false),
    ('enterprise', 'Enterprise', 'company',
     'Limits, price and support agreed with you.', 4, true);
insert into plan_versions (id, plan_code, version, monthly_price, yearly_price, trial_days,
                           introduction_credits_monthly, team_seats, active_vacancies,
                           talent_searches_per_hour, features, support_level) values
    ('0193f7a0-0000-7000-8000-000000000002', 'trial', 1, 0, 0, 14,
     5, 1, 2, 100, '{basic_search,email_support}', 'basic'),
    ('0193f7a0-0000-7000-8000-000000000003', 'basic', 1, 5000000, 54000000, null,
     20, 3, 5, 100, '{basic_search,advanced_filters,email_support,analytics_basic}', 'standard'),
    ('0193f7a0-0000-7000-8000-000000000004', 'professional', 1, 15000000, 162000000, null,
     50, 10, 15, 100,
     '{advanced_search,ai_matching,priority_support,analytics_advanced,confidential_roles,bulk_introductions}',
     'priority'),
    ('0193f7a0-0000-7000-8000-000000000005', 'enterprise', 1, null, null, null,
     null, null, null, null,
     '{all_features,dedicated_account_manager,custom_integration,api_access,white_label}',
     'priority');
update plans p set current_version_id = v.id
  from plan_versions v where v.plan_code = p.code and p.code <> 'free';

-- Searches per hour come from the plan now.
delete from site_settings where name = 'talent_searches_per_hour';

-- A company's subscriptions, newest last: a change of plan ends one and
-- starts the next, so the history stays.
create table company_subscriptions (
    id                    uuid primary key,
    company_id            uuid not null references companies (id) on delete cascade,
    plan_version_id       uuid not null references plan_versions (id),
    billing_cycle         text not null default 'monthly' check (billing_cycle in ('monthly', 'annual')),
    status                text not null
                          check (status in ('trial', 'active', 'past_due', 'cancelled', 'expired')),
    started_at            timestamptz not null default now(),
    current_period_start  timestamptz not null default now(),
    current_period_end    timestamptz not null,
    trial_ends_at         timestamptz,
    cancel_at_period_end  boolean not null default false,
    cancelled_at          timestamptz,
    cancellation_reason   text check (length(cancellation_reason) <= 1000),
    -- Set when another subscription took its place.
    ended_at              timestamptz,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    check (current_period_end > current_period_start),
    check ((status = 'trial') = (trial_ends_at is not null))
);
-- One current subscription per company.
create unique index company_subscriptions_current_key
    on company_subscriptions (company_id) where ended_at is null;
create index company_subscriptions_company_idx on company_subscriptions (company_id, started_at desc);
create index company_subscriptions_period_end_idx
    on company_subscriptions (current_period_end) where ended_at is null;

-- Every company starts on the current trial, whichever way it was made.
create function company_starts_trial() returns trigger
language plpgsql as $$
declare
    trial plan_versions;
begin
    select v.* into trial from plans p join plan_versions v on v.id = p.current_version_id
     where p.code = 'trial';
    insert into company_subscriptions (id, company_id, plan_version_id, status,
                                       started_at, current_period_start, current_period_end,
                                       trial_ends_at)
    values (gen_random_uuid(), new.id, trial.id, 'trial', new.created_at, new.created_at,
            new.created_at + make_interval(days => trial.trial_days),
            new.created_at + make_interval(days => trial.trial_days));
    return new;
end
$$;
create trigger company_starts_trial
    after insert on companies
    for each row execute function company_starts_trial();

-- The companies there are: on the trial from today.
insert into company_subscriptions (id, company_id, plan_version_id, status,
                                   current_period_start, current_period_end, trial_ends_at)
select gen_random_uuid(), c.id, '0193f7a0-0000-7000-8000-000000000002', 'trial',
       now(), now() + interval '14 days', now() + interval '14 days'
  from companies c;

-- The limits in force for a company: those of its current subscription's
-- version while it is in trial, active or in its grace period (past due);
-- the trial's once it has lapsed.
create function company_limits(company uuid) returns plan_versions
language sql stable as $$
    select coalesce(
        (select v from company_subscriptions s join plan_versions v on v.id = s.plan_version_id
          where s.company_id = company and s.ended_at is null
            and s.status in ('trial', 'active', 'past_due')),
        (select v from plans p join plan_versions v on v.id = p.current_version_id
          where p.code = 'trial'))
$$;
