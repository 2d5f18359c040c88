use crate::model::error::ApiError;
use crate::model::log::RegisterLookupRecord;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/register_lookups`: for a unit leader, the lookups made for their units in the
/// last 90 days, newest first; 404 for anyone else.
#[server(prefix = "/api", endpoint = "register_lookups", input = GetUrl)]
pub async fn register_lookups() -> Result<Vec<RegisterLookupRecord>, ApiError> {
    use crate::server::{identity, register_lookups, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    register_lookups::for_leader(&state.pool, &identity).await
}
