use crate::model::baton::UnitLog;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/unit_logs`: for a unit leader, the logs held in their units, with holder and
/// any offer of the baton waiting; empty for anyone who leads nothing.
#[server(prefix = "/api", endpoint = "unit_logs", input = GetUrl)]
pub async fn unit_logs() -> Result<Vec<UnitLog>, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::baton::unit_logs(&state.pool, &identity).await
}
