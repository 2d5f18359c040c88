-- The people around a log, and the log itself, readable by the application's role only as
-- the gate lets the acting person see them. `stafett_app` read every person, child,
-- guardianship, consent and participant of every log: one query in a content transaction
-- that forgot its condition would have shown another family's names, contact details and
-- consents. Now those rows are visible to stafett_app only for the logs whose content or
-- consent history the acting person may read (`log_access`), and nothing without an acting
-- person. The table owner (the server outside content transactions: login, the log request,
-- the outbox) is not held to these policies.
--
-- The gate itself needs the facts of a log for anyone who stands to it in some way, also
-- where the answer is no (a participant whose consent was withdrawn is told so, a unit
-- leader that he sees figures): `gate_facts` reads them for the gate, and only for a person
-- who stands to the log.

create function record_logs() returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return (select coalesce(array_agg(a.log_id) filter (where a.records), '{}')
            from log_access((now() at time zone 'Europe/Oslo')::date) a);
end
$$;

-- The acting person, and everyone named in the logs of `record_logs()`: the child, the
-- guardians, holders and participants (former ones too), and those who consented or
-- documented a consent. Everyone named in content (authors, responsible persons,
-- minute-takers) is one of them: the gate lets only those write.
create function record_people() returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    logs uuid[] := record_logs();
begin
    return array(
        select acting_person() where acting_person() is not null
        union
        select l.child_id from log l where l.log_id = any (logs)
        union
        select g.guardian_id from guardianship g join log l on l.child_id = g.child_id
        where l.log_id = any (logs)
        union
        select h.person_id from holder_assignment h where h.log_id = any (logs)
        union
        select p.person_id from participant p where p.log_id = any (logs) and p.person_id is not null
        union
        select k.consenter_id from consent k where k.log_id = any (logs)
        union
        select k.documented_by from consent k where k.log_id = any (logs) and k.documented_by is not null);
end
$$;

do $$
declare
    personal record;
begin
    for personal in select * from (values
        ('log', 'log_id = any ((select record_logs())::uuid[])'),
        ('consent', 'log_id = any ((select record_logs())::uuid[])'),
        ('participant', 'log_id = any ((select record_logs())::uuid[])'),
        ('holder_assignment', 'log_id = any ((select record_logs())::uuid[])'),
        ('child', 'person_id in (select l.child_id from log l
                                 where l.log_id = any ((select record_logs())::uuid[]))'),
        ('guardianship', 'child_id in (select l.child_id from log l
                                       where l.log_id = any ((select record_logs())::uuid[]))'),
        ('person', 'person_id = any ((select record_people())::uuid[])')
    ) as t (name, visible) loop
        execute format('alter table %I enable row level security', personal.name);
        execute format('create policy %I on %I to stafett_app using (%s) with check (%s)',
            personal.name || '_readable', personal.name, personal.visible, personal.visible);
    end loop;
end
$$;

-- Of a person, stafett_app changes only contact details (a guardian setting up a child's
-- own login): the acting person's own, or those of a child they have parental
-- responsibility for.
create policy person_contact_changed_by_guardian on person as restrictive for update
    to stafett_app
    using (person_id = acting_person()
           or person_id in (select g.child_id from guardianship g
                            where g.guardian_id = acting_person()
                              and g.has_parental_responsibility));

-- The gate's facts (app/src/server/gate.rs): the log's status, the child's birth date, the
-- guardians, every consent in recorded order, today in Europe/Oslo and how `person` stands
-- to the log. No row for a deleted or unknown log; for a person who does not stand to it,
-- only that the log exists (no child, family or consents), so that the gate can still
-- refuse and record the refusal.
create function gate_facts(target uuid, person uuid)
returns table (status text, child_id uuid, birth_date integer, today integer,
               guardians json, consents json, relations json)
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return query
    with facts as (
        select l.status, l.child_id,
               c.birth_date - date '2000-01-01' as birth_date,
               (now() at time zone 'Europe/Oslo')::date - date '2000-01-01' as today,
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
               ), '[]'::json) as relations
        from log l join child c on c.person_id = l.child_id
        where l.log_id = target and l.deleted_at is null
    )
    select f.status,
           case when s.stands then f.child_id end,
           case when s.stands then f.birth_date end,
           f.today,
           case when s.stands then f.guardians else '[]'::json end,
           case when s.stands then f.consents else '[]'::json end,
           f.relations
    from facts f, lateral (
        select json_array_length(f.relations) > 0 or f.child_id = person
               or exists (select 1 from guardianship g
                          where g.child_id = f.child_id and g.guardian_id = person) as stands
    ) as s;
end
$$;
