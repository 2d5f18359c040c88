use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/appoint_holder`: a leader of the holder's unit (or of the unit offered the
/// baton) gives it to a member of staff (`to`: "<unit id>/<person id>") at once.
#[server(prefix = "/api", endpoint = "appoint_holder")]
pub async fn appoint_holder(log_id: Uuid, to: String) -> Result<(), ApiError> {
    use crate::domain::baton::Post;
    use crate::model::error::Field;
    use crate::server::{identity, log, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    let to = Post::parse(&to).ok_or(ApiError::from(Field::BatonReceiver))?;
    log::baton::appoint(&state.pool, &identity, log_id, to, &state.public_url).await
}
