use crate::model::error::ApiError;
use crate::model::log::LogView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log?log_id=[&before=]`: the log's content, for those the consent rules let see
/// it now; entries a page at a time, newest first, older than the entry `before`. Three
/// statements in all, whatever the number of entries: the login, the gate's facts, the page.
#[server(prefix = "/api", endpoint = "log", input = GetUrl)]
pub async fn get_log(log_id: Uuid, before: Option<Uuid>) -> Result<LogView, ApiError> {
    use crate::server::{gate, identity, log, state::AppState};
    let identity = identity::current()?;
    let pool = AppState::from_context()?.pool;
    let grant = gate::grant_now(&pool, identity.person_id, log_id, gate::ReadContent).await?;
    log::content::page(&pool, &grant, before).await
}
