//! Outgoing e-mail, SMS and push notices through an outbox table: a message is written in the same
//! transaction as what caused it, and a worker delivers it (see [`worker`]).

pub mod digest;
pub mod email;
pub mod push;
pub mod sms;
pub mod worker;

use app::i18n::Lang;

pub use app::server::outbox::{enqueue, enqueue_secret, sealed_body_context, Channel, Message};

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
