use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/cancel_request`: the holder takes back a request that never got its consent;
/// it leaves everyone's lists, and the holder is sent back to their own page.
#[server(prefix = "/api", endpoint = "cancel_request")]
pub async fn cancel_request(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::Cancel).await?;
    log::closing::cancel(&mut tx, &grant).await?;
    tx.commit().await?;
    leptos_axum::redirect("/me");
    Ok(())
}
