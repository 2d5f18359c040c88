use crate::model::error::ApiError;
use crate::model::log::ConsentRecord;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/consent_history?log_id=`: every consent and withdrawal on record, for those
/// who decide and the holder, whatever the log's status.
#[server(prefix = "/api", endpoint = "consent_history", input = GetUrl)]
pub async fn consent_history(log_id: Uuid) -> Result<Vec<ConsentRecord>, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadConsentHistory).await?;
    let records = log::decisions::history(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(records)
}
