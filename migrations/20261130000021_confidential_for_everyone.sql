-- Confidential mode hides a candidate from everyone who cannot be checked
-- against their block list: visitors who are not signed in and accounts
-- that belong to no company (a blocked employer could otherwise just log
-- out, or sign up again as someone else). Members of a company are hidden
-- from when the candidate named the company, its email domain, the
-- member's own email domain, or the company is their current employer.
create or replace function candidate_hidden_from(candidate uuid, viewer uuid) returns boolean
language sql stable as $$
    select viewer is distinct from candidate and exists (
        select 1
          from user_settings s
         where s.user_id = candidate
           and s.confidential_mode
           and not exists (
                select 1
                  from company_members m
                  join companies c on c.id = m.company_id
                  join users v on v.id = m.user_id and v.account_type = 'employer'
                 where m.user_id = viewer
                   and not exists (
                        select 1 from candidate_blocked_companies b
                         where b.user_id = candidate
                           and (b.company_id = c.id
                                or b.email_domain = c.email_domain
                                or b.email_domain = split_part(lower(v.email), '@', 2))
                   )
                   and not exists (
                        select 1 from candidate_profiles p
                         where p.user_id = candidate
                           and lower(btrim(p.current_company)) = lower(c.name)
                   )
           )
    )
$$;
