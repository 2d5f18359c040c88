use crate::domain::consent::{ActionKind, Choice};
use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/consent_text?log_id=&scope=&unit_id=&choice=&lang=`: the exact text a person
/// who decides is asked to agree to (or to withdraw with), and the reason they are asked.
#[server(prefix = "/api", endpoint = "consent_text", input = GetUrl)]
pub async fn consent_text(
    log_id: Uuid,
    scope: ActionKind,
    unit_id: Option<Uuid>,
    choice: Choice,
    lang: Lang,
) -> Result<String, ApiError> {
    use crate::domain::consent::Action;
    use crate::server::{gate, log};
    let action = Action::from_scope(scope.code(), unit_id).ok_or(ApiError::BadRequest)?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::Decide(action, choice)).await?;
    // For a transition, the text with the sending unit leaving on the date: the first of
    // the two it may be given with.
    let options = log::decisions::consent_options(&mut tx, &grant, action, choice, lang).await?;
    tx.commit().await?;
    options
        .into_iter()
        .next()
        .map(|(_, text)| text)
        .ok_or(ApiError::Internal)
}
