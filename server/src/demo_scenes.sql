-- The relay under way, for the demo command only (`./scripts/demo` applies it after the demo
-- seed; the tests' own logs for Mats and Jonas would meet these): a transition waiting for the
-- receiving leader, a handover waiting for an answer, and a family's own request waiting for
-- a leader. Idempotent, with fixed ids; `server/tests/it/demo_scenes.rs` checks each is seen
-- as the README says.
--
-- Mats (13) moves from the primary school to the lower secondary school next 17 August: his
-- teacher Nora Strand holds his log, his mother Ingrid consented to it and to the move (the
-- primary school leaving on the day), and Siri Lunde, head of the lower secondary school, is
-- to name who takes over.
-- Jonas (15) decided himself on a log held by the nurse Ida Brekke; she has offered it to
-- Maja Eide at PPT, who has not answered.
-- Anne Lie asked the primary school for a log for Nora (12); Eirik Vik, its head, is to
-- appoint a holder.

create temporary table scene_day on commit drop as
select d as transfer_on,
       extract(day from d)::int || '. ' ||
       (array['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august',
              'september', 'oktober', 'november', 'desember'])[extract(month from d)::int] ||
       ' ' || extract(year from d)::int as shown
from (select make_date(extract(year from today)::int
                       + case when today > make_date(extract(year from today)::int, 7, 17)
                              then 1 else 0 end, 8, 17) as d
      from (select (now() at time zone 'Europe/Oslo')::date as today) t) s;

insert into log (log_id, child_id, municipality_id, status, requested_by, created_at, opened_at) values
    ('00000000-0000-4000-8000-000000000923', '00000000-0000-4000-8000-000000000405',
     '00000000-0000-4000-8000-000000000001', 'open', '00000000-0000-4000-8000-000000000204',
     now() - interval '90 days', now() - interval '88 days'),
    ('00000000-0000-4000-8000-000000000924', '00000000-0000-4000-8000-000000000402',
     '00000000-0000-4000-8000-000000000001', 'open', '00000000-0000-4000-8000-000000000208',
     now() - interval '60 days', now() - interval '59 days')
on conflict (log_id) do nothing;

insert into holder_assignment (holder_assignment_id, log_id, person_id, unit_id, started_at) values
    ('00000000-0000-4000-8000-000000000933', '00000000-0000-4000-8000-000000000923',
     '00000000-0000-4000-8000-000000000204', '00000000-0000-4000-8000-000000000102',
     now() - interval '90 days'),
    ('00000000-0000-4000-8000-000000000934', '00000000-0000-4000-8000-000000000924',
     '00000000-0000-4000-8000-000000000208', '00000000-0000-4000-8000-000000000104',
     now() - interval '60 days')
on conflict (holder_assignment_id) do nothing;

insert into consent (consent_id, log_id, child_id, consenter_id, scope, unit_id, decision,
                     method, text_shown, text_language, recorded_at)
select v.consent_id::uuid, v.log_id::uuid, v.child_id::uuid, v.consenter_id::uuid, v.scope,
       v.unit_id::uuid, 'given', 'digital', replace(v.text_shown, '@day', scene_day.shown), 'nb',
       now() - v.ago
from scene_day, (values
    ('00000000-0000-4000-8000-000000000956', '00000000-0000-4000-8000-000000000923',
     '00000000-0000-4000-8000-000000000405', '00000000-0000-4000-8000-000000000303',
     'establish_log', null, interval '88 days',
     'Jeg samtykker til at stafettloggen opprettes for Mats Berg. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-000000000957', '00000000-0000-4000-8000-000000000923',
     '00000000-0000-4000-8000-000000000405', '00000000-0000-4000-8000-000000000303',
     'involve_service', '00000000-0000-4000-8000-000000000102', interval '88 days',
     'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Mats Berg (Fjordvik barneskole). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-000000000958', '00000000-0000-4000-8000-000000000923',
     '00000000-0000-4000-8000-000000000405', '00000000-0000-4000-8000-000000000303',
     'transition', '00000000-0000-4000-8000-000000000103', interval '2 days',
     'Jeg samtykker til en overgang til en ny tjeneste for Mats Berg (Fjordvik ungdomsskole). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig. Overgangen skjer @day. Fjordvik barneskole slutter å delta i loggen @day.'),
    ('00000000-0000-4000-8000-000000000959', '00000000-0000-4000-8000-000000000924',
     '00000000-0000-4000-8000-000000000402', '00000000-0000-4000-8000-000000000402',
     'establish_log', null, interval '59 days',
     'Jeg samtykker til at stafettloggen opprettes for Jonas Berg. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-00000000095a', '00000000-0000-4000-8000-000000000924',
     '00000000-0000-4000-8000-000000000402', '00000000-0000-4000-8000-000000000402',
     'involve_service', '00000000-0000-4000-8000-000000000104', interval '59 days',
     'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Jonas Berg (Helsestasjon for barn og unge). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-00000000095b', '00000000-0000-4000-8000-000000000924',
     '00000000-0000-4000-8000-000000000402', '00000000-0000-4000-8000-000000000402',
     'share_health_information', null, interval '59 days',
     'Jeg samtykker til deling av helseopplysninger for Jonas Berg. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    ('00000000-0000-4000-8000-00000000095c', '00000000-0000-4000-8000-000000000924',
     '00000000-0000-4000-8000-000000000402', '00000000-0000-4000-8000-000000000402',
     'involve_service', '00000000-0000-4000-8000-000000000105', interval '3 days',
     'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Jonas Berg (PPT Fjordvik). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.')
) as v (consent_id, log_id, child_id, consenter_id, scope, unit_id, ago, text_shown)
on conflict (consent_id) do nothing;

insert into transition (transition_id, log_id, from_unit_id, to_unit_id, kind, transfer_on,
                        message, started_by, started_at, consented_at)
select '00000000-0000-4000-8000-000000000971', '00000000-0000-4000-8000-000000000923',
       '00000000-0000-4000-8000-000000000102', '00000000-0000-4000-8000-000000000103',
       'school_secondary', transfer_on,
       'Mats trives best med faste voksne og en rolig start. Han gleder seg til valgfagene.',
       '00000000-0000-4000-8000-000000000204', now() - interval '3 days', now() - interval '2 days'
from scene_day
on conflict (transition_id) do nothing;

insert into handover_offer (handover_offer_id, log_id, from_assignment_id, to_person_id,
                            to_unit_id, message, offered_by, offered_at)
values ('00000000-0000-4000-8000-000000000981', '00000000-0000-4000-8000-000000000924',
        '00000000-0000-4000-8000-000000000934', '00000000-0000-4000-8000-000000000210',
        '00000000-0000-4000-8000-000000000105',
        'Jonas trenger mest hjelp med skolearbeidet nå, og PPT følger ham opp allerede.',
        '00000000-0000-4000-8000-000000000208', now() - interval '1 day')
on conflict (handover_offer_id) do nothing;

insert into family_request (family_request_id, child_id, requested_by, unit_id, about, requested_at)
values ('00000000-0000-4000-8000-000000000991', '00000000-0000-4000-8000-000000000404',
        '00000000-0000-4000-8000-000000000305', '00000000-0000-4000-8000-000000000102',
        'Nora gruer seg for å gå på skolen og sover dårlig. Vi vil at skolen og helsestasjonen snakker sammen.',
        now() - interval '4 days')
on conflict (family_request_id) do nothing;
