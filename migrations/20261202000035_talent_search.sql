-- Talent search (issue 16): company members search job seekers' profiles.
-- Each profile carries its own search document, kept current by triggers
-- on the profile, its work history and its skills; pay expectations per
-- year compare across periods like vacancies' (a working year of 2,080
-- hours).

alter table candidate_profiles
    add column search_document tsvector not null default ''::tsvector,
    add column salary_min_yearly bigint generated always as (
        salary_min_minor * case salary_period when 'month' then 12 when 'hour' then 2080 else 1 end) stored,
    add column salary_max_yearly bigint generated always as (
        salary_max_minor * case salary_period when 'month' then 12 when 'hour' then 2080 else 1 end) stored;

-- Name, title and headline weigh most (A), then skills (B), then work
-- history (C), then the summary and current employer (D).
create function candidate_search_document(person uuid) returns tsvector
language sql stable as $$
    select setweight(to_tsvector('english', p.first_name || ' ' || p.last_name || ' ' || coalesce(p.preferred_name, '')), 'A')
        || setweight(to_tsvector('english', coalesce(p.current_title, '') || ' ' || coalesce(p.headline, '')), 'A')
        || setweight(to_tsvector('english', coalesce(
               (select string_agg(s.name, ' ') from candidate_skills cs
                  join skills s on s.id = cs.skill_id where cs.user_id = person), '')), 'B')
        || setweight(to_tsvector('english', coalesce(
               (select string_agg(w.job_title || ' ' || w.company_name || ' ' || coalesce(w.description, ''), ' ')
                  from work_history w where w.user_id = person), '')), 'C')
        || setweight(to_tsvector('english', coalesce(p.summary, '') || ' ' || coalesce(p.current_company, '')), 'D')
      from candidate_profiles p where p.user_id = person
$$;

create function refresh_candidate_search() returns trigger
language plpgsql as $$
declare
    person uuid;
begin
    if tg_op = 'DELETE' then
        person := old.user_id;
    else
        person := new.user_id;
    end if;
    update candidate_profiles set search_document = candidate_search_document(person)
     where user_id = person;
    return null;
end
$$;

-- Only the columns the document reads: its own update does not fire it.
create trigger candidate_profiles_search
    after insert or update of first_name, last_name, preferred_name, headline, summary,
        current_title, current_company
    on candidate_profiles for each row execute function refresh_candidate_search();
create trigger work_history_search
    after insert or update or delete on work_history
    for each row execute function refresh_candidate_search();
create trigger candidate_skills_search
    after insert or update or delete on candidate_skills
    for each row execute function refresh_candidate_search();

update candidate_profiles set search_document = candidate_search_document(user_id);

create index candidate_profiles_search_idx on candidate_profiles using gin (search_document);
-- For typos: titles and headlines that look like the words.
create index candidate_profiles_title_trgm_idx on candidate_profiles
    using gin (lower(coalesce(current_title, '') || ' ' || coalesce(headline, '')) gin_trgm_ops);
create index candidate_profiles_active_idx on candidate_profiles (updated_at desc);

-- Searches a member may run in an hour (a plan's limit once billing
-- exists, issue 18).
insert into site_settings (name, value, description) values
    ('talent_searches_per_hour', 100, 'Talent searches one company member may run in an hour');
-- What a search was, for the hourly limit and later analytics.
alter table search_queries add column kind text not null default 'jobs'
    check (kind in ('jobs', 'talent'));
create index search_queries_user_idx on search_queries (user_id, kind, created_at desc);
