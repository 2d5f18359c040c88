use crate::model::error::ApiError;
use crate::model::meeting::MeetingView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/meeting?log_id=&meeting_id=`: one meeting, for those who may read the log.
#[server(prefix = "/api", endpoint = "meeting", input = GetUrl)]
pub async fn get_meeting(log_id: Uuid, meeting_id: Uuid) -> Result<MeetingView, ApiError> {
    use crate::server::{gate, meeting};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadContent).await?;
    let view = meeting::view(&mut tx, &grant, meeting_id).await?;
    tx.commit().await?;
    Ok(view)
}
