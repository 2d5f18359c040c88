use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/look_up_child`: a member of staff looks a child up in the population register
/// by national identity number, for one of their units. Each lookup is recorded (who, whose
/// number, which unit, what came of it), shown to the unit's leader, and limited per member
/// of staff. Sends the browser on to the request form with the lookup (`Location`).
#[server(prefix = "/api", endpoint = "look_up_child")]
pub async fn look_up_child(national_id: String, unit_id: Uuid) -> Result<Uuid, ApiError> {
    use crate::server::{identity, register_lookups, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let lookup_id = register_lookups::look_up(&state, &identity, unit_id, &national_id).await?;
    leptos_axum::redirect(&format!("/logs/new?lookup={lookup_id}"));
    Ok(lookup_id)
}
