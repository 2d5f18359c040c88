use crate::model::error::ApiError;
use crate::model::meeting::MeetingList;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

/// `GET /api/meetings?log_id=[&after=]`: the meetings, for those who may read the log; with
/// what the next meeting takes over from the meeting `after`, if asked.
#[server(prefix = "/api", endpoint = "meetings", input = GetUrl)]
pub async fn list_meetings(log_id: Uuid, after: Option<Uuid>) -> Result<MeetingList, ApiError> {
    use crate::server::{gate, log, meeting};
    let mut tx = gate::open().await?;
    let grant = gate::grant(&mut tx, log_id, gate::ReadContent).await?;
    let list = meeting::list(&mut tx, &grant).await?;
    let members = log::members::members(&mut tx, &grant).await?;
    let after = match after {
        Some(meeting_id) => meeting::next_seed(&mut tx, &grant, meeting_id).await?,
        None => None,
    };
    tx.commit().await?;
    Ok(MeetingList {
        capacity: grant.capacity(),
        meetings: list,
        members: members.into_iter().map(|m| m.member).collect(),
        after,
    })
}
