//! What the integration tests share: the app in-process over a test database, a browser
//! that keeps cookies, and a scripted OpenID provider.
#![allow(dead_code)] // Each test crate uses a different part of this module.

pub mod fixture;
pub mod issuer;
pub mod login;
pub mod mailsink;
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
        server::demo_seed::run(&pool).await.expect("demo seed");
        TestApp::build(pool, true, "http://127.0.0.1:9/unused-issuer")
    }

    /// Seeded, logging in through `issuer`.
    pub async fn with_issuer(pool: PgPool, issuer: &str) -> TestApp {
        server::demo_seed::run(&pool).await.expect("demo seed");
        TestApp::build(pool, true, issuer)
    }

    /// Seeded, logging in through `issuer`, with the population register at `register_url`
    /// (e.g. a closed port: the register is down).
    pub async fn with_register(pool: PgPool, issuer: &str, register_url: &str) -> TestApp {
        server::demo_seed::run(&pool).await.expect("demo seed");
        TestApp::configured(pool, true, issuer, Some(register_url))
    }

    pub fn with_readiness(pool: PgPool, ready: bool) -> TestApp {
        TestApp::build(pool, ready, "http://127.0.0.1:9/unused-issuer")
    }

    fn build(pool: PgPool, ready: bool, issuer: &str) -> TestApp {
        TestApp::configured(pool, ready, issuer, None)
    }

    fn configured(pool: PgPool, ready: bool, issuer: &str, register_url: Option<&str>) -> TestApp {
        let mut register = register::Register::from_env();
        if let Some(url) = register_url {
            register.url = url.to_string();
        }
        let settings = [
            ("DATABASE_URL", "postgres://unused@127.0.0.1/unused"),
            ("STAFETT_PUBLIC_URL", PUBLIC_URL),
            ("IDPORTEN_ISSUER", issuer),
            ("IDPORTEN_CLIENT_ID", issuer::CLIENT_ID),
            ("IDPORTEN_CLIENT_SECRET", issuer::CLIENT_SECRET),
            ("STAFETT_SMTP_URL", "smtp://127.0.0.1:9"),
            ("STAFETT_MAIL_FROM", "Stafett <ikke-svar@fjordvik.example>"),
            ("STAFETT_FOLKEREGISTER_URL", register.url.as_str()),
            ("STAFETT_FOLKEREGISTER_TOKEN", register.token.as_str()),
            ("STAFETT_FOLKEREGISTER_TIMEOUT_MS", "1000"),
        ];
        let config = Config::from_lookup(|name| {
            settings
                .iter()
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
        }
    }
}

/// A browser: keeps cookies, sends `Origin` and `Sec-Fetch-Site` as one does.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
}

impl Browser<'_> {
    pub async fn send(&mut self, builder: axum::http::request::Builder, body: Body) -> Response {
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
        let response = self.app.send(builder.body(body).expect("request")).await;
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
        response
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
        let body: String = openidconnect::url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.send(
            Request::post(uri)
                .header("sec-fetch-site", "same-origin")
                .header(header::ORIGIN, PUBLIC_URL)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
            Body::from(body),
        )
        .await
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

pub async fn json(response: Response) -> serde_json::Value {
    serde_json::from_str(&text(response).await).expect("json")
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
