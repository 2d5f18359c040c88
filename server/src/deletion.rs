//! Deletion on demand: a log whose content the family demanded deleted is purged once its
//! copy is in the municipality's archive (or at once, if it was never opened), by the
//! database's `purge_log_content`, which takes everything but the tombstone.

use sqlx::PgPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// Purges every log whose deletion is due; returns how many.
pub async fn purge_due(pool: &PgPool) -> Result<usize, sqlx::Error> {
    let due = sqlx::query_scalar!(
        "select log_id from log
         where deletion_requested_at is not null and deleted_at is null and status <> 'open'
           and (archived_at is not null or opened_at is null)"
    )
    .fetch_all(pool)
    .await?;
    for log_id in &due {
        purge(pool, *log_id).await?;
    }
    Ok(due.len())
}

async fn purge(pool: &PgPool, log_id: Uuid) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!("select purge_log_content($1)", log_id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query!(
        "insert into audit_event (log_id, action) values ($1, 'log.content_deleted')",
        log_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Runs until the process ends, once the database is ready: the family sees the content
/// gone within seconds of the archive's receipt.
pub async fn purge_every_few_seconds(pool: PgPool, database_ready: Arc<AtomicBool>) {
    loop {
        if database_ready.load(Ordering::Acquire) {
            match purge_due(&pool).await {
                Ok(0) => {}
                Ok(purged) => tracing::info!(purged, "logs' content deleted on demand"),
                Err(error) => tracing::warn!(%error, "content due for deletion was not deleted"),
            }
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
}
