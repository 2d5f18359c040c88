use super::LogView;
use crate::api::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log?log_id=`: the log's content, for those the consent rules let see it now.
#[server(prefix = "/api", endpoint = "log", input = GetUrl)]
pub async fn get_log(log_id: Uuid) -> Result<LogView, ApiError> {
    use crate::server::{gate, log_content};
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::read(&mut tx, log_id).await?;
    let view = log_content::view(&mut tx, &grant, facts.status).await?;
    tx.commit().await?;
    Ok(view)
}
