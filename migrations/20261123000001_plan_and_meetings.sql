-- The plan and the meetings name people, not participant rows: the holder, a member of
-- staff taking part for a service, a guardian or the youth may be responsible for a
-- measure, be invited to a meeting or take its minutes. Who counts as taking part is
-- checked by the application against the log's members at the time of writing.

alter table measure drop column responsible_participant_id;
alter table measure add column responsible_id uuid not null references person;

-- A measure's status only moves through its evaluations and edits; `version` guards
-- against two people overwriting each other (checked with `where version = $expected`).

alter table meeting drop column minute_taker_id;
alter table meeting add column minute_taker_id uuid references person;

drop table meeting_invitee;
create table meeting_invitee (
    meeting_id uuid not null references meeting,
    person_id uuid not null references person,
    invited_at timestamptz not null default now(),
    primary key (meeting_id, person_id)
);
create index meeting_invitee_person_idx on meeting_invitee (person_id);

alter table meeting_invitee enable row level security;
alter table meeting_invitee force row level security;
create policy meeting_invitee_visible on meeting_invitee
    using (log_content_visible(meeting_log(meeting_id)))
    with check (log_content_visible(meeting_log(meeting_id)));
grant select, insert, delete on meeting_invitee to stafett_app;

-- Agenda items are numbered by the server under a lock on the meeting row.
create index meeting_agenda_item_meeting_idx on meeting_agenda_item (meeting_id, position);
create index meeting_decision_meeting_idx on meeting_decision (meeting_id);
create index goal_area_idx on goal (development_area_id);

-- Approved minutes are read-only: corrections come as new entries.
create function meeting_minutes_frozen() returns trigger
language plpgsql as $$
begin
    if old.minutes_approved_at is not null and (
        new.minutes is distinct from old.minutes
        or new.minutes_approved_at is distinct from old.minutes_approved_at
        or new.minutes_approved_by is distinct from old.minutes_approved_by) then
        raise exception 'approved minutes are read-only' using errcode = 'check_violation';
    end if;
    return new;
end
$$;
create trigger meeting_minutes_frozen before update on meeting
    for each row execute function meeting_minutes_frozen();

create function meeting_decision_frozen() returns trigger
language plpgsql as $$
begin
    if exists (select 1 from meeting m where m.meeting_id = new.meeting_id
               and m.minutes_approved_at is not null) then
        raise exception 'the minutes of this meeting are approved' using errcode = 'check_violation';
    end if;
    return new;
end
$$;
create trigger meeting_decision_frozen before insert on meeting_decision
    for each row execute function meeting_decision_frozen();

-- A meeting's invitation is queued in the same transaction that calls it.
grant insert on outbox_message to stafett_app;
grant select (outbox_message_id) on outbox_message to stafett_app;
