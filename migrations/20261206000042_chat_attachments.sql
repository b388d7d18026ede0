-- A message may carry one file: an image (shown in the thread) or a PDF,
-- up to 10 MB, checked and cleaned like every upload and kept behind the
-- storage interface. A message with a file may have no text.
create table chat_attachments (
    message_id    uuid primary key references chat_messages (id) on delete cascade,
    storage_key   text not null unique,
    file_name     text not null check (length(file_name) between 1 and 200),
    content_type  text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
    byte_size     bigint not null check (byte_size between 1 and 10485760),
    -- Images only, so the thread can keep their place while they load.
    width         integer check (width > 0),
    height        integer check (height > 0),
    check ((content_type = 'application/pdf') = (width is null and height is null))
);

-- A deleted message keeps no text (nor file); one that is not deleted has
-- text or a file, which the code checks (it spans two tables).
alter table chat_messages drop constraint chat_messages_check;
alter table chat_messages add constraint chat_messages_deleted_empty
    check (deleted_at is null or body = '');
