-- Conversations (seed 000 chats, chat_messages, chat_participants). Who may
-- read and write is decided by the conversation's row and the person's
-- current standing (`chat_member`), never by a stored list alone: a member
-- who leaves the team loses the company's conversations at once.
create table chats (
    id               uuid primary key,
    kind             text not null
                     check (kind in ('application', 'introduction', 'direct', 'support', 'team')),
    -- The person facing a company (application, introduction), the one who
    -- asked for help (support), or the first of two people (direct).
    person_id        uuid references users (id) on delete cascade,
    -- The second person of a direct conversation.
    peer_id          uuid references users (id) on delete cascade,
    -- The company side of application, introduction and team conversations.
    company_id       uuid references companies (id) on delete cascade,
    application_id   uuid unique references applications (id) on delete cascade,
    introduction_id  uuid unique references introduction_requests (id) on delete cascade,
    -- Messages are numbered per conversation, in the order they commit
    -- (a global serial can commit out of order and make readers skip one).
    last_seq         bigint not null default 0,
    -- Bumped by every new, edited or deleted message: a reader asks for
    -- what changed since the revision it has.
    revision         bigint not null default 0,
    last_message_at  timestamptz,
    created_at       timestamptz not null default now(),
    check (case kind
        when 'application' then person_id is not null and company_id is not null
            and application_id is not null and peer_id is null and introduction_id is null
        when 'introduction' then person_id is not null and company_id is not null
            and introduction_id is not null and peer_id is null and application_id is null
        when 'direct' then person_id is not null and peer_id is not null and person_id < peer_id
            and company_id is null and application_id is null and introduction_id is null
        when 'support' then person_id is not null and peer_id is null and company_id is null
            and application_id is null and introduction_id is null
        else company_id is not null and person_id is null and peer_id is null
            and application_id is null and introduction_id is null
    end)
);
create unique index chats_team_key on chats (company_id) where kind = 'team';
create unique index chats_direct_key on chats (person_id, peer_id) where kind = 'direct';
create unique index chats_support_key on chats (person_id) where kind = 'support';
create index chats_person_idx on chats (person_id, last_message_at desc) where person_id is not null;
create index chats_peer_idx on chats (peer_id, last_message_at desc) where peer_id is not null;
create index chats_company_idx on chats (company_id, last_message_at desc) where company_id is not null;

-- Each person's place in a conversation: joined when they first opened or
-- wrote in it (the person and peer at once).
create table chat_participants (
    chat_id        uuid not null references chats (id) on delete cascade,
    user_id        uuid not null references users (id) on delete cascade,
    -- The last message they have seen (seed 000 last_read_message_id, as
    -- the message's number); it only moves forward.
    last_read_seq  bigint not null default 0 check (last_read_seq >= 0),
    last_read_at   timestamptz,
    muted          boolean not null default false,
    starred        boolean not null default false,
    joined_at      timestamptz not null default now(),
    primary key (chat_id, user_id)
);
create index chat_participants_user_idx on chat_participants (user_id, chat_id);

create table chat_messages (
    id          uuid primary key,
    chat_id     uuid not null references chats (id) on delete cascade,
    seq         bigint not null check (seq > 0),
    -- The conversation's revision when this message last changed.
    revision    bigint not null,
    sender_id   uuid references users (id) on delete set null,
    body        text not null check (length(body) <= 4000),
    reply_to    uuid references chat_messages (id) on delete set null,
    -- Chosen by the sender's browser once per message, so that a send
    -- retried after a lost answer stores one message.
    client_key  uuid not null,
    edited_at   timestamptz,
    deleted_at  timestamptz,
    created_at  timestamptz not null default now(),
    unique (chat_id, seq),
    unique (sender_id, client_key),
    check ((deleted_at is null) = (length(body) > 0))
);
create index chat_messages_changes_idx on chat_messages (chat_id, revision);
-- The sending limit counts a person's recent messages.
create index chat_messages_sender_recent_idx on chat_messages (sender_id, created_at desc);

-- Whether someone may read and write in a conversation now.
create function chat_member(p_chat uuid, p_user uuid) returns boolean
language sql stable as $$
    select exists (
        select 1
          from chats c
         where c.id = p_chat
           and (c.person_id = p_user
                or c.peer_id = p_user
                or (c.company_id is not null and exists (
                        select 1 from company_members m
                         where m.user_id = p_user and m.company_id = c.company_id))
                or (c.kind = 'support' and exists (
                        select 1 from users u
                         where u.id = p_user and u.account_type = 'admin'
                           and u.deleted_at is null))))
$$;

-- How a person is named in conversations: the name on their profile or in
-- their team, never their email.
create function chat_person_name(person uuid) returns text
language sql stable as $$
    select case
               when u.deleted_at is not null then 'Deleted user'
               else coalesce(
                   nullif(trim(coalesce(nullif(p.preferred_name, ''), p.first_name)
                               || ' ' || p.last_name), ''),
                   nullif(trim(m.first_name || ' ' || m.last_name), ''),
                   case u.account_type
                       when 'admin' then 'Hirewell support'
                       when 'employer' then 'Team member'
                       else 'Candidate'
                   end)
           end
      from users u
      left join candidate_profiles p on p.user_id = u.id
      left join company_members m on m.user_id = u.id
     where u.id = person
$$;

-- Everyone in a conversation hears of each change on the site's live
-- channel (ids only), at commit: a new, edited or deleted message, or a
-- read receipt moving. Both tables name the conversation in `chat_id`.
create function chat_announce() returns trigger
language plpgsql as $$
begin
    perform pg_notify('live', json_build_object(
                'user', p.user_id, 'event', 'chat', 'id', new.chat_id)::text)
       from chat_participants p
      where p.chat_id = new.chat_id and chat_member(new.chat_id, p.user_id);
    return null;
end;
$$;

create trigger chat_messages_announce
    after insert or update on chat_messages
    for each row
    execute function chat_announce();

create trigger chat_participants_read_announce
    after update of last_read_seq on chat_participants
    for each row
    when (new.last_read_seq > old.last_read_seq)
    execute function chat_announce();
