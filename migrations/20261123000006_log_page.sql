-- content_logs() as one set-based query. It called log_content_visible() per candidate
-- log, and that consent_standing() up to three times, each a security-definer function
-- with its own search_path: about 0.3 ms per call, paid once per content table a statement
-- touches (the log page touches four). And a SQL function's plan lives only as long as the
-- statement calling it, so every policy's call planned it again (0.9 ms); a PL/pgSQL
-- function's plan is kept for the session. This gives the same answer (see the test
-- `content_logs_agrees_with_log_content_visible`) in a small part of the time: the person's
-- logs as child, as a guardian with parental responsibility, or as staff holding or taking
-- part for a unit whose establishing consent and involve or transition consent stand (some
-- consent on record, nobody's latest decision a withdrawal); open and not deleted.
create or replace function content_logs() returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return (
    with me as materialized (select acting_person() as person_id),
    candidate as (
        select l.log_id, null::uuid as unit_id, true as family
        from me join log l on l.child_id = me.person_id
        union all
        select l.log_id, null, true
        from me
        join guardianship g on g.guardian_id = me.person_id and g.has_parental_responsibility
        join log l on l.child_id = g.child_id
        union all
        select h.log_id, h.unit_id, false
        from me join holder_assignment h on h.person_id = me.person_id and h.ended_at is null
        union all
        select p.log_id, p.unit_id, false
        from me join participant p on p.person_id = me.person_id and p.left_at is null
        where p.unit_id is not null
    ),
    latest as (
        select distinct on (k.log_id, k.scope, k.unit_id, k.consenter_id)
               k.log_id, k.scope, k.unit_id, k.decision
        from consent k
        where k.log_id in (select log_id from candidate where not family)
        order by k.log_id, k.scope, k.unit_id, k.consenter_id, k.sequence desc
    ),
    standing as (
        select log_id, scope, unit_id from latest
        group by log_id, scope, unit_id
        having bool_and(decision = 'given')
    )
    select coalesce(array_agg(distinct c.log_id), '{}')
    from candidate c join log l on l.log_id = c.log_id
    where l.status = 'open' and l.deleted_at is null
      and (c.family
           or (exists (select 1 from standing s
                       where s.log_id = c.log_id and s.scope = 'establish_log'
                         and s.unit_id is null)
               and exists (select 1 from standing s
                           where s.log_id = c.log_id
                             and s.scope in ('involve_service', 'transition')
                             and s.unit_id = c.unit_id))));
end
$$;

-- The log page in one statement. The server decides with the gate first (one statement for
-- the facts); then this function reads the whole page and records the read in the audit
-- chain, in one round trip, whatever the number of entries: the acting person set, the
-- role dropped to stafett_app, and row-level security applied to every content row as in a
-- content transaction. It also refuses outright (null) a log whose content the acting
-- person may not see now, so even the parts read from tables without row-level security
-- (names, contact details) are checked a second time.
--
-- Entries come newest first, `page_size` of them, older than the entry `before` if given;
-- `older` names the entry to continue from when there are more.
create function log_page(person uuid, target uuid, before uuid, page_size integer)
returns json
language plpgsql volatile set search_path = public, pg_temp as $$
declare
    page json;
    shown integer;
begin
    perform set_config('stafett.person_id', person::text, true);
    set local role stafett_app;
    if not target = any (content_logs()) then
        return null;
    end if;
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
                'email', coalesce(x.contact_email, p.email, u.email))
                order by x.joined_at, x.participant_id)
            from participant x
            left join person p on p.person_id = x.person_id
            left join unit u on u.unit_id = x.unit_id
            where x.log_id = l.log_id and x.left_at is null), '[]'::json),
        'next_meeting', (
            select json_build_object(
                'meeting_id', m.meeting_id,
                'starts_at', to_char(m.starts_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI'),
                'ends_at', to_char(m.ends_at at time zone 'Europe/Oslo', 'HH24:MI'),
                'place', m.place, 'video_url', m.video_url,
                'minutes_approved', m.minutes_approved_at is not null)
            from meeting m where m.log_id = l.log_id and m.ends_at >= now()
            order by m.starts_at limit 1),
        'measures', coalesce((
            select json_agg(json_build_object(
                'title', x.title,
                'responsible_name', r.given_name || ' ' || r.family_name,
                'status', x.status,
                'evaluation_date', to_char(x.planned_evaluation_date, 'YYYY-MM-DD'))
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
                'written_at', to_char(e.created_at at time zone 'Europe/Oslo', 'YYYY-MM-DD HH24:MI'),
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
    return page;
end
$$;
