-- Contact data that reaches people. A person keeps their own e-mail address and mobile
-- number, each confirmed with a code sent to it before anything else is sent there; the
-- language messages to them are written in; and whether notices come by e-mail, SMS or both.
--
-- `person.email` and `person.phone` stay what they were: the work contact the administrator
-- gives staff (shown to the others in a log) and the address a guardian gives a child's own
-- login for its codes. Those are vouched for by the one who gave them, and count as confirmed
-- until the person confirms an address of their own, which then takes their place. Anyone
-- else's `person.email` (seeded or from earlier versions) is never used to send anything.

create table person_contact (
    person_id uuid primary key references person,
    email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
    email_confirmed_at timestamptz,
    mobile text check (mobile ~ '^\+[0-9]{8,15}$'),
    mobile_confirmed_at timestamptz,
    -- The language of messages to the person (and of the pages, once they log in).
    lang text not null default 'nb' check (lang in ('nb', 'nn', 'en')),
    -- How notices of news reach them: e-mail, SMS, or both.
    notice_channel text not null default 'email' check (notice_channel in ('email', 'sms', 'both')),
    updated_at timestamptz not null default now(),
    constraint person_contact_email_confirmed check ((email is null) = (email_confirmed_at is null)),
    constraint person_contact_mobile_confirmed check ((mobile is null) = (mobile_confirmed_at is null))
);

-- A code waiting to confirm a new address: one per person and kind. The code is kept only as
-- an argon2 hash; the code itself goes sealed through the outbox. `attempts` counts wrong
-- codes (five, then a new code is needed); `sent` counts codes sent since `window_started_at`
-- (a person cannot make the server send more than five an hour to addresses they name).
create table contact_confirmation (
    person_id uuid not null references person,
    kind text not null check (kind in ('email', 'mobile')),
    address text not null check (length(address) <= 254),
    code_hash text not null,
    expires_at timestamptz not null,
    attempts integer not null default 0 check (attempts >= 0),
    sent integer not null default 1 check (sent >= 1),
    window_started_at timestamptz not null default now(),
    primary key (person_id, kind)
);

-- A person's contact data is their own: the application's role reads and writes only the
-- acting person's rows. As with the other personal data, the owner (the outbox, the digest,
-- the login) is not held to it.
alter table person_contact enable row level security;
create policy person_contact_own on person_contact to stafett_app
    using (person_id = acting_person()) with check (person_id = acting_person());
alter table contact_confirmation enable row level security;
create policy contact_confirmation_own on contact_confirmation to stafett_app
    using (person_id = acting_person()) with check (person_id = acting_person());
grant select, insert, update on person_contact to stafett_app;
grant select, insert, update, delete on contact_confirmation to stafett_app;

-- Where and how a person is reached: their own confirmed addresses, else those vouched for
-- (a member of staff's work contact from the administrator; a child's code address from a
-- guardian); their language (null if never chosen); their channel; and, if nothing reaches
-- them, why. Not granted to the application's role: read by the owner, or through the
-- functions below.
create view person_reach as
select p.person_id,
       coalesce(c.email, case when v.vouched then p.email end) as email,
       coalesce(c.mobile, case when v.vouched then p.phone end) as mobile,
       c.lang,
       coalesce(c.notice_channel, 'email') as channel,
       p.notify,
       case
           when coalesce(c.email, c.mobile, case when v.vouched then coalesce(p.email, p.phone) end)
                is null then 'no_contact'
           when p.notify = 'none' then 'notices_off'
       end as unreachable
from person p
left join person_contact c on c.person_id = p.person_id
cross join lateral (
    select exists (select 1 from staff s where s.person_id = p.person_id)
           or exists (select 1 from child_account a where a.person_id = p.person_id) as vouched
) as v;

-- How to reach `people`, for the application's role: only those it may see already
-- (`record_people()`, the same rule as for their names), so that a notice or invitation can
-- be queued in the transaction that caused it.
create function reach_of(people uuid[])
returns table (person_id uuid, email text, mobile text, lang text, channel text, notify text)
language sql stable security definer set search_path = public, pg_temp as $$
    select r.person_id, r.email, r.mobile, r.lang, r.channel, r.notify
    from person_reach r
    where r.person_id = any (people) and r.person_id = any ((select record_people())::uuid[])
$$;

-- Why `person` cannot be reached, for the current holder of `target` only, and only for
-- someone around that log (the child, a guardian, a holder or participant): nobody else
-- learns anything from it, and the holder learns only the reason, never an address.
create function unreachable_to_holder(target uuid, person uuid) returns text
language sql stable security definer set search_path = public, pg_temp as $$
    select r.unreachable
    from person_reach r
    where r.person_id = person
      and exists (select 1 from holder_assignment h
                  where h.log_id = target and h.person_id = acting_person() and h.ended_at is null)
      and person in (select l.child_id from log l where l.log_id = target
                     union select g.guardian_id from guardianship g
                           join log l on l.child_id = g.child_id where l.log_id = target
                     union select x.person_id from participant x where x.log_id = target
                     union select h.person_id from holder_assignment h where h.log_id = target)
$$;

-- The log page as before, and for the holder: why a participant cannot be reached.
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
    if before is null then
        insert into log_visit (person_id, log_id, seen_at) values (person, target, now())
        on conflict (person_id, log_id) do update set seen_at = excluded.seen_at;
    end if;
    return page;
end
$$;
