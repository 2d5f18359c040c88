use crate::model::error::ApiError;
use crate::model::plan::PlanView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/plan?log_id=[&from_decision=]`: the plan, and who may be made responsible, for
/// those who may read the log now; with a meeting decision of the log to make a measure
/// from, if asked.
#[server(prefix = "/api", endpoint = "plan", input = GetUrl)]
pub async fn get_plan(log_id: Uuid, from_decision: Option<Uuid>) -> Result<PlanView, ApiError> {
    use crate::server::{gate, plan};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadContent).await?;
    let view = plan::view(&mut tx, &grant, from_decision).await?;
    tx.commit().await?;
    Ok(view)
}
