use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_participant`: the holder adds a service, or a named member of its staff,
/// once the consent to involve that service stands.
#[server(prefix = "/api", endpoint = "add_participant")]
pub async fn add_participant(
    log_id: Uuid,
    unit_id: Uuid,
    person_id: Option<Uuid>,
    responsibility: Option<String>,
) -> Result<Uuid, ApiError> {
    use crate::server::{error, gate, log};
    let responsibility = responsibility
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if responsibility.is_some_and(|r| r.chars().count() > 1000) {
        return Err(ApiError::BadRequest);
    }
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::AddParticipant(unit_id)).await?;
    let participant_id =
        log::decisions::add_participant(&mut tx, &grant, person_id, responsibility)
            .await
            .map_err(error::refused_write)?;
    tx.commit().await?;
    Ok(participant_id)
}
