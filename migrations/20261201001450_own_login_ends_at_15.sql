-- A child's own login (username and password with a code, or a passkey) works until the
-- fifteenth birthday (app::domain::child_login::own_login_open, the same rule): from that
-- day the youth logs in with ID-porten like anyone else, as the same person, and a login
-- begun the old way stops at the next request. Nobody without a child row has one.
create function own_login_open(person uuid) returns boolean
language sql stable as $$
    select coalesce((select age_on(c.birth_date, (now() at time zone 'Europe/Oslo')::date) < 15
                     from child c where c.person_id = person), false)
$$;
