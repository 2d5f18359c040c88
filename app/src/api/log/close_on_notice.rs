use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/close_on_notice`: the holder closes the log on a notice the family had two
/// weeks to object to and did not. Nobody reaches the content afterwards.
#[server(prefix = "/api", endpoint = "close_on_notice")]
pub async fn close_on_notice(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::GiveClosingNotice).await?;
    log::closing::close_on_notice(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(())
}
