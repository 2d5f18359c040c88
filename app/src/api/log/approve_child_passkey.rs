use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/approve_child_passkey`: a guardian who may decide on the child's own login lets
/// a passkey the child registered log them in.
#[server(prefix = "/api", endpoint = "approve_child_passkey")]
pub async fn approve_child_passkey(log_id: Uuid, passkey_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, passkey};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ChildLogin).await?;
    passkey::approve(&mut tx, &grant, passkey_id).await?;
    tx.commit().await?;
    Ok(())
}
