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
    use crate::domain::access::LogAction;
    use crate::server::{gate, log};
    let responsibility = responsibility
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if responsibility.is_some_and(|r| r.chars().count() > 1000) {
        return Err(ApiError::BadRequest);
    }
    let mut tx = gate::open().await?;
    let (grant, _) = gate::authorize(&mut tx, log_id, LogAction::AddParticipant(unit_id)).await?;
    let added =
        log::decisions::add_participant(&mut tx, &grant, unit_id, person_id, responsibility).await;
    let participant_id = match added {
        // Already taking part, or not staff of that unit.
        Err(sqlx::Error::Database(error))
            if error.is_unique_violation() || error.is_foreign_key_violation() =>
        {
            return Err(ApiError::BadRequest)
        }
        other => other?,
    };
    tx.commit().await?;
    Ok(participant_id)
}
