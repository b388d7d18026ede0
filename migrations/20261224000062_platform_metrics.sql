-- The platform's daily figures (issue 19; seed 001 platform_metrics): one
-- row per UTC day, written by the worker's hourly sweep from the tables the
-- actions write, so a day can be computed again at any time. (Keyed by the
-- day itself; seed 001's separate id adds nothing.)
create table platform_metrics (
    metric_date            date primary key,
    new_candidates         integer not null default 0,
    new_employers          integer not null default 0,
    new_companies          integer not null default 0,
    -- People who signed in, swiped, applied or wrote a message that day.
    active_users           integer not null default 0,
    vacancies_posted       integer not null default 0,
    -- Published by the day's end and not closed or expired by then.
    vacancies_open         integer not null default 0,
    applications           integer not null default 0,
    swipes                 integer not null default 0,
    -- Right swipes and super-likes.
    likes                  integer not null default 0,
    introductions_sent     integer not null default 0,
    introductions_accepted integer not null default 0,
    messages               integer not null default 0,
    -- Paid invoices less refunds given back that day, in kobo.
    revenue                bigint not null default 0,
    computed_at            timestamptz not null default now()
);

-- The days' rows are read by time from tables written in time order:
-- block-range indexes find a day's rows for little space and write cost.
create index vacancy_swipes_created_brin on vacancy_swipes using brin (created_at);
create index applications_created_brin on applications using brin (created_at);
create index chat_messages_created_brin on chat_messages using brin (created_at);
create index vacancy_views_counted_brin on vacancy_views using brin (counted_at);
create index introduction_requests_sent_brin on introduction_requests using brin (sent_at);
