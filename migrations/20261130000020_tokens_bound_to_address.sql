-- An emailed link works only for the address it was sent to: a token keeps
-- that address, is refused once the account's address differs, and every
-- outstanding token ends when the address changes.
alter table user_tokens add column email text;
update user_tokens t set email = u.email from users u where u.id = t.user_id;
alter table user_tokens alter column email set not null;

create function end_tokens_on_email_change() returns trigger
language plpgsql as $$
begin
    update user_tokens set used_at = now()
     where user_id = new.id and used_at is null;
    return new;
end;
$$;

create trigger users_email_change_ends_tokens
    after update of email on users
    for each row
    when (lower(old.email) is distinct from lower(new.email))
    execute function end_tokens_on_email_change();
