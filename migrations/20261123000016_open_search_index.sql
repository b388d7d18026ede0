-- Job search only ever looks at active vacancies and nearly always narrows by
-- remote option, employment type or seniority. With those columns inside the
-- GIN index (btree_gin) the index alone picks the rows, so the heap is read
-- only for real matches instead of for every vacancy containing the words.
create extension if not exists btree_gin;
drop index vacancies_search_idx;
create index vacancies_open_search_idx on vacancies
    using gin (search_document, remote_option, employment_type, seniority)
    where status = 'active';
