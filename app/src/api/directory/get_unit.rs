use crate::model::directory::UnitDetail;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/unit?unit_id=<uuid>`: one unit with its contact information; `NotFound`
/// (HTTP 404) for an unknown unit.
#[server(prefix = "/api", endpoint = "unit", input = GetUrl)]
pub async fn get_unit(unit_id: Uuid) -> Result<UnitDetail, ApiError> {
    use crate::server::{directory, state::AppState};
    let state = AppState::from_context()?;
    directory::find_unit(&state.pool, unit_id)
        .await?
        .ok_or(ApiError::NotFound)
}
