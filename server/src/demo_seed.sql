-- Demo data: the fictional Fjordvik kommune. Idempotent: fixed ids; children's birth dates
-- (and the youths' national ids, which encode them) are recomputed from today in
-- Europe/Oslo at every run so their ages stay 8, 15 and 16. All national ids are synthetic
-- (month + 80, as in the Tenor test data): they can never belong to a real person.

-- A valid synthetic national id for a birth date: the first individual number from
-- `serial` on whose check digits are both defined.
create or replace function pg_temp.synthetic_id(birth date, serial int) returns text
language plpgsql as $$
declare
    base text;
    candidate text;
    individual int;
begin
    base := to_char(birth, 'DD') || lpad((extract(month from birth)::int + 80)::text, 2, '0')
        || to_char(birth, 'YY');
    for step in 0..99 loop
        -- Born 2000-2039: individual numbers 500-999; 1940-1999: 000-499.
        individual := case when extract(year from birth) >= 2000 then 500 else 0 end
            + (serial + step) % 500;
        for k1 in 0..9 loop
            for k2 in 0..9 loop
                candidate := base || lpad(individual::text, 3, '0') || k1::text || k2::text;
                if is_valid_national_id(candidate) then
                    return candidate;
                end if;
            end loop;
        end loop;
    end loop;
    raise exception 'no synthetic id for %', birth;
end;
$$;

create or replace function pg_temp.oslo_today() returns date language sql stable as $$
    select (now() at time zone 'Europe/Oslo')::date
$$;

-- Today minus `years`, then 40 days more: the child turned `years` 40 days ago.
create or replace function pg_temp.born_years_ago(years int) returns date language sql stable as $$
    select (pg_temp.oslo_today() - make_interval(years => years) - interval '40 days')::date
$$;

insert into municipality (municipality_id, name)
values ('00000000-0000-4000-8000-000000000001', 'Fjordvik kommune')
on conflict (municipality_id) do nothing;

insert into unit (unit_id, municipality_id, kind, name, description, phone, email,
                  street_address, postal_code, postal_place, website, shares_health_information)
select v.unit_id::uuid, '00000000-0000-4000-8000-000000000001', v.kind, v.name, v.description,
       v.phone, v.email, v.street_address, '6440', 'Fjordvik', v.website,
       v.kind in ('health_station', 'gp', 'physio_ot')
from (values
    ('00000000-0000-4000-8000-000000000101', 'kindergarten', 'Solsiden barnehage',
     'Kommunal barnehage med fire avdelinger for barn fra ett til seks år.',
     '+47 71 00 01 01', 'solsiden.barnehage@fjordvik.kommune.no', 'Solbakken 4', null),
    ('00000000-0000-4000-8000-000000000102', 'school', 'Fjordvik barneskole',
     'Barneskole for 1. til 7. trinn, med skolefritidsordning.',
     '+47 71 00 01 02', 'fjordvik.barneskole@fjordvik.kommune.no', 'Skolevegen 2', null),
    ('00000000-0000-4000-8000-000000000103', 'school', 'Fjordvik ungdomsskole',
     'Ungdomsskole for 8. til 10. trinn.',
     '+47 71 00 01 03', 'fjordvik.ungdomsskole@fjordvik.kommune.no', 'Skolevegen 10', null),
    ('00000000-0000-4000-8000-000000000104', 'health_station', 'Helsestasjon for barn og unge',
     'Helsestasjon og skolehelsetjeneste for barn og unge fra 0 til 20 år.',
     '+47 71 00 01 04', 'helsestasjonen@fjordvik.kommune.no', 'Torget 1', null),
    ('00000000-0000-4000-8000-000000000105', 'ppt', 'PPT Fjordvik',
     'Pedagogisk-psykologisk tjeneste: sakkyndig vurdering og veiledning til barnehage og skole.',
     '+47 71 00 01 05', 'ppt@fjordvik.kommune.no', 'Rådhusgata 3', null),
    ('00000000-0000-4000-8000-000000000106', 'child_welfare', 'Barneverntjenesten i Fjordvik',
     'Råd, veiledning og hjelpetiltak for barn, unge og familier.',
     '+47 71 00 01 06', 'barnevernet@fjordvik.kommune.no', 'Rådhusgata 3', null),
    ('00000000-0000-4000-8000-000000000107', 'physio_ot', 'Fysio- og ergoterapitjenesten',
     'Fysioterapi og ergoterapi for barn og unge, også i barnehage og skole.',
     '+47 71 00 01 07', 'fysio.ergo@fjordvik.kommune.no', 'Torget 1', null),
    ('00000000-0000-4000-8000-000000000108', 'gp', 'Fjordvik legesenter',
     'Fastlegekontor med fire fastleger.',
     '+47 71 00 01 08', 'legesenteret@fjordvik.kommune.no', 'Sjøgata 12', 'https://fjordvik.kommune.no/legesenter')
) as v(unit_id, kind, name, description, phone, email, street_address, website)
on conflict (unit_id) do nothing;

-- Adults: staff (two per unit, the first the unit leader) and guardians.
create temporary table demo_adult (
    person_id uuid, given_name text, family_name text, born date, serial int,
    unit_id uuid, role text, job_title text
) on commit drop;
insert into demo_adult values
    ('00000000-0000-4000-8000-000000000201', 'Hilde', 'Solberg', '1971-03-14', 11, '00000000-0000-4000-8000-000000000101', 'unit_leader', 'Styrer'),
    ('00000000-0000-4000-8000-000000000202', 'Marius', 'Dahl', '1988-09-02', 12, '00000000-0000-4000-8000-000000000101', 'member', 'Pedagogisk leder'),
    ('00000000-0000-4000-8000-000000000203', 'Eirik', 'Vik', '1969-11-21', 13, '00000000-0000-4000-8000-000000000102', 'unit_leader', 'Rektor'),
    ('00000000-0000-4000-8000-000000000204', 'Nora', 'Strand', '1990-05-30', 14, '00000000-0000-4000-8000-000000000102', 'member', 'Kontaktlærer'),
    ('00000000-0000-4000-8000-000000000205', 'Siri', 'Lunde', '1975-01-08', 15, '00000000-0000-4000-8000-000000000103', 'unit_leader', 'Rektor'),
    ('00000000-0000-4000-8000-000000000206', 'Anders', 'Moen', '1984-07-17', 16, '00000000-0000-4000-8000-000000000103', 'member', 'Kontaktlærer'),
    ('00000000-0000-4000-8000-000000000207', 'Liv', 'Haugen', '1966-02-25', 17, '00000000-0000-4000-8000-000000000104', 'unit_leader', 'Avdelingsleder'),
    ('00000000-0000-4000-8000-000000000208', 'Ida', 'Brekke', '1992-10-11', 18, '00000000-0000-4000-8000-000000000104', 'member', 'Helsesykepleier'),
    ('00000000-0000-4000-8000-000000000209', 'Knut', 'Aas', '1970-06-03', 19, '00000000-0000-4000-8000-000000000105', 'unit_leader', 'PPT-leder'),
    ('00000000-0000-4000-8000-000000000210', 'Maja', 'Eide', '1986-12-19', 20, '00000000-0000-4000-8000-000000000105', 'member', 'PP-rådgiver'),
    ('00000000-0000-4000-8000-000000000211', 'Tone', 'Berge', '1973-04-27', 21, '00000000-0000-4000-8000-000000000106', 'unit_leader', 'Barnevernleder'),
    ('00000000-0000-4000-8000-000000000212', 'Jon', 'Sæther', '1989-08-08', 22, '00000000-0000-4000-8000-000000000106', 'member', 'Barnevernspedagog'),
    ('00000000-0000-4000-8000-000000000213', 'Gro', 'Myklebust', '1968-09-15', 23, '00000000-0000-4000-8000-000000000107', 'unit_leader', 'Avdelingsleder'),
    ('00000000-0000-4000-8000-000000000214', 'Håkon', 'Rød', '1991-03-03', 24, '00000000-0000-4000-8000-000000000107', 'member', 'Fysioterapeut'),
    ('00000000-0000-4000-8000-000000000215', 'Per', 'Ødegård', '1965-05-05', 25, '00000000-0000-4000-8000-000000000108', 'unit_leader', 'Daglig leder'),
    ('00000000-0000-4000-8000-000000000216', 'Amina', 'Hussain', '1983-11-11', 26, '00000000-0000-4000-8000-000000000108', 'member', 'Fastlege'),
    -- Guardians.
    ('00000000-0000-4000-8000-000000000301', 'Kari', 'Nilsen', '1987-02-12', 31, null, null, null),
    ('00000000-0000-4000-8000-000000000302', 'Ole', 'Hansen', '1985-08-23', 32, null, null, null),
    ('00000000-0000-4000-8000-000000000303', 'Ingrid', 'Berg', '1980-04-04', 33, null, null, null),
    ('00000000-0000-4000-8000-000000000304', 'Geir', 'Berg', '1978-12-01', 34, null, null, null),
    ('00000000-0000-4000-8000-000000000305', 'Anne', 'Lie', '1979-06-16', 35, null, null, null),
    ('00000000-0000-4000-8000-000000000306', 'Tor', 'Lie', '1977-10-29', 36, null, null, null);

insert into person (person_id, given_name, family_name, national_id, email)
select person_id, given_name, family_name, pg_temp.synthetic_id(born, serial),
       lower(translate(given_name || '.' || family_name, 'æøåÆØÅ ', 'eoaEOA')) || '@example.no'
from demo_adult
on conflict (person_id) do nothing;

insert into staff (person_id, municipality_id, job_title)
select person_id, '00000000-0000-4000-8000-000000000001', job_title
from demo_adult where unit_id is not null
on conflict (person_id) do nothing;

insert into staff_unit_membership (person_id, unit_id, role)
select person_id, unit_id, role from demo_adult where unit_id is not null
on conflict (person_id, unit_id) do nothing;

-- The municipality's administrator, Berit Holm: keeps its units, services and staff
-- ("Administrasjon"), and works at no unit herself.
insert into person (person_id, given_name, family_name, national_id, email)
values ('00000000-0000-4000-8000-000000000217', 'Berit', 'Holm',
        pg_temp.synthetic_id('1974-01-20', 27), 'berit.holm@example.no')
on conflict (person_id) do nothing;
insert into staff (person_id, municipality_id, job_title, is_administrator)
values ('00000000-0000-4000-8000-000000000217', '00000000-0000-4000-8000-000000000001',
        'Rådgiver', true)
on conflict (person_id) do nothing;

-- Children: Emma (8; parents live apart, shared residence), Jonas (15; lives with his
-- mother, his father has no parental responsibility), Sara (16; parents live together) and
-- her sister Nora (12), and Jonas's brother Mats (13). Nora and Mats have their own logins
-- (username, password and a one-time code: Nora's by e-mail, Mats's by SMS). Every one of
-- them, their families and Lukas (10, one guardian; no log yet) are in the local population
-- register (dev/folkeregister/persons.json) with the same names, ages and serials, so the
-- national identity numbers agree; the register is the source, this is its copy.
create temporary table demo_child (
    person_id uuid, given_name text, family_name text, age int, serial int
) on commit drop;
insert into demo_child values
    ('00000000-0000-4000-8000-000000000401', 'Emma', 'Nilsen', 8, 41),
    ('00000000-0000-4000-8000-000000000402', 'Jonas', 'Berg', 15, 42),
    ('00000000-0000-4000-8000-000000000403', 'Sara', 'Lie', 16, 43),
    ('00000000-0000-4000-8000-000000000404', 'Nora', 'Lie', 12, 44),
    ('00000000-0000-4000-8000-000000000405', 'Mats', 'Berg', 13, 45);

insert into person (person_id, given_name, family_name, national_id, email, phone)
select person_id, given_name, family_name,
       pg_temp.synthetic_id(pg_temp.born_years_ago(age), serial),
       case given_name when 'Nora' then 'nora.lie@example.no' end,
       case given_name when 'Mats' then '+47 912 34 567' end
from demo_child
on conflict (person_id) do update
set national_id = excluded.national_id, email = excluded.email, phone = excluded.phone;

insert into child (person_id, municipality_id, birth_date)
select person_id, '00000000-0000-4000-8000-000000000001', pg_temp.born_years_ago(age)
from demo_child
on conflict (person_id) do update set birth_date = excluded.birth_date;

insert into guardianship (guardian_id, child_id, has_parental_responsibility, residence)
values
    ('00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-000000000401', true, 'shared_residence'),
    ('00000000-0000-4000-8000-000000000302', '00000000-0000-4000-8000-000000000401', true, 'shared_residence'),
    ('00000000-0000-4000-8000-000000000303', '00000000-0000-4000-8000-000000000402', true, 'residence_with_this_guardian'),
    ('00000000-0000-4000-8000-000000000304', '00000000-0000-4000-8000-000000000402', false, 'residence_with_other'),
    ('00000000-0000-4000-8000-000000000305', '00000000-0000-4000-8000-000000000403', true, 'lives_together'),
    ('00000000-0000-4000-8000-000000000306', '00000000-0000-4000-8000-000000000403', true, 'lives_together'),
    ('00000000-0000-4000-8000-000000000305', '00000000-0000-4000-8000-000000000404', true, 'lives_together'),
    ('00000000-0000-4000-8000-000000000306', '00000000-0000-4000-8000-000000000404', true, 'lives_together'),
    ('00000000-0000-4000-8000-000000000303', '00000000-0000-4000-8000-000000000405', true, 'residence_with_this_guardian'),
    ('00000000-0000-4000-8000-000000000304', '00000000-0000-4000-8000-000000000405', false, 'residence_with_other')
on conflict (guardian_id, child_id) do nothing;

-- Contact details the guardians confirmed themselves (staff have their work contact from the
-- administrator, Nora and Mats the code addresses a guardian gave): every guardian but Tor
-- Lie, who has confirmed none, so the holder of Sara's log sees that he cannot be reached.
-- Kari Nilsen has confirmed a mobile number too and takes notices by e-mail and SMS; Anne Lie
-- reads her messages in nynorsk.
insert into person_contact (person_id, email, email_confirmed_at, mobile, mobile_confirmed_at,
                            lang, notice_channel)
select p.person_id, p.email, now(),
       case p.given_name when 'Kari' then '+4791000301' end,
       case p.given_name when 'Kari' then now() end,
       case p.given_name when 'Anne' then 'nn' else 'nb' end,
       case p.given_name when 'Kari' then 'both' else 'email' end
from person p
where p.person_id in ('00000000-0000-4000-8000-000000000301', '00000000-0000-4000-8000-000000000302',
                      '00000000-0000-4000-8000-000000000303', '00000000-0000-4000-8000-000000000304',
                      '00000000-0000-4000-8000-000000000305')
on conflict (person_id) do nothing;

-- Two logs, to show the consent gate. Sara (16) consented herself to a log held by her
-- teacher Anders at the lower secondary school, with the health station (Ida Brekke) taking
-- part. Emma (8) lives with both parents apart: her kindergarten (Marius Dahl) has asked,
-- with PPT (Maja Eide); Kari has consented, and the log waits for Ole.
-- Sara's was asked for six weeks ago and opened a week later; Emma's waits since twelve days.
insert into log (log_id, child_id, municipality_id, status, requested_by, created_at, opened_at) values
    ('00000000-0000-4000-8000-000000000921', '00000000-0000-4000-8000-000000000403',
     '00000000-0000-4000-8000-000000000001', 'open', '00000000-0000-4000-8000-000000000206',
     now() - interval '42 days', now() - interval '35 days'),
    ('00000000-0000-4000-8000-000000000922', '00000000-0000-4000-8000-000000000401',
     '00000000-0000-4000-8000-000000000001', 'requested', '00000000-0000-4000-8000-000000000202',
     now() - interval '12 days', null)
on conflict (log_id) do nothing;

insert into holder_assignment (holder_assignment_id, log_id, person_id, unit_id, started_at) values
    ('00000000-0000-4000-8000-000000000931', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000206', '00000000-0000-4000-8000-000000000103',
     now() - interval '42 days'),
    ('00000000-0000-4000-8000-000000000932', '00000000-0000-4000-8000-000000000922',
     '00000000-0000-4000-8000-000000000202', '00000000-0000-4000-8000-000000000101',
     now() - interval '12 days')
on conflict (holder_assignment_id) do nothing;

insert into participant (participant_id, log_id, person_id, unit_id, role, responsibility) values
    ('00000000-0000-4000-8000-000000000941', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000208', '00000000-0000-4000-8000-000000000104', 'service',
     'Samtaler med Sara annenhver uke'),
    ('00000000-0000-4000-8000-000000000942', '00000000-0000-4000-8000-000000000922',
     '00000000-0000-4000-8000-000000000210', '00000000-0000-4000-8000-000000000105', 'service',
     'Observasjon i barnehagen og råd til de ansatte')
on conflict (participant_id) do nothing;

insert into consent (consent_id, log_id, child_id, consenter_id, scope, unit_id, decision,
                     method, text_shown, text_language)
select v.consent_id::uuid, v.log_id::uuid, v.child_id::uuid, v.consenter_id::uuid, v.scope,
       v.unit_id::uuid, 'given', 'digital', v.text_shown, 'nb'
from (values
    ('00000000-0000-4000-8000-000000000951', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000403', '00000000-0000-4000-8000-000000000403',
     'establish_log', null,
     'Jeg samtykker til at stafettloggen opprettes for Sara Lie. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-000000000952', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000403', '00000000-0000-4000-8000-000000000403',
     'involve_service', '00000000-0000-4000-8000-000000000103',
     'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Sara Lie (Fjordvik ungdomsskole). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-000000000953', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000403', '00000000-0000-4000-8000-000000000403',
     'involve_service', '00000000-0000-4000-8000-000000000104',
     'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Sara Lie (Helsestasjon for barn og unge). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-000000000955', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000403', '00000000-0000-4000-8000-000000000403',
     'share_health_information', null,
     'Jeg samtykker til deling av helseopplysninger for Sara Lie. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-000000000954', '00000000-0000-4000-8000-000000000922',
     '00000000-0000-4000-8000-000000000401', '00000000-0000-4000-8000-000000000301',
     'establish_log', null,
     'Jeg samtykker til at stafettloggen opprettes for Emma Nilsen. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.')
) as v (consent_id, log_id, child_id, consenter_id, scope, unit_id, text_shown)
on conflict (consent_id) do nothing;

-- Content is held to row-level security, the owner's writes too (forced): written as the
-- holder, who may see Sara's log.
select set_config('stafett.person_id', '00000000-0000-4000-8000-000000000206', true);
-- Sara's own words come last, in her own voice. Each a second apart, so they are listed in
-- the order written.
insert into entry (entry_id, log_id, author_id, body, is_child_voice, created_at) values
    ('00000000-0000-4000-8000-000000000961', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000206',
     'Sara og jeg ble enige om å prøve fast plass ved vinduet og kortere økter i matte.',
     false, now() - interval '2 seconds'),
    ('00000000-0000-4000-8000-000000000962', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000208',
     'Første samtale gjennomført. Vi møtes igjen om to uker.',
     false, now() - interval '1 second'),
    ('00000000-0000-4000-8000-000000000963', '00000000-0000-4000-8000-000000000921',
     '00000000-0000-4000-8000-000000000403',
     'Det hjelper å sitte ved vinduet. Jeg vil gjerne ha prøvene før lunsj.',
     true, now())
on conflict (entry_id) do nothing;
