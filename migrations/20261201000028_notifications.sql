-- In-app notifications (seed 000 notifications, seed 001 §6.2): what
-- happened, for whom, and where to look. Read ones are deleted after 90
-- days by the worker.
create table notifications (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    kind        text not null check (length(kind) <= 50),
    title       text not null check (length(title) between 1 and 200),
    body        text not null default '' check (length(body) <= 1000),
    -- A path on this site.
    link        text not null check (link like '/%' and length(link) <= 500),
    read_at     timestamptz,
    created_at  timestamptz not null default now()
);
-- The centre pages by id (time-ordered uuids), newest first.
create index notifications_user_newest_idx on notifications (user_id, id desc);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
create index notifications_read_idx on notifications (read_at) where read_at is not null;

-- How each person wants each kind: absent means the kind's default.
create table notification_preferences (
    user_id     uuid not null references users (id) on delete cascade,
    kind        text not null check (length(kind) <= 50),
    delivery    text not null check (delivery in ('in_app', 'email', 'digest', 'off')),
    primary key (user_id, kind)
);

-- The site's live channel: every instance listens and passes events on to
-- its browsers' event streams. Sent at commit, so a rolled-back change
-- announces nothing.
create function notifications_announce() returns trigger
language plpgsql as $$
begin
    perform pg_notify('live', json_build_object(
        'user', new.user_id, 'event', 'notification', 'id', new.id)::text);
    return null;
end;
$$;

create trigger notifications_announce
    after insert on notifications
    for each row
    execute function notifications_announce();

-- Reading one in a tab brings the count down in the person's other tabs
-- (identical payloads in one transaction are sent once).
create function notifications_read_announce() returns trigger
language plpgsql as $$
begin
    perform pg_notify('live', json_build_object('user', new.user_id, 'event', 'read')::text);
    return null;
end;
$$;

create trigger notifications_read_announce
    after update of read_at on notifications
    for each row
    when (old.read_at is null and new.read_at is not null)
    execute function notifications_read_announce();

-- The earlier switches (channels and topics) were stored but never obeyed;
-- what they said carries over to the kinds they covered, and they go.
insert into notification_preferences (user_id, kind, delivery)
select s.user_id, k.kind, 'off'
  from user_settings s
 cross join (values ('application_received'), ('stage_changed'), ('interview_scheduled'),
                    ('auto_apply_sent')) as k(kind)
 where not s.notify_applications;
insert into notification_preferences (user_id, kind, delivery)
select s.user_id, k.kind, 'in_app'
  from user_settings s
 cross join (values ('application_received'), ('stage_changed'), ('interview_scheduled'),
                    ('auto_apply_sent')) as k(kind)
 where not s.email_notifications
on conflict (user_id, kind) do nothing;
alter table user_settings
    drop column email_notifications,
    drop column push_notifications,
    drop column sms_notifications,
    drop column notify_new_messages,
    drop column notify_applications,
    drop column notify_vacancy_matches,
    drop column notify_profile_views;
