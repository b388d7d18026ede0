-- Each instance keeps the public pages (`/`, `/jobs`, a vacancy's page, a
-- company's page) as a visitor without a session sees them, for a short
-- while (`app::public_pages`). Any change to what those pages show is
-- announced on the `public_pages` channel at commit, and every instance
-- drops its copies. Counting a view, an application or a save changes none
-- of the public pages, so those updates say nothing: otherwise every new
-- visitor's first view would empty every instance's copies.

create function public_pages_announce() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' and tg_level = 'ROW'
       and to_jsonb(old) - '{views_count,applications_count,saves_count}'::text[]
         = to_jsonb(new) - '{views_count,applications_count,saves_count}'::text[] then
        return null;
    end if;
    perform pg_notify('public_pages', '');
    return null;
end
$$;

create trigger public_pages_announce_rows after update on vacancies
    for each row execute function public_pages_announce();
create trigger public_pages_announce after insert or delete or truncate on vacancies
    for each statement execute function public_pages_announce();
create trigger public_pages_announce after insert or update or delete or truncate on vacancy_skills
    for each statement execute function public_pages_announce();
create trigger public_pages_announce after insert or update or delete or truncate on companies
    for each statement execute function public_pages_announce();
create trigger public_pages_announce after insert or update or delete or truncate on industries
    for each statement execute function public_pages_announce();
create trigger public_pages_announce after insert or update or delete or truncate on skills
    for each statement execute function public_pages_announce();
