use crate::model::admin::Ending;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/end_membership`: `unit_id`, `person_id`; the member of staff leaves the unit
/// now, or, while they hold logs for it, once its leader has appointed others (404 for a
/// membership of another municipality, or none).
#[server(prefix = "/api", endpoint = "end_membership")]
pub async fn end_membership(unit_id: Uuid, person_id: Uuid) -> Result<Ending, ApiError> {
    use crate::server::admin;
    let state = crate::server::state::AppState::from_context()?;
    let (mut tx, admin) = admin::open().await?;
    let ending =
        admin::staff::end_membership(&mut tx, &admin, unit_id, person_id, &state.public_url)
            .await?;
    tx.commit().await?;
    Ok(ending)
}
