//! Outgoing e-mail and SMS through an outbox table: a message is written in the same
//! transaction as what caused it, and a worker delivers it (see [`worker`]).

pub mod digest;
pub mod email;
pub mod sms;
pub mod worker;

use app::i18n::Lang;

pub use app::server::outbox::{enqueue, Channel, Message};

/// The message carrying a one-time login code, in the user's language.
pub fn login_code_message(lang: Lang, code: &str) -> Message {
    let t = lang.texts();
    Message {
        subject: t.code_message_subject.to_string(),
        body: (t.code_message_body)(code),
    }
}
