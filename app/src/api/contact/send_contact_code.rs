use crate::model::error::ApiError;
use leptos::prelude::*;

/// `POST /api/send_contact_code` (`kind`: `email` or `mobile`, `address`): sends a code to the
/// new address, which replaces the one in use once confirmed.
#[server(prefix = "/api", endpoint = "send_contact_code")]
pub async fn send_contact_code(kind: String, address: String) -> Result<(), ApiError> {
    use crate::domain::contact::ContactKind;
    use crate::server::{contact, gate, state::AppState};
    let kind = ContactKind::from_code(&kind).ok_or(ApiError::BadRequest)?;
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    contact::send_code(
        &mut tx,
        &state.data_key,
        kind,
        &address,
        crate::i18n::request_lang(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
