-- The baton passes on: an offer to a named member of staff, accepted, declined with a reason
-- or withdrawn, and a unit leader's appointment. Every log has exactly one holder at the end
-- of every transaction: a handover ends one holding and starts the next in one transaction.

alter table handover_offer add column reason text check (length(reason) <= 2000);
alter table handover_offer add column offered_by uuid references person;
alter table handover_offer add column answered_by uuid references person;

-- How a holding began: with the log's request, by an accepted offer, or by a leader's
-- appointment (and whose).
alter table holder_assignment add column began text not null default 'requested'
    check (began in ('requested', 'accepted', 'appointed'));
alter table holder_assignment add column appointed_by uuid references person;
alter table holder_assignment add constraint holder_assignment_appointed_by_a_leader
    check ((began = 'appointed') = (appointed_by is not null));

-- At most one current holding was already enforced (holder_assignment_one_current_idx); at
-- least one is checked at commit, so a handover may end one holding before the next begins.
create function holder_assignment_exactly_one() returns trigger
language plpgsql set search_path = public, pg_temp as $$
begin
    if (select count(*) from holder_assignment
        where log_id = new.log_id and ended_at is null) <> 1 then
        raise exception 'log % would have no holder', new.log_id
            using errcode = 'check_violation', constraint = 'holder_assignment_exactly_one';
    end if;
    return null;
end
$$;
create constraint trigger holder_assignment_exactly_one
    after insert or update on holder_assignment
    deferrable initially deferred
    for each row execute function holder_assignment_exactly_one();

-- The one offered the baton, the holder who offered it, and the leaders of either unit see
-- an offer.
drop policy handover_offer_parties on handover_offer;
create policy handover_offer_parties on handover_offer for select to stafett_app
    using (to_person_id = acting_person()
           or offered_by = acting_person()
           or exists (select 1 from holder_assignment h
                      where h.holder_assignment_id = from_assignment_id
                        and h.person_id = acting_person())
           or exists (select 1 from staff_unit_membership m
                      join holder_assignment h on h.holder_assignment_id = from_assignment_id
                      where m.person_id = acting_person() and m.role = 'unit_leader'
                        and m.unit_id in (h.unit_id, to_unit_id)));

-- Notices of the baton: an offer to its receiver, a decline to the holder, an appointment to
-- the one appointed.
alter table pending_notice drop constraint pending_notice_kind_check;
alter table pending_notice add constraint pending_notice_kind_check
    check (kind in ('entry', 'measure', 'minutes', 'baton'));
