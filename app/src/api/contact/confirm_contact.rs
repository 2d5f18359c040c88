use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/confirm_contact` (`kind`: `email` or `mobile`, `code`): confirms the address
/// waiting for this code.
#[server(prefix = "/api", endpoint = "confirm_contact")]
pub async fn confirm_contact(kind: String, code: String) -> Result<(), ApiError> {
    use crate::domain::contact::ContactKind;
    use crate::server::{contact, identity, state::AppState};
    let kind = ContactKind::from_code(&kind).ok_or(ApiError::BadRequest)?;
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    contact::confirm(&state.pool, &identity, kind, &code).await
}
