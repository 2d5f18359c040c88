use crate::model::error::ApiError;
use crate::model::notices::NoticeChoice;
use leptos::prelude::*;

/// `GET /api/notice_choice`: how the person asking wants to hear of news.
#[server(prefix = "/api", endpoint = "notice_choice", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_notice_choice() -> Result<NoticeChoice, ApiError> {
    use crate::server::{identity, notices, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    Ok(notices::choice(&state.pool, identity.person_id).await?)
}

/// `POST /api/set_notice_choice`: immediate, daily or none.
#[server(prefix = "/api", endpoint = "set_notice_choice")]
pub async fn set_notice_choice(choice: String) -> Result<(), ApiError> {
    use crate::server::{identity, notices, state::AppState};
    let choice = NoticeChoice::from_code(&choice).ok_or(ApiError::BadRequest)?;
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    notices::set_choice(&state.pool, identity.person_id, choice).await?;
    Ok(())
}
