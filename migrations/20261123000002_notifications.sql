-- How each person wants to hear that something new happened in a log they take part in:
-- at once, in one e-mail a day, or not at all. Notices never carry content: only that
-- there is something new, and a link behind the login.
alter table person add column notify text not null default 'immediate'
    check (notify in ('immediate', 'daily', 'none'));

-- Notices waiting for a person's daily digest: which log, and what kind of thing.
create table pending_notice (
    pending_notice_id uuid primary key default gen_random_uuid(),
    person_id uuid not null references person,
    log_id uuid not null references log,
    kind text not null check (kind in ('entry', 'measure', 'minutes')),
    created_at timestamptz not null default now(),
    sent_at timestamptz
);
create index pending_notice_due_idx on pending_notice (created_at) where sent_at is null;

-- Written in the transaction that wrote the content, as the acting person.
grant insert on pending_notice to stafett_app;
