-- Dates as dates: the gate's facts give the birth date and today's date (in Oslo) as `date`,
-- and the log page's JSON gives moments as `timestamptz` (ISO 8601 with the offset) and days
-- as `date`, so the server reads them into real date types and the UI writes them in the
-- reader's language. Otherwise both functions are as before.

drop function gate_facts(uuid, uuid);
create function gate_facts(target uuid, person uuid)
returns table (status text, child_id uuid, birth_date date, today date,
               guardians json, consents json, relations json, health_units uuid[])
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return query
    with facts as (
        select l.status, l.child_id,
               c.birth_date,
               (now() at time zone 'Europe/Oslo')::date as today,
               coalesce((
                   select json_agg(json_build_object(
                       'person_id', g.guardian_id,
                       'responsible', g.has_parental_responsibility,
                       'residence', g.residence))
                   from guardianship g where g.child_id = l.child_id
               ), '[]'::json) as guardians,
               coalesce((
                   select json_agg(json_build_object(
                       'consenter', k.consenter_id, 'scope', k.scope, 'unit', k.unit_id,
                       'decision', k.decision,
                       'since_closed', l.closed_at is not null and k.recorded_at >= l.closed_at)
                       order by k.sequence)
                   from consent k where k.log_id = l.log_id
               ), '[]'::json) as consents,
               coalesce((
                   select json_agg(json_build_object('kind', r.kind, 'unit', r.unit_id))
                   from (
                       select 'holder' as kind, h.unit_id from holder_assignment h
                       where h.log_id = l.log_id and h.person_id = person and h.ended_at is null
                       union all
                       select 'participant', p.unit_id from participant p
                       where p.log_id = l.log_id and p.person_id = person and p.left_at is null
                         and p.unit_id is not null
                       union all
                       select 'leader', m.unit_id from staff_unit_membership m
                       where m.person_id = person and m.role = 'unit_leader'
                         and m.unit_id in (
                             select p.unit_id from participant p
                             where p.log_id = l.log_id and p.left_at is null
                             union
                             select h.unit_id from holder_assignment h
                             where h.log_id = l.log_id and h.ended_at is null)
                   ) as r
               ), '[]'::json) as relations,
               array(
                   select u.unit_id from unit u
                   where u.shares_health_information and u.unit_id in (
                       select p.unit_id from participant p
                       where p.log_id = l.log_id and p.left_at is null
                       union
                       select h.unit_id from holder_assignment h
                       where h.log_id = l.log_id and h.ended_at is null)
                   order by u.unit_id
               ) as health_units
        from log l join child c on c.person_id = l.child_id
        where l.log_id = target and l.deleted_at is null
    )
    select f.status,
           case when s.stands then f.child_id end,
           case when s.stands then f.birth_date end,
           f.today,
           case when s.stands then f.guardians else '[]'::json end,
           case when s.stands then f.consents else '[]'::json end,
           f.relations,
           case when s.stands then f.health_units else '{}'::uuid[] end
    from facts f, lateral (
        select json_array_length(f.relations) > 0 or f.child_id = person
               or exists (select 1 from guardianship g
                          where g.child_id = f.child_id and g.guardian_id = person) as stands
    ) as s;
end
$$;

create or replace function log_page(person uuid, target uuid, before uuid, page_size integer)
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
                'evaluation_date', x.planned_evaluation_date)
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
    return page;
end
$$;
