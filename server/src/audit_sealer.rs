//! The audit trail's sealer: every second, seals the logs with new audit events
//! (`app::server::audit_seal`) and sends each chain's new head out of the database as a
//! checkpoint, to the log output and to the checkpoint file if one is configured. A
//! checkpoint is what shows later that a chain was cut short or sealed anew by someone who
//! had the key; keep the file (or the collected log output) where the database's owner
//! cannot write.

use crate::config::AuditConfig;
use app::server::audit_chain::AuditKey;
use app::server::audit_seal::{self, Checkpoint};
use sqlx::PgPool;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Seals every second, once the database is ready, for as long as the server runs.
pub async fn seal_every_second(pool: PgPool, audit: AuditConfig, database_ready: Arc<AtomicBool>) {
    while !database_ready.load(Ordering::Acquire) {
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    tracing::info!(
        key_id = audit.keys.current().id(),
        "sealing the audit trail"
    );
    loop {
        if let Err(error) =
            seal_waiting(&pool, audit.keys.current(), audit.checkpoints.as_deref()).await
        {
            tracing::warn!(%error, "audit events were not sealed; trying again");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Seals what waits in every log with `key` and writes out each chain's new head; the
/// checkpoints written.
pub async fn seal_waiting(
    pool: &PgPool,
    key: &AuditKey,
    checkpoint_file: Option<&Path>,
) -> Result<Vec<Checkpoint>, sqlx::Error> {
    let mut heads = Vec::new();
    let Some(waiting) = audit_seal::waiting(pool).await? else {
        return Ok(heads);
    };
    for log_id in waiting.logs {
        if let Some(head) = audit_seal::seal_log(pool, key, log_id, waiting.horizon).await? {
            tracing::info!(
                target: "stafett::audit_checkpoint",
                log_id = %head.log_id,
                last_event_id = head.last_event_id,
                mac = %head.mac_hex,
                key_id = %head.key_id,
                sealed_at = %head.sealed_at,
                "audit chain sealed"
            );
            heads.push(head);
        }
    }
    audit_seal::sealed_through(pool, waiting.horizon).await?;
    if let Some(path) = checkpoint_file.filter(|_| !heads.is_empty()) {
        // The seals stand whether or not their checkpoint is written; the next one covers them.
        if let Err(error) = append(path, &heads) {
            tracing::error!(%error, path = %path.display(), "audit checkpoints not written");
        }
    }
    Ok(heads)
}

/// One JSON line per checkpoint, written in one go and flushed to disk.
fn append(path: &Path, heads: &[Checkpoint]) -> std::io::Result<()> {
    let mut lines = String::new();
    for head in heads {
        lines.push_str(&serde_json::to_string(head)?);
        lines.push('\n');
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(lines.as_bytes())?;
    file.sync_data()
}
