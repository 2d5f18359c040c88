-- Identity: server-side sessions, who is logged in where, children's password accounts,
-- one-time codes, login throttling and the outbox of messages to send.

-- The store of tower-sessions (tower-sessions-sqlx-store's own layout, created here so the
-- application needs no right to create schemas at run time). It holds only the session's
-- small state: the pending login's state/nonce/PKCE verifier, or a login_session id.
create schema if not exists tower_sessions;
create table if not exists tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);

-- One login of one person in one browser. The source of truth for "is this person logged
-- in": the idle and absolute timeouts, "log out everywhere" and back-channel logout all act
-- here, so every app instance sees them on the very next request.
create table login_session (
    login_session_id uuid primary key default gen_random_uuid(),
    person_id uuid not null references person,
    method text not null check (method in ('idporten', 'password_and_code')),
    -- ID-porten's session id (`sid`), which a back-channel logout names.
    idporten_sid text check (length(idporten_sid) <= 200),
    -- Kept to ask ID-porten to end its session too (RP-initiated logout).
    id_token text check (length(id_token) <= 8192),
    -- A short description of the browser ("Chrome on Android"), to recognise a session.
    device text check (length(device) <= 100),
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    ended_at timestamptz,
    ended_reason text check (ended_reason in ('logout', 'logout_everywhere', 'backchannel_logout')),
    constraint login_session_idporten_has_sid check ((method = 'idporten') = (idporten_sid is not null)),
    constraint login_session_end_has_reason check ((ended_at is null) = (ended_reason is null))
);
create index login_session_person_idx on login_session (person_id) where ended_at is null;
create index login_session_sid_idx on login_session (idporten_sid) where ended_at is null;

-- A child under 15 with access to their own log logs in with a username, a password and a
-- one-time code sent to their own e-mail address or phone.
create table child_account (
    person_id uuid primary key references child,
    username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
    -- argon2id in PHC string format.
    password_hash text not null check (password_hash like '$argon2id$%'),
    code_channel text not null check (code_channel in ('email', 'sms')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create trigger child_account_touch before update on child_account
    for each row execute function touch_updated_at();

-- A one-time code sent for one login attempt (the browser session holds its id).
create table login_code (
    login_code_id uuid primary key default gen_random_uuid(),
    person_id uuid not null references child_account,
    -- argon2id of the six digits; the digits themselves are never stored here.
    code_hash text not null check (code_hash like '$argon2id$%'),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    tries int not null default 0 check (tries between 0 and 5),
    used_at timestamptz,
    constraint login_code_expires_after_creation check (expires_at > created_at)
);

-- Failed logins counted per account and per address, to slow and then lock guessing.
-- The key names an account by its username whether or not it exists, so a lock says
-- nothing about which usernames exist.
create table login_throttle (
    key text primary key check (key ~ '^(account|address):.{1,100}$'),
    failures int not null check (failures > 0),
    last_failure_at timestamptz not null,
    locked_until timestamptz
);

-- Messages to send, written in the same transaction as what caused them; a worker sends
-- each once (see server::outbox).
create table outbox_message (
    outbox_message_id uuid primary key default gen_random_uuid(),
    channel text not null check (channel in ('email', 'sms')),
    recipient text not null check (length(recipient) between 3 and 254),
    subject text check (length(subject) <= 200),
    -- Cleared once sent: a body may carry a one-time code.
    body text not null check (length(body) <= 20000),
    created_at timestamptz not null default now(),
    attempts int not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    sent_at timestamptz,
    last_error text check (length(last_error) <= 500),
    constraint outbox_email_has_subject check ((channel = 'email') = (subject is not null))
);
create index outbox_message_due_idx on outbox_message (next_attempt_at) where sent_at is null;

-- The one definition of a login that still counts: not ended, used within the last 30
-- minutes, and begun within the last 12 hours.
create function login_session_is_active(created_at timestamptz, last_seen_at timestamptz,
                                        ended_at timestamptz) returns boolean
language sql stable as $$
    select ended_at is null
       and created_at > now() - interval '12 hours'
       and last_seen_at > now() - interval '30 minutes'
$$;
