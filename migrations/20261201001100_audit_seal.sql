-- The audit trail is sealed by the application, not by the database: a trigger with plain
-- SHA-256 could be rerun by anyone holding the owner role after changing a row. The sealer
-- (`app::server::audit_seal`, run by the server in the background) chains each log's events
-- with HMAC-SHA-256 under a key only the application holds (`STAFETT_AUDIT_KEY`), and writes
-- each chain's head to a place outside the database (checkpoints). What stays here is the
-- order of the events and a list of the logs with events not sealed yet.

-- Carried over only whole: once the old chain is gone, a row changed before this migration
-- would be sealed as it is. A broken chain stops the migration for someone to look at.
do $$
declare
    broken record;
begin
    for broken in
        select l.log_id, audit_verify(l.log_id) as event_id
        from (select log_id from audit_chain_head
              union select log_id from audit_event where log_id is not null) l
    loop
        if broken.event_id is not null then
            raise exception 'the audit chain of log % does not verify at event %',
                broken.log_id, broken.event_id;
        end if;
    end loop;
end
$$;

drop trigger audit_event_chain on audit_event;
drop function audit_event_chain();
drop function audit_verify(uuid);
drop function audit_event_hash(audit_event);
drop function audit_event_text(audit_event);
drop table audit_chain_head;
alter table audit_event drop column prev_hash, drop column hash;

-- The logs whose newest events the sealer has not sealed yet, so that it finds them every
-- second without reading the trail. Written with each event; the sealer deletes a row only
-- up to the event it sealed (a newer event, committed meanwhile, keeps it).
create table audit_unsealed (
    log_id uuid primary key references log,
    last_event_id bigint not null
);
insert into audit_unsealed (log_id, last_event_id)
select log_id, max(audit_event_id) from audit_event where log_id is not null group by log_id;

-- An event of a log takes its id under a lock on the log held until its transaction ends, so
-- a log's events commit in the order of their ids: once the sealer sees an event, it sees
-- every earlier event of that log there will ever be (a transaction that drew a lower id
-- had committed, or rolled back, before this one could take the lock). Without it a
-- bigserial id is drawn when the row is formed and a lower id could commit after a higher
-- one was sealed: the chain would have to skip it. The lock alone, as the old chain had it,
-- is not enough: the default draws the id before the trigger waits for the lock. Events
-- outside any log are not chained and keep the default (which a log's event also draws, and
-- throws away).
create function audit_event_order() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if new.log_id is null then
        return new;
    end if;
    perform pg_advisory_xact_lock(hashtextextended('audit_chain:' || new.log_id::text, 0));
    new.audit_event_id := nextval('audit_event_audit_event_id_seq');
    insert into audit_unsealed (log_id, last_event_id)
    values (new.log_id, new.audit_event_id)
    on conflict (log_id) do update set last_event_id = excluded.last_event_id;
    return new;
end;
$$;

create trigger audit_event_order before insert on audit_event
    for each row execute function audit_event_order();

-- One seal per event of a log: the HMAC of the event and of the log's previous seal, and the
-- key's id (keys are rotated; old ones stay for verifying). The application's role may not
-- read or write seals: only the sealer and the verifier use them, as the owner. Keeping the
-- owner out is not this table's work but the key's, which the database never sees.
create table audit_seal (
    audit_event_id bigint primary key references audit_event,
    log_id uuid not null references log,
    -- The log's previously sealed event; null for its first. Unique per log, so a chain
    -- cannot fork, whatever two sealers do at once.
    previous_event_id bigint,
    mac bytea not null check (length(mac) = 32),
    key_id text not null check (key_id ~ '^[0-9a-f]{16}$'),
    sealed_at timestamptz not null default now(),
    unique nulls not distinct (log_id, previous_event_id)
);
create index audit_seal_log_idx on audit_seal (log_id, audit_event_id);
create trigger audit_seal_append_only before update or delete on audit_seal
    for each row execute function refuse_change();
