//! Web Push to a person's devices (RFC 8030), the payload encrypted for the device (RFC 8291,
//! aes128gcm) and the request signed with the server's VAPID key (RFC 8292), both by the
//! `web-push` crate; the request goes out through reqwest. A push message's recipient in the
//! outbox is the subscription's id: a subscription removed since (logout, 404/410) takes its
//! unsent messages with it, and one found gone here is simply done.

use crate::config::PushConfig;
use openidconnect::reqwest;
use openidconnect::url::Url;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;
use web_push::{
    request_builder, ContentEncoding, PartialVapidSignatureBuilder, SubscriptionInfo, Urgency,
    VapidSignatureBuilder, WebPushMessageBuilder,
};

/// How long a push service keeps a message for a device that is offline: a day, after which
/// the news is better found in the log itself.
const TTL_SECONDS: u32 = 24 * 3600;

pub struct PushSender {
    vapid: PartialVapidSignatureBuilder,
    subject: String,
    http: reqwest::Client,
}

/// What became of a push message.
#[derive(Debug, PartialEq, Eq)]
pub enum Pushed {
    /// The push service took it.
    Accepted,
    /// The subscription is no more: removed here already, or the push service answered 404 or
    /// 410 (then it is removed now). Nothing to retry.
    Gone,
}

impl PushSender {
    pub fn new(config: &PushConfig) -> Result<PushSender, String> {
        let vapid = VapidSignatureBuilder::from_base64_no_sub(&config.private_key)
            .map_err(|error| format!("STAFETT_VAPID_PRIVATE_KEY: {error}"))?;
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            // An endpoint was checked when it was stored; a redirect would lead elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| error.to_string())?;
        Ok(PushSender {
            vapid,
            subject: config.subject.clone(),
            http,
        })
    }

    /// Sends `payload` to the subscription `recipient` (its id) in `tx`'s transaction, where
    /// a subscription found gone is removed.
    pub async fn send(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        recipient: &str,
        payload: &str,
    ) -> Result<Pushed, String> {
        let id = Uuid::parse_str(recipient).map_err(|_| "not a subscription id".to_string())?;
        let Some(row) = sqlx::query!(
            "select endpoint, p256dh, auth from push_subscription
             where push_subscription_id = $1",
            id
        )
        .fetch_optional(&mut **tx)
        .await
        .map_err(|error| error.to_string())?
        else {
            return Ok(Pushed::Gone);
        };
        let info = SubscriptionInfo::new(row.endpoint, row.p256dh, row.auth);
        let status = self.post(&info, payload).await?;
        match status {
            status if status.is_success() => Ok(Pushed::Accepted),
            reqwest::StatusCode::NOT_FOUND | reqwest::StatusCode::GONE => {
                sqlx::query!(
                    "delete from push_subscription where push_subscription_id = $1",
                    id
                )
                .execute(&mut **tx)
                .await
                .map_err(|error| error.to_string())?;
                tracing::info!(subscription = %id, %status, "push subscription gone; removed");
                Ok(Pushed::Gone)
            }
            status => Err(format!("push service answered {status}")),
        }
    }

    async fn post(
        &self,
        info: &SubscriptionInfo,
        payload: &str,
    ) -> Result<reqwest::StatusCode, String> {
        // RFC 8292's audience is the endpoint's origin, with its port when it has one (the
        // crate's default leaves the port out).
        let audience = Url::parse(&info.endpoint)
            .map_err(|error| format!("endpoint: {error}"))?
            .origin()
            .ascii_serialization();
        let mut signature = self.vapid.clone().add_sub_info(info);
        signature.add_claim("aud", audience);
        signature.add_claim("sub", self.subject.as_str());
        let signature = signature.build().map_err(|error| error.to_string())?;
        let mut message = WebPushMessageBuilder::new(info);
        message.set_payload(ContentEncoding::Aes128Gcm, payload.as_bytes());
        message.set_ttl(TTL_SECONDS);
        message.set_urgency(Urgency::Normal);
        message.set_vapid_signature(signature);
        let message = message.build().map_err(|error| error.to_string())?;
        let request = request_builder::build_request::<Vec<u8>>(message);
        let mut outgoing = self.http.post(request.uri().to_string());
        for (name, value) in request.headers() {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
        let response = outgoing
            .body(request.into_body())
            .send()
            .await
            .map_err(|error| format!("push service unreachable: {error}"))?;
        Ok(response.status())
    }
}
