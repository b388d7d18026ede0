-- What a person may see of the audit entries about their own account: the
-- event and its time always, the address and browser only when they acted
-- themselves or nobody signed in did (a failed login). An administrator's
-- address and browser stay in the audit log.
create view user_security_events as
select target_id as user_id,
       action,
       case when actor_user_id is null or actor_user_id::text = target_id then ip end as ip,
       case when actor_user_id is null or actor_user_id::text = target_id then user_agent end
           as user_agent,
       created_at
  from audit_log
 where target_type = 'user';
