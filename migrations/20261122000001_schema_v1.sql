-- Stafett schema v1. Designed against ../shared/DOMAIN.md: the rules that data alone can
-- carry are constraints here, so no code path can store a log the routine would not allow.

-- Norwegian national identity number (fødselsnummer), D-number (day + 40) or synthetic
-- test number (month + 40 or + 80, as in Skatteetaten's Tenor test data used by ID-porten):
-- 11 digits, a plausible date, and both mod-11 check digits.
create function is_valid_national_id(id text) returns boolean
language plpgsql immutable strict parallel safe as $$
declare
    d int[];
    k1 int;
    k2 int;
    day int;
    month int;
begin
    if id !~ '^[0-9]{11}$' then
        return false;
    end if;
    d := array(select substr(id, i, 1)::int from generate_series(1, 11) as i);
    day := d[1] * 10 + d[2];
    month := d[3] * 10 + d[4];
    if day > 40 then day := day - 40; end if;
    if month > 80 then month := month - 80; elsif month > 40 then month := month - 40; end if;
    if day < 1 or day > 31 or month < 1 or month > 12 then
        return false;
    end if;
    k1 := 11 - (3*d[1] + 7*d[2] + 6*d[3] + 1*d[4] + 8*d[5] + 9*d[6] + 4*d[7] + 5*d[8] + 2*d[9]) % 11;
    if k1 = 11 then k1 := 0; end if;
    if k1 = 10 or k1 <> d[10] then
        return false;
    end if;
    k2 := 11 - (5*d[1] + 4*d[2] + 3*d[3] + 2*d[4] + 7*d[5] + 6*d[6] + 5*d[7] + 4*d[8] + 3*d[9] + 2*d[10]) % 11;
    if k2 = 11 then k2 := 0; end if;
    return k2 <> 10 and k2 = d[11];
end;
$$;

-- Rows that are evidence (consents, audit) are never changed or removed.
create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end;
$$;

create function touch_updated_at() returns trigger language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end;
$$;

create table municipality (
    municipality_id uuid primary key default gen_random_uuid(),
    name text not null unique check (length(btrim(name)) between 2 and 200),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- A unit or service: a kindergarten, a school, the health station, PPT, …
create table unit (
    unit_id uuid primary key default gen_random_uuid(),
    municipality_id uuid not null references municipality,
    kind text not null check (kind in ('kindergarten', 'school', 'health_station', 'ppt',
        'child_welfare', 'physio_ot', 'gp', 'other')),
    name text not null check (length(btrim(name)) between 2 and 200 and name = btrim(name)),
    description text check (length(description) <= 2000),
    phone text not null check (phone ~ '^\+?[0-9][0-9 ]{6,18}$'),
    email text not null check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
    street_address text not null check (length(btrim(street_address)) between 2 and 200),
    postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
    postal_place text not null check (length(btrim(postal_place)) between 2 and 100),
    website text check (website ~ '^https://'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (municipality_id, name)
);
create index unit_municipality_kind_idx on unit (municipality_id, kind);

-- Anyone who can be named in a log: staff, guardians, children.
create table person (
    person_id uuid primary key default gen_random_uuid(),
    given_name text not null check (length(btrim(given_name)) between 1 and 100),
    family_name text not null check (length(btrim(family_name)) between 1 and 100),
    -- Identifies the person at login through ID-porten (the `pid` claim). Children too young
    -- for ID-porten may have none.
    national_id text unique check (is_valid_national_id(national_id)),
    email text check (email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' and length(email) <= 254),
    phone text check (phone ~ '^\+?[0-9][0-9 ]{6,18}$'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- An employee of the municipality; staff log in through ID-porten and need a national id.
create table staff (
    person_id uuid primary key references person,
    municipality_id uuid not null references municipality,
    job_title text check (length(btrim(job_title)) between 2 and 100),
    created_at timestamptz not null default now()
);

create table staff_unit_membership (
    person_id uuid not null references staff,
    unit_id uuid not null references unit,
    -- A unit leader invites holders, decides who holds the baton when it is not obvious, and
    -- sees activity figures, but no log content unless also a participant.
    role text not null check (role in ('member', 'unit_leader')),
    created_at timestamptz not null default now(),
    primary key (person_id, unit_id)
);
create index staff_unit_membership_unit_idx on staff_unit_membership (unit_id, role);

-- A child has a birth date: the consent rules depend on the child's age.
create table child (
    person_id uuid primary key references person,
    municipality_id uuid not null references municipality,
    birth_date date not null check (birth_date > date '1990-01-01'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- A guardian's relation to one child. Parental responsibility (foreldreansvar) decides who
-- consents for a child under 16; the residence arrangement decides whether one or both must.
create table guardianship (
    guardian_id uuid not null references person,
    child_id uuid not null references child,
    has_parental_responsibility boolean not null,
    -- lives_together: the parents live together with the child;
    -- shared_residence: the parents live apart and the child has fixed residence with both
    --   (delt fast bosted), so both must consent;
    -- residence_with_this_guardian / residence_with_other: the parents live apart and the
    --   child lives with one of them.
    residence text not null check (residence in ('lives_together', 'shared_residence',
        'residence_with_this_guardian', 'residence_with_other')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (guardian_id, child_id),
    check (guardian_id <> child_id)
);
create index guardianship_child_idx on guardianship (child_id);

-- The stafettlogg around one child.
create table log (
    log_id uuid primary key default gen_random_uuid(),
    child_id uuid not null references child,
    municipality_id uuid not null references municipality,
    -- BTI levels 0-3; a log starts at level 2. Level 3 (individual plan) is handled
    -- elsewhere: the log is then transferred.
    bti_level smallint not null default 2 check (bti_level between 0 and 3),
    status text not null default 'open' check (status in ('open', 'closed')),
    opened_at timestamptz not null default now(),
    closed_at timestamptz,
    -- Archived in the municipality's archive system when closed; the content stays here but
    -- nobody reaches it until the log is reopened with new consent.
    archived_at timestamptz,
    archive_reference text,
    -- Those who consented may demand deletion; deleted_at marks the content as erased.
    deletion_requested_at timestamptz,
    deleted_at timestamptz,
    transferred_to_individual_plan_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint log_closed_has_closing_time check ((status = 'closed') = (closed_at is not null)),
    constraint log_closed_after_opened check (closed_at is null or closed_at >= opened_at),
    constraint log_archived_only_when_closed check (archived_at is null or closed_at is not null),
    constraint log_archive_reference_when_archived check (archive_reference is null or archived_at is not null),
    constraint log_deleted_on_request check (deleted_at is null or deletion_requested_at is not null)
);
create index log_child_idx on log (child_id);

-- Who holds the baton. Nobody lets go before another has taken over: a holding ends only
-- when the next begins, and at most one holding per log is current.
create table holder_assignment (
    holder_assignment_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    person_id uuid not null references staff,
    unit_id uuid not null references unit,
    started_at timestamptz not null default now(),
    ended_at timestamptz,
    constraint holder_assignment_ended_after_started check (ended_at is null or ended_at >= started_at),
    foreign key (person_id, unit_id) references staff_unit_membership (person_id, unit_id)
);
create unique index holder_assignment_one_current_idx on holder_assignment (log_id)
    where ended_at is null;

-- A handover is an offer the new holder accepts; until then the old holder holds.
create table handover_offer (
    handover_offer_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    from_assignment_id uuid not null references holder_assignment,
    to_person_id uuid not null references staff,
    to_unit_id uuid not null references unit,
    message text check (length(message) <= 2000),
    state text not null default 'pending' check (state in ('pending', 'accepted', 'declined', 'withdrawn')),
    offered_at timestamptz not null default now(),
    responded_at timestamptz,
    constraint handover_offer_responded_unless_pending check ((state = 'pending') = (responded_at is null)),
    constraint handover_offer_responded_after_offered check (responded_at is null or responded_at >= offered_at),
    foreign key (to_person_id, to_unit_id) references staff_unit_membership (person_id, unit_id)
);
create unique index handover_offer_one_pending_idx on handover_offer (log_id)
    where state = 'pending';

-- A party around the child: a named person (staff, guardian, the youth) or a whole
-- service (unit) whose staff may then be added by name.
create table participant (
    participant_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    person_id uuid references person,
    unit_id uuid references unit,
    role text not null check (role in ('holder', 'service', 'guardian', 'youth', 'other')),
    responsibility text check (length(responsibility) <= 1000),
    contact_phone text check (contact_phone ~ '^\+?[0-9][0-9 ]{6,18}$'),
    contact_email text check (contact_email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    joined_at timestamptz not null default now(),
    left_at timestamptz,
    constraint participant_left_after_joined check (left_at is null or left_at >= joined_at),
    -- Exactly one of a person or a service.
    constraint participant_person_or_service check ((person_id is null) <> (unit_id is null))
);
create unique index participant_person_current_idx on participant (log_id, person_id)
    where left_at is null and person_id is not null;
create unique index participant_unit_current_idx on participant (log_id, unit_id)
    where left_at is null and unit_id is not null;

-- Consent is evidence: append-only. A withdrawal is a new row, never an update.
create table consent (
    consent_id uuid primary key default gen_random_uuid(),
    -- Null only for the consent that establishes a log not yet created.
    log_id uuid references log,
    child_id uuid not null references child,
    consenter_id uuid not null references person,
    scope text not null check (scope in ('establish_log', 'involve_service', 'transition',
        'share_health_information', 'education_decision', 'child_own_access', 'close',
        'reopen', 'delete', 'transfer_to_individual_plan')),
    -- The service the consent covers (involving it, or a transition to it).
    unit_id uuid references unit,
    decision text not null check (decision in ('given', 'withdrawn')),
    method text not null check (method in ('digital', 'oral', 'paper')),
    -- Who recorded an oral or paper decision; a digital one is recorded by the consenter.
    documented_by uuid references staff,
    -- The exact text the consenter was shown, and in which language.
    text_shown text not null check (length(btrim(text_shown)) between 10 and 20000),
    text_language text not null check (text_language in ('nb', 'nn', 'en')),
    -- For a withdrawal: what the holder explained of its consequences.
    explained_consequences text check (length(explained_consequences) <= 4000),
    recorded_at timestamptz not null default now(),
    constraint consent_documented_unless_digital check ((method = 'digital') = (documented_by is null)),
    constraint consent_names_the_service check (scope not in ('involve_service', 'transition') or unit_id is not null),
    constraint consent_log_unless_establishing check (log_id is not null or (scope = 'establish_log' and decision = 'given'))
);
create index consent_log_idx on consent (log_id, recorded_at);
create index consent_child_idx on consent (child_id, recorded_at);
create trigger consent_append_only before update or delete on consent
    for each row execute function refuse_change();

create table development_area (
    development_area_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    title text not null check (length(btrim(title)) between 2 and 200),
    description text check (length(description) <= 4000),
    created_by uuid not null references person,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index development_area_log_idx on development_area (log_id);

create table goal (
    goal_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    development_area_id uuid references development_area,
    title text not null check (length(btrim(title)) between 2 and 300),
    description text check (length(description) <= 4000),
    created_by uuid not null references person,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index goal_log_idx on goal (log_id);

-- A measure (tiltak); `version` guards against two people overwriting each other.
create table measure (
    measure_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    development_area_id uuid not null references development_area,
    goal_id uuid references goal,
    title text not null check (length(btrim(title)) between 2 and 300),
    description text check (length(description) <= 8000),
    responsible_participant_id uuid not null references participant,
    start_date date not null,
    planned_evaluation_date date not null,
    status text not null default 'planned' check (status in ('planned', 'active', 'paused',
        'completed', 'stopped')),
    version integer not null default 1 check (version >= 1),
    created_by uuid not null references person,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint measure_evaluated_after_start check (planned_evaluation_date >= start_date)
);
create index measure_log_idx on measure (log_id);

-- An evaluation made together: what was tried, what worked, what next.
create table evaluation (
    evaluation_id uuid primary key default gen_random_uuid(),
    measure_id uuid not null references measure,
    what_was_tried text not null check (length(btrim(what_was_tried)) between 1 and 8000),
    what_worked text not null check (length(btrim(what_worked)) between 1 and 8000),
    what_next text not null check (length(btrim(what_next)) between 1 and 8000),
    evaluated_on date not null,
    recorded_by uuid not null references person,
    created_at timestamptz not null default now()
);
create index evaluation_measure_idx on evaluation (measure_id);

create table meeting (
    meeting_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    place text check (length(btrim(place)) between 2 and 300),
    video_url text check (video_url ~ '^https://'),
    -- The named minute-taker (referent).
    minute_taker_id uuid references participant,
    minutes text check (length(minutes) <= 50000),
    minutes_approved_at timestamptz,
    minutes_approved_by uuid references person,
    version integer not null default 1 check (version >= 1),
    called_by uuid not null references person,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint meeting_ends_after_start check (ends_at > starts_at),
    constraint meeting_has_place_or_video check (place is not null or video_url is not null),
    -- Approved minutes need minutes, and an approver.
    constraint meeting_approved_minutes_complete check (minutes_approved_at is null or (minutes is not null and minutes_approved_by is not null))
);
create index meeting_log_idx on meeting (log_id, starts_at);

create table meeting_agenda_item (
    meeting_agenda_item_id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null references meeting,
    proposed_by uuid not null references person,
    text text not null check (length(btrim(text)) between 2 and 1000),
    position integer not null check (position >= 0),
    created_at timestamptz not null default now(),
    unique (meeting_id, position)
);

create table meeting_invitee (
    meeting_id uuid not null references meeting,
    participant_id uuid not null references participant,
    response text not null default 'none' check (response in ('none', 'accepted', 'declined')),
    invited_at timestamptz not null default now(),
    primary key (meeting_id, participant_id)
);

create table meeting_decision (
    meeting_decision_id uuid primary key default gen_random_uuid(),
    meeting_id uuid not null references meeting,
    text text not null check (length(btrim(text)) between 2 and 4000),
    -- A decision may create or change a measure.
    measure_id uuid references measure,
    created_at timestamptz not null default now()
);

-- The chronological log of entries, by participants, guardians and the youth.
create table entry (
    entry_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    author_id uuid not null references person,
    body text not null check (length(btrim(body)) between 1 and 20000),
    -- The child's own voice, written by the youth or by a guardian on the child's behalf.
    is_child_voice boolean not null default false,
    created_at timestamptz not null default now()
);
create index entry_log_idx on entry (log_id, created_at);

-- Every read and write of content. Append-only; `prev_hash`/`hash` make a per-log chain so
-- that a changed or removed row is detectable.
create table audit_event (
    audit_event_id bigserial primary key,
    occurred_at timestamptz not null default now(),
    actor_id uuid references person,
    log_id uuid references log,
    action text not null check (action ~ '^[a-z][a-z0-9_.]{2,80}$'),
    detail jsonb not null default '{}'::jsonb,
    prev_hash bytea,
    hash bytea
);
create index audit_event_log_idx on audit_event (log_id, audit_event_id);
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function refuse_change();

create trigger municipality_touch before update on municipality for each row execute function touch_updated_at();
create trigger unit_touch before update on unit for each row execute function touch_updated_at();
create trigger person_touch before update on person for each row execute function touch_updated_at();
create trigger child_touch before update on child for each row execute function touch_updated_at();
create trigger guardianship_touch before update on guardianship for each row execute function touch_updated_at();
create trigger log_touch before update on log for each row execute function touch_updated_at();
create trigger development_area_touch before update on development_area for each row execute function touch_updated_at();
create trigger goal_touch before update on goal for each row execute function touch_updated_at();
create trigger measure_touch before update on measure for each row execute function touch_updated_at();
create trigger meeting_touch before update on meeting for each row execute function touch_updated_at();
