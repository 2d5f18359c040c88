use crate::model::admin::AdminOverview;
use crate::model::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// `GET /api/municipality_overview`: the administrator's municipality, its units and its
/// administrators.
#[server(prefix = "/api", endpoint = "municipality_overview", input = GetUrl)]
pub async fn municipality_overview() -> Result<AdminOverview, ApiError> {
    use crate::server::admin::{self, units};
    let (mut tx, admin) = admin::open().await?;
    let overview = units::overview(&mut tx, &admin).await?;
    tx.commit().await?;
    Ok(overview)
}
