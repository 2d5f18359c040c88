use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/update_participation`: a participant's own responsibility, phone and e-mail
/// on the log; a blank field clears it.
#[server(prefix = "/api", endpoint = "update_participation")]
pub async fn update_participation(
    log_id: Uuid,
    participant_id: Uuid,
    responsibility: String,
    phone: String,
    email: String,
) -> Result<(), ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::KeepParticipation).await?;
    log::participation::update(
        &mut tx,
        &grant,
        participant_id,
        &responsibility,
        &phone,
        &email,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
