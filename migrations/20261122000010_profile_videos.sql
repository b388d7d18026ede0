-- A candidate's video introduction. The file is checked by content when it
-- arrives; ffprobe and ffmpeg then read its length and size and cut a
-- thumbnail in the background, so the row starts as 'processing'.

create table profile_videos (
    id                       uuid primary key,
    -- One video introduction per person: a new upload replaces the old one.
    user_id                  uuid not null unique references users (id) on delete cascade,
    storage_key              text not null unique,
    thumbnail_key            text unique,
    file_name                text not null,
    content_type             text not null check (content_type in ('video/mp4', 'video/webm')),
    byte_size                bigint not null check (byte_size > 0),
    duration_seconds         integer check (duration_seconds >= 0),
    width                    integer check (width > 0),
    height                   integer check (height > 0),
    processing_status        text not null default 'processing' check (processing_status in
                             ('processing', 'completed', 'failed')),
    processing_started_at    timestamptz not null default now(),
    processing_completed_at  timestamptz,
    views_count              integer not null default 0 check (views_count >= 0),
    created_at               timestamptz not null default now()
);
create index profile_videos_processing_idx on profile_videos (processing_started_at)
    where processing_status = 'processing';
