use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/cancel_transition`: the holder calls off the transition running; an offer of
/// the baton made for it is void.
#[server(prefix = "/api", endpoint = "cancel_transition")]
pub async fn cancel_transition(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let grant = gate::grant_now(
        &state.pool,
        identity.person_id,
        log_id,
        gate::StartTransition,
    )
    .await?;
    log::transition::cancel(&state.pool, &grant).await
}
