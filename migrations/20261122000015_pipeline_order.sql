-- The pipeline lists a vacancy's applicants best match first: this index
-- hands over the first page without reading the other thousands.
create index applications_pipeline_order_idx
    on applications (vacancy_id, match_score desc, created_at, id);
