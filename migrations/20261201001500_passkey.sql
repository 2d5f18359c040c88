-- Passkeys for children under 15 (issue 15, item 5). A child registers one after a login with
-- password and code; it opens no login until a guardian with parental responsibility has
-- approved it. The guardian removes it when a phone is lost. One that shows signs of being
-- copied (its signature counter went back) is disabled and kept, so the guardian sees why.
create table child_passkey (
    child_passkey_id uuid primary key default gen_random_uuid(),
    person_id uuid not null references child_account on delete cascade,
    -- The authenticator's credential id: what a login names, and unique across accounts.
    credential_id bytea not null unique check (octet_length(credential_id) between 16 and 1023),
    -- webauthn-rs's `Passkey` as it serialises itself: the public key and the counter.
    passkey jsonb not null,
    -- The phone or browser it was registered from, from its user agent (never the agent).
    device text check (length(device) <= 200),
    created_at timestamptz not null default now(),
    approved_at timestamptz,
    approved_by uuid references person,
    last_used_at timestamptz,
    disabled_at timestamptz,
    disabled_reason text check (disabled_reason in ('cloned')),
    constraint child_passkey_approval check ((approved_at is null) = (approved_by is null)),
    constraint child_passkey_disabled_has_reason check ((disabled_at is null) = (disabled_reason is null))
);
create index child_passkey_person_idx on child_passkey (person_id);

alter table login_session drop constraint login_session_method_check;
alter table login_session add constraint login_session_method_check
    check (method in ('idporten', 'password_and_code', 'passkey'));

-- The app role reads no passkeys: a guardian who may decide on the child's login sees the
-- child's passkeys through these functions, and the child their own.
create function child_passkeys(child uuid)
returns table (child_passkey_id uuid, device text, created_at timestamptz, approved boolean,
               last_used_at timestamptz, disabled_reason text)
language sql stable security definer set search_path = public, pg_temp as $$
    select k.child_passkey_id, k.device, k.created_at, k.approved_at is not null,
           k.last_used_at, k.disabled_reason
    from child_passkey k
    where k.person_id = child and guards_child(child)
    order by k.created_at
$$;

create function my_passkeys()
returns table (child_passkey_id uuid, device text, created_at timestamptz, approved boolean,
               last_used_at timestamptz, disabled_reason text)
language sql stable security definer set search_path = public, pg_temp as $$
    select k.child_passkey_id, k.device, k.created_at, k.approved_at is not null,
           k.last_used_at, k.disabled_reason
    from child_passkey k
    where k.person_id = acting_person()
    order by k.created_at
$$;

create function has_child_login() returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
    select exists (select 1 from child_account where person_id = acting_person())
$$;

-- Approves the child's passkey; true if the acting person may and it waited for approval.
-- A disabled passkey is never approved: it is to be removed.
create function approve_child_passkey(child uuid, target uuid) returns boolean
language sql security definer set search_path = public, pg_temp as $$
    with approved as (
        update child_passkey set approved_at = now(), approved_by = acting_person()
        where child_passkey_id = target and person_id = child and guards_child(child)
          and approved_at is null and disabled_at is null
        returning 1
    )
    select exists (select 1 from approved)
$$;

-- Removes the child's passkey; true if the acting person may and it was there.
create function remove_child_passkey(child uuid, target uuid) returns boolean
language sql security definer set search_path = public, pg_temp as $$
    with removed as (
        delete from child_passkey
        where child_passkey_id = target and person_id = child and guards_child(child)
        returning 1
    )
    select exists (select 1 from removed)
$$;

revoke execute on function child_passkeys(uuid), my_passkeys(), has_child_login(),
    approve_child_passkey(uuid, uuid), remove_child_passkey(uuid, uuid) from public;
grant execute on function child_passkeys(uuid), my_passkeys(), has_child_login(),
    approve_child_passkey(uuid, uuid), remove_child_passkey(uuid, uuid) to stafett_app;
