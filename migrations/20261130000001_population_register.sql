-- The population register (Folkeregisteret) is the source of every child, guardian, parental
-- responsibility and residence: nothing typed in a form creates or changes them.

-- A lookup in the register is a look at a family's data: each is kept (who looked, whose
-- number, for which unit, and what came of it), shown to the unit's leader, and counted to
-- limit how many lookups a member of staff can make. Evidence: append-only.
create table register_lookup (
    register_lookup_id uuid primary key default gen_random_uuid(),
    person_id uuid not null references staff,
    unit_id uuid not null references unit,
    national_id text not null check (is_valid_national_id(national_id)),
    outcome text not null check (outcome in ('found', 'unknown', 'deceased', 'emigrated',
        'not_resident', 'adult', 'unavailable')),
    looked_up_at timestamptz not null default now(),
    foreign key (person_id, unit_id) references staff_unit_membership (person_id, unit_id)
);
create index register_lookup_person_idx on register_lookup (person_id, looked_up_at);
create index register_lookup_unit_idx on register_lookup (unit_id, looked_up_at);
create trigger register_lookup_append_only before update or delete on register_lookup
    for each row execute function refuse_change();

-- When the register was last read for the child, and when it last changed who the
-- guardians are, who has parental responsibility or where the child lives (the holder is
-- told: the consent rules follow the change).
alter table child add column register_checked_at timestamptz;
alter table child add column family_changed_at timestamptz;
