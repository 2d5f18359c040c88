use crate::model::baton::UnitOverview;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/unit_logs`: for a unit leader, the logs held in their units with the figures
/// over them, and no content; empty for anyone who leads nothing.
#[server(prefix = "/api", endpoint = "unit_logs", input = GetUrl)]
pub async fn unit_logs() -> Result<UnitOverview, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let overview = log::unit_overview::overview(&mut tx).await?;
    tx.commit().await?;
    Ok(overview)
}
