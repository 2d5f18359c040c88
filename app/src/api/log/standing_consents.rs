use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/standing_consents?log_id=`: for the holder, the consents in force whose givers
/// may withdraw them, so an oral withdrawal can be documented at once.
#[server(prefix = "/api", endpoint = "standing_consents", input = GetUrl)]
pub async fn standing_consents(
    log_id: Uuid,
) -> Result<Vec<crate::model::log::StandingConsent>, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::DocumentWithdrawal).await?;
    let standing = log::overview::standing(&mut tx, &grant).await?;
    tx.commit().await?;
    Ok(standing)
}
