-- The header's count of unread conversations, on every signed-in page,
-- joined each of a member's conversations to its chat to compare the
-- chat's last message number with their read position: for a recruiter in
-- 519 conversations 1.6 ms of PostgreSQL's time per page under load, a
-- fifth of a pipeline page's. Each participant row now keeps the chat's
-- last number beside its own read position, so the unread ones are found
-- in a partial index without looking at the chats.
alter table chat_participants add column chat_last_seq bigint not null default 0;

update chat_participants p set chat_last_seq = c.last_seq
  from chats c where c.id = p.chat_id;

-- A message numbers itself by updating its chat's row (which it holds
-- locked until it commits); the chat's participants follow in the same
-- transaction.
create function chat_participants_follow_chat() returns trigger
language plpgsql as $$
begin
    update chat_participants set chat_last_seq = new.last_seq
     where chat_id = new.id and chat_last_seq < new.last_seq;
    return null;
end
$$;

create trigger chats_last_seq_to_participants
    after update of last_seq on chats
    for each row when (new.last_seq > old.last_seq)
    execute function chat_participants_follow_chat();

-- Someone joining (or an upsert of their row) takes the chat's number as
-- committed: `for share` waits for a message being written, so the number
-- it reads is never one that message's update has already left behind.
create function chat_participants_take_chat() returns trigger
language plpgsql as $$
begin
    select c.last_seq into new.chat_last_seq from chats c where c.id = new.chat_id for share;
    new.chat_last_seq := coalesce(new.chat_last_seq, 0);
    return new;
end
$$;

create trigger chat_participants_take_chat
    before insert on chat_participants
    for each row execute function chat_participants_take_chat();

drop index chat_participants_unread_idx;
drop index chats_last_seq_idx;
create index chat_participants_unread_idx on chat_participants (user_id)
    where not muted and chat_last_seq > last_read_seq;

create or replace function unread_conversations(person uuid) returns bigint
language plpgsql stable as $$
begin
    return (select count(*)
              from chat_participants p
             where p.user_id = person and not p.muted and p.chat_last_seq > p.last_read_seq
               and chat_member(p.chat_id, person));
end
$$;
