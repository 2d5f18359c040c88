-- Login attempts are counted *before* a password or a one-time code is compared, under a row
-- lock, so that requests racing in parallel (from any number of browser sessions) can never
-- have more comparisons than the limit. And they are counted per username *and* address
-- ("pair"), per address, and per child account for one-time codes ("code"), no longer per
-- username alone: guessing a child's username from one place locks out that place, not the
-- child.
delete from login_throttle;
alter table login_throttle drop constraint login_throttle_key_check;
alter table login_throttle add constraint login_throttle_key_check
    check (key ~ '^(pair|address|code):.{1,200}$');
-- An attempt that succeeds is given back to its address (see login_attempt_refund).
alter table login_throttle drop constraint login_throttle_failures_check;
alter table login_throttle add constraint login_throttle_failures_check check (failures >= 0);

-- Counts one attempt against every key, unless one of them is locked; a key that reaches
-- its limit is locked at once for its lock time (the attempt that reached it is still
-- compared). Counts older than `horizon` are forgotten, and so is the count of a lock that
-- has run out. Returns whether the attempt may be compared, the count of the first key after
-- it (the most specific one, e.g. the username from this address: answers slow down for
-- whoever repeats themselves, not for everyone behind a shared address), and whether it
-- locked a key.
create function login_attempt(keys text[], limits int[], locks interval[], horizon interval)
returns table (allowed boolean, failures int, locked_now boolean)
language plpgsql as $$
declare
    i int;
    counted int;
begin
    insert into login_throttle (key, failures, last_failure_at)
    select k, 0, now() from unnest(keys) as k
    on conflict (key) do nothing;
    -- Locked in key order, so that two attempts sharing keys cannot deadlock.
    perform 1 from login_throttle t where t.key = any(keys) order by t.key for update;
    if exists (select 1 from login_throttle t where t.key = any(keys) and t.locked_until > now()) then
        return query select false, t.failures, false
                     from login_throttle t where t.key = keys[1];
        return;
    end if;
    allowed := true;
    locked_now := false;
    for i in 1 .. cardinality(keys) loop
        update login_throttle t
        set failures = case when t.locked_until is null and t.last_failure_at > now() - horizon
                            then t.failures + 1 else 1 end,
            last_failure_at = now(),
            locked_until = null
        where t.key = keys[i]
        returning t.failures into counted;
        if counted >= limits[i] then
            update login_throttle t set locked_until = now() + locks[i] where t.key = keys[i];
            locked_now := true;
        end if;
        if i = 1 then
            failures := counted;
        end if;
    end loop;
    return next;
end $$;

-- A successful attempt does not count against a shared key (an address): its count is given
-- back, and a lock it set is lifted.
create function login_attempt_refund(refunded text, key_limit int) returns void
language sql as $$
    update login_throttle
    set failures = greatest(failures - 1, 0),
        locked_until = case when failures - 1 < key_limit then null else locked_until end
    where key = refunded
$$;

-- When a child's login is locked, the child is told (through the outbox), at most once an
-- hour however many places try.
create table child_login_alert (
    person_id uuid primary key references child_account on delete cascade,
    last_sent_at timestamptz not null
);
