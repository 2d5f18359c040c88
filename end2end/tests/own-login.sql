-- A child with their own login as a guardian's form makes one
-- (`app::server::child_login::create`), without a log, for own_login.spec.ts: `given`,
-- `family`, `pid` (national identity number), `born` (date), `username`, `email`. The
-- password is the demo children's (the hash is Nora's).
with person_made as (
    insert into person (given_name, family_name, national_id, email)
    values (:'given', :'family', :'pid', :'email')
    returning person_id
),
child_made as (
    insert into child (person_id, municipality_id, birth_date)
    select person_id,
           (select municipality_id from child where person_id = '00000000-0000-4000-8000-000000000404'),
           :'born'::date
    from person_made
    returning person_id
)
insert into child_account (person_id, username, password_hash, code_channel)
select person_id, :'username',
       (select password_hash from child_account where username = 'nora'), 'email'
from child_made
returning person_id;
