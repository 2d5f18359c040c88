use crate::domain::consent::ActionKind;
use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/withdraw_consent`: the logged-in consenter withdraws, digitally. It takes
/// effect on the very next request of everyone it covered.
#[server(prefix = "/api", endpoint = "withdraw_consent")]
pub async fn withdraw_consent(
    log_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    text_shown: String,
    lang: Lang,
) -> Result<(), ApiError> {
    use crate::domain::consent::{Action, Choice};
    use crate::server::{family, gate, identity, log, state::AppState};
    let action = Action::from_scope(scope.code(), unit_id).ok_or(ApiError::BadRequest)?;
    let state = AppState::from_context()?;
    let person_id = identity::current()?.person_id;
    family::refresh_before_decision(&state, person_id, log_id, Choice::Withdrawn).await?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::Decide(action, Choice::Withdrawn)).await?;
    log::decisions::decide_digitally(&mut tx, &grant, &text_shown, lang).await?;
    tx.commit().await?;
    Ok(())
}
