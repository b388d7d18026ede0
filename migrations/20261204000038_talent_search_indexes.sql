-- Talent search on the large set (issue 16) read every profile containing
-- the words and threw most away after fetching them from the table, and
-- ranked all 200,000 people to show the twenty most recently active.
--
-- Where a person is, as one text the search's place filter reads, so it
-- can sit in the search index beside the words (trigrams, as for `ilike`).
alter table candidate_profiles add column place text generated always as (
    coalesce(city, '') || ' ' || coalesce(region, '') || ' ' || coalesce(country, '')) stored;

-- With the place and the equality filters inside the GIN index (btree_gin),
-- the index alone picks the rows the words, place, seniority and industry
-- allow, as the job search's index does; only findable profiles (with a
-- name) are in it.
drop index candidate_profiles_search_idx;
create index candidate_profiles_findable_idx on candidate_profiles
    using gin (search_document, place gin_trgm_ops, seniority, industry_id)
    where first_name <> '';

-- "Recently active" walks job seekers in that order and stops at a page;
-- someone who never came back was last active when they signed up.
create index users_candidate_activity_idx on users ((coalesce(last_login_at, created_at)) desc, id)
    where account_type = 'candidate' and deleted_at is null;

-- Who may be found at all: the search joins each match to its account and
-- privacy settings, and these let it read both from an index alone.
create index users_findable_candidates_idx on users (id) include (last_login_at, created_at)
    where account_type = 'candidate' and deleted_at is null and status in ('pending', 'active');
create index user_settings_visible_idx on user_settings (user_id) include (confidential_mode)
    where profile_visibility <> 'private';
