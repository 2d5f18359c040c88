-- The benchmark's municipality: 200 more logs, each of a youth (16, who consented herself)
-- held by one of 200 more teachers at the lower secondary school, with 40 entries; and a
-- login for each of the 200 teachers, for the load generator. Written straight into the
-- tables, after the demo seed; run once on a fresh database.
--
-- The logins are rows as a login through ID-porten leaves them, with a token this seed
-- chooses: 200 logins through the local ID-porten in a browser would take minutes, and the
-- benchmark measures the page, not the login. Prints one line per log: the login cookie's
-- value and the log's id.
\set unit '''00000000-0000-4000-8000-000000000103'''
\set municipality '''00000000-0000-4000-8000-000000000001'''

create temporary table bench_log as
select n,
       ('00000000-0000-4000-8001-' || lpad(n::text, 12, '0'))::uuid as teacher,
       ('00000000-0000-4000-8002-' || lpad(n::text, 12, '0'))::uuid as youth,
       ('00000000-0000-4000-8003-' || lpad(n::text, 12, '0'))::uuid as log_id,
       sha256(convert_to('stafett bench login ' || n, 'UTF8')) as token
from generate_series(1, 200) as n;

insert into person (person_id, given_name, family_name, email)
select teacher, 'Lærer', 'Nummer ' || n, 'laerer' || n || '@example.no' from bench_log
union all
select youth, 'Elev', 'Nummer ' || n, null from bench_log;

insert into staff (person_id, municipality_id, job_title)
select teacher, :municipality, 'Lærer' from bench_log;
insert into staff_unit_membership (person_id, unit_id, role)
select teacher, :unit, 'member' from bench_log;

insert into child (person_id, municipality_id, birth_date)
select youth, :municipality,
       ((now() at time zone 'Europe/Oslo')::date - interval '16 years' - interval '40 days')::date
from bench_log;

insert into log (log_id, child_id, municipality_id, status, requested_by, created_at, opened_at)
select log_id, youth, :municipality, 'open', teacher, now() - interval '42 days',
       now() - interval '35 days'
from bench_log;
insert into holder_assignment (log_id, person_id, unit_id, started_at)
select log_id, teacher, :unit, now() - interval '42 days' from bench_log;

insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision, method, text_shown,
                     text_language)
select log_id, youth, youth, scope, case when scope = 'involve_service' then :unit::uuid end,
       'given', 'digital',
       'Jeg samtykker til at stafettloggen opprettes, og at skolen er med i samarbeidet.', 'nb'
from bench_log, unnest(array['establish_log', 'involve_service']) as scope;

-- Content is held to row-level security, the owner's writes too: each log's entries are
-- written as its teacher.
do $$
declare
    bench record;
begin
    for bench in select * from bench_log loop
        perform set_config('stafett.person_id', bench.teacher::text, true);
        insert into entry (log_id, author_id, body, created_at)
        select bench.log_id, case when k % 2 = 0 then bench.teacher else bench.youth end,
               format('Notat %s: en vanlig uke. Vi prøvde kortere økter og snakket om hva '
                      'som hjelper. Neste steg avtales på møtet.', k),
               now() - make_interval(hours => 40 - k)
        from generate_series(1, 40) as k;
    end loop;
end
$$;

insert into login_session (person_id, method, idporten_sid, device, token_hash)
select teacher, 'idporten', 'bench-' || n, 'wrk', sha256(token) from bench_log;

\pset tuples_only on
\pset format unaligned
\pset fieldsep ' '
select translate(rtrim(encode(token, 'base64'), '='), '+/', '-_'), log_id from bench_log order by n;
