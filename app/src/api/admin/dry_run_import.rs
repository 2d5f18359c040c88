use crate::model::admin::ImportReport;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/dry_run_import?staff_import_id=`: the dry run of the administrator's own
/// pending import, row by row; changes nothing.
#[server(prefix = "/api", endpoint = "dry_run_import", input = GetUrl)]
pub async fn dry_run_import(staff_import_id: Uuid) -> Result<ImportReport, ApiError> {
    use crate::server::admin;
    let (mut tx, admin) = admin::open().await?;
    let report = admin::import::dry_run(&mut tx, &admin, staff_import_id).await?;
    tx.commit().await?;
    Ok(report)
}
