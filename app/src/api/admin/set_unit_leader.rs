use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/set_unit_leader`: `unit_id`, `person_id`, `unit_leader`; makes a member of a
/// unit of the administrator's municipality its leader, or no longer (404 for any other).
#[server(prefix = "/api", endpoint = "set_unit_leader")]
pub async fn set_unit_leader(
    unit_id: Uuid,
    person_id: Uuid,
    #[server(default)] unit_leader: bool,
) -> Result<(), ApiError> {
    use crate::server::admin;
    let state = crate::server::state::AppState::from_context()?;
    let (mut tx, admin) = admin::open().await?;
    let public_url = &state.public_url;
    admin::staff::set_unit_leader(&mut tx, &admin, unit_id, person_id, unit_leader, public_url)
        .await?;
    tx.commit().await?;
    Ok(())
}
