-- Résumés are read by a background job; a refused or failed reading keeps
-- the file and says why there are no suggestions.
alter table resumes add column parse_problem text check (length(parse_problem) <= 300);

-- A new job wakes the workers of every instance (sent at commit).
create function jobs_announce() returns trigger
language plpgsql as $$
begin
    perform pg_notify('jobs', '');
    return null;
end;
$$;

create trigger jobs_announce
    after insert on jobs
    for each statement
    execute function jobs_announce();
