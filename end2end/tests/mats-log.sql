-- An open log for Mats (13), held by his teacher Nora Strand at the school, which his mother
-- Ingrid consented to: established, with the school taking part. For the transition spec,
-- which takes it on to the lower secondary school; `:log` is a fresh id each run.
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
