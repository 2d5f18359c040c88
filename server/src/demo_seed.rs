//! Demo data for the demo command and the end-to-end tests: fictional people only.

use sqlx::PgPool;

/// Seeds the demo data in one transaction. Idempotent: fixed ids, and children's birth dates
/// recomputed from today so their ages stay true.
pub async fn run(pool: &PgPool) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::raw_sql(include_str!("demo_seed.sql"))
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}
