use crate::model::error::ApiError;
use crate::model::log::{LogRequest, LookedUpChild, StaffChoice};
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

/// `GET /api/child_lookup?lookup_id=`: the child of the person's own recent lookup, as the
/// register has them now.
#[server(prefix = "/api", endpoint = "child_lookup", input = leptos::server_fn::codec::GetUrl)]
pub async fn child_lookup(lookup_id: Uuid) -> Result<LookedUpChild, ApiError> {
    use crate::server::{identity, register_lookups, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    register_lookups::view(&state, &identity, lookup_id).await
}

/// `POST /api/request_log`: a member of staff asks for the consent that establishes a log
/// held by them, for the child of their lookup, involving the chosen services. The child
/// and the guardians come from the population register, read again now. Nothing is shared
/// until the consent is given. Returns the log's id, and sends the browser on to the log's
/// consents (`Location`; a 302 for a plain form).
#[server(prefix = "/api", endpoint = "request_log")]
pub async fn request_log(request: LogRequest) -> Result<Uuid, ApiError> {
    use crate::server::{identity, log_requests, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let log_id = log_requests::create(&state, &identity, &request).await?;
    leptos_axum::redirect(&format!("/logs/{log_id}/consents"));
    Ok(log_id)
}

/// `GET /api/staff_choices`: the municipality's staff by unit, for staff only.
#[server(prefix = "/api", endpoint = "staff_choices", input = leptos::server_fn::codec::GetUrl)]
pub async fn staff_choices() -> Result<Vec<StaffChoice>, ApiError> {
    use crate::server::{identity, log_requests, state::AppState};
    let identity = identity::current()?;
    if !identity.is_staff() {
        return Err(ApiError::NotFound);
    }
    let state = AppState::from_context()?;
    Ok(log_requests::staff_choices(&state.pool).await?)
}
