-- Push without content (issue 15, item 4): a person turns on notices on one device, and
-- news in their logs then reaches that device as a Web Push message saying only that
-- something is new, with a link.
--
-- A subscription belongs to the login it was made in: one per device and login, replaced
-- when the same login subscribes again, and gone when the login ends (however it ends) or
-- times out, or when the push service answers 404/410 for it. The endpoint has been checked
-- by the server (https, no private host: `app::domain::push`) before it is stored.
create table push_subscription (
    push_subscription_id uuid primary key default gen_random_uuid(),
    login_session_id uuid not null unique references login_session on delete cascade,
    person_id uuid not null references person,
    endpoint text not null check (length(endpoint) between 12 and 2048),
    -- The browser's P-256 public key (65 bytes) and auth secret (16 bytes), base64url.
    p256dh text not null check (p256dh ~ '^[A-Za-z0-9_-]{87}$'),
    auth text not null check (auth ~ '^[A-Za-z0-9_-]{22}$'),
    created_at timestamptz not null default now()
);
create index push_subscription_person_idx on push_subscription (person_id);

-- Personal data of the person's own: read and written by the owner (the server functions of
-- the person's page, the outbox), never by the application's role.
alter table push_subscription enable row level security;

-- A push message is an outbox message: `recipient` is the subscription's id, `body` the
-- payload (the title and a link, nothing of a log).
alter table outbox_message drop constraint outbox_message_channel_check;
alter table outbox_message add constraint outbox_message_channel_check
    check (channel in ('email', 'sms', 'push'));

-- However a login ends (logout, log out everywhere, back-channel logout), its device hears
-- nothing more.
create function login_session_forget_push() returns trigger
language plpgsql as $$
begin
    delete from push_subscription where login_session_id = new.login_session_id;
    return new;
end $$;
create trigger login_session_ended_push after update of ended_at on login_session
    for each row when (new.ended_at is not null) execute function login_session_forget_push();

-- A subscription gone takes its unsent messages with it: nothing waits for a device that
-- no longer listens.
create function push_subscription_forget_messages() returns trigger
language plpgsql as $$
begin
    delete from outbox_message
    where channel = 'push' and recipient = old.push_subscription_id::text and sent_at is null;
    return old;
end $$;
create trigger push_subscription_deleted after delete on push_subscription
    for each row execute function push_subscription_forget_messages();

-- Queues `payload` to every device of `target` whose login is still active, for the
-- application's role acting in a log: only to people it may see already (`record_people()`,
-- as `reach_of`). Returns how many were queued.
create function queue_push(target uuid, payload text) returns integer
language sql volatile security definer set search_path = public, pg_temp as $$
    with queued as (
        insert into outbox_message (channel, recipient, body)
        select 'push', s.push_subscription_id::text, payload
        from push_subscription s join login_session l on l.login_session_id = s.login_session_id
        where s.person_id = target
          and target = any ((select record_people())::uuid[])
          and login_session_is_active(l.created_at, l.last_seen_at, l.ended_at)
        returning 1
    )
    select count(*)::integer from queued
$$;
revoke all on function queue_push(uuid, text) from public;
grant execute on function queue_push(uuid, text) to stafett_app;

-- Run every hour: as before (20261130000101_logout_and_purging.sql), and the subscriptions
-- of logins that have timed out go too.
create or replace function purge_logins() returns void
language sql as $$
    update login_session set id_token = null
    where id_token is not null and not login_session_is_active(created_at, last_seen_at, ended_at);
    delete from push_subscription s using login_session l
    where l.login_session_id = s.login_session_id
      and not login_session_is_active(l.created_at, l.last_seen_at, l.ended_at);
    delete from login_session
    where coalesce(ended_at, least(created_at + interval '12 hours',
                                   last_seen_at + interval '30 minutes'))
          < now() - interval '30 days';
    delete from login_code where expires_at < now() - interval '1 day';
    delete from logout_token_seen where expires_at < now();
    delete from login_throttle
    where coalesce(locked_until, '-infinity') < now() and last_failure_at < now() - interval '1 hour';
$$;
