use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/turn_off_push`: forgets the push subscription of the caller's login.
#[server(prefix = "/api", endpoint = "turn_off_push")]
pub async fn turn_off_push() -> Result<(), ApiError> {
    use crate::server::{identity, push, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    push::remove(&state.pool, identity.login_session_id).await?;
    Ok(())
}
