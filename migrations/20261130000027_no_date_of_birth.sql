-- Hiring needs no date of birth, and asking for it invites age
-- discrimination: the field is gone from the profile, and what was stored
-- is erased.
alter table candidate_profiles drop column date_of_birth;
