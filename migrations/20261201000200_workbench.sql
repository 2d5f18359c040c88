-- The holder's workbench: what needs a person on each of their logs. Two things it needs
-- that were not kept: when a person last opened a log (to count the entries since), and
-- whether a handover of a log waits for an answer.

-- When each person last opened each log's newest entries; one row per person and log,
-- written by `log_page()` in the same statement that records the read.
create table log_visit (
    person_id uuid not null references person,
    log_id uuid not null references log,
    seen_at timestamptz not null,
    primary key (person_id, log_id)
);
alter table log_visit enable row level security;
-- A person's visits are their own: nobody learns from them when someone else looked. As with
-- the other personal data, the application's role is held to it, the owner is not.
create policy log_visit_own on log_visit to stafett_app
    using (person_id = acting_person()) with check (person_id = acting_person());
grant select, insert, update on log_visit to stafett_app;

-- A pending handover is seen by the holder who offered it and the person it is offered to.
alter table handover_offer enable row level security;
create policy handover_offer_parties on handover_offer for select to stafett_app
    using (to_person_id = acting_person()
           or exists (select 1 from holder_assignment h
                      where h.holder_assignment_id = from_assignment_id
                        and h.person_id = acting_person()));
grant select on handover_offer to stafett_app;

-- The log page as before, and: each entry says whether it is new to the reader (written by
-- someone else since they last opened the log, or ever if they never did), each measure
-- when it was last evaluated, and opening the newest entries is remembered as a visit.
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
    if before is null then
        insert into log_visit (person_id, log_id, seen_at) values (person, target, now())
        on conflict (person_id, log_id) do update set seen_at = excluded.seen_at;
    end if;
    return page;
end
$$;
