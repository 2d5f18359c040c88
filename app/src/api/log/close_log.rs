use crate::i18n::Lang;
use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/close_log`: a guardian or youth who decides closes the log at any time; the
/// holder closes it once one of them has asked. Nobody reaches the content afterwards.
#[server(prefix = "/api", endpoint = "close_log")]
pub async fn close_log(log_id: Uuid, lang: Lang) -> Result<(), ApiError> {
    use crate::server::{gate, log};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::Close).await?;
    log::decisions::close(&mut tx, &grant, lang).await?;
    tx.commit().await?;
    Ok(())
}
