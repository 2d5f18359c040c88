use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/remove_child_passkey`: a guardian who may decide on the child's own login
/// removes one of the child's passkeys (a lost phone, or one that was copied).
#[server(prefix = "/api", endpoint = "remove_child_passkey")]
pub async fn remove_child_passkey(log_id: Uuid, passkey_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, passkey};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ChildLogin).await?;
    passkey::remove(&mut tx, &grant, passkey_id).await?;
    tx.commit().await?;
    Ok(())
}
