-- Private by design: a new profile is seen by signed-in companies only
-- ('network'), never by the whole internet, until its owner opens it up.
-- Existing accounts keep what they chose.
alter table user_settings alter column profile_visibility set default 'network';
