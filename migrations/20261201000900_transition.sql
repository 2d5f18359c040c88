-- Transitions (kindergarten → school, school → secondary, moving to another municipality of
-- the installation): the holder starts one with the date; the family's consent (scope
-- 'transition', naming the receiving unit) lets it go on; the receiving unit's leader names
-- a holder, who is offered the baton; when they accept, the sending unit's participants
-- leave on the agreed date unless the family's consent keeps them.
create table transition (
    transition_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    from_unit_id uuid not null references unit,
    to_unit_id uuid not null references unit,
    kind text not null check (kind in ('kindergarten_school', 'school_secondary', 'moving')),
    transfer_on date not null,
    message text check (length(message) <= 2000),
    started_by uuid not null references person,
    started_at timestamptz not null default now(),
    -- As the family's latest consent to it says: the sending unit stays after the date.
    keep_sending boolean not null default false,
    -- When the family's consent came to suffice; cleared by a withdrawal that ends it.
    consented_at timestamptz,
    completed_at timestamptz,
    cancelled_at timestamptz,
    cancelled_by uuid references person,
    constraint transition_to_another_unit check (from_unit_id <> to_unit_id),
    constraint transition_ends_once check (completed_at is null or cancelled_at is null),
    constraint transition_cancelled_by_someone check ((cancelled_at is null) = (cancelled_by is null))
);
-- One transition at a time: a log moves to one place.
create unique index transition_one_running_idx on transition (log_id)
    where completed_at is null and cancelled_at is null;
create index transition_to_unit_idx on transition (to_unit_id)
    where completed_at is null and cancelled_at is null;

-- The family and the holder read it (as they read the consents); the holder starts and
-- cancels it; the consent that decides it is recorded by the family.
alter table transition enable row level security;
create policy transition_readable on transition to stafett_app
    using (log_id = any ((select record_logs())::uuid[]))
    with check (log_id = any ((select record_logs())::uuid[]));
grant select, insert on transition to stafett_app;
grant update (keep_sending, consented_at, cancelled_at, cancelled_by) on transition to stafett_app;

-- The baton offer a receiving leader makes for a transition.
alter table handover_offer add column transition_id uuid references transition;

-- A participation that ends on an agreed day (in Europe/Oslo): `end_agreed_participation()`
-- ends it when that day comes.
alter table participant add column leaves_on date;

create function end_agreed_participation() returns integer
language sql security definer set search_path = public, pg_temp as $$
    with ended as (
        update participant set left_at = greatest(now(), joined_at)
        where left_at is null and leaves_on <= (now() at time zone 'Europe/Oslo')::date
        returning 1
    )
    select count(*)::integer from ended;
$$;

-- Notices of a transition: to those around the log when it starts, to the receiving unit's
-- leaders when the family has consented.
alter table pending_notice drop constraint pending_notice_kind_check;
alter table pending_notice add constraint pending_notice_kind_check
    check (kind in ('entry', 'measure', 'minutes', 'baton', 'closing', 'transition'));
