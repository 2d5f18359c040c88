//! The audit trail: one row per security-relevant event, written in the same transaction as
//! what it records. Details never hold national identity numbers, passwords or codes.

use sqlx::PgConnection;
use uuid::Uuid;

/// Records `action` (e.g. `auth.login_succeeded`) by `actor` (when known).
pub async fn record(
    conn: &mut PgConnection,
    actor: Option<Uuid>,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into audit_event (actor_id, action, detail) values ($1, $2, $3)")
        .bind(actor)
        .bind(action)
        .bind(detail)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records `action` on the log `log_id` by `actor`: every read and write of content. The
/// server's sealer chains these per log within a second (see `audit_seal`).
pub async fn record_in_log(
    conn: &mut PgConnection,
    actor: Uuid,
    log_id: Uuid,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_event (actor_id, log_id, action, detail) values ($1, $2, $3, $4)",
    )
    .bind(actor)
    .bind(log_id)
    .bind(action)
    .bind(detail)
    .execute(conn)
    .await?;
    Ok(())
}
