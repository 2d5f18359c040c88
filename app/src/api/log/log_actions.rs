use crate::model::error::ApiError;
use crate::model::log::LogPermissions;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log_actions?log_id=`: whether the person may close or reopen the log now;
/// for the holder, when the population register last changed the child's family.
#[server(prefix = "/api", endpoint = "log_actions", input = GetUrl)]
pub async fn log_actions(log_id: Uuid) -> Result<LogPermissions, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadSummary).await?;
    let permissions = log::overview::permissions(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(permissions)
}
