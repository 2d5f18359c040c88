use crate::model::error::ApiError;
use crate::model::transition::IncomingTransition;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/incoming_transitions`: for a unit leader, the transitions running to the units
/// they lead (no content); empty for anyone who leads nothing.
#[server(prefix = "/api", endpoint = "incoming_transitions", input = GetUrl)]
pub async fn incoming_transitions() -> Result<Vec<IncomingTransition>, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::transition::incoming(&state.pool, &identity).await
}
