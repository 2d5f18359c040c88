use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/give_closing_notice`: the holder tells the family, and everyone around the
/// log, that it will close as coordinated help is no longer needed, and why. The family has
/// two weeks to object; until then, and after an objection, the log goes on.
#[server(prefix = "/api", endpoint = "give_closing_notice")]
pub async fn give_closing_notice(log_id: Uuid, reason: String) -> Result<(), ApiError> {
    use crate::server::{gate, log, state::AppState};
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::GiveClosingNotice).await?;
    log::closing::give_notice(&mut tx, &grant, &reason, &state.public_url).await?;
    tx.commit().await?;
    Ok(())
}
