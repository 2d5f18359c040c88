use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/name_transition_holder`: a leader of the receiving unit names who of its
/// staff (`to`: "<unit id>/<person id>") takes over the log; they are offered the baton.
#[server(prefix = "/api", endpoint = "name_transition_holder")]
pub async fn name_transition_holder(transition_id: Uuid, to: String) -> Result<(), ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::transition::name_holder(
        &state.pool,
        &identity,
        transition_id,
        &to,
        &state.public_url,
    )
    .await
}
