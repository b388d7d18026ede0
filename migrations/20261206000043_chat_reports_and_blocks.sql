-- Reports of messages, for the moderation queue (issue 19 builds its
-- pages). A report keeps what the message said when it was reported, so an
-- edit or a deletion afterwards hides nothing from the moderators.
create table chat_reports (
    id                uuid primary key,
    message_id        uuid references chat_messages (id) on delete set null,
    chat_id           uuid references chats (id) on delete set null,
    reporter_id       uuid references users (id) on delete set null,
    reported_user_id  uuid references users (id) on delete set null,
    reason            text not null
                      check (reason in ('spam', 'harassment', 'scam', 'inappropriate', 'other')),
    details           text not null default '' check (length(details) <= 1000),
    message_body      text not null,
    message_file      text,
    message_sent_at   timestamptz not null,
    status            text not null default 'open' check (status in ('open', 'resolved', 'dismissed')),
    created_at        timestamptz not null default now()
);
-- One open report per person and message.
create unique index chat_reports_open_key on chat_reports (message_id, reporter_id)
    where status = 'open';
create index chat_reports_queue_idx on chat_reports (created_at) where status = 'open';

-- Whom a person stops hearing from in direct conversations: the
-- conversation turns read-only for both, and no new one can be opened.
create table chat_blocks (
    blocker_id  uuid not null references users (id) on delete cascade,
    blocked_id  uuid not null references users (id) on delete cascade,
    created_at  timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
);
create index chat_blocks_blocked_idx on chat_blocks (blocked_id, blocker_id);

-- Whether `opener` may start a direct conversation with `other`: they
-- already share an application (a job seeker writes to the team of a
-- vacancy that does not hide its company; the team to anyone who applied),
-- an accepted introduction, or a team; and neither blocks the other.
create function chat_may_direct(opener uuid, other uuid) returns boolean
language sql stable as $$
    select opener <> other
       and not exists (select 1 from chat_blocks b
                        where (b.blocker_id = opener and b.blocked_id = other)
                           or (b.blocker_id = other and b.blocked_id = opener))
       and exists (select 1 from users u
                    where u.id = other and u.deleted_at is null and u.status in ('pending', 'active'))
       and (exists (select 1 from applications a
                      join vacancies v on v.id = a.vacancy_id
                      join company_members m on m.company_id = v.company_id
                     where (a.candidate_id = opener and m.user_id = other and not v.is_confidential)
                        or (a.candidate_id = other and m.user_id = opener))
            or exists (select 1 from introduction_requests r
                         join company_members m on m.company_id = r.company_id
                        where r.status = 'accepted'
                          and ((r.professional_id = opener and m.user_id = other)
                               or (r.professional_id = other and m.user_id = opener)))
            or exists (select 1 from company_members a
                         join company_members b on b.company_id = a.company_id
                        where a.user_id = opener and b.user_id = other))
$$;
