//! Push notices on a person's devices: storing a device's Web Push subscription, and queuing
//! a push message to each device of a person a notice goes to. The server's outbox sends
//! them (`server::outbox::push`), encrypted and signed; this side never sees a key but the
//! browser's public ones.
//!
//! A subscription belongs to the login that made it (one per device and login), so it goes
//! when the login ends or times out (the database sees to that, see the `push` migration),
//! and when the push service says it is gone (the outbox).

use crate::domain::push::{self, Payload, Refusal, Subscription};
use crate::i18n::Lang;
use crate::model::identity::Identity;
use crate::model::notice::NoticeChoice;
use crate::model::plan::MemberRole;
use crate::server::gate::{ContentTx, Granted, Permission};
use crate::server::log::members;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Push as the server is configured for it.
#[derive(Debug, Clone)]
pub struct PushSettings {
    /// The VAPID public key (uncompressed P-256 point, base64url) the browser subscribes with.
    pub public_key: String,
    /// `host[:port]`s the server may send to although they are private or plain http.
    pub allowed_hosts: Vec<String>,
}

/// Why a subscription was not stored.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("refused: {0:?}")]
    Refused(Refusal),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<SaveError> for crate::model::error::ApiError {
    fn from(error: SaveError) -> Self {
        match error {
            SaveError::Refused(_) => crate::model::error::ApiError::BadRequest,
            SaveError::Database(error) => error.into(),
        }
    }
}

/// Stores `subscription` for the device of `identity`'s login, in place of the one it had.
/// The same endpoint under another login (an earlier login on this device that never logged
/// out) is dropped: the device now belongs to this login, and hears only of its person.
pub async fn save(
    pool: &PgPool,
    settings: &PushSettings,
    identity: &Identity,
    subscription: &Subscription,
) -> Result<(), SaveError> {
    let accepted =
        push::accept(subscription, &settings.allowed_hosts).map_err(SaveError::Refused)?;
    let mut tx = pool.begin().await?;
    sqlx::query!(
        // The person's own older login on this device only: an endpoint someone else sends
        // (learnt or guessed) must not remove that other person's subscription.
        "delete from push_subscription
         where endpoint = $1 and login_session_id <> $2 and person_id = $3",
        accepted.endpoint,
        identity.login_session_id,
        identity.person_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into push_subscription (login_session_id, person_id, endpoint, p256dh, auth)
         values ($1, $2, $3, $4, $5)
         on conflict (login_session_id) do update
         set endpoint = excluded.endpoint, p256dh = excluded.p256dh, auth = excluded.auth,
             created_at = now()",
        identity.login_session_id,
        identity.person_id,
        accepted.endpoint,
        accepted.keys.p256dh,
        accepted.keys.auth
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets the subscription of the login `login_session_id`, if it has one.
pub async fn remove(pool: &PgPool, login_session_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "delete from push_subscription where login_session_id = $1",
        login_session_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The endpoint this login's device is subscribed with, if any.
pub async fn endpoint(
    pool: &PgPool,
    login_session_id: Uuid,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select endpoint from push_subscription where login_session_id = $1",
        login_session_id
    )
    .fetch_optional(pool)
    .await
}

/// What a push message to someone reading `lang` says: the fixed title and `link`.
pub fn payload(lang: Lang, link: &str) -> String {
    let payload = Payload {
        title: lang.push().title.to_string(),
        url: link.to_string(),
    };
    serde_json::to_string(&payload).unwrap_or_default()
}

/// Tells the devices of `person_id` where push is on of news at `link` (see [`queue`]),
/// unless they want no notices at all (`notify`, a `NoticeChoice` code): turning push on for
/// a device is asking to hear at once there, whether e-mail comes at once or in the morning's
/// digest.
pub async fn tell(
    conn: &mut PgConnection,
    person_id: Uuid,
    notify: &str,
    lang: Lang,
    link: &str,
) -> Result<(), sqlx::Error> {
    if matches!(
        NoticeChoice::from_code(notify),
        Some(NoticeChoice::None) | None
    ) {
        return Ok(());
    }
    queue(conn, person_id, lang, link).await?;
    Ok(())
}

/// Tells the family's devices (the guardians and the youth around the log, but the one
/// acting) that a consent waits for them on the log's consents page: the family is asked for
/// every new service and participant. Only push: e-mail notices have no such kind.
pub async fn ask_family<K: Permission>(
    tx: &mut ContentTx,
    grant: &Granted<K>,
    public_url: &str,
) -> Result<(), sqlx::Error> {
    let link = format!("{public_url}/logs/{}/consents", grant.log_id());
    for member in members::members(tx, grant).await? {
        let family = matches!(member.member.role, MemberRole::Guardian | MemberRole::Youth);
        if family && member.member.person_id != grant.person_id() {
            let lang = member.address.lang;
            tell(
                tx.conn(),
                member.member.person_id,
                &member.notify,
                lang,
                &link,
            )
            .await?;
        }
    }
    Ok(())
}

/// Queues a push message about news at `link` to every device of `person_id` with an active
/// login, in `conn`'s transaction, acting in a log whose people include them. Returns how
/// many.
pub async fn queue(
    conn: &mut PgConnection,
    person_id: Uuid,
    lang: Lang,
    link: &str,
) -> Result<i32, sqlx::Error> {
    let queued = sqlx::query_scalar!(
        r#"select queue_push($1, $2) as "queued!""#,
        person_id,
        payload(lang, link)
    )
    .fetch_one(conn)
    .await?;
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_is_the_title_and_the_link_only() {
        let link = "https://stafett.fjordvik.kommune.no/logs/8f1c2a34-1b7e-4c1e-9a51-1d2f3e4a5b6c";
        for lang in Lang::ALL {
            let value: serde_json::Value =
                serde_json::from_str(&payload(lang, link)).expect("JSON");
            let object = value.as_object().expect("an object");
            assert_eq!(object.len(), 2, "{value}");
            assert_eq!(object["title"], lang.push().title);
            assert_eq!(object["url"], link);
        }
        assert_eq!(Lang::Nb.push().title, "Ny aktivitet i en stafettlogg");
    }
}
