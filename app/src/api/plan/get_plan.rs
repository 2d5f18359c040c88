use super::PlanView;
use crate::api::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/plan?log_id=`: the plan, and who may be made responsible, for those who may
/// read the log now.
#[server(prefix = "/api", endpoint = "plan", input = GetUrl)]
pub async fn get_plan(log_id: Uuid) -> Result<PlanView, ApiError> {
    use crate::server::{gate, plan};
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::read(&mut tx, log_id).await?;
    let view = plan::view(&mut tx, &grant, &facts).await?;
    tx.commit().await?;
    Ok(view)
}
