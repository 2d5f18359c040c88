use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/turn_on_push`: stores the browser's push subscription (the JSON of
/// `PushSubscription.toJSON()`) for the caller's login, in place of the one it had. Refused
/// (400) unless its endpoint is an https URL on a public host (or one the configuration
/// names) and its keys are a P-256 key and a 16-byte secret.
#[server(prefix = "/api", endpoint = "turn_on_push")]
pub async fn turn_on_push(subscription: String) -> Result<(), ApiError> {
    use crate::server::{identity, push, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let settings = state.push.as_ref().ok_or(ApiError::Unavailable)?;
    let subscription = serde_json::from_str(&subscription).map_err(|_| ApiError::BadRequest)?;
    push::save(&state.pool, settings, &identity, &subscription).await?;
    Ok(())
}
