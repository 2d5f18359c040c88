use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/add_decision`: the minute-taker (or the holder) records a decision of the
/// meeting, about one of the log's measures or none.
#[server(prefix = "/api", endpoint = "add_decision")]
pub async fn add_decision(
    log_id: Uuid,
    meeting_id: Uuid,
    text: String,
    #[server(default)] measure_id: String,
) -> Result<(), ApiError> {
    use crate::domain::plan::text_within;
    use crate::model::error::Field;
    use crate::server::{gate, meeting};
    let text = text_within(&text, 2, 4000, Field::Decision)?;
    let measure_id = match measure_id.trim() {
        "" => None,
        id => Some(Uuid::parse_str(id).map_err(|_| ApiError::from(Field::Measure))?),
    };
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::WriteEntry).await?;
    meeting::add_decision(&mut tx, &grant, meeting_id, text, measure_id).await?;
    tx.commit().await?;
    Ok(())
}
