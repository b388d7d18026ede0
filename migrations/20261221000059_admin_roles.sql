-- Administrators' roles (seed 001 admin_users): a super admin may do
-- everything; a moderator, support or finance their part of the dashboard
-- (`auth::rules::AdminRole::may`). The administrators there are become
-- super admins. Someone made an administrator without a role gets the
-- narrowest, support, and someone who stops being one loses theirs.

alter table users add column admin_role text
    check (admin_role in ('super_admin', 'moderator', 'support', 'finance'));
update users set admin_role = 'super_admin' where account_type = 'admin';

create function users_admin_role_fits() returns trigger
language plpgsql as $$
begin
    if new.account_type = 'admin' then
        new.admin_role := coalesce(new.admin_role, 'support');
    else
        new.admin_role := null;
    end if;
    return new;
end
$$;

create trigger users_admin_role_fits before insert or update of account_type, admin_role
    on users for each row execute function users_admin_role_fits();
