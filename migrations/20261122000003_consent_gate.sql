-- The consent gate in the database: a log waits for its establishing consent, staff take
-- part for a named service, row-level security on every content table, and the audit trail
-- hash-chained per log. The rules themselves live in app/src/domain/consent; what is here is
-- the second line of defence: coarser, never more permissive.

-- A log is requested by its holder and opens once the establishing consent suffices.
alter table log drop constraint log_status_check;
alter table log add constraint log_status_check check (status in ('requested', 'open', 'closed'));
alter table log alter column status set default 'requested';
alter table log add column requested_by uuid references staff;

-- A named member of staff takes part for one of their units (both set, and a member of
-- it); a whole service has the unit only; the family and others the person only.
alter table participant drop constraint participant_person_or_service;
alter table participant add constraint participant_person_or_service
    check (person_id is not null or unit_id is not null);
alter table participant add constraint participant_staff_of_unit
    foreign key (person_id, unit_id) references staff_unit_membership (person_id, unit_id);
drop index participant_unit_current_idx;
create unique index participant_unit_current_idx on participant (log_id, unit_id)
    where left_at is null and person_id is null;

-- Consents in the order they were recorded: two in one transaction share `now()`.
alter table consent add column sequence bigint generated always as identity;
create unique index consent_sequence_idx on consent (sequence);

-- The person the current transaction acts for, set by the gate with
-- set_config('stafett.person_id', …, true). Unset means nobody: no content.
create function acting_person() returns uuid
language sql stable parallel safe as $$
    select nullif(current_setting('stafett.person_id', true), '')::uuid
$$;

-- Some consent to `scope` (for `unit`) is on record for the log, and nobody's latest
-- decision on it is a withdrawal.
create function consent_standing(target uuid, wanted_scope text, wanted_unit uuid)
returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
    with latest as (
        select distinct on (consenter_id) decision
        from consent
        where log_id = target and scope = wanted_scope
          and unit_id is not distinct from wanted_unit
        order by consenter_id, sequence desc
    )
    select coalesce(bool_and(decision = 'given'), false) from latest
$$;

-- Whether the acting person may see the content of a log at all: it is open and not
-- deleted, and they are a guardian with parental responsibility, the child, or staff
-- holding it or taking part for a service whose consents stand. The application's gate
-- decides the rest (ages, whose consent counts today).
create function log_content_visible(target uuid) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
    select exists (
        select 1
        from log l
        where l.log_id = target
          and l.status = 'open'
          and l.deleted_at is null
          and acting_person() is not null
          and (
              l.child_id = acting_person()
              or exists (
                  select 1 from guardianship g
                  where g.child_id = l.child_id and g.guardian_id = acting_person()
                    and g.has_parental_responsibility
              )
              or exists (
                  select 1
                  from (
                      select h.unit_id from holder_assignment h
                      where h.log_id = target and h.person_id = acting_person()
                        and h.ended_at is null
                      union
                      select p.unit_id from participant p
                      where p.log_id = target and p.person_id = acting_person()
                        and p.unit_id is not null and p.left_at is null
                  ) as mine (unit_id)
                  where consent_standing(target, 'establish_log', null)
                    and (consent_standing(target, 'involve_service', mine.unit_id)
                         or consent_standing(target, 'transition', mine.unit_id))
              )
          )
    )
$$;

create function measure_log(target uuid) returns uuid
language sql stable security definer set search_path = public, pg_temp as $$
    select log_id from measure where measure_id = target
$$;

create function meeting_log(target uuid) returns uuid
language sql stable security definer set search_path = public, pg_temp as $$
    select log_id from meeting where meeting_id = target
$$;

-- The role the application's content transactions run as (`set local role`): it owns
-- nothing, so row-level security applies to it. Roles belong to the cluster; tests migrate
-- many databases at once, so a concurrent creation is not an error.
do $$
begin
    begin
        create role stafett_app nologin;
    exception when duplicate_object or unique_violation then
        null;
    end;
    -- The application logs in as the migrating role and drops to stafett_app.
    execute format('grant stafett_app to %I', current_user);
end
$$;
grant usage on schema public to stafett_app;
grant select, insert, update on entry, development_area, goal, measure, evaluation, meeting,
    meeting_agenda_item, meeting_invitee, meeting_decision to stafett_app;
grant delete on meeting_agenda_item, meeting_invitee to stafett_app;
grant select on log, child, guardianship, person, staff, staff_unit_membership, unit,
    participant, holder_assignment, consent to stafett_app;
grant insert on consent, participant, child_account to stafett_app;
grant select (person_id) on child_account to stafett_app;
grant update (email, phone) on person to stafett_app;
grant update (status, closed_at) on log to stafett_app;
grant insert on audit_event to stafett_app;
grant usage on sequence audit_event_audit_event_id_seq to stafett_app;

-- Row-level security on every content table, forced (the owner is held to it too), each
-- row visible and writable only as its log's content is.
do $$
declare
    content record;
begin
    for content in select * from (values
        ('entry', 'log_id'),
        ('development_area', 'log_id'),
        ('goal', 'log_id'),
        ('measure', 'log_id'),
        ('meeting', 'log_id'),
        ('evaluation', 'measure_log(measure_id)'),
        ('meeting_agenda_item', 'meeting_log(meeting_id)'),
        ('meeting_invitee', 'meeting_log(meeting_id)'),
        ('meeting_decision', 'meeting_log(meeting_id)')
    ) as t (name, log_of_row) loop
        execute format('alter table %I enable row level security', content.name);
        execute format('alter table %I force row level security', content.name);
        execute format(
            'create policy %I on %I using (log_content_visible(%s)) with check (log_content_visible(%s))',
            content.name || '_visible', content.name, content.log_of_row, content.log_of_row);
    end loop;
end
$$;

-- The audit trail, chained per log: each event's hash covers its fields and the hash of the
-- log's previous event, and the head of each chain is kept apart, so changing, removing or
-- reordering any event of a log (the last one too) is detected by audit_verify().
create table audit_chain_head (
    log_id uuid primary key references log,
    last_event_id bigint not null,
    last_hash bytea not null
);

create function audit_event_text(e audit_event) returns text
language sql immutable as $$
    select concat_ws('|', e.audit_event_id::text,
        to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(e.actor_id::text, ''), e.log_id::text, e.action, e.detail::text)
$$;

create function audit_event_hash(e audit_event) returns bytea
language sql immutable as $$
    select sha256(coalesce(e.prev_hash, ''::bytea) || convert_to(audit_event_text(e), 'UTF8'))
$$;

create function audit_event_chain() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if new.log_id is null then
        return new;
    end if;
    -- One writer per log at a time, so the chain never forks.
    perform pg_advisory_xact_lock(hashtextextended('audit_chain:' || new.log_id::text, 0));
    select last_hash into new.prev_hash from audit_chain_head where log_id = new.log_id;
    new.hash := audit_event_hash(new);
    insert into audit_chain_head (log_id, last_event_id, last_hash)
    values (new.log_id, new.audit_event_id, new.hash)
    on conflict (log_id) do update
        set last_event_id = excluded.last_event_id, last_hash = excluded.last_hash;
    return new;
end;
$$;

create trigger audit_event_chain before insert on audit_event
    for each row execute function audit_event_chain();

-- The first event of the log's audit chain that does not verify (changed, or following a
-- removed one), or the head when events after it are missing; null if the chain is whole.
create function audit_verify(target uuid) returns bigint
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    e audit_event;
    previous bytea := null;
    last_id bigint := null;
    head audit_chain_head;
begin
    for e in select * from audit_event where log_id = target order by audit_event_id loop
        if e.prev_hash is distinct from previous or e.hash is distinct from audit_event_hash(e) then
            return e.audit_event_id;
        end if;
        previous := e.hash;
        last_id := e.audit_event_id;
    end loop;
    select * into head from audit_chain_head where log_id = target;
    if head.log_id is null then
        return last_id;
    end if;
    if head.last_event_id is distinct from last_id or head.last_hash is distinct from previous then
        return coalesce(last_id, 0);
    end if;
    return null;
end;
$$;
