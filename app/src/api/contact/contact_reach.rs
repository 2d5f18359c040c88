use crate::model::contact::Reach;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `GET /api/contact_reach?log_id=`: for the holder, everyone around the log and whether
/// notices reach them (why not, never an address).
#[server(prefix = "/api", endpoint = "contact_reach", input = leptos::server_fn::codec::GetUrl)]
pub async fn contact_reach(log_id: Uuid) -> Result<Vec<Reach>, ApiError> {
    use crate::server::{contact, gate};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::DocumentWithdrawal).await?;
    let reach = contact::reach(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(reach)
}
