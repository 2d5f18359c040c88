use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/offer_baton`: the holder offers the log's baton to a member of staff (`to`:
/// "<unit id>/<person id>"), with a message; they hold it until it is accepted.
#[server(prefix = "/api", endpoint = "offer_baton")]
pub async fn offer_baton(
    log_id: Uuid,
    to: String,
    #[server(default)] message: String,
) -> Result<(), ApiError> {
    use crate::domain::baton::Post;
    use crate::model::error::Field;
    use crate::server::{gate, identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let grant = gate::grant_now(&state.pool, identity.person_id, log_id, gate::PassBaton).await?;
    let to = Post::parse(&to).ok_or(ApiError::from(Field::BatonReceiver))?;
    log::baton::offer(&state.pool, &grant, to, &message, &state.public_url).await?;
    Ok(())
}
