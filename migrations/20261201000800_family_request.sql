-- A family asks for a log themselves (a guardian with parental responsibility, or a youth
-- of 15 or more for themself): they name the unit they want to hold it and say what it is
-- about in their own words; a leader of that unit appoints a holder, which starts the log
-- waiting for the family's consent.
create table family_request (
    family_request_id uuid primary key default gen_random_uuid(),
    child_id uuid not null references child,
    requested_by uuid not null references person,
    unit_id uuid not null references unit,
    about text not null check (length(btrim(about)) between 10 and 4000),
    requested_at timestamptz not null default now(),
    -- The log a leader started for it, by appointing its holder.
    log_id uuid references log,
    answered_by uuid references person,
    answered_at timestamptz,
    constraint family_request_answered_with_a_log
        check ((log_id is null) = (answered_at is null) and (log_id is null) = (answered_by is null))
);
-- One request waiting per child at a time.
create unique index family_request_one_waiting_idx on family_request (child_id)
    where log_id is null;

-- Seen by whoever asked, the child's guardians with parental responsibility, the child,
-- and the leaders of the unit asked; written by the one asking, answered by those leaders.
alter table family_request enable row level security;
create policy family_request_family on family_request to stafett_app
    using (requested_by = acting_person()
           or child_id = acting_person()
           or exists (select 1 from guardianship g
                      where g.child_id = family_request.child_id
                        and g.guardian_id = acting_person() and g.has_parental_responsibility))
    with check (requested_by = acting_person());
create policy family_request_leaders on family_request to stafett_app
    using (exists (select 1 from staff_unit_membership m
                   where m.unit_id = family_request.unit_id
                     and m.person_id = acting_person() and m.role = 'unit_leader'));
grant select, insert on family_request to stafett_app;
grant update (log_id, answered_by, answered_at) on family_request to stafett_app;
