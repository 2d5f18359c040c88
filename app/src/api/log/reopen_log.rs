use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/reopen_log`: the holder reopens a closed log once the consents given since it
/// closed suffice.
#[server(prefix = "/api", endpoint = "reopen_log")]
pub async fn reopen_log(log_id: Uuid) -> Result<(), ApiError> {
    use crate::domain::access::{LogAction, LogStatus};
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let (grant, _) = gate::authorize(&mut tx, log_id, LogAction::Reopen).await?;
    log::decisions::set_status(&mut tx, &grant, LogStatus::Open, "log.reopened").await?;
    tx.commit().await?;
    Ok(())
}
