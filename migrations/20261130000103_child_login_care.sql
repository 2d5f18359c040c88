-- A guardian who may decide on a child's own login sees the child's username and whether the
-- login is locked, and may unlock it. The app role reads neither usernames nor login
-- attempts: these functions answer only for a guardian with parental responsibility for
-- the child, as the acting person.
create function guards_child(child uuid) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
    select exists (select 1 from guardianship
                   where guardian_id = acting_person() and child_id = child
                     and has_parental_responsibility)
$$;

-- The throttle keys that concern the child's login: its codes, and its username from any
-- address.
create function child_login_keys_locked(child uuid, child_username text) returns boolean
language sql stable as $$
    select exists (select 1 from login_throttle
                   where (key = 'code:' || child or starts_with(key, 'pair:' || child_username || '|'))
                     and locked_until > now())
$$;

create function child_login_state(child uuid)
returns table (username text, locked boolean)
language sql stable security definer set search_path = public, pg_temp as $$
    select a.username, child_login_keys_locked(a.person_id, a.username)
    from child_account a
    where a.person_id = child and guards_child(child)
$$;

-- Forgets every failed attempt on the child's login, so it is open again from everywhere;
-- true if the acting person may.
create function unlock_child_login(child uuid) returns boolean
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    child_username text;
begin
    if not guards_child(child) then
        return false;
    end if;
    select username into child_username from child_account where person_id = child;
    delete from login_throttle
    where key = 'code:' || child or starts_with(key, 'pair:' || child_username || '|');
    delete from child_login_alert where person_id = child;
    return true;
end $$;

revoke execute on function child_login_state(uuid), unlock_child_login(uuid) from public;
grant execute on function child_login_state(uuid), unlock_child_login(uuid) to stafett_app;
