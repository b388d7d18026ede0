-- Secrets every server instance must share live in the database (keys that
-- protect the database itself come from configuration instead).
create table site_secrets (
    name        text primary key,
    value       bytea not null,
    created_at  timestamptz not null default now()
);

-- Salts the hash that counts anonymous vacancy views once per half hour:
-- gen_random_uuid draws from the server's strong random source.
insert into site_secrets (name, value)
values ('anonymous_view_salt',
        decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));

-- The key under which a visitor who is not signed in is counted: a salted
-- hash of their address and browser, which cannot be traced back to them
-- without the salt, and is the same on every instance.
create function anonymous_viewer_key(fingerprint text) returns text
language sql stable as $$
    select 'anon:' || encode(sha256(s.value || convert_to(fingerprint, 'UTF8')), 'hex')
      from site_secrets s
     where s.name = 'anonymous_view_salt'
$$;
