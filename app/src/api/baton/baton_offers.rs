use crate::model::baton::BatonOffer;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/baton_offers`: the offers of a log's baton waiting for this person's answer.
#[server(prefix = "/api", endpoint = "baton_offers", input = GetUrl)]
pub async fn baton_offers() -> Result<Vec<BatonOffer>, ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::baton::offers_for(&state.pool, &identity).await
}
