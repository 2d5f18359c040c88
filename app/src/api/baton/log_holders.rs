use crate::model::baton::Holders;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/holders?log_id=`: who has held the log, the latest offer of its baton, and
/// whether the person may offer it on or appoint.
#[server(prefix = "/api", endpoint = "holders", input = GetUrl)]
pub async fn log_holders(log_id: Uuid) -> Result<Holders, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::baton::holders(&state.pool, &identity, log_id).await
}
