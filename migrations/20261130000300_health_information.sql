-- Services that share health information (the health station, the GP, physiotherapy and
-- occupational therapy, and whatever else the directory marks so) take part in a log only
-- with the consent to share health information, which a youth gives alone from 16
-- (pasient- og brukerrettighetsloven § 4-3 b) and, below 16, the guardians with parental
-- responsibility give (§ 4-4; all of them when the child lives with both apart). A youth of
-- 15 decides alone on involving the school, but not the health station. The same rule is in
-- domain::consent::covers_service; the property test compares the two.

alter table unit add column shares_health_information boolean not null default false;
update unit set shares_health_information = true
where kind in ('health_station', 'gp', 'physio_ot');

create or replace function log_access(today date)
returns table (log_id uuid, content boolean, records boolean)
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return query
    with me as materialized (select acting_person() as person_id),
    candidate as (
        select l.log_id, 'child' as kind, null::uuid as unit_id
        from me join log l on l.child_id = me.person_id
        union all
        select l.log_id, 'guardian', null
        from me
        join guardianship g on g.guardian_id = me.person_id and g.has_parental_responsibility
        join log l on l.child_id = g.child_id
        union all
        select h.log_id, 'holder', h.unit_id
        from me join holder_assignment h on h.person_id = me.person_id and h.ended_at is null
        union all
        select p.log_id, 'participant', p.unit_id
        from me join participant p on p.person_id = me.person_id and p.left_at is null
        where p.unit_id is not null
    ),
    family as materialized (
        select l.log_id, l.child_id, l.status, age_on(c.birth_date, today) as age
        from log l join child c on c.person_id = l.child_id
        where l.log_id in (select c.log_id from candidate c) and l.deleted_at is null
    ),
    -- The two kinds of consent that decide who sees a log, and from which age the youth
    -- decides each alone: `access` (establishing, involving a service, a transition, the
    -- child's own access) from 15, `health` (sharing health information) from 16.
    kind as (
        select * from (values ('access', 15), ('health', 16)) as k (name, youth_from)
    ),
    -- Whose decisions count: the youth alone from that age; below it every guardian with
    -- parental responsibility (`requirement`).
    decider as (
        select f.log_id, k.name as kind, f.child_id as person_id
        from family f join kind k on f.age >= k.youth_from
        union all
        select f.log_id, k.name, g.guardian_id
        from family f
        join kind k on f.age < k.youth_from
        join guardianship g on g.child_id = f.child_id and g.has_parental_responsibility
    ),
    -- Below that age, with fixed residence with both parents apart, all of them must
    -- consent.
    rule as (
        select f.log_id, k.name as kind,
               (select count(*) from decider d where d.log_id = f.log_id and d.kind = k.name)
                   as deciders,
               f.age < k.youth_from and exists (
                   select 1 from guardianship g
                   where g.child_id = f.child_id and g.has_parental_responsibility
                     and g.residence = 'shared_residence') as everyone
        from family f cross join kind k
    ),
    -- Each decider's latest decision on each consent.
    latest as (
        select distinct on (k.log_id, k.scope, k.unit_id, k.consenter_id)
               k.log_id, d.kind, k.scope, k.unit_id, k.decision
        from consent k
        join decider d on d.log_id = k.log_id and d.person_id = k.consenter_id
            and d.kind = case when k.scope = 'share_health_information' then 'health'
                              else 'access' end
        where k.scope in ('establish_log', 'involve_service', 'transition', 'child_own_access',
                          'share_health_information')
        order by k.log_id, k.scope, k.unit_id, k.consenter_id, k.sequence desc
    ),
    -- `decide`: a withdrawal by anyone who decides stands; otherwise one consent suffices,
    -- or every decider's where all must consent.
    verdict as (
        select v.log_id, v.scope, v.unit_id, v.withdrawn,
               not v.withdrawn and v.given > 0 and (not r.everyone or v.given = r.deciders)
                   as allows
        from (select x.log_id, x.kind, x.scope, x.unit_id,
                     bool_or(x.decision = 'withdrawn') as withdrawn,
                     count(*) filter (where x.decision = 'given') as given
              from latest x group by x.log_id, x.kind, x.scope, x.unit_id) as v
        join rule r on r.log_id = v.log_id and r.kind = v.kind
    ),
    judged as (
        select c.log_id, c.kind, f.status,
               -- `covers_service`: the establishment and the service's involvement or a
               -- transition to it allowed, neither of the two withdrawn; for a service that
               -- shares health information, the consent to share it allowed too.
               c.unit_id is not null
                   and exists (select 1 from verdict v
                               where v.log_id = c.log_id and v.scope = 'establish_log'
                                 and v.unit_id is null and v.allows)
                   and exists (select 1 from verdict v
                               where v.log_id = c.log_id
                                 and v.scope in ('involve_service', 'transition')
                                 and v.unit_id = c.unit_id and v.allows)
                   and not exists (select 1 from verdict v
                                   where v.log_id = c.log_id
                                     and v.scope in ('involve_service', 'transition')
                                     and v.unit_id = c.unit_id and v.withdrawn)
                   and (not exists (select 1 from unit u
                                    where u.unit_id = c.unit_id and u.shares_health_information)
                        or exists (select 1 from verdict v
                                   where v.log_id = c.log_id
                                     and v.scope = 'share_health_information'
                                     and v.unit_id is null and v.allows)) as service,
               -- A child's own access: needs nobody's consent from 15.
               c.kind = 'child'
                   and (f.age >= 15
                        or exists (select 1 from verdict v
                                   where v.log_id = c.log_id and v.scope = 'child_own_access'
                                     and v.unit_id is null and v.allows)) as own
        from candidate c join family f on f.log_id = c.log_id
    )
    select j.log_id,
           bool_or(j.status = 'open' and (j.kind = 'guardian' or j.own or j.service)),
           bool_or((j.status = 'open' and j.service) or j.kind in ('guardian', 'holder') or j.own)
    from judged j
    group by j.log_id;
end
$$;

-- The gate's facts name the log's services that share health information, too.
drop function gate_facts(uuid, uuid);
create function gate_facts(target uuid, person uuid)
returns table (status text, child_id uuid, birth_date integer, today integer,
               guardians json, consents json, relations json, health_units uuid[])
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
