use crate::model::error::ApiError;
use crate::model::family_request::RequestChoice;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/family_request_choices`: the children the person may ask a log for (parental
/// responsibility, per the population register), and themself from 15.
#[server(prefix = "/api", endpoint = "family_request_choices", input = GetUrl)]
pub async fn family_request_choices() -> Result<Vec<RequestChoice>, ApiError> {
    use crate::server::{family_request, identity, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    family_request::choices(&state, &identity).await
}
