//! Queuing e-mail and SMS in the outbox table, in the same transaction as what caused them.
//! The server's worker delivers each message once (see the server's `outbox`).

use sqlx::PgConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub const fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        match code {
            "email" => Some(Channel::Email),
            "sms" => Some(Channel::Sms),
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
) -> Result<uuid::Uuid, sqlx::Error> {
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
