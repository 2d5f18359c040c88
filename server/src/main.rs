//! The Stafett server: configuration, database preparation, and serving until a signal.

mod config;
mod database;
mod demo_seed;
mod health;
mod router;
mod security_headers;
mod telemetry;

use app::server::state::AppState;
use config::Config;
use leptos::prelude::LeptosOptions;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(config.log_format);

    let pool = match database::lazy_pool(&config.database_url) {
        Ok(pool) => pool,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let leptos_options = LeptosOptions::builder()
        .output_name("stafett")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    let state = AppState {
        pool: pool.clone(),
        leptos_options,
        database_ready: Arc::new(AtomicBool::new(false)),
    };

    let listener = match tokio::net::TcpListener::bind(config.site_addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!(
                "cannot listen on LEPTOS_SITE_ADDR={}: {error}",
                config.site_addr
            );
            return ExitCode::from(1);
        }
    };

    tracing::info!(url = %format!("http://{}", config.site_addr), "Stafett is listening");
    let server = axum::serve(listener, router::build(state.clone()))
        .with_graceful_shutdown(shutdown_signal());
    // Polled here rather than spawned: sqlx's migrator future is not `Send`. Serving starts at
    // once, so `/healthz` answers 503 while the database is still being waited for.
    let preparation = database::prepare(&pool, config.seed_demo, state.database_ready.clone());
    let preparation_failed = async {
        match preparation.await {
            Ok(()) => std::future::pending().await,
            Err(error) => error,
        }
    };
    tokio::select! {
        served = server => match served {
            Ok(()) => {
                tracing::info!("stopped");
                ExitCode::SUCCESS
            }
            Err(error) => {
                tracing::error!(%error, "server error");
                ExitCode::FAILURE
            }
        },
        error = preparation_failed => {
            tracing::error!(%error, "cannot prepare the database; stopping");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
