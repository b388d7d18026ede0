-- The daily summary (`notifications::digest`): notifications of a kind the
-- person gets as a summary wait for it here, and each person's last
-- summary keeps them to one a day.
alter table notifications add column digest_pending boolean not null default false;
create index notifications_digest_idx on notifications (user_id) where digest_pending;

create table notification_digests (
    user_id  uuid primary key references users (id) on delete cascade,
    sent_at  timestamptz not null
);
