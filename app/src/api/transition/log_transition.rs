use crate::model::error::ApiError;
use crate::model::transition::TransitionOverview;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log_transition?log_id=`: for those who see the log's consents, its transition
/// running (or the latest done); for the holder also where a new one may go.
#[server(prefix = "/api", endpoint = "log_transition", input = GetUrl)]
pub async fn log_transition(log_id: Uuid) -> Result<TransitionOverview, ApiError> {
    use crate::domain::transition::Stage;
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadConsentHistory).await?;
    let current = log::transition::latest(&mut tx, &grant).await?;
    let idle = current.as_ref().is_none_or(|t| t.stage == Stage::Done);
    let start = gate::also(&grant, gate::StartTransition).filter(|_| idle);
    let receiving_units = match &start {
        Some(start) => log::transition::receiving_units(&mut tx, start).await?,
        None => Vec::new(),
    };
    tx.commit().await?;
    Ok(TransitionOverview {
        current,
        can_start: start.is_some(),
        receiving_units,
    })
}
