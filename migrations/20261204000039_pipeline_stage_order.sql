-- The board walks each stage's applicants in the order it shows them
-- (best match, then oldest, then id) and stops at a page. The index lacked
-- the id, so after five calls PostgreSQL's cached plan for the board read
-- and sorted every applicant of the stage (the pipeline of 5,000 fell from
-- 527 to 44 req/s); with the whole order in the index there is no sort to
-- misjudge.
create index applications_pipeline_stage_idx
    on applications (vacancy_id, status, match_score desc, created_at, id);
drop index applications_pipeline_idx;
