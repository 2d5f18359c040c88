-- Row-level security that allows exactly what the rules of domain::access allow, no more.
-- The policies used to be coarser than the rules, and wider in three places: any consenter's
-- standing consent counted where both parents must consent (shared residence), the
-- guardians' consents still counted after the child had turned 15 and decided alone, and a
-- child under 15 saw the log without the consent to their own access. Here the rules are
-- the ones of domain::consent (`decide`, `covers_service`) for the four consents that decide
-- who sees a log (establishing it, involving a service, a transition to one, a child's own
-- access), all of which the youth decides alone from 15. The property test
-- `the_policies_allow_what_the_rules_allow` (server/tests/database_defence.rs) compares them
-- with the Rust rules on generated families and histories.
--
-- The same answer also decides who may read the people and consents around a log (the
-- second half of this file).

-- Completed years on `today` for someone born on `birth`, as domain::consent::age_on counts
-- them: a year is completed on the birthday, and someone born on 29 February completes it on
-- 1 March in common years (the 29th does not come).
create function age_on(birth date, today date) returns integer
language sql immutable parallel safe as $$
    select case when today < birth then 0
                else extract(year from today)::integer - extract(year from birth)::integer
                     - case when (extract(month from today), extract(day from today))
                                 < (extract(month from birth), extract(day from birth))
                            then 1 else 0 end
           end
$$;

-- How the acting person stands to each of their logs (not deleted) on `today`: whether they
-- may read its content (`LogAction::ReadContent`) and whether they may read its people and
-- consents (that, or `LogAction::ReadConsentHistory`: a guardian with parental
-- responsibility, the holder, the child from 15 or with their own access). One set-based
-- statement for all their logs.
create function log_access(today date)
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
    -- Whose decisions count for the four consents: the youth alone from 15; below, every
    -- guardian with parental responsibility (`requirement`).
    decider as (
        select f.log_id, f.child_id as person_id from family f where f.age >= 15
        union all
        select f.log_id, g.guardian_id
        from family f
        join guardianship g on g.child_id = f.child_id and g.has_parental_responsibility
        where f.age < 15
    ),
    -- Below 15, with fixed residence with both parents apart, all of them must consent.
    rule as (
        select f.log_id,
               (select count(*) from decider d where d.log_id = f.log_id) as deciders,
               f.age < 15 and exists (
                   select 1 from guardianship g
                   where g.child_id = f.child_id and g.has_parental_responsibility
                     and g.residence = 'shared_residence') as everyone
        from family f
    ),
    -- Each decider's latest decision on each consent.
    latest as (
        select distinct on (k.log_id, k.scope, k.unit_id, k.consenter_id)
               k.log_id, k.scope, k.unit_id, k.decision
        from consent k
        join decider d on d.log_id = k.log_id and d.person_id = k.consenter_id
        where k.scope in ('establish_log', 'involve_service', 'transition', 'child_own_access')
        order by k.log_id, k.scope, k.unit_id, k.consenter_id, k.sequence desc
    ),
    -- `decide`: a withdrawal by anyone who decides stands; otherwise one consent suffices,
    -- or every decider's where all must consent.
    verdict as (
        select v.log_id, v.scope, v.unit_id, v.withdrawn,
               not v.withdrawn and v.given > 0 and (not r.everyone or v.given = r.deciders)
                   as allows
        from (select x.log_id, x.scope, x.unit_id,
                     bool_or(x.decision = 'withdrawn') as withdrawn,
                     count(*) filter (where x.decision = 'given') as given
              from latest x group by x.log_id, x.scope, x.unit_id) as v
        join rule r on r.log_id = v.log_id
    ),
    judged as (
        select c.log_id, c.kind, f.status,
               -- `covers_service`: the establishment and the service's involvement or a
               -- transition to it allowed, neither of the two withdrawn.
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
                                     and v.unit_id = c.unit_id and v.withdrawn) as service,
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

-- The logs whose content the acting person may see on `today` (the property test asks for
-- any day; the policies for today in Europe/Oslo, as the gate does).
create function content_logs_on(today date) returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return (select coalesce(array_agg(a.log_id) filter (where a.content), '{}')
            from log_access(today) a);
end
$$;

create or replace function content_logs() returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    return content_logs_on((now() at time zone 'Europe/Oslo')::date);
end
$$;

-- Every content table by the same set, computed once per statement. Rows of tables without
-- their own log_id are visible as the row they belong to is.
do $$
declare
    content record;
begin
    for content in select * from (values
        ('entry', 'log_id = any ((select content_logs())::uuid[])'),
        ('development_area', 'log_id = any ((select content_logs())::uuid[])'),
        ('goal', 'log_id = any ((select content_logs())::uuid[])'),
        ('measure', 'log_id = any ((select content_logs())::uuid[])'),
        ('meeting', 'log_id = any ((select content_logs())::uuid[])'),
        ('attachment', 'log_id = any ((select content_logs())::uuid[])'),
        ('evaluation', 'measure_id in (select m.measure_id from measure m
                                       where m.log_id = any ((select content_logs())::uuid[]))'),
        ('meeting_agenda_item', 'meeting_id in (select m.meeting_id from meeting m
                                                where m.log_id = any ((select content_logs())::uuid[]))'),
        ('meeting_invitee', 'meeting_id in (select m.meeting_id from meeting m
                                            where m.log_id = any ((select content_logs())::uuid[]))'),
        ('meeting_decision', 'meeting_id in (select m.meeting_id from meeting m
                                             where m.log_id = any ((select content_logs())::uuid[]))')
    ) as t (name, visible) loop
        execute format('drop policy %I on %I', content.name || '_visible', content.name);
        execute format('create policy %I on %I using (%s) with check (%s)',
            content.name || '_visible', content.name, content.visible, content.visible);
    end loop;
end
$$;

-- The per-row rule, its helpers, and the per-row log lookups are replaced by the above.
drop function log_content_visible(uuid);
drop function consent_standing(uuid, text, uuid);
drop function measure_log(uuid);
drop function meeting_log(uuid);
