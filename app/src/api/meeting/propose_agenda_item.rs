use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/propose_agenda_item`: anyone who may write in the log, the family too, adds
/// an item to a meeting's agenda until its minutes are approved.
#[server(prefix = "/api", endpoint = "propose_agenda_item")]
pub async fn propose_agenda_item(
    log_id: Uuid,
    meeting_id: Uuid,
    text: String,
) -> Result<(), ApiError> {
    use crate::domain::plan::text_within;
    use crate::model::error::Field;
    use crate::server::{gate, meeting};
    let text = text_within(&text, 2, 1000, Field::AgendaItem)?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::WriteEntry).await?;
    meeting::propose(&mut tx, &grant, meeting_id, text).await?;
    tx.commit().await?;
    Ok(())
}
