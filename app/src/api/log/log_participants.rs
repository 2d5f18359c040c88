use crate::model::error::ApiError;
use crate::model::log::Participations;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log_participants?log_id=`: every part staff have taken in the log, current and
/// ended, for those who read its content.
#[server(prefix = "/api", endpoint = "log_participants", input = GetUrl)]
pub async fn log_participants(log_id: Uuid) -> Result<Participations, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadContent).await?;
    let parts = log::participation::list(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(parts)
}
