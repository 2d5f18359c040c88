use crate::model::error::ApiError;
use crate::model::notice::NoticeChoice;
use leptos::prelude::*;

/// `GET /api/notice_choice`: how the person asking wants to hear of news.
#[server(prefix = "/api", endpoint = "notice_choice", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_notice_choice() -> Result<NoticeChoice, ApiError> {
    use crate::server::{identity, notice, state::AppState};
    let identity = identity::current()?;
    let state = AppState::from_context()?;
    Ok(notice::choice(&state.pool, identity.person_id).await?)
}
