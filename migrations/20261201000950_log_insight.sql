-- Who has been in a child's log: every read and write of its content from the audit trail,
-- newest first, with how each person stood to the log at the time. For those who see the
-- log's consents (the family who decide, and the holder): the server function asks the gate,
-- and this asks again, so the list is refused in the database too.
create function log_insight(target uuid, before bigint, size integer)
returns table (audit_event_id bigint, occurred_at timestamptz, actor_name text, action text,
               what text, role text, unit_name text)
language plpgsql stable security definer set search_path = public, pg_temp as $$
begin
    -- As the gate's `ReadConsentHistory`: the holder, a guardian with parental
    -- responsibility, and the child where they see the log's records (from 15, or with
    -- their own access). Participants see content, not who else has.
    if not exists (
        select 1 from log l
        where l.log_id = target and l.deleted_at is null
          and (exists (select 1 from holder_assignment h
                       where h.log_id = l.log_id and h.person_id = acting_person()
                         and h.ended_at is null)
               or exists (select 1 from guardianship g
                          where g.child_id = l.child_id and g.guardian_id = acting_person()
                            and g.has_parental_responsibility)
               or (l.child_id = acting_person() and target = any (record_logs())))
    ) then
        return;
    end if;
    return query
    select e.audit_event_id, e.occurred_at, p.given_name || ' ' || p.family_name, e.action,
           e.detail ->> 'what', r.role, u.name
    from audit_event e
    join log l on l.log_id = e.log_id
    left join person p on p.person_id = e.actor_id
    left join lateral (
        select 'holder' as role, h.unit_id from holder_assignment h
        where h.log_id = e.log_id and h.person_id = e.actor_id
          and h.started_at <= e.occurred_at and (h.ended_at is null or h.ended_at > e.occurred_at)
        union all
        select 'participant', x.unit_id from participant x
        where x.log_id = e.log_id and x.person_id = e.actor_id
          and x.joined_at <= e.occurred_at and (x.left_at is null or x.left_at > e.occurred_at)
        union all
        select 'child', null where e.actor_id = l.child_id
        union all
        select 'guardian', null from guardianship g
        where g.child_id = l.child_id and g.guardian_id = e.actor_id
        limit 1
    ) r on true
    left join unit u on u.unit_id = r.unit_id
    where e.log_id = target
      and e.action in ('content.read', 'content.write', 'participants.read')
      and (before is null or e.audit_event_id < before)
    order by e.audit_event_id desc
    limit least(greatest(size, 1), 200);
end
$$;
revoke all on function log_insight(uuid, bigint, integer) from public;
grant execute on function log_insight(uuid, bigint, integer) to stafett_app;
