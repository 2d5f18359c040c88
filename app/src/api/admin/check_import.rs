use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/check_import`: `csv`, the file's text; keeps it as the administrator's
/// pending import and sends the browser on to its dry run (`/admin/import/<id>`).
#[server(prefix = "/api", endpoint = "check_import")]
pub async fn check_import(csv: String) -> Result<Uuid, ApiError> {
    use crate::server::admin;
    let (mut tx, admin) = admin::open().await?;
    let staff_import_id = admin::import::keep(&mut tx, &admin, &csv).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/admin/import/{staff_import_id}"));
    Ok(staff_import_id)
}
