use crate::api::error::ApiError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A child, their guardians and the services to involve, as the holder registers them.
/// Known people (by national identity number) are picked, not duplicated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRequest {
    pub child_given_name: String,
    pub child_family_name: String,
    pub child_national_id: String,
    /// YYYY-MM-DD.
    pub child_birth_date: String,
    pub guardian_given_name: String,
    pub guardian_family_name: String,
    pub guardian_national_id: String,
    #[serde(default)]
    pub guardian_responsible: Option<String>,
    /// A `Residence` code.
    pub residence: String,
    #[serde(default)]
    pub second_guardian_given_name: String,
    #[serde(default)]
    pub second_guardian_family_name: String,
    #[serde(default)]
    pub second_guardian_national_id: String,
    #[serde(default)]
    pub second_guardian_responsible: Option<String>,
    pub holder_unit: Uuid,
    /// "unit_id/person_id": a member of staff taking part for their service.
    pub first_service: String,
    #[serde(default)]
    pub second_service: String,
}

/// `POST /api/request_log`: a member of staff registers the child and guardians (or picks
/// them), and asks for the consent that establishes a log held by them and involves the
/// chosen services. Nothing is shared until the consent is given. Returns the log's id, and
/// sends the browser on to the log's consents (`Location`; a 302 for a plain form).
#[server(prefix = "/api", endpoint = "request_log")]
pub async fn request_log(request: LogRequest) -> Result<Uuid, ApiError> {
    use crate::server::{identity, log_requests, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let valid = log_requests::validate(&identity, &request)?;
    let log_id = log_requests::create(&state.pool, &identity, &valid).await?;
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
