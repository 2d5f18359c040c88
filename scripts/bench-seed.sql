-- The benchmark's hot log: Sara's (held by Anders Moen, Ida Brekke and Liv Haugen of the
-- health station taking part) grown to 500 entries, 8 development areas with 40 measures,
-- and 20 meetings (14 past with approved minutes, 6 ahead); and a login for each of the four
-- who read it (the three and Sara), for the load generator. Written straight into the
-- tables, after the demo seed; run once on a fresh database. Prints the four login
-- cookies' values, one a line.
\set log '''00000000-0000-4000-8000-000000000921'''
\set anders '''00000000-0000-4000-8000-000000000206'''
\set ida '''00000000-0000-4000-8000-000000000208'''
\set sara '''00000000-0000-4000-8000-000000000403'''
\set liv '''00000000-0000-4000-8000-000000000207'''

-- The health station's service is one Sara consented to.
insert into participant (log_id, person_id, unit_id, role, responsibility)
values (:log, :liv, '00000000-0000-4000-8000-000000000104', 'service', 'Veiledning av helsesykepleier');

-- Content is held to row-level security, the owner's writes too: written as the holder.
set stafett.person_id = :anders;

insert into entry (log_id, author_id, body, is_child_voice, created_at)
select :log,
       (array[:anders, :ida, :sara]::uuid[])[1 + n % 3],
       format('Notat %s: Sara hadde en %s uke. Vi prøvde kortere økter i matte og fast plass ved vinduet, '
              'og snakket om hva som hjelper når det blir mye. Neste steg avtales på møtet.',
              n, (array['god', 'grei', 'tung', 'travel'])[1 + n % 4]),
       n % 3 = 2 and n % 2 = 0,
       now() - make_interval(hours => 500 - n)
from generate_series(1, 498) as n;

insert into development_area (development_area_id, log_id, title, description, created_by)
select ('00000000-0000-4000-8000-0000000a00' || lpad(n::text, 2, '0'))::uuid, :log,
       format('Utviklingsområde %s', n), 'Hva Sara og de voksne rundt henne vil få til.', :anders
from generate_series(1, 8) as n;

insert into goal (log_id, development_area_id, title, created_by)
select :log, ('00000000-0000-4000-8000-0000000a00' || lpad(n::text, 2, '0'))::uuid,
       format('Felles mål for område %s', n), :anders
from generate_series(1, 8) as n;

insert into measure (log_id, development_area_id, title, description, responsible_id, start_date,
                     planned_evaluation_date, status, created_by)
select :log, ('00000000-0000-4000-8000-0000000a00' || lpad((1 + n % 8)::text, 2, '0'))::uuid,
       format('Tiltak %s', n), 'Hva som gjøres, hvor ofte og av hvem.',
       (array[:anders, :ida, :sara]::uuid[])[1 + n % 3],
       current_date - 30, current_date + n,
       (array['planned', 'active', 'active', 'paused'])[1 + n % 4], :anders
from generate_series(1, 40) as n;

insert into meeting (log_id, starts_at, ends_at, place, minutes, minutes_approved_at,
                     minutes_approved_by, called_by)
select :log,
       date_trunc('hour', now()) + make_interval(days => (n - 14) * 14),
       date_trunc('hour', now()) + make_interval(days => (n - 14) * 14, hours => 1),
       'Grupperom 3, Fjordvik ungdomsskole',
       case when n <= 14 then format('Referat fra møte %s: alle var til stede.', n) end,
       case when n <= 14 then now() end,
       case when n <= 14 then :anders::uuid end,
       :anders
from generate_series(1, 20) as n;

-- Logins as a login through ID-porten leaves them, with tokens this seed chooses.
create temporary table bench_reader as
select person_id, sha256(convert_to('stafett bench reader ' || person_id, 'UTF8')) as token
from unnest(array[:anders, :ida, :liv, :sara]::uuid[]) as person_id;
insert into login_session (person_id, method, idporten_sid, device, token_hash)
select person_id, 'idporten', 'bench-' || person_id, 'wrk', sha256(token) from bench_reader;
\pset tuples_only on
\pset format unaligned
select translate(rtrim(encode(token, 'base64'), '='), '+/', '-_') from bench_reader;
