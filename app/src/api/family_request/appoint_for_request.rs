use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/appoint_for_request`: a leader of the unit a family asked appoints a holder
/// from that unit; the log starts, waiting for the family's consent, and the leader is sent
/// to its holder page.
#[server(prefix = "/api", endpoint = "appoint_for_request")]
pub async fn appoint_for_request(request_id: Uuid, to: String) -> Result<(), ApiError> {
    use crate::server::{family_request, identity, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let log_id = family_request::appoint(&state, &identity, request_id, &to).await?;
    leptos_axum::redirect(&format!("/logs/{log_id}/holder"));
    Ok(())
}
