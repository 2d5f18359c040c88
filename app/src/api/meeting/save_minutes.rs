use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/save_minutes`: the minute-taker (or the holder) saves the minutes over the
/// version they started from; returns the new version, or a conflict (409) if someone saved
/// in between.
#[server(prefix = "/api", endpoint = "save_minutes")]
pub async fn save_minutes(
    log_id: Uuid,
    meeting_id: Uuid,
    minutes: String,
    version: i32,
) -> Result<i32, ApiError> {
    use crate::model::error::Field;
    use crate::server::{gate, meeting};
    if minutes.chars().count() > 50_000 {
        return Err(ApiError::Invalid {
            field: Field::Minutes,
        });
    }
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::WriteEntry).await?;
    let version = meeting::save_minutes(&mut tx, &grant, meeting_id, &minutes, version).await?;
    tx.commit().await?;
    Ok(version)
}
