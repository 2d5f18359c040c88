//! The project's push-service stand-in (dev/push), started for one test on a free loopback
//! port, checking the VAPID signature against the tests' key, decrypting what arrives, and
//! stopped when dropped.

use openidconnect::reqwest;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The tests' VAPID key pair (P-256, base64url): the private key's 32 bytes, and its point.
pub const VAPID_PRIVATE_KEY: &str = "NfmNGfPnnDRmG2EeBSHGwJvifrOUZIPAYArqJ_p9Vpc";
pub const VAPID_PUBLIC_KEY: &str =
    "BBH3E1idBzJRQuf4AHTDUt2kur2_EEZjuknxIQf1I2lWDom6tzWXYvMQ5Hv5AEVq2qRQ2k3GA2o1WimUIO8O_tY";
pub const VAPID_SUBJECT: &str = "mailto:drift@fjordvik.example";

pub struct PushService {
    child: Child,
    pub url: String,
    /// `host:port`, as `STAFETT_PUSH_ALLOWED_HOSTS` names it.
    pub host: String,
}

impl PushService {
    pub async fn start() -> PushService {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../dev/push/push.mjs");
        let child = Command::new("node")
            .arg(script)
            .args(["--port", &port.to_string()])
            .env("PUSH_VAPID_PUBLIC_KEY", VAPID_PUBLIC_KEY)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs dev/push/push.mjs");
        let service = PushService {
            child,
            url: format!("http://127.0.0.1:{port}"),
            host: format!("127.0.0.1:{port}"),
        };
        for _ in 0..100 {
            let ready = reqwest::get(format!("{}/healthz", service.url)).await;
            if ready.is_ok_and(|response| response.status().is_success()) {
                return service;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the push service stand-in did not start");
    }

    /// The settings of an app that pushes through this stand-in.
    pub fn settings(&self) -> [(&'static str, &str); 3] {
        [
            ("STAFETT_VAPID_PRIVATE_KEY", VAPID_PRIVATE_KEY),
            ("STAFETT_VAPID_SUBJECT", VAPID_SUBJECT),
            ("STAFETT_PUSH_ALLOWED_HOSTS", &self.host),
        ]
    }

    /// A new subscription, as a browser's `PushSubscription.toJSON()` would give it.
    pub async fn subscribe(&self) -> serde_json::Value {
        self.call(reqwest::Client::new().post(format!("{}/_control/subscribe", self.url)))
            .await
    }

    /// The next `times` messages to `subscription` are answered `status`.
    pub async fn answer(&self, subscription: &serde_json::Value, status: u16, times: Option<u32>) {
        let response = reqwest::Client::new()
            .post(format!("{}/_control/answer/{}", self.url, id(subscription)))
            .body(serde_json::json!({ "status": status, "times": times }).to_string())
            .send()
            .await
            .expect("the stand-in answers");
        assert!(response.status().is_success());
    }

    /// What arrived for `subscription`, decrypted: `[{"payload", "ttl", "urgency", "vapid"}]`.
    pub async fn messages(&self, subscription: &serde_json::Value) -> Vec<serde_json::Value> {
        let url = format!(
            "{}/_control/messages?subscription={}",
            self.url,
            id(subscription)
        );
        let list = self.call(reqwest::Client::new().get(url)).await;
        list.as_array().expect("a list").clone()
    }

    /// What it refused, and why: `[{"path", "status", "reason"}]`.
    pub async fn refused(&self) -> serde_json::Value {
        self.call(reqwest::Client::new().get(format!("{}/_control/refused", self.url)))
            .await
    }

    async fn call(&self, request: reqwest::RequestBuilder) -> serde_json::Value {
        let text = request
            .send()
            .await
            .expect("the stand-in answers")
            .text()
            .await
            .expect("a body");
        serde_json::from_str(&text).expect("JSON")
    }
}

/// The stand-in's id of a subscription: the last segment of its endpoint.
fn id(subscription: &serde_json::Value) -> &str {
    subscription["endpoint"]
        .as_str()
        .and_then(|endpoint| endpoint.rsplit('/').next())
        .expect("an endpoint")
}

impl Drop for PushService {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
