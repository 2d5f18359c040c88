use crate::model::error::ApiError;
use crate::model::family_request::MyFamilyRequest;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/my_family_requests`: the requests the person made or may follow, and where
/// each stands.
#[server(prefix = "/api", endpoint = "my_family_requests", input = GetUrl)]
pub async fn my_family_requests() -> Result<Vec<MyFamilyRequest>, ApiError> {
    use crate::server::{family_request, identity, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    family_request::mine(&state.pool, &identity).await
}
