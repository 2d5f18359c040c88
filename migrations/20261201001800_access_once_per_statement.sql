-- Who may see which log is decided once per statement, not once per table it reads. Every
-- content and personal-data policy asks `content_logs()` or `record_logs()`, each an
-- initplan of its own: the log page's one statement computed `log_access` 13 times (about
-- three quarters of its time in PostgreSQL). The answer is now kept for the rest of the
-- statement, in a transaction-local setting named for the acting person, the day and the
-- statement's start; any change to what the answer is made of (a log, a child, a
-- guardianship, a holder, a participant, a consent, a unit) drops it at once, so a
-- withdrawal bites on the next read even inside the same statement.
--
-- The setting, like `stafett.person_id`, can be set by whoever runs SQL as the application:
-- it trusts nothing the acting person's own setting did not already trust.

alter function log_access(date) rename to log_access_decided;

create function log_access(today date)
returns table (log_id uuid, content boolean, records boolean)
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
    key text := acting_person()::text || ' ' || today::text || ' '
                || statement_timestamp()::text;
    kept text := current_setting('stafett.log_access', true);
    decided json;
begin
    if kept is not null and starts_with(kept, key || '|') then
        decided := substr(kept, length(key) + 2)::json;
    else
        decided := coalesce((select json_agg(a) from log_access_decided(today) a), '[]'::json);
        perform set_config('stafett.log_access', key || '|' || decided::text, true);
    end if;
    return query
    select a.log_id, a.content, a.records
    from json_to_recordset(decided) as a (log_id uuid, content boolean, records boolean);
end
$$;

create function log_access_changed() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    perform set_config('stafett.log_access', '', true);
    return null;
end
$$;

do $$
declare
    source text;
begin
    foreach source in array array['log', 'child', 'guardianship', 'holder_assignment',
                                  'participant', 'consent', 'unit'] loop
        execute format('create trigger %I after insert or update or delete on %I
                            for each statement execute function log_access_changed()',
                       source || '_access_changed', source);
    end loop;
end
$$;
