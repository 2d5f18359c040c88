use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/start_transition`: the holder starts a transition (`kind`: a
/// `TransitionKind` code) to `to_unit` on `transfer_on` (`YYYY-MM-DD`), with a message for
/// the receiving unit; the family is asked for their consent on their page.
#[server(prefix = "/api", endpoint = "start_transition")]
pub async fn start_transition(
    log_id: Uuid,
    kind: String,
    to_unit: String,
    transfer_on: String,
    message: String,
) -> Result<(), ApiError> {
    use crate::server::{gate, log, state::AppState};
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::StartTransition).await?;
    log::transition::start(
        &mut tx,
        &grant,
        &kind,
        &to_unit,
        &transfer_on,
        &message,
        &state.public_url,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
