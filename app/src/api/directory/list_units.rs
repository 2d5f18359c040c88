use crate::domain::service_kind::ServiceKind;
use crate::model::directory::UnitSummary;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/units?kind=<code>`: every unit of the municipality, optionally of one kind,
/// ordered by name. Public: the directory holds no personal data.
#[server(prefix = "/api", endpoint = "units", input = GetUrl)]
pub async fn list_units(kind: Option<ServiceKind>) -> Result<Vec<UnitSummary>, ApiError> {
    use crate::server::{directory, state::AppState};
    let state = AppState::from_context()?;
    Ok(directory::list_units(&state.pool, kind).await?)
}
