-- Unread messages are told after ten minutes, by email or in the
-- notification centre as the person chose, once for each batch:
-- `reminded_seq` is the newest message a reminder has covered.
alter table chat_participants add column reminded_seq bigint not null default 0;

-- A team member who has not given their name is named by their team.
create or replace function chat_person_name(person uuid) returns text
language sql stable as $$
    select case
               when u.deleted_at is not null then 'Deleted user'
               else coalesce(
                   nullif(trim(coalesce(nullif(p.preferred_name, ''), p.first_name)
                               || ' ' || p.last_name), ''),
                   nullif(trim(m.first_name || ' ' || m.last_name), ''),
                   c.name || ' team',
                   case u.account_type
                       when 'admin' then 'Hirewell support'
                       when 'employer' then 'Team member'
                       else 'Candidate'
                   end)
           end
      from users u
      left join candidate_profiles p on p.user_id = u.id
      left join company_members m on m.user_id = u.id
      left join companies c on c.id = m.company_id
     where u.id = person
$$;

-- A send looks for the pending reminder of each person in the conversation.
create index jobs_pending_chat_reminder_idx
    on jobs ((payload ->> 'chat_id'), (payload ->> 'user_id'))
    where kind = 'chat_reminder' and done_at is null and failed_at is null;
