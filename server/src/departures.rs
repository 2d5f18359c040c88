//! Participations that end on an agreed day (the sending unit's, after a transition) end
//! when that day begins in Europe/Oslo: checked every minute once the database is ready.

use sqlx::PgPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub async fn end_agreed_every_minute(pool: PgPool, database_ready: Arc<AtomicBool>) {
    while !database_ready.load(Ordering::Acquire) {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    loop {
        match sqlx::query_scalar!(r#"select end_agreed_participation() as "ended!""#)
            .fetch_one(&pool)
            .await
        {
            Ok(0) => {}
            Ok(ended) => tracing::info!(ended, "participations ended on their agreed day"),
            Err(error) => tracing::warn!(%error, "participations due to end were not ended"),
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
    }
}
