//! Building the shared state from the configuration.

use crate::auth::idporten::IdPorten;
use crate::config::Config;
use crate::seal::SealKey;
use app::server::push::PushSettings;
use app::server::state::AppState;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use openidconnect::url::Url;
use sqlx::PgPool;
use std::net::IpAddr;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// What the server's own routes need besides the application's state.
#[derive(Clone)]
pub struct ServerState {
    pub app: AppState,
    pub idporten: Arc<IdPorten>,
    /// Where users reach the app: the one origin state-changing requests may come from.
    pub public_url: Url,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Arc<[IpAddr]>,
    /// Seals secrets the database keeps for a while (see `seal`).
    pub data_key: SealKey,
    /// Whether responses carry `Strict-Transport-Security`.
    pub hsts: bool,
    /// Registers and checks children's passkeys.
    pub passkeys: Arc<webauthn_rs::Webauthn>,
}

impl ServerState {
    /// `scheme://host[:port]` of the public URL, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        self.public_url.origin().ascii_serialization()
    }

    /// Cookies are `Secure` everywhere but plain-http loopback, where browsers would drop
    /// them; and then named with the `__Host-` prefix (see `login_cookie::name`).
    pub fn secure_cookies(&self) -> bool {
        !(self.public_url.scheme() == "http" && crate::config::is_loopback(&self.public_url))
    }
}

impl FromRef<ServerState> for AppState {
    fn from_ref(state: &ServerState) -> Self {
        state.app.clone()
    }
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(state: &ServerState) -> Self {
        state.app.leptos_options.clone()
    }
}

/// The state for `pool` and `config`, with the database not yet marked ready.
pub fn new(pool: PgPool, config: &Config) -> ServerState {
    let leptos_options = LeptosOptions::builder()
        .output_name("stafett")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    ServerState {
        app: AppState {
            pool,
            leptos_options,
            database_ready: Arc::new(AtomicBool::new(false)),
            public_url: config.public_url.as_str().trim_end_matches('/').to_string(),
            register: Arc::new(crate::register::HttpRegister::new(config.register.clone())),
            data_key: config.data_key.clone(),
            push: config.push.as_ref().map(|push| PushSettings {
                public_key: push.public_key.clone(),
                allowed_hosts: push.allowed_hosts.clone(),
            }),
        },
        idporten: Arc::new(IdPorten::new(config.idporten.clone())),
        public_url: config.public_url.clone(),
        trusted_proxies: config.trusted_proxies.clone().into(),
        data_key: config.data_key.clone(),
        hsts: config.hsts,
        passkeys: config.passkeys.clone(),
    }
}
