-- The deck's next cards without scoring every open vacancy: the pool starts
-- from the candidate's skills, walking the newest open vacancies that ask for
-- each. vacancy_skills carries its vacancy's listing time (null unless the
-- vacancy is active) so one index walk per skill finds them in order.
alter table vacancy_skills add column listed_at timestamptz;
update vacancy_skills vs
   set listed_at = v.published_at
  from vacancies v
 where v.id = vs.vacancy_id and v.status = 'active';
create index vacancy_skills_listed_idx
    on vacancy_skills (skill_id, listed_at desc, vacancy_id) where listed_at is not null;

-- Triggers keep listed_at in step with the vacancy, whichever code path
-- writes the skills or changes the status (editor, lifecycle, expiry job).
create function vacancy_listed_at(vacancy uuid) returns timestamptz
language sql stable as $$
    select published_at from vacancies where id = vacancy and status = 'active'
$$;

create function vacancy_skills_set_listed_at() returns trigger
language plpgsql as $$
begin
    new.listed_at := vacancy_listed_at(new.vacancy_id);
    return new;
end
$$;
create trigger vacancy_skills_listed_at before insert on vacancy_skills
    for each row execute function vacancy_skills_set_listed_at();

create function vacancies_sync_listed_at() returns trigger
language plpgsql as $$
begin
    update vacancy_skills
       set listed_at = case when new.status = 'active' then new.published_at end
     where vacancy_id = new.id;
    return null;
end
$$;
create trigger vacancies_listed_at after update of status, published_at on vacancies
    for each row
    when (old.status is distinct from new.status or old.published_at is distinct from new.published_at)
    execute function vacancies_sync_listed_at();

-- The companies a candidate blocks, as a set, so the deck leaves them out
-- with one lookup rather than a check per vacancy; the per-company check
-- becomes a membership test of the same set, so there is one rule. Called
-- in FROM, the planner inlines it (a call elsewhere is planned anew each
-- time).
create function companies_blocked_by(candidate uuid) returns setof uuid
language sql stable as $$
    select b.company_id
      from candidate_blocked_companies b
      join user_settings s on s.user_id = b.user_id and s.confidential_mode
     where b.user_id = candidate and b.company_id is not null
    union
    select c.id
      from candidate_blocked_companies b
      join user_settings s on s.user_id = b.user_id and s.confidential_mode
      join companies c on c.email_domain = b.email_domain
     where b.user_id = candidate
    union
    select c.id
      from candidate_profiles p
      join user_settings s on s.user_id = p.user_id and s.confidential_mode
      join companies c on lower(c.name) = lower(btrim(p.current_company))
     where p.user_id = candidate
$$;

create or replace function candidate_blocks_company(candidate uuid, company uuid) returns boolean
language sql stable as $$
    select exists (select 1 from companies_blocked_by(candidate) blocked where blocked = company)
$$;

-- A vacancy's swipes (super-likers on the pipeline, cascading deletes)
-- without reading every candidate's.
create index vacancy_swipes_vacancy_idx on vacancy_swipes (vacancy_id, created_at desc);

-- Whether a vacancy row passes the deck filters of swipe_preferences (empty
-- arrays mean any; a minimum salary compares within one currency; remote
-- vacancies pass any location). Plain expressions, so the planner inlines it.
create function vacancy_fits_deck(
    v vacancies,
    remote_options text[],
    employment_types text[],
    min_salary_yearly bigint,
    min_salary_currency text,
    location_patterns text[]
) returns boolean
language sql stable as $$
    select (cardinality(remote_options) = 0 or v.remote_option = any(remote_options))
       and (cardinality(employment_types) = 0 or v.employment_type = any(employment_types))
       and (min_salary_yearly is null
            or (v.salary_currency = min_salary_currency and v.salary_max_yearly >= min_salary_yearly))
       and (cardinality(location_patterns) = 0 or v.remote_option = 'remote'
            or v.city ilike any(location_patterns) or v.region ilike any(location_patterns)
            or v.country ilike any(location_patterns))
$$;
