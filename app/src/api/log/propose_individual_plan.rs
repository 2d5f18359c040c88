use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/propose_individual_plan`: the holder proposes that the log be transferred to
/// an Individual Plan; the family is told, and their consent decides.
#[server(prefix = "/api", endpoint = "propose_individual_plan")]
pub async fn propose_individual_plan(log_id: Uuid) -> Result<(), ApiError> {
    use crate::server::{gate, log, state::AppState};
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ProposeIndividualPlan).await?;
    log::individual_plan::propose(&mut tx, &grant, &state.public_url).await?;
    tx.commit().await?;
    Ok(())
}
