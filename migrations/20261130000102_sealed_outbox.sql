-- A one-time code waiting in the outbox (for ever, without an SMS gateway) must be of no use
-- to someone reading the database: its message is kept sealed (ChaCha20-Poly1305, the key
-- from the environment, see server::seal) with an empty `body`, and it expires with its code:
-- a message not sent by `expires_at` is dropped, never sent late.
alter table outbox_message add column sealed_body bytea check (octet_length(sealed_body) <= 20100);
alter table outbox_message add column expires_at timestamptz;
alter table outbox_message add constraint outbox_sealed_body_only
    check (sealed_body is null or body = '');

-- Codes queued in clear text before this and not sent within their ten minutes are of no
-- use to anyone but a reader of the database.
delete from outbox_message
where sent_at is null and body ~ '^(Koden din er|Your code is) [0-9]{6}'
  and created_at < now() - interval '10 minutes';
