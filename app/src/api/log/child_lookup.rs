use crate::model::error::ApiError;
use crate::model::log::LookedUpChild;
use leptos::prelude::*;
use uuid::Uuid;

/// `GET /api/child_lookup?lookup_id=`: the child of the person's own recent lookup, as the
/// register has them now.
#[server(prefix = "/api", endpoint = "child_lookup", input = leptos::server_fn::codec::GetUrl)]
pub async fn child_lookup(lookup_id: Uuid) -> Result<LookedUpChild, ApiError> {
    use crate::server::{identity, register_lookups, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    register_lookups::view(&state, &identity, lookup_id).await
}
