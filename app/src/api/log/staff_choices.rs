use crate::model::error::ApiError;
use crate::model::log::StaffChoice;
use leptos::prelude::*;

/// `GET /api/staff_choices`: the staff of the person's own municipality by unit, for staff
/// only.
#[server(prefix = "/api", endpoint = "staff_choices", input = leptos::server_fn::codec::GetUrl)]
pub async fn staff_choices() -> Result<Vec<StaffChoice>, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    if !identity.is_staff() {
        return Err(ApiError::NotFound);
    }
    let state = AppState::from_context()?;
    Ok(log::requests::staff_choices(&state.pool, identity.person_id).await?)
}
