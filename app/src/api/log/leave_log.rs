use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/leave_log`: a participant leaves the log, or the holder takes a participant
/// out; their reading ends at once, and the log shows when they left.
#[server(prefix = "/api", endpoint = "leave_log")]
pub async fn leave_log(log_id: Uuid, participant_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::KeepParticipation).await?;
    log::participation::leave(&mut tx, &grant, participant_id).await?;
    tx.commit().await?;
    Ok(())
}
