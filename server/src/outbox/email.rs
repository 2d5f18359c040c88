//! E-mail over SMTP (lettre).

use crate::config::MailConfig;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|error| format!("STAFETT_SMTP_URL: {error}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|error| format!("STAFETT_MAIL_FROM: {error}"))?;
        Ok(Mailer { transport, from })
    }

    /// Sends one message. Its Message-ID is derived from the outbox id, so that a receiver
    /// can recognise the rare duplicate after a crash between sending and recording it.
    pub async fn send(&self, id: Uuid, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|error| format!("recipient: {error}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{id}@stafett.outbox>")))
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|error| error.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| error.to_string())
    }
}
