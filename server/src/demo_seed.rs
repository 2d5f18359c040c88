//! Demo data for the demo command and the end-to-end tests: fictional people only.

use crate::auth::password;
use sqlx::PgPool;

/// Nora (12) logs in with this password and a one-time code sent to her e-mail.
pub const DEMO_CHILD_USERNAME: &str = "nora";
pub const DEMO_CHILD_PASSWORD: &str = "tre blå hester";
const DEMO_CHILD_ID: &str = "00000000-0000-4000-8000-000000000404";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Hash(#[from] password::HashError),
}

/// Seeds the demo data in one transaction. Idempotent: fixed ids, and children's birth dates
/// recomputed from today so their ages stay true.
pub async fn run(pool: &PgPool) -> Result<(), SeedError> {
    let hash = password::hash(DEMO_CHILD_PASSWORD.into()).await?;
    let mut tx = pool.begin().await?;
    sqlx::raw_sql(include_str!("demo_seed.sql"))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into child_account (person_id, username, password_hash, code_channel)
         values ($1::uuid, $2, $3, 'email')
         on conflict (person_id) do nothing",
    )
    .bind(DEMO_CHILD_ID)
    .bind(DEMO_CHILD_USERNAME)
    .bind(hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
