-- Billing, usage (seed 002 usage_records): each metered action counted
-- per person, feature and day, with the company a member acted for. The
-- counts are kept by triggers on the tables the actions write, in the
-- same transaction, so no way of acting can forget them; a statement that
-- adds many rows (the demo data) adds its counts in one go. An undone
-- super-like gives its count back, as it gives the super-like back.

create table usage_records (
    id          uuid primary key default gen_random_uuid(),
    user_id     uuid not null references users (id) on delete cascade,
    -- The company a member acted for; none for a job seeker's own use.
    company_id  uuid references companies (id) on delete cascade,
    feature     text not null check (feature in
                ('talent_search', 'introduction', 'vacancy_published', 'super_like', 'auto_apply')),
    -- The day, in UTC.
    date        date not null,
    count       integer not null check (count >= 0),
    updated_at  timestamptz not null default now(),
    unique nulls not distinct (user_id, company_id, feature, date)
);
create index usage_records_company_idx on usage_records (company_id, date)
    where company_id is not null;

-- Talent searches, for the searcher's company.
create function count_talent_searches() returns trigger
language plpgsql as $$
begin
    insert into usage_records (user_id, company_id, feature, date, count)
    select a.user_id, m.company_id, 'talent_search', (a.created_at at time zone 'UTC')::date, count(*)
      from added a left join company_members m on m.user_id = a.user_id
     where a.kind = 'talent' and a.user_id is not null
     group by 1, 2, 4
    on conflict (user_id, company_id, feature, date)
    do update set count = usage_records.count + excluded.count, updated_at = now();
    return null;
end
$$;
create trigger search_queries_usage after insert on search_queries
    referencing new table as added for each statement execute function count_talent_searches();

-- Introductions asked for, by their sender for the company.
create function count_introductions() returns trigger
language plpgsql as $$
begin
    insert into usage_records (user_id, company_id, feature, date, count)
    select a.sender_id, a.company_id, 'introduction', (a.sent_at at time zone 'UTC')::date, count(*)
      from added a
     where a.sender_id is not null
     group by 1, 2, 4
    on conflict (user_id, company_id, feature, date)
    do update set count = usage_records.count + excluded.count, updated_at = now();
    return null;
end
$$;
create trigger introduction_requests_usage after insert on introduction_requests
    referencing new table as added for each statement execute function count_introductions();

-- Vacancies published (first published, or published again after being
-- taken down), counted for the member who wrote them.
create function count_published_vacancy() returns trigger
language plpgsql as $$
begin
    if new.published_at is not null and new.created_by is not null
       and (tg_op = 'INSERT' or old.published_at is distinct from new.published_at) then
        insert into usage_records (user_id, company_id, feature, date, count)
        values (new.created_by, new.company_id, 'vacancy_published',
                (new.published_at at time zone 'UTC')::date, 1)
        on conflict (user_id, company_id, feature, date)
        do update set count = usage_records.count + 1, updated_at = now();
    end if;
    return null;
end
$$;
create trigger vacancies_usage after insert or update of published_at on vacancies
    for each row execute function count_published_vacancy();

-- Super-likes, and an undone one given back.
create function count_super_likes() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into usage_records (user_id, company_id, feature, date, count)
        select a.user_id, null, 'super_like', (a.created_at at time zone 'UTC')::date, count(*)
          from added a
         where a.direction = 'super'
         group by 1, 4
        on conflict (user_id, company_id, feature, date)
        do update set count = usage_records.count + excluded.count, updated_at = now();
    else
        update usage_records u
           set count = greatest(u.count - r.count, 0), updated_at = now()
          from (select user_id, (created_at at time zone 'UTC')::date as date, count(*) as count
                  from removed where direction = 'super' group by 1, 2) r
         where u.user_id = r.user_id and u.company_id is null
           and u.feature = 'super_like' and u.date = r.date;
    end if;
    return null;
end
$$;
create trigger vacancy_swipes_usage_added after insert on vacancy_swipes
    referencing new table as added for each statement execute function count_super_likes();
create trigger vacancy_swipes_usage_removed after delete on vacancy_swipes
    referencing old table as removed for each statement execute function count_super_likes();

-- Applications sent by auto-apply.
create function count_auto_applications() returns trigger
language plpgsql as $$
begin
    insert into usage_records (user_id, company_id, feature, date, count)
    select a.candidate_id, null, 'auto_apply', (a.created_at at time zone 'UTC')::date, count(*)
      from added a
     where a.source = 'auto_apply'
     group by 1, 4
    on conflict (user_id, company_id, feature, date)
    do update set count = usage_records.count + excluded.count, updated_at = now();
    return null;
end
$$;
create trigger applications_usage after insert on applications
    referencing new table as added for each statement execute function count_auto_applications();

-- What was used before the counts were kept.
insert into usage_records (user_id, company_id, feature, date, count)
select q.user_id, m.company_id, 'talent_search', (q.created_at at time zone 'UTC')::date, count(*)
  from search_queries q left join company_members m on m.user_id = q.user_id
 where q.kind = 'talent' and q.user_id is not null
 group by 1, 2, 4
union all
select sender_id, company_id, 'introduction', (sent_at at time zone 'UTC')::date, count(*)
  from introduction_requests where sender_id is not null group by 1, 2, 4
union all
select created_by, company_id, 'vacancy_published', (published_at at time zone 'UTC')::date, count(*)
  from vacancies where published_at is not null and created_by is not null group by 1, 2, 4
union all
select user_id, null::uuid, 'super_like', (created_at at time zone 'UTC')::date, count(*)
  from vacancy_swipes where direction = 'super' group by 1, 2, 4
union all
select candidate_id, null::uuid, 'auto_apply', (created_at at time zone 'UTC')::date, count(*)
  from applications where source = 'auto_apply' group by 1, 2, 4;
