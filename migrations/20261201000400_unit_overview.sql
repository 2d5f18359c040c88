-- The unit leader's overview: figures about the logs held in the units they lead, and none
-- of their content. A leader is not a participant, so the content tables' policies hide the
-- entries and measures the figures are counted from; two functions below read their dates,
-- statuses and counts, and nothing else.

-- When a log opened: it was set when the log was requested and never moved, so the time
-- from request to consent could not be told. It is now set when the establishing consent is
-- complete, and empty while the log waits for it.
alter table log alter column opened_at drop not null;
alter table log alter column opened_at drop default;
update log set opened_at = null where status = 'requested';

-- Content transactions open a log, so they write when it opened.
grant update (opened_at) on log to stafett_app;

-- The figures read when entries were written and when measures were to be evaluated and
-- were, in tables whose every row is otherwise hidden from anyone outside the log (forced
-- row-level security holds the owner too). A role of its own reads those dates: it may
-- select the columns of dates, statuses and keys and no other (no entry's body, no
-- measure's title), through policies for it alone; it logs in as nobody, and only the
-- function below runs as it.
do $$
begin
    begin
        create role stafett_figures nologin;
    exception when duplicate_object or unique_violation then
        null;
    end;
    execute format('grant stafett_figures to %I', current_user);
end
$$;
grant usage, create on schema public to stafett_figures;
grant select (log_id, created_at) on entry to stafett_figures;
grant select (measure_id, log_id, status, planned_evaluation_date) on measure to stafett_figures;
grant select (measure_id, evaluated_on) on evaluation to stafett_figures;
create policy entry_dates on entry for select to stafett_figures using (true);
create policy measure_dates on measure for select to stafett_figures using (true);
create policy evaluation_dates on evaluation for select to stafett_figures using (true);

-- For each of `logs`: when its newest entry was written, and each measure's status,
-- planned evaluation day and the days it was evaluated. Runs as stafett_figures; callable
-- by the owner only (unit_overview below), never by the application's role.
create function content_dates(logs uuid[])
returns table (log_id uuid, last_entry_at timestamptz, measures json)
language sql stable security definer set search_path = public, pg_temp as $$
    select l.id,
           (select max(e.created_at) from entry e where e.log_id = l.id),
           coalesce((
               select json_agg(json_build_object(
                   'status', x.status, 'planned', x.planned_evaluation_date,
                   'evaluated', coalesce((
                       select json_agg(v.evaluated_on order by v.evaluated_on)
                       from evaluation v where v.measure_id = x.measure_id), '[]'::json))
                   order by x.planned_evaluation_date, x.measure_id)
               from measure x where x.log_id = l.id), '[]'::json)
    from unnest(logs) as l (id)
$$;
alter function content_dates(uuid[]) owner to stafett_figures;
revoke all on function content_dates(uuid[]) from public;

-- One row per log held in a unit the acting person leads. No text of the log and no name
-- of the family: the child's name (the leader decides who holds the baton for a child),
-- the holder, the offer waiting, and the dates the figures are counted from.
create function unit_overview()
returns table (log_id uuid, unit_id uuid, unit_name text, child_name text, status text,
               requested_at timestamptz, opened_at timestamptz, closed_at timestamptz,
               holder_name text, holder_since timestamptz,
               offered_to text, offered_at timestamptz,
               last_entry_at timestamptz, measures json)
language sql stable security definer set search_path = public, pg_temp as $$
    with held as (
        select l.log_id, u.unit_id, u.name as unit_name,
               c.given_name || ' ' || c.family_name as child_name, l.status,
               l.created_at, l.opened_at, l.closed_at,
               p.given_name || ' ' || p.family_name as holder_name, h.started_at,
               (select t.given_name || ' ' || t.family_name from person t
                where t.person_id = o.to_person_id) as offered_to, o.offered_at
        from staff_unit_membership m
        join holder_assignment h on h.unit_id = m.unit_id and h.ended_at is null
        join log l on l.log_id = h.log_id and l.deleted_at is null
                  and l.status <> 'cancelled'
        join person c on c.person_id = l.child_id
        join person p on p.person_id = h.person_id
        join unit u on u.unit_id = h.unit_id
        left join handover_offer o on o.from_assignment_id = h.holder_assignment_id
                                  and o.state = 'pending'
        where m.person_id = acting_person() and m.role = 'unit_leader'
    )
    select held.log_id, held.unit_id, held.unit_name, held.child_name, held.status,
           held.created_at, held.opened_at, held.closed_at, held.holder_name, held.started_at,
           held.offered_to, held.offered_at, d.last_entry_at, d.measures
    from held
    join content_dates(array(select log_id from held)) d on d.log_id = held.log_id
    order by held.unit_name, held.child_name, held.log_id
$$;
revoke all on function unit_overview() from public;
grant execute on function unit_overview() to stafett_app;
