-- A bulk load (the demo data at scale) sets hirewell.bulk_load in its
-- transaction: the search documents are then not rebuilt for every row it
-- writes (800k skills took minutes), and the load rebuilds them once at
-- the end.
create or replace function refresh_candidate_search() returns trigger
language plpgsql as $$
declare
    person uuid;
begin
    if current_setting('hirewell.bulk_load', true) = 'on' then
        return null;
    end if;
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
