use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/set_notice_choice`: immediate, daily or none.
#[server(prefix = "/api", endpoint = "set_notice_choice")]
pub async fn set_notice_choice(choice: String) -> Result<(), ApiError> {
    use crate::model::notice::NoticeChoice;
    use crate::server::{identity, notice, state::AppState};
    let choice = NoticeChoice::from_code(&choice).ok_or(ApiError::BadRequest)?;
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    notice::set_choice(&state.pool, identity.person_id, choice).await?;
    Ok(())
}
