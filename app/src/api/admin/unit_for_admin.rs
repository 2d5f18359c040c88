use crate::model::admin::AdminUnit;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/unit_for_admin?unit_id=`: one unit of the administrator's municipality with its
/// staff; 404 for any other.
#[server(prefix = "/api", endpoint = "unit_for_admin", input = GetUrl)]
pub async fn unit_for_admin(unit_id: Uuid) -> Result<AdminUnit, ApiError> {
    use crate::server::admin::{self, units};
    let (mut tx, admin) = admin::open().await?;
    let unit = units::unit(&mut tx, &admin, unit_id).await?;
    tx.commit().await?;
    unit.ok_or(ApiError::NotFound)
}
