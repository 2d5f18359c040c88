//! Delivers the outbox. A message is claimed with `FOR UPDATE SKIP LOCKED` and marked sent
//! in the same transaction, so any number of workers on any number of instances deliver
//! each message once. A worker that dies before it has sent leaves the message for the next
//! one; should it die in the instant after the server accepted a message but before the
//! commit, the message goes out again with the same Message-ID / Idempotency-Key, which the
//! receiving side can use to drop it. A push message has no such key (RFC 8030 has none):
//! in that instant, and only then, a device may be told twice that something is new.

use super::email::Mailer;
use super::push::PushSender;
use super::sms::SmsGateway;
use super::{sealed_body_context, Channel};
use crate::seal::SealKey;
use sqlx::{PgPool, Postgres, Transaction};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// How often the outbox is looked at when idle: a one-time code should arrive within
/// seconds.
const POLL: Duration = Duration::from_millis(500);
const MAX_ATTEMPTS: i32 = 10;

pub struct Senders {
    pub mail: Mailer,
    pub sms: Option<Arc<dyn SmsGateway>>,
    /// Push notices; none without a VAPID key (and then none are queued: nobody can turn
    /// them on).
    pub push: Option<PushSender>,
    /// Opens the sealed bodies (one-time codes) at the moment of sending.
    pub key: SealKey,
}

/// A claimed message; the row stays locked by `tx` until it is marked.
pub struct Claimed {
    pub id: Uuid,
    pub channel: Channel,
    pub recipient: String,
    pub subject: Option<String>,
    pub body: String,
    /// The body, sealed, when it is a secret (then `body` is empty).
    pub sealed_body: Option<Vec<u8>>,
    pub attempts: i32,
}

impl Claimed {
    /// The text to send: the body, or the sealed body opened.
    fn text(&self, key: &SealKey) -> Result<String, String> {
        let Some(sealed) = &self.sealed_body else {
            return Ok(self.body.clone());
        };
        key.open(sealed_body_context(self.id).as_bytes(), sealed)
            .and_then(|plain| String::from_utf8(plain).ok())
            .ok_or_else(|| "the sealed body does not open (was STAFETT_DATA_KEY changed?)".into())
    }
}

/// Locks the oldest due message not locked by another worker (and not expired).
pub async fn claim_next(
    tx: &mut Transaction<'_, Postgres>,
) -> Result<Option<Claimed>, sqlx::Error> {
    let row = sqlx::query!(
        "select outbox_message_id, channel, recipient, subject, body, sealed_body, attempts
         from outbox_message
         where sent_at is null and next_attempt_at <= now() and attempts < $1
           and (expires_at is null or expires_at > now())
         order by next_attempt_at, created_at
         limit 1
         for update skip locked",
        MAX_ATTEMPTS
    )
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|row| {
        Some(Claimed {
            id: row.outbox_message_id,
            channel: Channel::from_code(&row.channel)?,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            sealed_body: row.sealed_body,
            attempts: row.attempts,
        })
    }))
}

/// Sends `message`; a push message to a subscription found gone is done too (and the
/// subscription removed in `tx`).
pub async fn deliver(
    senders: &Senders,
    tx: &mut Transaction<'_, Postgres>,
    message: &Claimed,
) -> Result<(), String> {
    let text = message.text(&senders.key)?;
    match message.channel {
        Channel::Email => {
            let subject = message.subject.as_deref().unwrap_or_default();
            senders
                .mail
                .send(message.id, &message.recipient, subject, &text)
                .await
        }
        Channel::Sms => match &senders.sms {
            Some(gateway) => gateway.send(message.id, &message.recipient, &text).await,
            None => Err("no SMS gateway is configured (STAFETT_SMS_URL)".into()),
        },
        Channel::Push => match &senders.push {
            Some(sender) => sender.send(tx, &message.recipient, &text).await.map(|_| ()),
            None => Err("push is not configured (STAFETT_VAPID_PRIVATE_KEY)".into()),
        },
    }
}

/// Marks the message sent and forgets its body (it may hold a one-time code).
pub async fn mark_sent(tx: &mut Transaction<'_, Postgres>, id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update outbox_message set sent_at = now(), body = '', sealed_body = null,
                attempts = attempts + 1, last_error = null
         where outbox_message_id = $1",
        id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The seconds to wait after `attempts` failed ones: `first`, doubling, up to an hour.
pub fn backoff_seconds(first: i64, attempts: i32) -> f64 {
    (first << attempts.clamp(0, 12)).min(3600) as f64
}

/// What of a failure's message is kept: the columns take 500 characters.
pub fn error_kept(error: &str) -> String {
    error.chars().take(500).collect()
}

/// Schedules another attempt later, backing off: 5 s, 10 s, 20 s … up to an hour.
pub async fn mark_failed(
    tx: &mut Transaction<'_, Postgres>,
    message: &Claimed,
    error: &str,
) -> Result<(), sqlx::Error> {
    let backoff_seconds = backoff_seconds(5, message.attempts);
    let error = error_kept(error);
    sqlx::query!(
        "update outbox_message
         set attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + make_interval(secs => $3)
         where outbox_message_id = $1",
        message.id,
        error,
        backoff_seconds
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Drops the messages whose time has passed unsent: a one-time code sent late is no use, and
/// must not lie in the database.
pub async fn drop_expired(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let dropped =
        sqlx::query!("delete from outbox_message where sent_at is null and expires_at <= now()")
            .execute(pool)
            .await?
            .rows_affected();
    if dropped > 0 {
        tracing::warn!(dropped, "messages expired before they could be sent");
    }
    Ok(dropped)
}

/// Delivers every due message; returns how many were sent.
pub async fn send_due(pool: &PgPool, senders: &Senders) -> Result<usize, sqlx::Error> {
    drop_expired(pool).await?;
    let mut sent = 0;
    loop {
        let mut tx = pool.begin().await?;
        let Some(message) = claim_next(&mut tx).await? else {
            return Ok(sent);
        };
        match deliver(senders, &mut tx, &message).await {
            Ok(()) => {
                mark_sent(&mut tx, message.id).await?;
                sent += 1;
            }
            Err(error) => {
                tracing::warn!(channel = message.channel.code(), %error, "message not delivered; will retry");
                mark_failed(&mut tx, &message, &error).await?;
            }
        }
        tx.commit().await?;
    }
}

/// Runs until the process ends, once the database is ready.
pub async fn run(pool: PgPool, senders: Senders, database_ready: Arc<AtomicBool>) {
    loop {
        if database_ready.load(Ordering::Acquire) {
            if let Err(error) = send_due(&pool, &senders).await {
                tracing::warn!(%error, "outbox delivery interrupted");
            }
        }
        tokio::time::sleep(POLL).await;
    }
}
