use crate::model::error::ApiError;
use crate::model::log::LogSummary;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/my_logs`: the logs the person is part of, as the gate lets them see each.
#[server(prefix = "/api", endpoint = "my_logs", input = GetUrl)]
pub async fn my_logs() -> Result<Vec<LogSummary>, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::overview::my_logs(&state.pool, &identity).await
}
