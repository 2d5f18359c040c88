use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/end_membership`: `unit_id`, `person_id`; the member of staff no longer works
/// at the unit (404 for a unit of another municipality; refused while the membership is
/// named in a log).
#[server(prefix = "/api", endpoint = "end_membership")]
pub async fn end_membership(unit_id: Uuid, person_id: Uuid) -> Result<(), ApiError> {
    use crate::server::admin;
    let (mut tx, admin) = admin::open().await?;
    admin::staff::end_membership(&mut tx, &admin, unit_id, person_id).await?;
    tx.commit().await?;
    Ok(())
}
