//! A failed child login: recorded in the audit trail and, when it locked the child's login,
//! told to the child (their own e-mail or phone, through the outbox), so that a child whose
//! password or code someone is guessing hears of it and can tell a guardian, who may unlock
//! it. The message says only that someone tried; it is sent at most once an hour.

use crate::outbox;
use app::i18n::Lang;
use app::server::audit;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

/// One failed attempt.
pub struct Failed<'a> {
    /// The person the audit record names (none for a wrong password: the username may be
    /// anyone's).
    pub actor: Option<Uuid>,
    pub method: &'a str,
    pub reason: &'a str,
    /// The attempt reached a limit, which is now locked.
    pub locked: bool,
    /// The child account the attempt was for, if it exists.
    pub child: Option<Uuid>,
}

pub async fn record(conn: &mut PgConnection, failed: Failed<'_>) -> Result<(), sqlx::Error> {
    let action = if failed.locked {
        "auth.login_locked"
    } else {
        "auth.login_failed"
    };
    let detail = json!({ "method": failed.method, "reason": failed.reason });
    audit::record(&mut *conn, failed.actor, action, detail).await?;
    match failed.child {
        Some(child) if failed.locked => tell_child(conn, child).await,
        _ => Ok(()),
    }
}

async fn tell_child(conn: &mut PgConnection, child: Uuid) -> Result<(), sqlx::Error> {
    // One statement decides, so racing attempts send one message.
    let due = sqlx::query_scalar!(
        "insert into child_login_alert (person_id, last_sent_at) values ($1, now())
         on conflict (person_id) do update set last_sent_at = now()
         where child_login_alert.last_sent_at < now() - interval '1 hour'
         returning person_id",
        child
    )
    .fetch_optional(&mut *conn)
    .await?;
    if due.is_none() {
        return Ok(());
    }
    let contact = sqlx::query!(
        "select a.code_channel, r.email, r.mobile as phone, r.lang
         from child_account a join person_reach r using (person_id) where a.person_id = $1",
        child
    )
    .fetch_one(&mut *conn)
    .await?;
    let Some((channel, recipient)) =
        outbox::child_recipient(&contact.code_channel, contact.email, contact.phone)
    else {
        return Ok(());
    };
    // In the child's language, bokmål if they chose none.
    let lang = contact
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    let message = outbox::login_attempts_message(lang);
    outbox::enqueue(&mut *conn, channel, &recipient, &message).await?;
    audit::record(
        conn,
        Some(child),
        "auth.child_told_of_attempts",
        json!({ "channel": channel.code() }),
    )
    .await
}
