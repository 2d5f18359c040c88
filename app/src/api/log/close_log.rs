use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/close_log`: a guardian or youth who decides closes the log at any time; the
/// holder closes it once one of them has asked. Nobody reaches the content afterwards.
#[server(prefix = "/api", endpoint = "close_log")]
pub async fn close_log(log_id: Uuid, lang: Lang) -> Result<(), ApiError> {
    use crate::domain::access::LogAction;
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::authorize(&mut tx, log_id, LogAction::Close).await?;
    log::decisions::close(&mut tx, &grant, &facts, lang).await?;
    tx.commit().await?;
    Ok(())
}
