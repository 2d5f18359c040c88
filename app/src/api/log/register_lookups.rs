use crate::api::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// One lookup in the population register by a member of a unit, for its leader: who, when,
/// for which unit and what came of it. The number is shown only by its birth date part,
/// enough to see a pattern without handing the leader the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLookupRecord {
    /// Europe/Oslo, "2026-11-22 14:05".
    pub looked_up_at: String,
    pub staff_name: String,
    pub unit_name: String,
    /// The first six digits of the number, the rest hidden.
    pub number_hint: String,
    /// found, unknown, deceased, emigrated, not_resident, adult or unavailable.
    pub outcome: String,
}

/// `GET /api/register_lookups`: for a unit leader, the lookups made for their units in the
/// last 90 days, newest first; 404 for anyone else.
#[server(prefix = "/api", endpoint = "register_lookups", input = GetUrl)]
pub async fn register_lookups() -> Result<Vec<RegisterLookupRecord>, ApiError> {
    use crate::server::{identity, register_lookups, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    register_lookups::for_leader(&state.pool, &identity).await
}
