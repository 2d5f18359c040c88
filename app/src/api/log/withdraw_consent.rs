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
    use crate::server::log;
    let action = Action::from_scope(scope.code(), unit_id).ok_or(ApiError::BadRequest)?;
    log::decisions::decide_own(log_id, action, Choice::Withdrawn, &text_shown, lang)
        .await
        .map(|_| ())
}
