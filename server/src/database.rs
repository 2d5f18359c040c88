//! Connecting to PostgreSQL, migrating, and waiting out a database that is not up yet.

use crate::config::ConfigError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::ConnectOptions;
use sqlx::PgPool;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// A pool that connects on first use, so the server can start and answer `/healthz` with 503
/// while the database is still down.
pub fn lazy_pool(database_url: &str) -> Result<PgPool, ConfigError> {
    let options = PgConnectOptions::from_str(database_url).map_err(|_| ConfigError {
        setting: "DATABASE_URL",
        problem: "is not a valid PostgreSQL URL".into(),
    })?;
    Ok(PgPoolOptions::new()
        .max_connections(16)
        // Fail a request quickly with 503 rather than hang while the database is away.
        .acquire_timeout(Duration::from_secs(3))
        // No ping before each use: it would double the round trips of every request. A
        // connection the database dropped fails its one query (503) and is discarded.
        .test_before_acquire(false)
        .connect_lazy_with(options.application_name("stafett")))
}

/// A failure of the database that is not reachable (yet), as opposed to a broken migration.
#[derive(Debug, thiserror::Error)]
pub enum PrepareError {
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("demo seed failed: {0}")]
    Seed(crate::demo_seed::SeedError),
    #[error("first administrator: {0}")]
    FirstAdmin(crate::first_admin::FirstAdminError),
    #[error("DATABASE_URL connects as a superuser, which row-level security does not hold; connect as the database's owner without SUPERUSER (STAFETT_SEED_DEMO=true allows it for a demo)")]
    Superuser,
}

/// Migrates (and seeds the demo data if asked), retrying for as long as the database cannot
/// be reached, then marks the database ready. A migration or seed that fails on a reachable
/// database is returned: it will not fix itself by retrying.
pub async fn prepare(
    pool: &PgPool,
    seed_demo: bool,
    ready: Arc<AtomicBool>,
) -> Result<(), PrepareError> {
    prepare_with(pool, seed_demo, None, ready).await
}

/// As [`prepare`], and makes the first administrator (`STAFETT_FIRST_ADMIN`) after the
/// migrations and the demo seed, while the municipality has none.
pub async fn prepare_with(
    pool: &PgPool,
    seed_demo: bool,
    first_admin: Option<&crate::first_admin::FirstAdmin>,
    ready: Arc<AtomicBool>,
) -> Result<(), PrepareError> {
    let mut delay = Duration::from_millis(500);
    loop {
        match migrate(pool, seed_demo).await {
            Ok(()) => break,
            Err(Refusal::Migration(sqlx::migrate::MigrateError::Execute(error)))
                if is_unreachable(&error) =>
            {
                tracing::warn!(%error, retry_in_ms = delay.as_millis() as u64, "database unreachable; retrying");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(10));
            }
            Err(Refusal::Superuser) => return Err(PrepareError::Superuser),
            Err(Refusal::Migration(error)) => return Err(error.into()),
        }
    }
    tracing::info!("database migrated");
    if seed_demo {
        crate::demo_seed::run(pool)
            .await
            .map_err(PrepareError::Seed)?;
        tracing::info!("demo data seeded");
    }
    if let Some(first) = first_admin {
        let outcome = crate::first_admin::ensure(pool, first)
            .await
            .map_err(PrepareError::FirstAdmin)?;
        tracing::info!(?outcome, "first administrator");
    }
    ready.store(true, Ordering::Release);
    Ok(())
}

/// Why migrating did not happen.
enum Refusal {
    Migration(sqlx::migrate::MigrateError),
    Superuser,
}

impl From<sqlx::Error> for Refusal {
    fn from(error: sqlx::Error) -> Self {
        Refusal::Migration(sqlx::migrate::MigrateError::Execute(error))
    }
}

/// Migrates, unless the server connects as a superuser outside a demo: a superuser ignores
/// row-level security, even where it is forced, so the database's second check of the
/// consent gate would silently not happen.
async fn migrate(pool: &PgPool, demo: bool) -> Result<(), Refusal> {
    // A connection of its own, not one from the pool: a failure then names its cause
    // (e.g. connection refused) instead of the pool's timeout, and `Migrator::run(&PgPool)`
    // would make this future not `Send`.
    let mut connection = pool.connect_options().connect().await?;
    let superuser: bool =
        sqlx::query_scalar("select rolsuper from pg_roles where rolname = current_user")
            .fetch_one(&mut connection)
            .await?;
    if superuser && !demo {
        return Err(Refusal::Superuser);
    }
    MIGRATOR
        .run(&mut connection)
        .await
        .map_err(Refusal::Migration)
}

fn is_unreachable(error: &sqlx::Error) -> bool {
    matches!(
        error,
        sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::Protocol(_)
    ) || matches!(error, sqlx::Error::Database(db) if db.code().is_some_and(|code| {
        // 57P03: the database system is starting up; 3D000: database does not exist yet.
        code == "57P03" || code == "3D000"
    }))
}
