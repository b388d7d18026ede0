-- Every email the site sends (seed 001 email_logs), written in the
-- transaction of the change that causes it and sent afterwards by the job
-- queue: the outbox. `variables` feed the template and are cleared once the
-- mail has gone or failed for good, so the links' one-time tokens do not
-- outlive the mail in the database.
create table email_logs (
    id                  uuid primary key,
    user_id             uuid references users (id) on delete set null,
    to_address          text not null check (length(to_address) <= 254),
    template            text not null check (length(template) <= 100),
    variables           jsonb,
    -- What the mail's unsubscribe link stops (`mail::unsubscribe`), signed
    -- when the mail is written.
    unsubscribe         text,
    subject             text check (length(subject) <= 998),
    status              text not null default 'queued'
                        check (status in ('queued', 'sending', 'sent', 'failed', 'suppressed',
                                          'bounced', 'complained')),
    attempts            int not null default 0,
    -- When the current attempt claimed the mail; an attempt that died
    -- mid-send is retried once this is old.
    sending_since       timestamptz,
    provider            text,
    provider_message_id text,
    error               text,
    created_at          timestamptz not null default now(),
    sent_at             timestamptz
);
create index email_logs_user_idx on email_logs (user_id);
create index email_logs_recipient_idx on email_logs (lower(to_address));
create index email_logs_status_idx on email_logs (status) where status <> 'sent';
create index email_logs_created_idx on email_logs (created_at);
create unique index email_logs_provider_message_idx on email_logs (provider_message_id);

-- Addresses no mail goes to any more: a provider reported a bounce or a
-- complaint, or the recipient (without an account) asked for no more
-- invitations.
create table email_suppressions (
    address     text primary key check (address = lower(address)),
    reason      text not null check (reason in ('bounce', 'complaint', 'unsubscribed')),
    created_at  timestamptz not null default now()
);

-- Templates an admin changed (seed 001 email_templates); a template with no
-- row here uses the text in the code.
create table email_templates (
    name        text primary key check (length(name) <= 100),
    subject     text not null check (length(subject) between 1 and 255),
    body_html   text not null check (length(body_html) <= 50000),
    body_text   text not null check (length(body_text) <= 50000),
    updated_by  uuid references users (id) on delete set null,
    updated_at  timestamptz not null default now()
);

-- The development capture keeps both parts and the list headers, as SMTP
-- would send them.
alter table captured_emails
    add column body_html text,
    add column message_id text,
    add column list_unsubscribe text;
