use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/answer_baton_offer`: the one offered a log's baton takes it (`accept`), or
/// declines with a reason the holder is told.
#[server(prefix = "/api", endpoint = "answer_baton_offer")]
pub async fn answer_baton_offer(
    offer_id: Uuid,
    #[server(default)] accept: bool,
    #[server(default)] reason: String,
) -> Result<(), ApiError> {
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    log::baton::answer(
        &state.pool,
        &identity,
        offer_id,
        accept,
        &reason,
        &state.public_url,
    )
    .await
}
