use crate::api::error::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A child as the population register has them, reduced to what a holder needs to ask for
/// a log: names and age, never addresses or numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookedUpChild {
    pub lookup_id: Uuid,
    pub unit_id: Uuid,
    pub child_name: String,
    pub age: u8,
    pub guardians: Vec<LookupGuardian>,
    /// The child has fixed residence with both parents: both must consent.
    pub both_must_consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupGuardian {
    pub name: String,
    pub has_parental_responsibility: bool,
}

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

/// The services to involve in a log for the child of a lookup. Nothing about the family is
/// taken from the form: the register is read again when the log is created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRequest {
    pub lookup_id: Uuid,
    /// "unit_id/person_id": a member of staff taking part for their service.
    pub first_service: String,
    #[serde(default)]
    pub second_service: String,
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

/// A member of staff who can take part, for the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChoice {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub person_id: Uuid,
    pub name: String,
    pub job_title: Option<String>,
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
