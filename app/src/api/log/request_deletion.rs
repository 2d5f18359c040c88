use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/request_deletion`: one who consented to the log demands that its information
/// be deleted, agreeing to `text_shown` (the exact text of the demand). An open log closes;
/// the content is deleted once its copy is in the municipality's archive.
#[server(prefix = "/api", endpoint = "request_deletion")]
pub async fn request_deletion(
    log_id: Uuid,
    text_shown: String,
    lang: Lang,
) -> Result<(), ApiError> {
    use crate::server::{gate, log, state::AppState};
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::RequestDeletion).await?;
    let holder = log::deletion::request(&mut tx, &grant, &text_shown, lang).await?;
    tx.commit().await?;
    if let Some(holder) = holder {
        log::deletion::tell_holder(&state.pool, holder, log_id, &state.public_url).await?;
    }
    Ok(())
}
