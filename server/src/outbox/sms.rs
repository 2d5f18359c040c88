//! SMS through a gateway. [`SmsGateway`] is what the outbox needs; [`HttpSmsGateway`] talks
//! to a provider that takes `POST {url}` with JSON `{"to", "text"}`, HTTP basic auth and an
//! `Idempotency-Key` header (the outbox id).

use crate::config::SmsConfig;
use openidconnect::reqwest;
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

pub trait SmsGateway: Send + Sync {
    fn send<'a>(&'a self, id: Uuid, to: &'a str, text: &'a str) -> SendFuture<'a>;
}

pub struct HttpSmsGateway {
    config: SmsConfig,
    http: reqwest::Client,
}

impl HttpSmsGateway {
    pub fn new(config: SmsConfig) -> HttpSmsGateway {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap_or_default();
        HttpSmsGateway { config, http }
    }
}

impl SmsGateway for HttpSmsGateway {
    fn send<'a>(&'a self, id: Uuid, to: &'a str, text: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            let body = serde_json::json!({ "to": to, "text": text }).to_string();
            let response = self
                .http
                .post(self.config.url.clone())
                .basic_auth(&self.config.user, Some(&self.config.password))
                .header("content-type", "application/json")
                .header("idempotency-key", id.to_string())
                .body(body)
                .send()
                .await
                .map_err(|error| format!("SMS gateway unreachable: {error}"))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(format!("SMS gateway answered {}", response.status()))
            }
        })
    }
}
