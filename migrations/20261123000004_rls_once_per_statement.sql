-- Row-level security evaluated once per statement instead of once per row. The policies of
-- the tables that carry a log_id called log_content_visible(log_id) for every row, which
-- for a log of 500 entries cost about 50 ms per page view. content_logs() gives the logs
-- whose content the acting person may see, as an array computed once (the sub-select makes
-- it an init plan); the answer is the same: log_content_visible decides for each log.
create function content_logs() returns uuid[]
language sql stable security definer set search_path = public, pg_temp as $$
    select coalesce(array_agg(l.log_id), '{}')
    from log l
    where (l.child_id = acting_person()
           or exists (select 1 from guardianship g
                      where g.child_id = l.child_id and g.guardian_id = acting_person())
           or exists (select 1 from holder_assignment h
                      where h.log_id = l.log_id and h.person_id = acting_person()
                        and h.ended_at is null)
           or exists (select 1 from participant p
                      where p.log_id = l.log_id and p.person_id = acting_person()
                        and p.left_at is null))
      and log_content_visible(l.log_id)
$$;

do $$
declare
    content text;
begin
    foreach content in array array['entry', 'development_area', 'goal', 'measure', 'meeting',
                                   'attachment'] loop
        execute format('drop policy %I on %I', content || '_visible', content);
        execute format(
            'create policy %I on %I using (log_id = any ((select content_logs())::uuid[])) '
            'with check (log_id = any ((select content_logs())::uuid[]))',
            content || '_visible', content);
    end loop;
end
$$;
