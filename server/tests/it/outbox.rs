//! The outbox delivers each message once, through a real SMTP server and SMS sink, with
//! two workers racing and one worker's process dying halfway through a send.

use crate::support::login::{code_step, password_step};
use crate::support::mailsink::{self, MailSink};
use server::config::{MailConfig, SmsConfig};
use server::outbox::email::Mailer;
use server::outbox::sms::HttpSmsGateway;
use server::outbox::worker::{claim_next, send_due, Senders};
use server::outbox::{enqueue, Channel, Message};
use sqlx::PgPool;
use std::collections::BTreeMap;
use std::sync::Arc;

pub(crate) fn senders(sink: &MailSink) -> Senders {
    let mail = Mailer::new(&MailConfig {
        smtp_url: sink.smtp_url.clone(),
        from: "Stafett <ikke-svar@fjordvik.example>".into(),
    })
    .expect("mailer");
    let sms = HttpSmsGateway::new(SmsConfig {
        url: sink.sms_url().parse().expect("url"),
        user: mailsink::SMS_USER.into(),
        password: mailsink::SMS_PASSWORD.into(),
    });
    Senders {
        mail,
        sms: Some(Arc::new(sms)),
        push: None,
        key: crate::support::data_key(),
    }
}

async fn queue(pool: &PgPool, channel: Channel, recipient: &str, n: usize) {
    let mut conn = pool.acquire().await.expect("connection");
    let message = Message {
        subject: format!("Melding {n}"),
        body: format!("Innhold {n}"),
    };
    enqueue(&mut conn, channel, recipient, &message)
        .await
        .expect("queued");
}

/// How many times each outbox id arrived, from the Message-ID / Idempotency-Key.
fn arrivals(messages: &[serde_json::Value]) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for message in messages {
        let key = message["message_id"]
            .as_str()
            .expect("an id on every message");
        let id = key
            .trim_start_matches('<')
            .trim_end_matches("@stafett.outbox>");
        *seen.entry(id.to_string()).or_default() += 1;
    }
    seen
}

#[sqlx::test(migrations = "../migrations")]
async fn each_message_is_delivered_once_though_workers_race_and_one_dies(pool: PgPool) {
    let sink = MailSink::start().await;
    for n in 0..20 {
        queue(&pool, Channel::Email, &format!("forelder{n}@example.no"), n).await;
    }
    for n in 0..4 {
        queue(&pool, Channel::Sms, &format!("+47 900 00 00{n}"), n).await;
    }

    // A worker claims a message and its process dies before it has sent it: its connection
    // is cut, as when the server restarts mid-send.
    let mut doomed = pool.acquire().await.expect("connection").detach();
    let mut tx = sqlx::Connection::begin(&mut doomed).await.expect("tx");
    let claimed = claim_next(&mut tx)
        .await
        .expect("claim")
        .expect("a message");
    let backend: i32 = sqlx::query_scalar("select pg_backend_pid()")
        .fetch_one(&mut *tx)
        .await
        .expect("pid");

    // Meanwhile two workers on two instances deliver everything they can get.
    let (first, second) = (senders(&sink), senders(&sink));
    let (a, b) = tokio::join!(send_due(&pool, &first), send_due(&pool, &second));
    let sent_while_claimed = a.expect("worker a") + b.expect("worker b");
    assert_eq!(sent_while_claimed, 23, "the claimed message is left alone");

    sqlx::query("select pg_terminate_backend($1)")
        .bind(backend)
        .execute(&pool)
        .await
        .expect("terminated");
    drop(tx);
    drop(doomed);
    // The lock dies with the connection; the next worker delivers what was claimed.
    let mut left = 0;
    for _ in 0..50 {
        left += send_due(&pool, &first).await.expect("worker after restart");
        if left == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(left, 1);
    assert_eq!(send_due(&pool, &second).await.expect("idle worker"), 0);

    let messages = sink.messages().await;
    let seen = arrivals(&messages);
    assert_eq!(messages.len(), 24);
    assert_eq!(seen.len(), 24, "24 different messages arrived");
    assert!(seen.values().all(|&count| count == 1), "{seen:?}");
    assert_eq!(seen.get(&claimed.id.to_string()), Some(&1));
    let sms = messages.iter().filter(|m| m["channel"] == "sms").count();
    assert_eq!(sms, 4);
    let email = messages
        .iter()
        .find(|m| m["to"] == "forelder7@example.no")
        .expect("forelder7 got mail");
    assert_eq!(email["subject"], "Melding 7");
    assert_eq!(email["body"].as_str().map(str::trim), Some("Innhold 7"));

    // Sent messages keep no body: it may have held a one-time code.
    let (unsent, bodies): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where sent_at is null), count(*) filter (where body <> '')
         from outbox_message",
    )
    .fetch_one(&pool)
    .await
    .expect("counts");
    assert_eq!((unsent, bodies), (0, 0));
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unreachable_server_leaves_the_message_for_a_later_attempt(pool: PgPool) {
    let sink = MailSink::start().await;
    let senders = senders(&sink);
    queue(&pool, Channel::Email, "forelder@example.no", 1).await;
    drop(sink);

    assert_eq!(send_due(&pool, &senders).await.expect("worker"), 0);
    let (attempts, error, later): (i32, Option<String>, bool) =
        sqlx::query_as("select attempts, last_error, next_attempt_at > now() from outbox_message")
            .fetch_one(&pool)
            .await
            .expect("the message");
    assert_eq!(attempts, 1);
    assert!(error.is_some());
    assert!(later, "retried later, not in a tight loop");
}

/// Every stored outbox row as text, as someone reading the database sees it.
async fn outbox_as_stored(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "select coalesce(string_agg(row_to_json(o)::text, ' '), '') from outbox_message o",
    )
    .fetch_one(pool)
    .await
    .expect("rows")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_one_time_code_cannot_be_read_in_the_database_and_is_never_sent_late(pool: PgPool) {
    let sink = MailSink::start().await;
    let senders = senders(&sink);
    let app = crate::support::TestApp::seeded(pool.clone()).await;
    let mut nora = app.browser();
    let password = server::demo_seed::DEMO_CHILD_PASSWORD;
    password_step(&mut nora, "nora", password).await;
    let stored = outbox_as_stored(&pool).await;

    assert_eq!(send_due(&pool, &senders).await.expect("worker"), 1);
    let messages = sink.messages().await;
    let body = messages[0]["body"].as_str().expect("a body");
    let code: String = body
        .split_whitespace()
        .find(|word| word.len() == 6 && word.chars().all(|c| c.is_ascii_digit()))
        .expect("the code arrives")
        .into();
    assert!(
        !stored.contains(&code),
        "the code lay readable in the outbox: {stored}"
    );
    assert_eq!(code_step(&mut nora, &code).await, "/me");

    // A code not sent within its lifetime (no SMS gateway, a mail server down) is dropped.
    let mut again = app.browser();
    password_step(&mut again, "nora", password).await;
    sqlx::query(
        "update outbox_message set created_at = created_at - interval '11 minutes',
                expires_at = expires_at - interval '11 minutes'
         where sent_at is null",
    )
    .execute(&pool)
    .await
    .expect("ten minutes pass");
    assert_eq!(send_due(&pool, &senders).await.expect("worker"), 0);
    assert_eq!(sink.messages().await.len(), 1, "nothing sent late");
    let left: i64 = sqlx::query_scalar("select count(*) from outbox_message where sent_at is null")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(left, 0, "the expired code is gone");
}
