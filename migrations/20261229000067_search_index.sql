-- Each instance keeps an index of the open vacancies for searches with
-- words (`app::board::index`). Every change to what it holds is announced
-- on the `search_index` channel at commit: `v` and the vacancy's id, `c`
-- and the company's id, or `*` when a table was emptied. Counting a view,
-- an application or a save changes nothing a search reads, so those
-- updates say nothing.

create function search_index_announce() returns trigger
language plpgsql as $$
begin
    if tg_level = 'STATEMENT' then
        perform pg_notify('search_index', '*');
    elsif tg_table_name = 'vacancies' then
        if tg_op = 'UPDATE'
           and to_jsonb(old) - '{views_count,applications_count,saves_count}'::text[]
             = to_jsonb(new) - '{views_count,applications_count,saves_count}'::text[] then
            return null;
        end if;
        perform pg_notify('search_index', 'v' || coalesce(new.id, old.id));
    elsif tg_table_name = 'vacancy_skills' then
        if tg_op <> 'INSERT' then
            perform pg_notify('search_index', 'v' || old.vacancy_id);
        end if;
        if tg_op <> 'DELETE' then
            perform pg_notify('search_index', 'v' || new.vacancy_id);
        end if;
    elsif tg_table_name = 'companies' then
        if tg_op = 'UPDATE' and (old.name, old.slug, old.industry_id)
                                is not distinct from (new.name, new.slug, new.industry_id) then
            return null;
        end if;
        perform pg_notify('search_index', 'c' || coalesce(new.id, old.id));
    end if;
    return null;
end
$$;

create trigger search_index_announce after insert or update or delete on vacancies
    for each row execute function search_index_announce();
create trigger search_index_announce after insert or update or delete on vacancy_skills
    for each row execute function search_index_announce();
create trigger search_index_announce after insert or update or delete on companies
    for each row execute function search_index_announce();
create trigger search_index_announce_all after truncate on vacancies
    for each statement execute function search_index_announce();
create trigger search_index_announce_all after truncate on vacancy_skills
    for each statement execute function search_index_announce();
create trigger search_index_announce_all after truncate on companies
    for each statement execute function search_index_announce();
