use crate::domain::consent::ActionKind;
use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/document_withdrawal`: the holder documents a withdrawal a consenter made
/// orally: who, for what, and what was explained of its consequences.
#[server(prefix = "/api", endpoint = "document_withdrawal")]
pub async fn document_withdrawal(
    log_id: Uuid,
    consenter_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    explained_consequences: String,
    lang: Lang,
) -> Result<(), ApiError> {
    use crate::domain::consent::{Action, Choice};
    use crate::server::{family, gate, identity, log, state::AppState};
    let action = Action::from_scope(scope.code(), unit_id).ok_or(ApiError::BadRequest)?;
    let explained = explained_consequences.trim();
    if explained.is_empty() || explained.chars().count() > 4000 {
        return Err(ApiError::BadRequest);
    }
    let state = AppState::from_context()?;
    let person_id = identity::current()?.person_id;
    family::refresh_before_decision(&state, person_id, log_id, Choice::Withdrawn).await?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::DocumentWithdrawal).await?;
    log::decisions::document_withdrawal(&mut tx, &grant, consenter_id, action, explained, lang)
        .await?;
    tx.commit().await?;
    Ok(())
}
