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
    use crate::server::{gate, log};
    let (action, wanted) = log::decisions::wanted(scope, unit_id, choice)?;
    let mut tx = gate::open().await?;
    let (_, facts) = gate::authorize(&mut tx, log_id, wanted).await?;
    Ok(log::decisions::consent_text(&mut tx, &facts, action, choice, lang).await?)
}
