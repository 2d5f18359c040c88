use crate::model::error::ApiError;
#[cfg(feature = "ssr")]
use crate::model::log::ENTRY_MAX_CHARS;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_entry`: writes an entry in the log. Only the family may mark it as the
/// child's own voice.
#[server(prefix = "/api", endpoint = "add_entry")]
pub async fn add_entry(
    log_id: Uuid,
    body: String,
    #[server(default)] child_voice: bool,
) -> Result<Uuid, ApiError> {
    use crate::domain::access::Capacity;
    use crate::model::notice::NoticeKind;
    use crate::server::{gate, log, notice, state::AppState};
    let body = body.trim();
    if body.is_empty() || body.chars().count() > ENTRY_MAX_CHARS {
        return Err(ApiError::BadRequest);
    }
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::WriteEntry).await?;
    if child_voice && grant.capacity() != Capacity::Family {
        return Err(ApiError::BadRequest);
    }
    let entry_id = log::content::add_entry(&mut tx, &grant, body, child_voice).await?;
    notice::notify_members(&mut tx, &grant, NoticeKind::Entry, &state.public_url).await?;
    tx.commit().await?;
    Ok(entry_id)
}
