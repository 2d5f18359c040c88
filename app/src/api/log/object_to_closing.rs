use crate::model::error::ApiError;
use leptos::prelude::*;
use uuid::Uuid;

/// `POST /api/object_to_closing`: one who decides on closing objects to the holder's notice,
/// with an optional word of why; the log goes on and everyone around it is told.
#[server(prefix = "/api", endpoint = "object_to_closing")]
pub async fn object_to_closing(log_id: Uuid, objection: String) -> Result<(), ApiError> {
    use crate::server::{gate, log, state::AppState};
    let state = AppState::from_context()?;
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ObjectToClosing).await?;
    log::closing::object(&mut tx, &grant, &objection, &state.public_url).await?;
    tx.commit().await?;
    Ok(())
}
