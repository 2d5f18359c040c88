use crate::model::error::ApiError;
use crate::model::insight::InsightPage;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/log_insight?log_id=&before=`: who has read and written in the child's log,
/// newest first, a page at a time; for the family who decide and the holder.
#[server(prefix = "/api", endpoint = "log_insight", input = GetUrl)]
pub async fn log_insight(log_id: Uuid, before: Option<i64>) -> Result<InsightPage, ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadConsentHistory).await?;
    let page = log::insight::page(&mut tx, &grant, before).await?;
    tx.commit().await?;
    Ok(page)
}
