//! The Stafett server: configuration, database preparation, and serving until a signal.

use server::config::Config;
use server::{database, router, telemetry};
use std::process::ExitCode;

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
    let state = server::state::new(pool.clone(), &config);

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
