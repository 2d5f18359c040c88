//! The Stafett server: configuration, database preparation, and serving until a signal; or,
//! given `audit-verify`, a check of the audit trail (`server::audit_verify`).

use axum::serve::ListenerExt;
use server::archive::{self, Archive};
use server::auth::login_session;
use server::config::Config;
use server::outbox::digest;
use server::outbox::email::Mailer;
use server::outbox::push::PushSender;
use server::outbox::sms::{HttpSmsGateway, SmsGateway};
use server::outbox::worker::{self, Senders};
use server::{audit_sealer, audit_verify, database, deletion, departures, router, telemetry};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::ExpiredDeletion;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {}
        Some("audit-verify") => return audit_verify::run(&args[1..]).await,
        Some(other) => {
            eprintln!("unknown command {other:?}; the only one is audit-verify");
            return ExitCode::from(2);
        }
    }
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
    let mail = match Mailer::new(&config.mail) {
        Ok(mail) => mail,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    let push = match config.push.as_ref().map(PushSender::new).transpose() {
        Ok(push) => push,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    let senders = Senders {
        mail,
        push,
        sms: config
            .sms
            .clone()
            .map(|sms| Arc::new(HttpSmsGateway::new(sms)) as Arc<dyn SmsGateway>),
        key: config.data_key.clone(),
    };

    let listener = match tokio::net::TcpListener::bind(config.site_addr).await {
        // Without TCP_NODELAY a response written in two parts (headers, then a file's body)
        // waited for the client's delayed ACK: 40 ms on every static file.
        Ok(listener) => listener.tap_io(|stream| {
            if let Err(error) = stream.set_nodelay(true) {
                tracing::debug!(%error, "cannot set TCP_NODELAY");
            }
        }),
        Err(error) => {
            eprintln!(
                "cannot listen on LEPTOS_SITE_ADDR={}: {error}",
                config.site_addr
            );
            return ExitCode::from(1);
        }
    };

    tracing::info!(url = %format!("http://{}", config.site_addr), "Stafett is listening");
    let service = router::build(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, service).with_graceful_shutdown(shutdown_signal());
    let ready = state.app.database_ready.clone();
    tokio::spawn(worker::run(pool.clone(), senders, ready.clone()));
    tokio::spawn(digest::run(
        pool.clone(),
        state.app.public_url.clone(),
        ready.clone(),
    ));
    tokio::spawn(login_session::purge_hourly(pool.clone(), ready.clone()));
    tokio::spawn(departures::end_agreed_every_minute(
        pool.clone(),
        ready.clone(),
    ));
    let archive = config.archive.as_ref().map(|archive| Archive {
        receiver: archive::receiver::from_config(&archive.receiver),
        individual_plan: archive
            .individual_plan
            .as_ref()
            .map(archive::receiver::from_config),
        classification: archive.classification.clone(),
    });
    tokio::spawn(archive::run(pool.clone(), archive, ready.clone()));
    tokio::spawn(deletion::purge_every_few_seconds(
        pool.clone(),
        ready.clone(),
    ));
    tokio::spawn(audit_sealer::seal_every_second(
        pool.clone(),
        config.audit.clone(),
        ready.clone(),
    ));
    let store = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
    tokio::spawn(async move {
        // Expired session records are deleted hourly (they are refused at once regardless),
        // once the migrations have created their table.
        while !ready.load(Ordering::Acquire) {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        if let Err(error) = store
            .continuously_delete_expired(Duration::from_secs(3600))
            .await
        {
            tracing::warn!(%error, "expired sessions are no longer deleted");
        }
    });
    // Polled here rather than spawned: sqlx's migrator future is not `Send`. Serving starts at
    // once, so `/healthz` answers 503 while the database is still being waited for.
    let preparation = database::prepare_with(
        &pool,
        config.seed_demo,
        config.first_admin.as_ref(),
        state.app.database_ready.clone(),
    );
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
