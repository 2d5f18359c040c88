use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/set_administrator`: `person_id`, `administrator`; makes a member of staff of
/// the municipality an administrator, or no longer (never the last one).
#[server(prefix = "/api", endpoint = "set_administrator")]
pub async fn set_administrator(
    person_id: Uuid,
    #[server(default)] administrator: bool,
) -> Result<(), ApiError> {
    use crate::server::admin;
    let (mut tx, admin) = admin::open().await?;
    admin::staff::set_administrator(&mut tx, &admin, person_id, administrator).await?;
    tx.commit().await?;
    Ok(())
}
