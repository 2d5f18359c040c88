use crate::model::error::ApiError;
use crate::model::family_request::WaitingRequest;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/waiting_family_requests`: families' requests waiting for a leader of the
/// units the person leads; empty for anyone else.
#[server(prefix = "/api", endpoint = "waiting_family_requests", input = GetUrl)]
pub async fn waiting_family_requests() -> Result<Vec<WaitingRequest>, ApiError> {
    use crate::server::{family_request, identity, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    family_request::waiting(&state.pool, &identity).await
}
