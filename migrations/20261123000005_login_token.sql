-- A login is found by its own cookie: a random token, kept here only as its SHA-256. Finding
-- who asks is then one statement on login_session, with no server-side session to load
-- first (that session now only carries state before a login: OIDC state, nonce, PKCE
-- verifier, a child's pending one-time code). Logins from before this change have no token
-- and cannot be resumed: their users log in again.
alter table login_session add column token_hash bytea;
create unique index login_session_token_idx on login_session (token_hash);
