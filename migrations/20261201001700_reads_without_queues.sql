-- Reads of one log no longer wait for each other. Three rows were written by every view of
-- a log and held until its commit, so that every reader of a busy log queued behind the one
-- before it, fsync included: the log's audit lock and its row in `audit_unsealed` (taken so
-- that a log's events commit in the order of their ids), the reader's `log_visit`, and their
-- login's `last_seen_at`. Every read is still recorded in the statement that returns the
-- content; what changes is how the sealer knows which ids are final, and that the two
-- bookkeeping rows are written only when they would change.

-- An event's id no longer waits for the events before it to commit. The sealer instead seals
-- only up to an id every transaction that could still hold a lower one has ended with
-- (`app::server::audit_seal::horizon`). For that, a transaction must have its transaction id
-- before it draws an event id: it then shows up among the running transactions the sealer
-- looks at once it has read the sequence. The column's default draws before this trigger,
-- when the row may still have no transaction id; a log's event draws again here. Events
-- outside any log are not chained and keep the default.
create or replace function audit_event_order() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if new.log_id is null then
        return new;
    end if;
    perform pg_current_xact_id();
    new.audit_event_id := nextval('audit_event_audit_event_id_seq');
    return new;
end;
$$;

-- Every event up to `through` is sealed, or outside any log: the sealer looks for logs with
-- new events after it, in the primary key's order, without a row per log that each event
-- would have to write. Only the sealer, as the owner, reads and writes it.
create table audit_sealed_through (
    only_row boolean primary key default true check (only_row),
    through bigint not null
);
revoke all on audit_sealed_through from stafett_app;
-- Sealed through the lowest head of a log still waiting, or everything if none waits.
insert into audit_sealed_through (through)
select coalesce(
    (select min(coalesce((select max(s.audit_event_id) from audit_seal s
                          where s.log_id = u.log_id), 0))
     from audit_unsealed u),
    (select max(audit_event_id) from audit_event),
    0);
drop table audit_unsealed;

-- The visit is written only when the page shows something that was new to the reader: what
-- it is kept for (which entries are new) is then the same, and a reader who opens a log with
-- nothing new writes no row another view of theirs would have to wait for.
create or replace function log_page(person uuid, target uuid, before uuid, page_size integer)
returns json
language plpgsql volatile set search_path = public, pg_temp as $$
declare
    page json;
    shown integer;
    last_seen timestamptz;
begin
    perform set_config('stafett.person_id', person::text, true);
    set local role stafett_app;
    if not target = any (content_logs()) then
        return null;
    end if;
    select v.seen_at into last_seen from log_visit v
    where v.person_id = person and v.log_id = target;
    with shown_entries as (
        select e.entry_id, e.author_id, e.body, e.is_child_voice, e.created_at
        from entry e
        where e.log_id = target
          and (before is null or (e.created_at, e.entry_id) < (
                  select b.created_at, b.entry_id from entry b
                  where b.entry_id = before and b.log_id = target))
        order by e.created_at desc, e.entry_id desc
        limit page_size + 1
    )
    select json_build_object(
        'child_name', c.given_name || ' ' || c.family_name,
        'holder', (
            select json_build_object(
                'name', p.given_name || ' ' || p.family_name, 'unit_name', u.name,
                'responsibility', null, 'phone', u.phone, 'email', p.email)
            from holder_assignment h
            join person p on p.person_id = h.person_id
            join unit u on u.unit_id = h.unit_id
            where h.log_id = l.log_id and h.ended_at is null),
        'participants', coalesce((
            select json_agg(json_build_object(
                'name', coalesce(p.given_name || ' ' || p.family_name, u.name),
                'unit_name', u.name, 'responsibility', x.responsibility,
                'phone', coalesce(x.contact_phone, u.phone),
                'email', coalesce(x.contact_email, p.email, u.email),
                'unreachable', case when x.person_id is not null
                                    then unreachable_to_holder(l.log_id, x.person_id) end)
                order by x.joined_at, x.participant_id)
            from participant x
            left join person p on p.person_id = x.person_id
            left join unit u on u.unit_id = x.unit_id
            where x.log_id = l.log_id and x.left_at is null), '[]'::json),
        'next_meeting', (
            select json_build_object(
                'meeting_id', m.meeting_id,
                'starts_at', m.starts_at,
                'ends_at', m.ends_at,
                'place', m.place, 'video_url', m.video_url,
                'minutes_approved', m.minutes_approved_at is not null)
            from meeting m where m.log_id = l.log_id and m.ends_at >= now()
            order by m.starts_at limit 1),
        'measures', coalesce((
            select json_agg(json_build_object(
                'title', x.title,
                'responsible_name', r.given_name || ' ' || r.family_name,
                'status', x.status,
                'evaluation_date', x.planned_evaluation_date,
                'last_evaluated', (select max(v.evaluated_on) from evaluation v
                                   where v.measure_id = x.measure_id))
                order by x.planned_evaluation_date, x.created_at)
            from measure x join person r on r.person_id = x.responsible_id
            where x.log_id = l.log_id and x.status in ('planned', 'active', 'paused')), '[]'::json),
        'entries', coalesce((
            select json_agg(json_build_object(
                'entry_id', e.entry_id,
                'author_name', a.given_name || ' ' || a.family_name,
                'body', e.body,
                'is_child_voice', e.is_child_voice,
                'mine', e.author_id = person,
                'is_new', e.author_id <> person and (last_seen is null or e.created_at > last_seen),
                'written_at', e.created_at,
                'attachments', coalesce((
                    select json_agg(json_build_object(
                        'attachment_id', f.attachment_id, 'file_name', f.file_name,
                        'content_type', f.content_type, 'size_bytes', f.size_bytes)
                        order by f.created_at, f.attachment_id)
                    from attachment f where f.entry_id = e.entry_id), '[]'::json))
                order by e.created_at desc, e.entry_id desc)
            from (select * from shown_entries order by created_at desc, entry_id desc
                  limit page_size) e
            join person a on a.person_id = e.author_id), '[]'::json),
        'older', (
            select s.entry_id from shown_entries s
            where (select count(*) from shown_entries) > page_size
            order by s.created_at desc, s.entry_id desc offset page_size - 1 limit 1),
        'shown', (select least(count(*), page_size) from shown_entries))
    into page
    from log l join person c on c.person_id = l.child_id
    where l.log_id = target;
    shown := (page ->> 'shown')::integer;
    insert into audit_event (actor_id, log_id, action, detail)
    values (person, target, 'content.read',
            json_build_object('what', 'log', 'entries', shown, 'before', before)::jsonb);
    if before is null and (last_seen is null or exists (
            select 1 from entry e
            where e.log_id = target and e.created_at > last_seen and e.author_id <> person)) then
        insert into log_visit (person_id, log_id, seen_at) values (person, target, now())
        on conflict (person_id, log_id) do update set seen_at = excluded.seen_at;
    end if;
    return page;
end
$$;
