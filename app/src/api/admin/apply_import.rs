use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/apply_import`: `staff_import_id`; applies the administrator's pending import
/// in one transaction, or nothing if a row is refused. Sends the browser on to `/admin`.
#[server(prefix = "/api", endpoint = "apply_import")]
pub async fn apply_import(staff_import_id: Uuid) -> Result<usize, ApiError> {
    use crate::server::admin;
    let (mut tx, admin) = admin::open().await?;
    let report = admin::import::apply(&mut tx, &admin, staff_import_id).await?;
    tx.commit().await?;
    leptos_axum::redirect("/admin?imported=1");
    Ok(report.rows.len())
}
