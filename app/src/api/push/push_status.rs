use crate::model::error::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the page needs to offer push on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushState {
    /// The VAPID public key to subscribe with (base64url); none if the server has no push.
    pub public_key: Option<String>,
    /// The endpoint this login's device is subscribed with, if any.
    pub endpoint: Option<String>,
}

/// `GET /api/push_status`: whether push is on for the caller's login.
#[server(prefix = "/api", endpoint = "push_status", input = leptos::server_fn::codec::GetUrl)]
pub async fn push_status() -> Result<PushState, ApiError> {
    use crate::server::{identity, push, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let endpoint = push::endpoint(&state.pool, identity.login_session_id).await?;
    Ok(PushState {
        public_key: state.push.map(|settings| settings.public_key),
        endpoint,
    })
}
