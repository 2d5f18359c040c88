-- The municipality's administrators: staff who keep its units and services and its staff
-- (who works where, who leads a unit, who else administers). The first is named by a
-- setting at start (`STAFETT_FIRST_ADMIN`), the others by administrators.
--
-- The application writes all of this as `stafett_app` with the acting person set, and the
-- policies below let it write only what the acting person administers: a member of staff
-- of one municipality cannot touch another's units or staff, even through a query that
-- forgot its condition.

alter table staff add column is_administrator boolean not null default false;
create index staff_administrator_idx on staff (municipality_id) where is_administrator;

-- Whether the acting person administers `municipality`.
create function administers(target_municipality uuid) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
    select exists (select 1 from staff s
                   where s.person_id = acting_person()
                     and s.municipality_id = target_municipality
                     and s.is_administrator)
$$;

-- The staff (persons) of the municipalities the acting person administers; empty for anyone
-- else. An array computed once per statement, as `record_people()`.
create function administered_people() returns uuid[]
language sql stable security definer set search_path = public, pg_temp as $$
    select coalesce(array_agg(s.person_id), '{}') from staff s
    where s.municipality_id in (select a.municipality_id from staff a
                                where a.person_id = acting_person() and a.is_administrator)
$$;

create function unit_municipality(target_unit uuid) returns uuid
language sql stable security definer set search_path = public, pg_temp as $$
    select u.municipality_id from unit u where u.unit_id = target_unit
$$;

create function staff_municipality(target_person uuid) returns uuid
language sql stable security definer set search_path = public, pg_temp as $$
    select s.municipality_id from staff s where s.person_id = target_person
$$;

-- For an administrator adding staff by national identity number: the person with that
-- number, if any, and the municipality they are staff of (null if none), without making
-- every person readable. Nothing for anyone who administers nothing.
create function person_for_staffing(number text)
returns table (person_id uuid, municipality_id uuid)
language sql stable security definer set search_path = public, pg_temp as $$
    select p.person_id, s.municipality_id
    from person p left join staff s using (person_id)
    where p.national_id = number
      and exists (select 1 from staff a where a.person_id = acting_person() and a.is_administrator)
$$;

-- Whether a membership is named in a log (as holder, participant or a handover's receiver,
-- current or past): such a membership is history and cannot be ended by removing it. The
-- rows are not visible to an administrator, who is not in the logs.
create function membership_in_use(target_person uuid, target_unit uuid) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
    select exists (select 1 from holder_assignment h
                   where h.person_id = target_person and h.unit_id = target_unit)
        or exists (select 1 from participant p
                   where p.person_id = target_person and p.unit_id = target_unit)
        or exists (select 1 from handover_offer o
                   where o.to_person_id = target_person and o.to_unit_id = target_unit)
$$;

-- A municipality always keeps an administrator: nobody removes the last one (themself
-- included). Serialised per municipality, so two administrators removing each other at
-- once cannot both succeed.
create function keep_an_administrator() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if old.is_administrator
       and (tg_op = 'DELETE' or not new.is_administrator
            or new.municipality_id <> old.municipality_id) then
        perform pg_advisory_xact_lock(hashtextextended('administrators:' || old.municipality_id::text, 0));
        if not exists (select 1 from staff s
                       where s.municipality_id = old.municipality_id
                         and s.is_administrator and s.person_id <> old.person_id) then
            raise exception 'the last administrator of a municipality cannot be removed'
                using errcode = 'check_violation', constraint = 'staff_last_administrator';
        end if;
    end if;
    return coalesce(new, old);
end
$$;
create trigger staff_keep_an_administrator before update or delete on staff
    for each row execute function keep_an_administrator();

-- A member of staff works only at units of their own municipality.
create function membership_in_own_municipality() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if unit_municipality(new.unit_id) is distinct from staff_municipality(new.person_id) then
        raise exception 'a member of staff works only at units of their own municipality'
            using errcode = 'check_violation', constraint = 'staff_unit_membership_same_municipality';
    end if;
    return new;
end
$$;
create trigger staff_unit_membership_same_municipality before insert or update
    on staff_unit_membership for each row execute function membership_in_own_municipality();

-- A CSV import of staff waiting to be applied: checked (a dry run) when shown, applied in
-- one transaction. Holds national identity numbers, so it is the creator's alone and gone
-- once applied or replaced by their next import.
create table staff_import (
    staff_import_id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipality,
    created_by uuid not null references staff,
    csv text not null check (length(csv) <= 1000000),
    created_at timestamptz not null default now()
);
create index staff_import_created_by_idx on staff_import (created_by);

grant insert on unit, staff, staff_unit_membership, person, staff_import to stafett_app;
grant update (kind, name, description, phone, email, street_address, postal_code, postal_place,
              website, shares_health_information) on unit to stafett_app;
grant update (job_title, is_administrator) on staff to stafett_app;
grant update (role) on staff_unit_membership to stafett_app;
grant delete on staff_unit_membership, staff_import to stafett_app;
grant select on staff_import, municipality to stafett_app;
grant update (given_name, family_name) on person to stafett_app;

-- The directory is public and staff lists are read by the gate: reading stays open to
-- stafett_app; writing is for the administrators of the row's municipality.
alter table unit enable row level security;
create policy unit_readable on unit for select to stafett_app using (true);
create policy unit_added_by_administrator on unit for insert to stafett_app
    with check (administers(municipality_id));
create policy unit_kept_by_administrator on unit for update to stafett_app
    using (administers(municipality_id)) with check (administers(municipality_id));

alter table staff enable row level security;
create policy staff_readable on staff for select to stafett_app using (true);
create policy staff_added_by_administrator on staff for insert to stafett_app
    with check (administers(municipality_id));
create policy staff_kept_by_administrator on staff for update to stafett_app
    using (administers(municipality_id)) with check (administers(municipality_id));

alter table staff_unit_membership enable row level security;
create policy staff_unit_membership_readable on staff_unit_membership for select to stafett_app
    using (true);
create policy staff_unit_membership_added_by_administrator on staff_unit_membership
    for insert to stafett_app with check (administers(unit_municipality(unit_id)));
create policy staff_unit_membership_kept_by_administrator on staff_unit_membership
    for update to stafett_app
    using (administers(unit_municipality(unit_id)))
    with check (administers(unit_municipality(unit_id)));
create policy staff_unit_membership_ended_by_administrator on staff_unit_membership
    for delete to stafett_app using (administers(unit_municipality(unit_id)));

alter table staff_import enable row level security;
create policy staff_import_own on staff_import to stafett_app
    using (created_by = acting_person() and administers(municipality_id))
    with check (created_by = acting_person() and administers(municipality_id));

-- Persons: an administrator sees and keeps the staff of their municipality, and enters new
-- people (who become staff in the same transaction; the staff policy checks the
-- municipality).
create policy person_staff_seen_by_administrator on person for select to stafett_app
    using (person_id = any ((select administered_people())::uuid[]));
create policy person_entered_by_administrator on person for insert to stafett_app
    with check (exists (select 1 from staff a
                        where a.person_id = acting_person() and a.is_administrator));
create policy person_staff_kept_by_administrator on person for update to stafett_app
    using (person_id = any ((select administered_people())::uuid[]))
    with check (person_id = any ((select administered_people())::uuid[]));
-- The restrictive policy on updates (a guardian's own or a child's contact details) now
-- lets an administrator keep the staff they administer too.
drop policy person_contact_changed_by_guardian on person;
create policy person_contact_changed_by_guardian on person as restrictive for update
    to stafett_app
    using (person_id = acting_person()
           or person_id in (select g.child_id from guardianship g
                            where g.guardian_id = acting_person()
                              and g.has_parental_responsibility)
           or person_id = any ((select administered_people())::uuid[]));

-- `stafett_app` may now change names (for administrators), but a person's name is changed
-- only by an administrator of the municipality they work in: not by the person themself
-- nor by a guardian, whose contact details alone the policies above let them change.
create function names_kept_by_administrator() returns trigger
language plpgsql as $$
begin
    if current_user = 'stafett_app'
       and (new.given_name, new.family_name) is distinct from (old.given_name, old.family_name)
       and not new.person_id = any (administered_people()) then
        raise exception 'only an administrator changes a name'
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
create trigger person_names_kept_by_administrator before update of given_name, family_name
    on person for each row execute function names_kept_by_administrator();
