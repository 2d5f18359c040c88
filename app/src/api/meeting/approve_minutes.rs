use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/approve_minutes`: the holder approves the minutes as read at `version`; from
/// then on they are read-only and corrections come as new entries.
#[server(prefix = "/api", endpoint = "approve_minutes")]
pub async fn approve_minutes(log_id: Uuid, meeting_id: Uuid, version: i32) -> Result<(), ApiError> {
    use crate::model::notice::NoticeKind;
    use crate::server::{gate, meeting, notice, state::AppState};
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ApproveMinutes).await?;
    meeting::approve(&mut tx, &grant, meeting_id, version).await?;
    notice::notify_members(&mut tx, &grant, NoticeKind::Minutes, &state.public_url).await?;
    tx.commit().await?;
    Ok(())
}
