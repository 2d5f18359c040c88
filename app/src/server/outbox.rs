//! Queuing e-mail, SMS and push notices in the outbox table, in the same transaction as what caused them.
//! The server's worker delivers each message once (see the server's `outbox`).

use crate::server::seal::SealKey;
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
    /// A Web Push message to a device; queued by `push::queue`, to a subscription's id.
    Push,
}

impl Channel {
    pub const fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Push => "push",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        match code {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
            "push" => Some(Channel::Push),
            _ => None,
        }
    }
}

/// What to send; the subject is used for e-mail only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

/// Queues `message` to `recipient` in `conn`'s transaction.
pub async fn enqueue(
    conn: &mut PgConnection,
    channel: Channel,
    recipient: &str,
    message: &Message,
) -> Result<Uuid, sqlx::Error> {
    let subject = (channel == Channel::Email).then_some(message.subject.as_str());
    sqlx::query_scalar!(
        "insert into outbox_message (channel, recipient, subject, body)
         values ($1, $2, $3, $4) returning outbox_message_id",
        channel.code(),
        recipient,
        subject,
        message.body
    )
    .fetch_one(conn)
    .await
}

/// What a sealed body is bound to: its own row.
pub fn sealed_body_context(outbox_message_id: Uuid) -> String {
    format!("outbox_message.body:{outbox_message_id}")
}

/// Queues a message whose body is a secret (a one-time code): stored sealed with `key`, and
/// dropped unsent once `valid_minutes` have passed.
pub async fn enqueue_secret(
    conn: &mut PgConnection,
    key: &SealKey,
    channel: Channel,
    recipient: &str,
    message: &Message,
    valid_minutes: i32,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::new_v4();
    let sealed = key.seal(sealed_body_context(id).as_bytes(), message.body.as_bytes());
    let subject = (channel == Channel::Email).then_some(message.subject.as_str());
    sqlx::query!(
        "insert into outbox_message
             (outbox_message_id, channel, recipient, subject, body, sealed_body, expires_at)
         values ($1, $2, $3, $4, '', $5, now() + make_interval(mins => $6))",
        id,
        channel.code(),
        recipient,
        subject,
        sealed,
        valid_minutes
    )
    .execute(conn)
    .await?;
    Ok(id)
}
