-- Closing as the routine says: the holder closes when coordinated help is no longer needed,
-- after telling the family, who may object; and a request that never got its consent can
-- be cancelled by its holder.

-- A cancelled request is kept (consents already given are evidence) but reaches no list
-- and no one: it is marked with when.
alter table log drop constraint log_status_check;
alter table log add constraint log_status_check
    check (status in ('requested', 'open', 'closed', 'cancelled'));
alter table log add column cancelled_at timestamptz;
alter table log add constraint log_cancelled_has_time
    check ((status = 'cancelled') = (cancelled_at is not null));
grant update (cancelled_at) on log to stafett_app;

-- The holder's notice that the log will close, with why; the family's objection ends it,
-- and so does the log closing (by anyone).
create table closing_notice (
    closing_notice_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    given_by uuid not null references person,
    reason text not null check (length(btrim(reason)) between 10 and 2000),
    given_at timestamptz not null default now(),
    objected_by uuid references person,
    objection text check (length(objection) <= 2000),
    objected_at timestamptz,
    ended_at timestamptz,
    constraint closing_notice_objection_complete
        check ((objected_by is null) = (objected_at is null))
);
-- One notice at a time: a notice objected to or ended makes room for the next.
create unique index closing_notice_one_running_idx on closing_notice (log_id)
    where objected_at is null and ended_at is null;
alter table closing_notice enable row level security;
create policy closing_notice_readable on closing_notice to stafett_app
    using (log_id = any ((select record_logs())::uuid[]))
    with check (log_id = any ((select record_logs())::uuid[]));
grant select, insert on closing_notice to stafett_app;
grant update (objected_by, objection, objected_at, ended_at) on closing_notice to stafett_app;

-- Notices of closing: to the family of a notice given, to the holder of an objection.
alter table pending_notice drop constraint pending_notice_kind_check;
alter table pending_notice add constraint pending_notice_kind_check
    check (kind in ('entry', 'measure', 'minutes', 'baton', 'closing'));
