use crate::model::error::ApiError;
use crate::model::passkey::PasskeySummary;
use leptos::prelude::*;
use uuid::Uuid;

/// `GET /api/child_passkeys`: the passkeys of the log's child, for a guardian who may decide
/// on the child's own login.
#[server(prefix = "/api", endpoint = "child_passkeys", input = leptos::server_fn::codec::GetUrl)]
pub async fn child_passkeys(log_id: Uuid) -> Result<Vec<PasskeySummary>, ApiError> {
    use crate::server::{gate, passkey};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ChildLogin).await?;
    let passkeys = passkey::of_child(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(passkeys)
}
