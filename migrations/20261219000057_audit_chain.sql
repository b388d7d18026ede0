-- The audit log becomes a hash chain (seed 004: an immutable audit log).
-- Each entry is sealed with its place in the chain, the hash of the entry
-- before it and its own hash over both, so changing, removing or slipping
-- in an entry behind the triggers' back breaks the chain from that entry
-- on (`audit::chain` verifies it; `server audit verify`, /admin/audit).
--
-- Entries are sealed at commit by a deferred trigger rather than as they
-- are inserted: sealing takes the chain's head row, and a transaction that
-- took it at its insert would hold it while it went on to lock payments,
-- credits or vacancies, so two transactions could each wait on the other.
-- At commit a transaction takes no further locks, so the head is always
-- the last lock taken and held only for the commit itself. The chain's
-- order is the order of commits.

alter table audit_log
    add column chain_seq  bigint unique,
    add column prev_hash  bytea check (octet_length(prev_hash) = 32),
    add column entry_hash bytea check (octet_length(entry_hash) = 32);

-- The last sealed entry: its place and hash (zeros before the first).
create table audit_chain_head (
    only_row boolean primary key default true check (only_row),
    seq      bigint not null,
    hash     bytea not null check (octet_length(hash) = 32)
);
insert into audit_chain_head (seq, hash) values (0, decode(repeat('00', 32), 'hex'));

-- The head as it stood each day, recorded by the server's worker; a chain
-- rewritten from some entry on no longer reaches a recorded head.
create table audit_chain_anchors (
    day         date primary key,
    seq         bigint not null,
    hash        bytea not null check (octet_length(hash) = 32),
    recorded_at timestamptz not null default now()
);

-- What an entry's hash covers: every column but the hashes themselves,
-- each quoted (so a null differs from an empty text) and written in forms
-- that do not depend on the session's settings (the time in microseconds
-- since 1970; jsonb's text is already canonical).
create function audit_entry_content(e audit_log) returns text
language sql immutable as $$
    select concat_ws(',',
        quote_nullable(e.chain_seq::text),
        quote_nullable(e.id::text),
        quote_nullable(e.actor_user_id::text),
        quote_nullable(e.action),
        quote_nullable(e.target_type),
        quote_nullable(e.target_id),
        quote_nullable(e.ip::text),
        quote_nullable(e.user_agent),
        quote_nullable(e.metadata::text),
        quote_nullable((extract(epoch from e.created_at) * 1000000)::bigint::text))
$$;

create function audit_entry_hash(prev bytea, content text) returns bytea
language sql immutable as $$
    select sha256(prev || convert_to(content, 'UTF8'))
$$;

-- Updates stay refused, except the seal's own: from inside the trigger,
-- on an entry not yet sealed, setting only the chain's three columns.
create or replace function audit_log_refuse_change() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' and pg_trigger_depth() > 1 and old.chain_seq is null
       and (old.id, old.actor_user_id, old.action, old.target_type, old.target_id,
            old.ip, old.user_agent, old.metadata, old.created_at)
           is not distinct from
           (new.id, new.actor_user_id, new.action, new.target_type, new.target_id,
            new.ip, new.user_agent, new.metadata, new.created_at) then
        return new;
    end if;
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create function audit_log_seal() returns trigger
language plpgsql as $$
declare
    head  audit_chain_head;
    entry audit_log;
begin
    select * into head from audit_chain_head for update;
    select * into entry from audit_log where id = new.id;
    entry.chain_seq := head.seq + 1;
    entry.prev_hash := head.hash;
    entry.entry_hash := audit_entry_hash(head.hash, audit_entry_content(entry));
    update audit_log
       set chain_seq = entry.chain_seq, prev_hash = entry.prev_hash, entry_hash = entry.entry_hash
     where id = new.id;
    update audit_chain_head set seq = entry.chain_seq, hash = entry.entry_hash;
    return null;
end;
$$;

create constraint trigger audit_log_sealed after insert on audit_log
    deferrable initially deferred
    for each row execute function audit_log_seal();

-- The entries written before the chain, sealed in the order they were made.
alter table audit_log disable trigger audit_log_no_update;
do $$
declare
    entry audit_log;
    head  audit_chain_head;
begin
    select * into head from audit_chain_head;
    for entry in select * from audit_log order by created_at, id loop
        entry.chain_seq := head.seq + 1;
        entry.prev_hash := head.hash;
        entry.entry_hash := audit_entry_hash(head.hash, audit_entry_content(entry));
        update audit_log
           set chain_seq = entry.chain_seq, prev_hash = entry.prev_hash,
               entry_hash = entry.entry_hash
         where id = entry.id;
        head.seq := entry.chain_seq;
        head.hash := entry.entry_hash;
    end loop;
    update audit_chain_head set seq = head.seq, hash = head.hash;
end;
$$;
alter table audit_log enable trigger audit_log_no_update;
