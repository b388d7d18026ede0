-- Billing, part five: what a plan allows is enforced where the action
-- happens. Publishing needs a plan in force and a confirmed domain; a
-- plan that ends pauses the vacancies beyond the trial's limit, and they
-- open again when the company pays.

-- Paused because the plan ended, not by a person: these reopen on payment.
alter table vacancies add column paused_for_plan boolean not null default false;
create index vacancies_paused_for_plan_idx on vacancies (company_id) where paused_for_plan;

-- Whether the company's domain is confirmed: our team verified the company,
-- or one of its members confirmed an email address at its domain (or a
-- subdomain of it).
create function company_domain_confirmed(company uuid) returns boolean
language sql stable as $$
    select c.verification_status = 'verified'
           or (c.email_domain is not null and exists (
               select 1 from company_members m join users u on u.id = m.user_id
                where m.company_id = c.id and u.email_verified_at is not null
                  and (lower(split_part(u.email, '@', 2)) = lower(c.email_domain)
                       or right(lower(split_part(u.email, '@', 2)), length(c.email_domain) + 1)
                          = '.' || lower(c.email_domain))))
      from companies c where c.id = company
$$;

-- The seats a company's team takes: its members, and the invitations not
-- yet answered (each would become one).
create function company_seats_taken(company uuid) returns bigint
language sql stable as $$
    select (select count(*) from company_members where company_id = company)
         + (select count(*) from company_invites
             where company_id = company and accepted_at is null and revoked_at is null
               and expires_at > now())
$$;
