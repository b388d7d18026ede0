-- The limits in force, as before, but written so the planner folds them
-- into the statement that asks. A function returning one composite value
-- is run on its own and, before PostgreSQL 18, planned afresh on every
-- call (a third of a millisecond of each deck page); a set-returning SQL
-- function with a single select is inlined and planned with its caller.
-- The left join keeps the one row the callers read, empty if no plan
-- applied.
drop function company_limits(uuid);
create function company_limits(company uuid) returns setof plan_versions
language sql stable rows 1 as $$
    select v.*
      from (select) one
      left join plan_versions v on v.id = coalesce(
          (select s.plan_version_id from subscriptions s
            where s.company_id = company and s.ended_at is null
              and s.status in ('trial', 'active', 'past_due')),
          (select p.current_version_id from plans p where p.code = 'trial'))
$$;

drop function seeker_limits(uuid);
create function seeker_limits(person uuid) returns setof plan_versions
language sql stable rows 1 as $$
    select v.*
      from (select) one
      left join plan_versions v on v.id = coalesce(
          (select s.plan_version_id from subscriptions s
            where s.user_id = person and s.ended_at is null
              and s.status in ('active', 'past_due')),
          (select p.current_version_id from plans p where p.code = 'free'))
$$;
