use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/reopen_log`: the holder reopens a closed log once the consents given since it
/// closed suffice.
#[server(prefix = "/api", endpoint = "reopen_log")]
pub async fn reopen_log(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::Reopen).await?;
    log::decisions::reopen(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(())
}
