-- Reported messages join the moderation queue (issue 19): a case per
-- message gathers its reports (kept in chat_reports with what the message
-- said when reported); hiding one blanks it for the conversation like a
-- deletion, keeping its words aside so that an appeal can give them back.
alter table moderation_cases drop constraint moderation_cases_entity_type_check;
alter table moderation_cases add constraint moderation_cases_entity_type_check
    check (entity_type in ('vacancy', 'profile', 'company', 'message'));

alter table chat_reports
    add column case_id uuid references moderation_cases (id) on delete set null;
create index chat_reports_case_idx on chat_reports (case_id, created_at);

alter table chat_messages
    add column hidden_by_case uuid references moderation_cases (id) on delete set null,
    add column hidden_body    text,
    add constraint chat_messages_hidden check (
        (hidden_by_case is null) = (hidden_body is null)
        and (hidden_by_case is null or deleted_at is not null));

-- Reports made before this: each reported message gets its open case.
insert into moderation_cases (id, entity_type, entity_id, severity)
select gen_random_uuid(), 'message', r.message_id,
       case when count(*) filter (where r.reason = 'scam') >= 3 then 'critical'
            when count(*) >= 3 or count(*) filter (where r.reason = 'scam') >= 1 then 'high'
            else 'medium' end
  from chat_reports r
 where r.status = 'open' and r.message_id is not null
 group by r.message_id;
update chat_reports r set case_id = m.id
  from moderation_cases m
 where m.entity_type = 'message' and m.entity_id = r.message_id
   and r.status = 'open';
