-- A login as the app's ID-porten callback records it (`server::auth::login_session::record`),
-- for `asPerson` in fixtures.ts. `who`: a name as the local ID-porten lists it, or a national
-- identity number; `token`: the login cookie's 32 bytes, in hex. Only someone the app lets
-- log in gets a login (`login_session::person_for_pid`). No ID token is kept, so logging out
-- ends the login here only, without ID-porten's end-session page (login.spec.ts has that).
with who as (
    select p.person_id from person p
    where (p.national_id = :'who' or p.given_name || ' ' || p.family_name = :'who')
      and (exists (select 1 from staff s where s.person_id = p.person_id)
           or exists (select 1 from guardianship g where g.guardian_id = p.person_id)
           or exists (select 1 from child c where c.person_id = p.person_id))
),
login as (
    insert into login_session (person_id, method, idporten_sid, token_hash)
    select person_id, 'idporten', 'e2e-' || gen_random_uuid(), sha256(decode(:'token', 'hex'))
    from who
    returning login_session_id, person_id
)
insert into audit_event (actor_id, action, detail)
select person_id, 'auth.login_succeeded',
       jsonb_build_object('method', 'idporten', 'login_session_id', login_session_id)
from login
returning actor_id;
