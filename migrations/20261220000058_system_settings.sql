-- Site settings admins edit (seed 001 system_settings): besides numbers,
-- switches and texts, each with its type, who changed it last and when.
-- The code reads them as one typed value (`system_settings`); triggers
-- read the numbers with `setting_number`. A change is announced on the
-- `site_settings` channel at commit, and every instance reads them again.

alter table site_settings drop constraint site_settings_value_check;
alter table site_settings alter column value type text using value::text;
alter table site_settings
    add column value_type text not null default 'integer'
        check (value_type in ('integer', 'boolean', 'text')),
    add column updated_by uuid references users (id) on delete set null,
    add column updated_at timestamptz not null default now(),
    add constraint site_settings_value_fits check (
        case value_type
            when 'integer' then value ~ '^-?[0-9]{1,18}$'
            when 'boolean' then value in ('true', 'false')
            else length(value) <= 2000
        end);

insert into site_settings (name, value, value_type, description) values
    ('registrations_open', 'true', 'boolean',
     'When off, nobody can create an account; everyone can still log in.'),
    ('maintenance_banner', '', 'text',
     'A notice shown on every page; empty for none.');

-- A number setting, or null when it is not stored.
create function setting_number(p_name text) returns bigint
language sql stable as $$
    select value::bigint from site_settings where name = p_name and value_type = 'integer'
$$;

create or replace function introduction_pending_limit() returns trigger
language plpgsql as $$
declare
    waiting bigint;
begin
    perform pg_advisory_xact_lock(hashtextextended('introductions:' || new.professional_id::text, 0));
    select count(*) into waiting from introduction_requests
     where professional_id = new.professional_id and status = 'pending';
    if waiting >= coalesce(setting_number('max_pending_introductions_per_professional'), 10) then
        raise exception 'too many pending introductions for %', new.professional_id
            using errcode = 'check_violation', constraint = 'introduction_pending_limit';
    end if;
    return new;
end
$$;

create function site_settings_announce() returns trigger
language plpgsql as $$
begin
    perform pg_notify('site_settings', '');
    return null;
end
$$;

create trigger site_settings_announce after insert or update or delete on site_settings
    for each statement execute function site_settings_announce();
