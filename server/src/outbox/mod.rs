//! Outgoing e-mail and SMS through an outbox table: a message is written in the same
//! transaction as what caused it, and a worker delivers it (see [`worker`]).

pub mod digest;
pub mod email;
pub mod sms;
pub mod worker;

use crate::seal::SealKey;
use app::i18n::Lang;
use sqlx::PgConnection;
use uuid::Uuid;

pub use app::server::outbox::{enqueue, Channel, Message};

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

/// The message carrying a one-time login code, in the user's language.
pub fn login_code_message(lang: Lang, code: &str) -> Message {
    let t = lang.texts();
    Message {
        subject: t.code_message_subject.to_string(),
        body: (t.code_message_body)(code),
    }
}

/// Where a child account's messages go: its chosen channel, if the address is on record.
pub fn child_recipient(
    code_channel: &str,
    email: Option<String>,
    phone: Option<String>,
) -> Option<(Channel, String)> {
    match code_channel {
        "sms" => phone.map(|phone| (Channel::Sms, phone)),
        _ => email.map(|email| (Channel::Email, email)),
    }
}

/// The message telling a child that someone tried to log in as them; nothing more.
pub fn login_attempts_message(lang: Lang) -> Message {
    let t = lang.texts();
    Message {
        subject: t.attempts_message_subject.to_string(),
        body: t.attempts_message_body.to_string(),
    }
}
