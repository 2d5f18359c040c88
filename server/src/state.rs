//! Building the shared application state from the configuration.

use crate::config::Config;
use app::server::state::AppState;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// The state for `pool` and `config`, with the database not yet marked ready.
pub fn new(pool: PgPool, config: &Config) -> AppState {
    let leptos_options = LeptosOptions::builder()
        .output_name("stafett")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    AppState {
        pool,
        leptos_options,
        database_ready: Arc::new(AtomicBool::new(false)),
    }
}
