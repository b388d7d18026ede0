-- A professional whose identity an administrator checked (issue 19's
-- "verify a professional"; issue 16's "verified only" talent filter): when,
-- by whom and how, shown as a badge on the profile and in talent search.
alter table candidate_profiles
    add column identity_verified_at timestamptz,
    add column identity_verified_by uuid references users (id) on delete set null,
    add column identity_check_note  text check (length(identity_check_note) <= 500),
    add constraint candidate_profiles_identity check (
        (identity_verified_at is null) = (identity_check_note is null));
