-- For the transition spec: Mats (13) moves to Nabovik, a second municipality of the
-- installation, whose PPT takes over his log. An open log for him, held by his teacher Nora
-- Strand at the primary school, which his mother Ingrid consented to; `:log` is a fresh id
-- each run. Nabovik, its PPT and its staff are made once (another municipality's, so no
-- figure, list or count of Fjordvik's that other specs look at changes).
insert into municipality (municipality_id, name)
values ('00000000-0000-4000-8000-00000000e001', 'Nabovik kommune')
on conflict (municipality_id) do nothing;
insert into unit (unit_id, municipality_id, kind, name, phone, email, street_address,
                  postal_code, postal_place)
values ('00000000-0000-4000-8000-00000000e101', '00000000-0000-4000-8000-00000000e001', 'ppt',
        'PPT Nabovik', '+47 71 55 00 00', 'ppt@nabovik.kommune.no', 'Torget 1', '6440', 'Nabovik')
on conflict (unit_id) do nothing;
insert into person (person_id, given_name, family_name)
values ('00000000-0000-4000-8000-00000000e201', 'Randi', 'Ek'),
       ('00000000-0000-4000-8000-00000000e202', 'Henrik', 'Vang')
on conflict (person_id) do nothing;
insert into staff (person_id, municipality_id, job_title)
values ('00000000-0000-4000-8000-00000000e201', '00000000-0000-4000-8000-00000000e001', 'PPT-leder'),
       ('00000000-0000-4000-8000-00000000e202', '00000000-0000-4000-8000-00000000e001', 'PP-rådgiver')
on conflict (person_id) do nothing;
insert into staff_unit_membership (person_id, unit_id, role)
values ('00000000-0000-4000-8000-00000000e201', '00000000-0000-4000-8000-00000000e101', 'unit_leader'),
       ('00000000-0000-4000-8000-00000000e202', '00000000-0000-4000-8000-00000000e101', 'member')
on conflict (person_id, unit_id) do nothing;

insert into log (log_id, child_id, municipality_id, status, requested_by, opened_at)
values (:'log', '00000000-0000-4000-8000-000000000405', '00000000-0000-4000-8000-000000000001',
        'open', '00000000-0000-4000-8000-000000000204', now());
insert into holder_assignment (log_id, person_id, unit_id)
values (:'log', '00000000-0000-4000-8000-000000000204', '00000000-0000-4000-8000-000000000102');
insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision, method,
                     text_shown, text_language)
values (:'log', '00000000-0000-4000-8000-000000000405', '00000000-0000-4000-8000-000000000303',
        'establish_log', null, 'given', 'digital',
        'Jeg samtykker til at stafettloggen opprettes for Mats Berg.', 'nb'),
       (:'log', '00000000-0000-4000-8000-000000000405', '00000000-0000-4000-8000-000000000303',
        'involve_service', '00000000-0000-4000-8000-000000000102', 'given', 'digital',
        'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Mats Berg (Fjordvik barneskole).', 'nb');
