use crate::domain::consent::ActionKind;
use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/give_consent`: the logged-in guardian or youth consents to `scope`, having
/// been shown `text_shown` (from `consent_text`, which must still be the text). Opens a
/// requested log once its establishment is consented. Returns whether it opened.
#[server(prefix = "/api", endpoint = "give_consent")]
pub async fn give_consent(
    log_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    text_shown: String,
    lang: Lang,
) -> Result<bool, ApiError> {
    use crate::domain::consent::{Action, Choice};
    use crate::server::log;
    let action = Action::from_scope(scope.code(), unit_id).ok_or(ApiError::BadRequest)?;
    log::decisions::decide_own(log_id, action, Choice::Given, &text_shown, lang).await
}
