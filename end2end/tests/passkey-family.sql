-- For the passkey spec: a family of its own, made fresh each run (`:child`, `:guardian`,
-- `:log` are new ids): Tiril (11), her mother Hanne with parental responsibility (logged in by
-- `:guardian_nid`, told of passkeys at `:guardian_email`), an open log held by Nora Strand at the primary school that Hanne
-- consented to, with Tiril's own login (`:username`, the demo children's password, codes to
-- `:email`) that Hanne gave her.
insert into person (person_id, given_name, family_name, national_id, email)
values (:'child', 'Tiril', 'Passnes', null, :'email'),
       (:'guardian', 'Hanne', 'Passnes', :'guardian_nid', null);
-- Hanne's own e-mail address, confirmed: the app tells her of Tiril's passkeys there.
insert into person_contact (person_id, email, email_confirmed_at)
values (:'guardian', :'guardian_email', now());
insert into child (person_id, municipality_id, birth_date)
values (:'child', '00000000-0000-4000-8000-000000000001', current_date - interval '11 years 2 months');
insert into guardianship (guardian_id, child_id, has_parental_responsibility, residence)
values (:'guardian', :'child', true, 'lives_together');
insert into child_account (person_id, username, password_hash, code_channel)
select :'child', :'username', password_hash, 'email' from child_account where username = 'nora';

insert into log (log_id, child_id, municipality_id, status, requested_by, opened_at)
values (:'log', :'child', '00000000-0000-4000-8000-000000000001',
        'open', '00000000-0000-4000-8000-000000000204', now());
insert into holder_assignment (log_id, person_id, unit_id)
values (:'log', '00000000-0000-4000-8000-000000000204', '00000000-0000-4000-8000-000000000102');
insert into consent (log_id, child_id, consenter_id, scope, unit_id, decision, method,
                     text_shown, text_language)
values (:'log', :'child', :'guardian', 'establish_log', null, 'given', 'digital',
        'Jeg samtykker til at stafettloggen opprettes for Tiril Passnes.', 'nb'),
       (:'log', :'child', :'guardian', 'involve_service', '00000000-0000-4000-8000-000000000102',
        'given', 'digital',
        'Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Tiril Passnes (Fjordvik barneskole).', 'nb'),
       (:'log', :'child', :'guardian', 'child_own_access', null, 'given', 'digital',
        'Jeg samtykker til at Tiril Passnes får egen innlogging til stafettloggen.', 'nb');
