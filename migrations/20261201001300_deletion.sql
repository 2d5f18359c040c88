-- Deletion on demand: those who consented may demand that the log's content be deleted.
-- The log closes (its package goes to the archive, where the archive law keeps it), and once
-- the archive has answered, or at once for a log never opened, the server purges the
-- content. What remains is a tombstone: the log's row (id, dates, archive reference, who
-- asked and when) and the audit trail, whose details never hold content.
alter table log add column deletion_requested_by uuid references person;
alter table log add constraint log_deletion_requested_by_someone
    check ((deletion_requested_at is null) = (deletion_requested_by is null));
grant update (deletion_requested_at, deletion_requested_by) on log to stafett_app;

-- The notice to the holder that the family demands deletion.
alter table pending_notice drop constraint pending_notice_kind_check;
alter table pending_notice add constraint pending_notice_kind_check
    check (kind in ('entry', 'measure', 'minutes', 'baton', 'closing', 'transition', 'request',
                    'leaving', 'deletion'));

-- The purge's door (see owner_named_log): the log named in `stafett.purging_log`, only
-- once its deletion is due.
create function purging_log() returns uuid[]
language sql stable security definer set search_path = public, pg_temp as $$
    select array(select l.log_id from log l
                 where l.log_id = owner_named_log('stafett.purging_log')
                   and l.deletion_requested_at is not null and l.deleted_at is null
                   and l.status <> 'open'
                   and (l.archived_at is not null or l.opened_at is null));
$$;
revoke all on function purging_log() from public;

create or replace function content_logs() returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return content_logs_on((now() at time zone 'Europe/Oslo')::date) || archiving_log()
        || purging_log();
end
$$;

-- Consents are evidence and never change; the one exception is the purge of a log whose
-- deletion the family demanded, which takes their texts with the rest.
create function consent_kept() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.log_id = any (purging_log()) then
        return old;
    end if;
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end;
$$;
drop trigger consent_append_only on consent;
create trigger consent_append_only before update or delete on consent
    for each row execute function consent_kept();

-- Removes every piece of the log's content and marks it deleted. Run by the server's
-- deletion worker as the owner; refuses a log whose deletion is not due.
create function purge_log_content(target uuid) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    perform set_config('stafett.purging_log', target::text, true);
    if not target = any (purging_log()) then
        raise exception 'the content of log % is not to be deleted now', target
            using errcode = 'insufficient_privilege';
    end if;
    delete from attachment where log_id = target;
    delete from evaluation
    where measure_id in (select m.measure_id from measure m where m.log_id = target);
    -- A measure and the meeting decision it came from point at each other.
    update meeting_decision set measure_id = null
    where meeting_id in (select m.meeting_id from meeting m where m.log_id = target);
    delete from measure where log_id = target;
    delete from meeting_decision
    where meeting_id in (select m.meeting_id from meeting m where m.log_id = target);
    delete from meeting_agenda_item
    where meeting_id in (select m.meeting_id from meeting m where m.log_id = target);
    delete from meeting_invitee
    where meeting_id in (select m.meeting_id from meeting m where m.log_id = target);
    delete from meeting where log_id = target;
    delete from goal where log_id = target;
    delete from development_area where log_id = target;
    delete from entry where log_id = target;
    delete from closing_notice where log_id = target;
    delete from family_request where log_id = target;
    delete from pending_notice where log_id = target;
    delete from log_visit where log_id = target;
    update handover_offer set message = null, reason = null where log_id = target;
    update transition set message = null where log_id = target;
    update participant set responsibility = null, contact_phone = null, contact_email = null
    where log_id = target;
    delete from consent where log_id = target;
    update archive_package set document = null, arkivmelding = null
    where log_id = target and delivered_at is not null;
    update log set deleted_at = now() where log_id = target;
end
$$;
revoke all on function purge_log_content(uuid) from public;
