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
-- And each log a family member opens holds what a log holds (the block at the end).
-- Applied in one transaction (`psql -1`): the scenes share a temporary table.

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
     'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Jonas Berg (PPT Fjordvik). Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.'),
    -- Below 16 his mother decides on health information: the health station reads with it.
    ('00000000-0000-4000-8000-00000000095d', '00000000-0000-4000-8000-000000000924',
     '00000000-0000-4000-8000-000000000402', '00000000-0000-4000-8000-000000000303',
     'share_health_information', null, interval '58 days',
     'Jeg samtykker til deling av helseopplysninger for Jonas Berg. Bare de som er med i samarbeidet, ser innholdet i loggen. Jeg kan trekke samtykket tilbake når som helst, også muntlig.')
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

-- What a log holds, in every log a family member can open in the demo (Sara's, Mats's and
-- Jonas's): a plan with a development area, a goal and two measures (one past its
-- evaluation day, one evaluated), a meeting with approved minutes and a decision, a meeting
-- ahead with an item the family proposed, entries from the services and the family, the
-- child's own voice, and an attachment. Written as each log's holder, as content is held to
-- row-level security; ids are derived from the log's, so running it again changes nothing.
do $$
declare
    story record;
    id text;
begin
    for story in select * from (values
        ('00000000-0000-4000-8000-000000000921', '00000000-0000-4000-8000-000000000206',
         '00000000-0000-4000-8000-000000000208', '00000000-0000-4000-8000-000000000305',
         '00000000-0000-4000-8000-000000000403',
         'Matematikk og ro i timene', 'Sara klarer en hel mattetime uten å gå ut.',
         'Kortere økter i matte', 'Samtaler med helsesykepleier',
         'Sara har vært med på alle samtalene og sier selv at det hjelper.',
         'Sara har sovet bedre den siste uken, sier hun.',
         'Jeg liker at vi bestemmer sammen hva som skal prøves.',
         'Prøvene flyttes til før lunsj ut semesteret.',
         'Samtale med Sara i dag. Hun vil prøve å legge bort mobilen en time før leggetid.'),
        ('00000000-0000-4000-8000-000000000923', '00000000-0000-4000-8000-000000000204',
         '00000000-0000-4000-8000-000000000204', '00000000-0000-4000-8000-000000000303',
         '00000000-0000-4000-8000-000000000405',
         'Vennskap og friminutt', 'Mats har noen å være sammen med i storefri.',
         'Lekegrupper i storefri', 'Faste voksne ved skolestart',
         'Mats har vært med i lekegruppene hver uke og spør selv etter dem.',
         'Mats gleder seg mer til skolen nå, han snakker om vennene sine hjemme.',
         'Jeg vil være med i fotballgruppen også etter jul.',
         'Lekegruppene fortsetter ut skoleåret, to dager i uken.',
         'Mats tok selv initiativ til en ny lek i storefri i dag.'),
        ('00000000-0000-4000-8000-000000000924', '00000000-0000-4000-8000-000000000208',
         '00000000-0000-4000-8000-000000000208', '00000000-0000-4000-8000-000000000303',
         '00000000-0000-4000-8000-000000000402',
         'Skolearbeid og søvn', 'Jonas leverer lekser og sover minst åtte timer.',
         'Leksehjelp to dager i uken', 'Søvndagbok',
         'Leksehjelpen virker: Jonas har levert alle lekser de siste to ukene.',
         'Jonas har vært mer opplagt om morgenen, og leksene går lettere.',
         'Det er lettere å sove når mobilen ligger i stua.',
         'PPT kobles inn for å se på lesingen.',
         'Jonas var innom helsestasjonen i dag. Søvndagboken viser bedre netter.')
    ) as s (log_id, holder, service, guardian, child, area, goal, measure, overdue,
            evaluated, from_home, own_voice, decision, from_service)
    loop
        id := story.log_id;
        perform set_config('stafett.person_id', story.holder, true);
        insert into development_area (development_area_id, log_id, title, created_by, created_at)
        values (md5(id || 'area')::uuid, id::uuid, story.area, story.holder::uuid,
                now() - interval '30 days')
        on conflict do nothing;
        insert into goal (goal_id, log_id, development_area_id, title, created_by)
        values (md5(id || 'goal')::uuid, id::uuid, md5(id || 'area')::uuid, story.goal,
                story.holder::uuid)
        on conflict do nothing;
        insert into measure (measure_id, log_id, development_area_id, goal_id, title, status,
                             start_date, planned_evaluation_date, created_by, responsible_id)
        values (md5(id || 'measure')::uuid, id::uuid, md5(id || 'area')::uuid,
                md5(id || 'goal')::uuid, story.measure, 'active', current_date - 28,
                current_date - 7, story.holder::uuid, story.service::uuid),
               (md5(id || 'overdue')::uuid, id::uuid, md5(id || 'area')::uuid,
                md5(id || 'goal')::uuid, story.overdue, 'active', current_date - 21,
                current_date - 3, story.holder::uuid, story.service::uuid)
        on conflict do nothing;
        insert into evaluation (evaluation_id, measure_id, what_was_tried, what_worked,
                                what_next, evaluated_on, recorded_by)
        values (md5(id || 'evaluation')::uuid, md5(id || 'measure')::uuid, story.measure,
                story.evaluated, 'Vi fortsetter og ser på det igjen om fire uker.',
                current_date - 7, story.holder::uuid)
        on conflict do nothing;
        -- The meeting that was: minutes written, the decision made, then approved.
        insert into meeting (meeting_id, log_id, starts_at, ends_at, place, minutes, called_by)
        values (md5(id || 'past')::uuid, id::uuid,
                date_trunc('hour', now()) - interval '14 days',
                date_trunc('hour', now()) - interval '14 days' + interval '1 hour',
                'Møterom 2', 'Alle var enige om at tiltakene virker. ' || story.decision,
                story.holder::uuid)
        on conflict do nothing;
        insert into meeting_decision (meeting_decision_id, meeting_id, text)
        select md5(id || 'decision')::uuid, md5(id || 'past')::uuid, story.decision
        where not exists (select 1 from meeting where meeting_id = md5(id || 'past')::uuid
                                                  and minutes_approved_at is not null)
        on conflict do nothing;
        update meeting set minutes_approved_at = now() - interval '13 days',
                           minutes_approved_by = story.holder::uuid
        where meeting_id = md5(id || 'past')::uuid and minutes_approved_at is null;
        -- The meeting ahead, with an item the family proposed.
        insert into meeting (meeting_id, log_id, starts_at, ends_at, place, called_by)
        values (md5(id || 'ahead')::uuid, id::uuid,
                date_trunc('hour', now()) + interval '9 days',
                date_trunc('hour', now()) + interval '9 days' + interval '1 hour',
                'Møterom 2', story.holder::uuid)
        on conflict do nothing;
        insert into meeting_agenda_item (meeting_agenda_item_id, meeting_id, proposed_by, text,
                                         position)
        values (md5(id || 'item')::uuid, md5(id || 'ahead')::uuid, story.guardian::uuid,
                'Hvordan går det hjemme med ' || lower(story.area) || '?', 0)
        on conflict do nothing;
        insert into entry (entry_id, log_id, author_id, body, is_child_voice, created_at)
        values (md5(id || 'service')::uuid, id::uuid, story.service::uuid, story.from_service,
                false, now() - interval '4 days'),
               (md5(id || 'home')::uuid, id::uuid, story.guardian::uuid, story.from_home, false,
                now() - interval '3 days'),
               (md5(id || 'voice')::uuid, id::uuid, story.child::uuid, story.own_voice, true,
                now() - interval '2 days')
        on conflict do nothing;
        -- A drawing of the child's on their own entry: a 1×1 PNG.
        insert into attachment (attachment_id, log_id, entry_id, file_name, content_type,
                                size_bytes, sha256, data, uploaded_by)
        select md5(id || 'drawing')::uuid, id::uuid, md5(id || 'voice')::uuid, 'tegning.png',
               'image/png', octet_length(png), sha256(png), png, story.child::uuid
        from (select decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
                            'base64') as png) p
        on conflict do nothing;
    end loop;
end
$$;
