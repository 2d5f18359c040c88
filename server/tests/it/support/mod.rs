//! What the integration tests share: the app in-process over a test database, a browser
//! that keeps cookies, and a scripted OpenID provider.

pub mod archive;
pub mod fixture;
pub mod issuer;
pub mod login;
pub mod mailsink;
pub mod push;
pub mod register;

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use server::config::Config;
use server::state::ServerState;
use sqlx::PgPool;
use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use tower::ServiceExt;

pub const PUBLIC_URL: &str = "http://127.0.0.1:3000";
/// The tests' `STAFETT_DATA_KEY` (32 bytes, base64).
pub const DATA_KEY: &str = "aGVtbWVsaWctbsO4a2tlbC10aWwtdGVzdGVuZS0xMjM=";

/// The tests' `STAFETT_AUDIT_KEY` (32 bytes, base64).
pub const AUDIT_KEY: &str = "cmV2aXNqb25zbsO4a2tlbC10aWwtdGVzdGVuZS0xMjM=";

/// The tests' audit key, with no old ones.
pub fn audit_keys() -> app::server::audit_chain::AuditKeys {
    let key = app::server::audit_chain::AuditKey::from_base64(AUDIT_KEY).expect("the test key");
    app::server::audit_chain::AuditKeys::new(key, vec![])
}

pub fn data_key() -> server::seal::SealKey {
    server::seal::SealKey::from_base64(DATA_KEY).expect("the test key")
}

/// The test's database as the cluster's superuser (`postgres`, see scripts/lib/pg.sh), whom
/// row-level security does not hold: to count every content row, whoever may see it. The
/// owner the app and the tests connect as is held to the content tables' forced policies.
pub fn superuser(pool: &PgPool) -> PgPool {
    let options = (*pool.connect_options()).clone().username("postgres");
    sqlx::postgres::PgPoolOptions::new().connect_lazy_with(options)
}

/// The router over `pool`, as the server builds it.
pub struct TestApp {
    pub router: axum::Router,
    pub state: ServerState,
}

impl TestApp {
    /// With the demo data in place and the database marked ready.
    pub async fn seeded(pool: PgPool) -> TestApp {
        TestApp::configured(pool, &[]).await
    }

    /// Seeded, with the logs of `fixtures/logs.sql` around the demo families.
    pub async fn with_logs(pool: PgPool) -> TestApp {
        let app = TestApp::seeded(pool).await;
        fixture::logs(app.pool()).await;
        app
    }

    /// Seeded, logging in through `issuer`: for the tests of logging in, which take the
    /// real round trip; the others log in with `as_person`.
    pub async fn with_issuer(pool: PgPool, issuer: &str) -> TestApp {
        TestApp::configured(pool, &[("IDPORTEN_ISSUER", issuer)]).await
    }

    /// Seeded, with `overrides` of the test settings.
    pub async fn configured(pool: PgPool, overrides: &[(&str, &str)]) -> TestApp {
        server::demo_seed::run(&pool).await.expect("demo seed");
        TestApp::build_with(pool, true, overrides)
    }

    pub fn with_readiness(pool: PgPool, ready: bool) -> TestApp {
        TestApp::build_with(pool, ready, &[])
    }

    fn build_with(pool: PgPool, ready: bool, overrides: &[(&str, &str)]) -> TestApp {
        let register = register::Register::from_env();
        let settings = [
            ("DATABASE_URL", "postgres://unused@127.0.0.1/unused"),
            ("STAFETT_PUBLIC_URL", PUBLIC_URL),
            // Nothing listens here: only the login tests reach ID-porten, through `with_issuer`.
            ("IDPORTEN_ISSUER", "http://127.0.0.1:9/unused-issuer"),
            ("IDPORTEN_CLIENT_ID", issuer::CLIENT_ID),
            ("IDPORTEN_CLIENT_SECRET", issuer::CLIENT_SECRET),
            ("STAFETT_SMTP_URL", "smtp://127.0.0.1:9"),
            ("STAFETT_MAIL_FROM", "Stafett <ikke-svar@fjordvik.example>"),
            ("STAFETT_DATA_KEY", DATA_KEY),
            ("STAFETT_AUDIT_KEY", AUDIT_KEY),
            ("STAFETT_FOLKEREGISTER_URL", register.url.as_str()),
            ("STAFETT_FOLKEREGISTER_TOKEN", register.token.as_str()),
            ("STAFETT_FOLKEREGISTER_TIMEOUT_MS", "1000"),
        ];
        let config = Config::from_lookup(|name| {
            overrides
                .iter()
                .chain(&settings)
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
        .expect("test config");
        let state = server::state::new(pool, &config);
        state.app.database_ready.store(ready, Ordering::Release);
        TestApp {
            router: server::router::build(state.clone()),
            state,
        }
    }

    pub fn pool(&self) -> &PgPool {
        &self.state.app.pool
    }

    pub async fn send(&self, request: Request<Body>) -> Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible")
    }

    pub async fn get(&self, uri: &str) -> Response {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: BTreeMap::new(),
            address: None,
        }
    }

    /// A browser whose requests come from `address` (as the TCP peer).
    pub fn browser_at(&self, address: &str) -> Browser<'_> {
        Browser {
            address: Some(address.parse().expect("an IP address")),
            ..self.browser()
        }
    }

    /// Sends `requests` all at once, as racing browsers would; the answers in order.
    pub async fn send_together(&self, requests: Vec<Request<Body>>) -> Vec<Response> {
        let tasks: Vec<_> = requests
            .into_iter()
            .map(|request| tokio::spawn(self.router.clone().oneshot(request)))
            .collect();
        let mut responses = Vec::new();
        for task in tasks {
            responses.push(task.await.expect("task").expect("infallible"));
        }
        responses
    }
}

/// A browser: keeps cookies, sends `Origin` and `Sec-Fetch-Site` as one does.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
    /// Where its requests come from; unspecified if `None`.
    pub address: Option<std::net::IpAddr>,
}

impl Browser<'_> {
    /// A request with this browser's cookies and address, not yet sent.
    pub fn request(&self, builder: axum::http::request::Builder, body: Body) -> Request<Body> {
        let cookie = self
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ");
        let builder = if cookie.is_empty() {
            builder
        } else {
            builder.header(header::COOKIE, cookie)
        };
        let builder = match self.address {
            Some(ip) => builder.extension(axum::extract::ConnectInfo(std::net::SocketAddr::new(
                ip, 40000,
            ))),
            None => builder,
        };
        builder.body(body).expect("request")
    }

    pub async fn send(&mut self, builder: axum::http::request::Builder, body: Body) -> Response {
        let request = self.request(builder, body);
        self.send_request(request).await
    }

    /// Sends `request`, keeping the cookies it sets.
    pub async fn send_request(&mut self, request: Request<Body>) -> Response {
        let response = self.app.send(request).await;
        self.keep_cookies(&response);
        response
    }

    /// Keeps the cookies `response` sets, and forgets those it clears.
    pub fn keep_cookies(&mut self, response: &Response) {
        for set in response.headers().get_all(header::SET_COOKIE) {
            let set = set.to_str().expect("ascii cookie");
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || set.contains("Max-Age=0") {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), value.to_string());
                }
            }
        }
    }

    pub async fn get(&mut self, uri: &str) -> Response {
        self.send(
            Request::get(uri).header("sec-fetch-site", "same-origin"),
            Body::empty(),
        )
        .await
    }

    /// A top-level navigation arriving from another site (e.g. back from ID-porten).
    pub async fn arrive(&mut self, uri: &str) -> Response {
        self.send(
            Request::get(uri).header("sec-fetch-site", "cross-site"),
            Body::empty(),
        )
        .await
    }

    pub async fn post_form(&mut self, uri: &str, form: &[(&str, &str)]) -> Response {
        let request = self.form_request(uri, form);
        self.send_request(request).await
    }

    /// The request `post_form` sends, to send later (e.g. with `TestApp::send_together`).
    pub fn form_request(&self, uri: &str, form: &[(&str, &str)]) -> Request<Body> {
        let body: String = openidconnect::url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.request(
            Request::post(uri)
                .header("sec-fetch-site", "same-origin")
                .header(header::ORIGIN, PUBLIC_URL)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
    }

    /// A form POSTed by a server, not a browser: no cookies, no Origin.
    pub async fn send_raw_form(&mut self, uri: &str, form: &[(&str, &str)]) -> Response {
        let body: String = openidconnect::url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.app
            .send(
                Request::post(uri)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .expect("request"),
            )
            .await
    }

    /// Reads a page the way a person would: following redirects within the site.
    pub async fn page(&mut self, uri: &str) -> (StatusCode, String, String) {
        let mut uri = uri.to_string();
        for _ in 0..5 {
            let response = self.get(&uri).await;
            if response.status() == StatusCode::SEE_OTHER {
                uri = location(&response);
                continue;
            }
            return (response.status(), uri, text(response).await);
        }
        panic!("too many redirects from {uri}");
    }
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .expect("a Location header")
        .to_str()
        .expect("ascii")
        .to_string()
}

pub async fn text(response: Response) -> String {
    let bytes = to_bytes(response.into_body(), 4 << 20).await.expect("body");
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// What the person may do with the log as a whole now (`/api/log_actions`).
pub async fn log_actions(browser: &mut Browser<'_>, log: &str) -> serde_json::Value {
    json(browser.get(&format!("/api/log_actions?log_id={log}")).await).await
}

pub async fn json(response: Response) -> serde_json::Value {
    worded(serde_json::from_str(&text(response).await).expect("json"))
}

/// A server function's error carries the error in words beside its code (`"message"`, see
/// `server::api_errors`; the routes outside server functions answer the code alone); the
/// tests compare the code, so the words, where they are, are checked and taken off.
fn worded(mut answer: serde_json::Value) -> serde_json::Value {
    if let Some(error) = answer
        .as_object_mut()
        .filter(|body| body.contains_key("error"))
    {
        if let Some(message) = error.remove("message") {
            assert!(
                message
                    .as_str()
                    .is_some_and(|words| !words.trim().is_empty()),
                "an error's message is empty: {message:?}"
            );
        }
    }
    answer
}

/// A back-channel logout as the provider's server posts it: no cookies, no Origin.
pub fn backchannel_logout(logout_token: &str) -> Request<Body> {
    let body: String = openidconnect::url::form_urlencoded::Serializer::new(String::new())
        .append_pair("logout_token", logout_token)
        .finish();
    Request::post("/auth/backchannel-logout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request")
}

/// The value of query parameter `name` in `url`.
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let parsed = openidconnect::url::Url::parse(url)
        .or_else(|_| openidconnect::url::Url::parse(&format!("{PUBLIC_URL}{url}")))
        .expect("url");
    parsed
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// A form posted to a server function: the status and the answer as JSON (or as a string
/// when it is not JSON).
pub async fn post(
    browser: &mut Browser<'_>,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, serde_json::Value) {
    let response = browser.post_form(endpoint, form).await;
    let status = response.status();
    let body = text(response).await;
    (
        status,
        serde_json::from_str(&body)
            .map(worded)
            .unwrap_or(serde_json::Value::String(body)),
    )
}

/// The answer to a form with a wrong field.
pub fn invalid(field: &str) -> (StatusCode, serde_json::Value) {
    (
        StatusCode::BAD_REQUEST,
        serde_json::json!({ "error": "invalid", "field": field }),
    )
}

/// The answer of a refusal, and why.
pub fn denied(reason: &str) -> (StatusCode, serde_json::Value) {
    (
        StatusCode::FORBIDDEN,
        serde_json::json!({ "error": "denied", "reason": reason }),
    )
}
