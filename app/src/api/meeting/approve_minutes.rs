use crate::api::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/approve_minutes`: the holder approves the minutes as read at `version`; from
/// then on they are read-only and corrections come as new entries.
#[server(prefix = "/api", endpoint = "approve_minutes")]
pub async fn approve_minutes(log_id: Uuid, meeting_id: Uuid, version: i32) -> Result<(), ApiError> {
    use crate::server::{gate, meetings};
    let mut tx = gate::open().await?;
    let (grant, _) = gate::grant(&mut tx, log_id).await?;
    meetings::approve(&mut tx, &grant, meeting_id, version).await?;
    tx.commit().await?;
    Ok(())
}
