use crate::model::error::ApiError;
use crate::model::identity::SessionSummary;
use leptos::prelude::*;

/// `GET /api/sessions`: the current person's active logins, newest activity first.
#[server(prefix = "/api", endpoint = "sessions", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_sessions() -> Result<Vec<SessionSummary>, ApiError> {
    use crate::server::{identity, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    Ok(identity::active_sessions(&state.pool, &identity).await?)
}
