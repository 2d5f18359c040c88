-- A member of staff leaves a unit. Nobody lets go of the baton before another has taken
-- over, so a leaver who still holds logs for the unit stays, marked as leaving, until a
-- leader of the unit has given each of those logs a new holder; then (or at once, for
-- someone who holds none) the membership ends: their parts in the unit's logs end, an offer
-- of a baton waiting for them is withdrawn, and the membership moves to the history.
--
-- `staff_unit_membership` holds only live memberships, so every reader of it (the login's
-- units, the leader relation, who may hold, the row policies) agrees without a condition of
-- its own. What happened in the logs keeps pointing at the person and the unit.

-- History rows no longer reference the live membership (they would stop it from ending);
-- a new row still needs one, checked when it is written, under the same names as before.
alter table holder_assignment drop constraint holder_assignment_person_id_unit_id_fkey;
alter table handover_offer drop constraint handover_offer_to_person_id_to_unit_id_fkey;
alter table participant drop constraint participant_staff_of_unit;
alter table register_lookup drop constraint register_lookup_person_id_unit_id_fkey;

-- tg_argv: the constraint's name, the person's column, the unit's column.
create function staff_post_is_member() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    post jsonb := to_jsonb(new);
    who uuid := (post ->> tg_argv[1])::uuid;
    which uuid := (post ->> tg_argv[2])::uuid;
begin
    if who is not null and which is not null
       and not exists (select 1 from staff_unit_membership m
                       where m.person_id = who and m.unit_id = which) then
        raise exception '% violates %: a member of staff acts only for a unit they work at',
                tg_table_name, tg_argv[0]
            using errcode = 'foreign_key_violation', constraint = tg_argv[0];
    end if;
    return new;
end
$$;
create trigger holder_assignment_person_id_unit_id_fkey before insert on holder_assignment
    for each row execute function staff_post_is_member(
        'holder_assignment_person_id_unit_id_fkey', 'person_id', 'unit_id');
create trigger handover_offer_to_person_id_to_unit_id_fkey before insert on handover_offer
    for each row execute function staff_post_is_member(
        'handover_offer_to_person_id_to_unit_id_fkey', 'to_person_id', 'to_unit_id');
create trigger participant_staff_of_unit before insert on participant
    for each row execute function staff_post_is_member(
        'participant_staff_of_unit', 'person_id', 'unit_id');
create trigger register_lookup_person_id_unit_id_fkey before insert on register_lookup
    for each row execute function staff_post_is_member(
        'register_lookup_person_id_unit_id_fkey', 'person_id', 'unit_id');

-- Leaving, asked for by an administrator while the person still holds logs for the unit.
alter table staff_unit_membership add column leaving_since timestamptz;
alter table staff_unit_membership add column leaving_by uuid references person;
alter table staff_unit_membership add constraint staff_unit_membership_leaving_by_someone
    check ((leaving_since is null) = (leaving_by is null));

-- Memberships that ended: who worked where, in which role, from when until when, and who
-- ended it (the administrator, or the leader whose appointment released the last log).
-- Evidence: append-only.
create table staff_unit_membership_ended (
    person_id uuid not null references staff,
    unit_id uuid not null references unit,
    role text not null check (role in ('member', 'unit_leader')),
    started_at timestamptz not null,
    leaving_since timestamptz,
    ended_at timestamptz not null default now(),
    ended_by uuid references person,
    primary key (person_id, unit_id, ended_at)
);
create index staff_unit_membership_ended_unit_idx on staff_unit_membership_ended (unit_id);
create trigger staff_unit_membership_ended_append_only before update or delete
    on staff_unit_membership_ended for each row execute function refuse_change();
grant select on staff_unit_membership_ended to stafett_app;
alter table staff_unit_membership_ended enable row level security;
create policy staff_unit_membership_ended_seen_by_administrator on staff_unit_membership_ended
    for select to stafett_app using (administers(unit_municipality(unit_id)));

-- The logs `target_person` holds for `target_unit` now: those a leader must give a new
-- holder before the person may leave. A cancelled or deleted log has nobody to hand to.
create function held_for_unit(target_person uuid, target_unit uuid) returns setof uuid
language sql stable security definer set search_path = public, pg_temp as $$
    select h.log_id from holder_assignment h
    join log l on l.log_id = h.log_id
    where h.person_id = target_person and h.unit_id = target_unit and h.ended_at is null
      and l.status <> 'cancelled' and l.deleted_at is null
$$;
revoke all on function held_for_unit(uuid, uuid) from public;

-- Offers of a baton waiting for someone leaving `target_unit`, for that unit, are
-- withdrawn by `actor` (each audited in its log): nobody leaving takes a log on.
create function withdraw_offers_to_leaver(target_person uuid, target_unit uuid, actor uuid)
returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    touched uuid;
begin
    for touched in
        update handover_offer set state = 'withdrawn', responded_at = now(), answered_by = actor
        where to_person_id = target_person and to_unit_id = target_unit and state = 'pending'
        returning log_id
    loop
        insert into audit_event (actor_id, log_id, action, detail)
        values (actor, touched, 'baton.withdrawn_on_leaving',
                jsonb_build_object('person_id', target_person, 'unit_id', target_unit));
    end loop;
end
$$;
revoke all on function withdraw_offers_to_leaver(uuid, uuid, uuid) from public;

-- Ends the membership now, by `actor`: the person's parts in the unit's logs end (each log
-- shows who left when), an offer of a baton waiting for them for the unit is withdrawn, and
-- the membership moves to the history. Audited as `action`. The caller has decided that it
-- may end.
create function finish_membership(target_person uuid, target_unit uuid, actor uuid, action text)
returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare
    ending staff_unit_membership;
    touched uuid;
begin
    delete from staff_unit_membership
    where person_id = target_person and unit_id = target_unit
    returning * into ending;
    if ending.person_id is null then
        return;
    end if;
    insert into staff_unit_membership_ended (person_id, unit_id, role, started_at,
                                             leaving_since, ended_by)
    values (ending.person_id, ending.unit_id, ending.role, ending.created_at,
            ending.leaving_since, actor);
    for touched in
        update participant set left_at = now()
        where person_id = target_person and unit_id = target_unit and left_at is null
        returning log_id
    loop
        insert into audit_event (actor_id, log_id, action, detail)
        values (actor, touched, 'participant.left_with_unit',
                jsonb_build_object('person_id', target_person, 'unit_id', target_unit));
    end loop;
    perform withdraw_offers_to_leaver(target_person, target_unit, actor);
    insert into audit_event (actor_id, action, detail)
    values (actor, action,
            jsonb_build_object('person_id', target_person, 'unit_id', target_unit,
                               'municipality_id', unit_municipality(target_unit),
                               'waited', ending.leaving_since is not null));
end
$$;
revoke all on function finish_membership(uuid, uuid, uuid, text) from public;

-- An administrator ends a membership of a unit of their municipality: 'ended' at once, or
-- 'leaving' while the person holds logs for the unit ('still_leaving' if it already was);
-- null for a membership that does not exist or is not theirs to end.
create function end_membership(target_person uuid, target_unit uuid) returns text
language plpgsql volatile security definer set search_path = public, pg_temp as $$
declare
    found staff_unit_membership;
begin
    if not administers(unit_municipality(target_unit)) then
        return null;
    end if;
    select * into found from staff_unit_membership
    where person_id = target_person and unit_id = target_unit
    for update;
    if found.person_id is null then
        return null;
    end if;
    -- The holdings are locked too, so an appointment cannot slip in between.
    perform 1 from holder_assignment h
    where h.person_id = target_person and h.unit_id = target_unit and h.ended_at is null
    for update;
    if exists (select held_for_unit(target_person, target_unit)) then
        if found.leaving_since is null then
            update staff_unit_membership set leaving_since = now(), leaving_by = acting_person()
            where person_id = target_person and unit_id = target_unit;
            perform withdraw_offers_to_leaver(target_person, target_unit, acting_person());
            insert into audit_event (actor_id, action, detail)
            values (acting_person(), 'admin.membership_leaving',
                    jsonb_build_object('person_id', target_person, 'unit_id', target_unit,
                                       'municipality_id', unit_municipality(target_unit)));
            return 'leaving';
        end if;
        return 'still_leaving';
    end if;
    perform finish_membership(target_person, target_unit, acting_person(),
                              'admin.membership_ended');
    return 'ended';
end
$$;
revoke all on function end_membership(uuid, uuid) from public;
grant execute on function end_membership(uuid, uuid) to stafett_app;

-- After a log held by `target_person` for `target_unit` got a new holder: a membership
-- waiting for its last log ends now, by `actor` (who appointed or accepted). True if it
-- ended. For the owner's connection (the baton's steps), not for the application's role.
create function end_membership_if_released(target_person uuid, target_unit uuid, actor uuid)
returns boolean
language plpgsql volatile security definer set search_path = public, pg_temp as $$
begin
    if not exists (select 1 from staff_unit_membership
                   where person_id = target_person and unit_id = target_unit
                     and leaving_since is not null)
       or exists (select held_for_unit(target_person, target_unit)) then
        return false;
    end if;
    perform finish_membership(target_person, target_unit, actor, 'membership.ended_on_handover');
    return true;
end
$$;
revoke all on function end_membership_if_released(uuid, uuid, uuid) from public;

-- How to reach the leaders of `target_unit` but `except_person`, for an administrator of
-- its municipality (nobody else learns anything): to ask them to appoint.
create function unit_leaders_reach(target_unit uuid, except_person uuid)
returns table (person_id uuid, email text, mobile text, lang text, channel text, notify text)
language sql stable security definer set search_path = public, pg_temp as $$
    select r.person_id, r.email, r.mobile, r.lang, r.channel, r.notify
    from staff_unit_membership m
    join person_reach r on r.person_id = m.person_id
    where m.unit_id = target_unit and m.role = 'unit_leader' and m.person_id <> except_person
      and administers(unit_municipality(target_unit))
$$;
revoke all on function unit_leaders_reach(uuid, uuid) from public;
grant execute on function unit_leaders_reach(uuid, uuid) to stafett_app;

-- The logs held in units the acting person leads whose holder is leaving the unit: the
-- leader must appoint another.
create function leaving_holdings() returns setof uuid
language sql stable security definer set search_path = public, pg_temp as $$
    select h.log_id
    from staff_unit_membership lead
    join staff_unit_membership m on m.unit_id = lead.unit_id and m.leaving_since is not null
    join holder_assignment h on h.person_id = m.person_id and h.unit_id = m.unit_id
                            and h.ended_at is null
    where lead.person_id = acting_person() and lead.role = 'unit_leader'
$$;
revoke all on function leaving_holdings() from public;
grant execute on function leaving_holdings() to stafett_app;

-- Superseded: a membership named in a log now ends as above.
drop function membership_in_use(uuid, uuid);

-- Notices about a unit rather than one log: a family's request to its leaders, and a holder
-- leaving it. They name no log. ('transition' is the kind of the transitions, built
-- alongside in 20261201000900; naming it here keeps it once both are in.)
alter table pending_notice alter column log_id drop not null;
alter table pending_notice drop constraint pending_notice_kind_check;
alter table pending_notice add constraint pending_notice_kind_check
    check (kind in ('entry', 'measure', 'minutes', 'baton', 'closing', 'transition', 'request',
                    'leaving'));
