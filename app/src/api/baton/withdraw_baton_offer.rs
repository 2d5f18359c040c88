use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/withdraw_baton_offer`: the holder takes back the offer of the baton waiting.
#[server(prefix = "/api", endpoint = "withdraw_baton_offer")]
pub async fn withdraw_baton_offer(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let grant = gate::grant_now(&state.pool, identity.person_id, log_id, gate::PassBaton).await?;
    log::baton::withdraw(&state.pool, &grant).await
}
