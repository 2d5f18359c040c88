use crate::model::error::ApiError;
use crate::model::log::LogRequest;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/request_log`: a member of staff asks for the consent that establishes a log
/// held by them, for the child of their lookup, involving the chosen services. The child
/// and the guardians come from the population register, read again now. Nothing is shared
/// until the consent is given. Returns the log's id, and sends the browser on to the log's
/// consents (`Location`; a 302 for a plain form).
#[server(prefix = "/api", endpoint = "request_log")]
pub async fn request_log(request: LogRequest) -> Result<Uuid, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let log_id = log::requests::create(&state, &identity, &request).await?;
    leptos_axum::redirect(&format!("/logs/{log_id}/consents"));
    Ok(log_id)
}
