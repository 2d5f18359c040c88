-- Files (PDF and images) attached to an entry, stored in PostgreSQL under the same
-- row-level security as every other piece of content. An attachment belongs to its entry's
-- log: the composite key makes a mismatch impossible.
alter table entry add constraint entry_in_log unique (entry_id, log_id);

create table attachment (
    attachment_id uuid primary key default gen_random_uuid(),
    log_id uuid not null references log,
    entry_id uuid not null,
    file_name text not null check (length(file_name) between 1 and 200),
    content_type text not null check (content_type in ('application/pdf', 'image/png',
        'image/jpeg', 'image/webp')),
    size_bytes integer not null check (size_bytes between 1 and 10485760),
    sha256 bytea not null,
    data bytea not null,
    uploaded_by uuid not null references person,
    created_at timestamptz not null default now(),
    constraint attachment_of_entry_in_log foreign key (entry_id, log_id)
        references entry (entry_id, log_id),
    constraint attachment_size_is_data check (octet_length(data) = size_bytes)
);
create index attachment_entry_idx on attachment (entry_id);
create trigger attachment_append_only before update on attachment
    for each row execute function refuse_change();

alter table attachment enable row level security;
alter table attachment force row level security;
create policy attachment_visible on attachment
    using (log_content_visible(log_id)) with check (log_content_visible(log_id));
grant select, insert on attachment to stafett_app;
