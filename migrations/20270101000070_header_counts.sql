-- The header's two badges, read on every signed-in page: unread
-- notifications and conversations with unread messages. As functions, one
-- statement reads both (`header_counts`) while the live stream and the
-- notification page still read each alone, with the rule written once.
-- PL/pgSQL keeps each body's plan per connection (see migration 69).
create function unread_notifications(person uuid) returns bigint
language plpgsql stable as $$
begin
    return (select count(*) from notifications where user_id = person and read_at is null);
end
$$;

-- Muted conversations aside; membership as it stands now.
create function unread_conversations(person uuid) returns bigint
language plpgsql stable as $$
begin
    return (select count(*)
              from chat_participants p
              join chats c on c.id = p.chat_id
             where p.user_id = person and not p.muted and c.last_seq > p.last_read_seq
               and chat_member(c.id, person));
end
$$;
