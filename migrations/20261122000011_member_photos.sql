-- A team member's photo, shown to their team (and, later, to candidates
-- they contact). Stored at thumbnail size, like company logos.

alter table company_members
    add column photo_key           text unique,
    add column photo_content_type  text check (photo_content_type in ('image/jpeg', 'image/png')),
    add column photo_updated_at    timestamptz,
    add constraint company_members_photo_complete
        check ((photo_key is null) = (photo_content_type is null));
