-- Back-channel logout tokens taken, by their `jti`, until they expire: a replayed token is
-- refused.
create table logout_token_seen (
    jti text primary key check (length(jti) between 1 and 200),
    expires_at timestamptz not null
);

-- The ID token holds the national identity number. It is kept only because ID-porten's
-- end-session endpoint needs it as `id_token_hint`: from now on sealed (ChaCha20-Poly1305,
-- the key from the environment, see server::seal) and only while the login is active.
-- Tokens kept in clear text until now are dropped: those logins log out here only.
alter table login_session drop constraint login_session_id_token_check;
alter table login_session alter column id_token type bytea using null;
alter table login_session add constraint login_session_id_token_check
    check (octet_length(id_token) <= 12288);
comment on column login_session.id_token is
    'The ID token, sealed (server::seal), while the login is active; null afterwards.';

-- Run by every server instance every hour: keeps the ID token of no login that has ended or
-- timed out, deletes logins 30 days after they ended, and forgets spent one-time codes,
-- expired logout tokens and old login attempts.
create function purge_logins() returns void
language sql as $$
    update login_session set id_token = null
    where id_token is not null and not login_session_is_active(created_at, last_seen_at, ended_at);
    delete from login_session
    where coalesce(ended_at, least(created_at + interval '12 hours',
                                   last_seen_at + interval '30 minutes'))
          < now() - interval '30 days';
    delete from login_code where expires_at < now() - interval '1 day';
    delete from logout_token_seen where expires_at < now();
    delete from login_throttle
    where coalesce(locked_until, '-infinity') < now() and last_failure_at < now() - interval '1 hour';
$$;

-- However a login ends (logout, log out everywhere, back-channel logout), its ID token goes.
create function login_session_forget_id_token() returns trigger
language plpgsql as $$
begin
    new.id_token := null;
    return new;
end $$;
create trigger login_session_ended before update of ended_at on login_session
    for each row when (new.ended_at is not null) execute function login_session_forget_id_token();
