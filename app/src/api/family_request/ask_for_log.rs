use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/ask_for_log`: a guardian (or a youth from 15, for themself) asks a unit for a
/// log, in their own words; the child and the right to ask are read from the register.
#[server(prefix = "/api", endpoint = "ask_for_log")]
pub async fn ask_for_log(child: String, unit_id: Uuid, about: String) -> Result<(), ApiError> {
    use crate::server::{family_request, identity, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    family_request::ask(&state, &identity, &child, unit_id, &about).await
}
