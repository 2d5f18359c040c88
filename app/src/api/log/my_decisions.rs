use crate::i18n::Lang;
use crate::model::error::ApiError;
use crate::model::log::MyDecision;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/my_decisions?log_id=&lang=`: what the consent rules let the person decide on
/// the log, each with its text and reason.
#[server(prefix = "/api", endpoint = "my_decisions", input = GetUrl)]
pub async fn my_decisions(log_id: Uuid, lang: Lang) -> Result<Vec<MyDecision>, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadConsentHistory).await?;
    let decisions = log::overview::decisions(&mut tx, &grant, lang).await?;
    tx.commit().await?;
    Ok(decisions)
}
