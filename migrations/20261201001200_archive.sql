-- The archive package: closing a log produces, exactly once per closing, a package for the
-- municipality's archive (and, for a log transferred to an Individual Plan, one more for the
-- municipality's IP system) (a PDF/A of the whole log and its arkivmelding.xml). The row is
-- made in the closing's own transaction, by a trigger, so that no way of closing a log can
-- forget it; the server's archive worker builds the package off the request path and
-- delivers it, retrying, with the row's id as the idempotency key (server::archive).
create table archive_package (
    archive_package_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    -- Which closing it is the package of: a log reopened and closed again gets another.
    closed_at timestamptz not null,
    destination text not null default 'archive'
        check (destination in ('archive', 'individual_plan')),
    -- Made by the worker; the bytes are dropped once the receiver has answered (the archive
    -- keeps them, and Stafett must not hold a second copy of the content), the checksum
    -- stays as evidence of what was sent.
    document bytea,
    arkivmelding text,
    document_sha256 bytea,
    built_at timestamptz,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error text check (length(last_error) <= 500),
    delivered_at timestamptz,
    reference text check (length(btrim(reference)) between 1 and 200),
    unique (log_id, closed_at, destination),
    constraint archive_package_built
        check ((built_at is null) = (document_sha256 is null)),
    constraint archive_package_held_until_delivered
        check (delivered_at is not null or built_at is null
               or (document is not null and arkivmelding is not null)),
    constraint archive_package_receipt
        check ((delivered_at is null) = (reference is null))
);
create index archive_package_due_idx on archive_package (next_attempt_at)
    where delivered_at is null;
-- Only the owner (the worker) reads or writes packages: they hold the whole log.
alter table archive_package enable row level security;

create function archive_package_on_close() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    insert into archive_package (log_id, closed_at, destination)
    select new.log_id, new.closed_at, destination
    from unnest(array['archive', 'individual_plan']) as destination
    where destination = 'archive' or new.transferred_to_individual_plan_at is not null
    on conflict (log_id, closed_at, destination) do nothing;
    return new;
end;
$$;
revoke all on function archive_package_on_close() from public;
create trigger log_archive_package_on_close after update of status on log
    for each row when (new.status = 'closed' and old.status is distinct from 'closed')
    execute function archive_package_on_close();

-- A log reopened is no longer archived as it is now: the next closing archives it anew.
create function log_archive_cleared_on_reopen() returns trigger
language plpgsql as $$
begin
    new.archived_at := null;
    new.archive_reference := null;
    return new;
end;
$$;
create trigger log_archive_cleared_on_reopen before update of status on log
    for each row when (old.status = 'closed' and new.status = 'open')
    execute function log_archive_cleared_on_reopen();

-- Content is held to row-level security even for the owner, and a closed log's content is
-- nobody's: the server's own workers reach one log at a time through doors like the one
-- below. A door opens for the owner's own sessions only (never a content transaction, which
-- acts as stafett_app), for the log the transaction names in the given setting.
create function owner_named_log(setting text) returns uuid
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    named text := current_setting(setting, true);
begin
    if coalesce(named, '') = '' or current_setting('role') <> 'none'
       or session_user::text <> (select pg_get_userbyid(relowner)::text from pg_class
                                 where oid = 'public.log'::regclass) then
        return null;
    end if;
    return named::uuid;
end
$$;
revoke all on function owner_named_log(text) from public;

-- The archive worker's door: the log named in `stafett.archiving_log`, only while its
-- package is not yet built; once the PDF is stored, the door is shut again.
create function archiving_log() returns uuid[]
language sql stable security definer set search_path = public, pg_temp as $$
    select array(select p.log_id from archive_package p
                 where p.log_id = owner_named_log('stafett.archiving_log')
                   and p.built_at is null);
$$;
revoke all on function archiving_log() from public;

create or replace function content_logs() returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return content_logs_on((now() at time zone 'Europe/Oslo')::date) || archiving_log();
end
$$;

-- The unit overview's figures read entry, measure and evaluation dates as stafett_figures
-- (migration …0400). Its policies applied to every member of that role, and the owner is
-- one: the owner read every entry of every log, closed ones too, past the forced policies
-- above. They now hold for that role acting as itself only.
alter policy entry_dates on entry using (current_user = 'stafett_figures');
alter policy measure_dates on measure using (current_user = 'stafett_figures');
alter policy evaluation_dates on evaluation using (current_user = 'stafett_figures');
