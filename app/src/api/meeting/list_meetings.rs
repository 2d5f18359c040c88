use super::MeetingSummary;
use crate::api::error::ApiError;
use crate::api::plan::Member;
use crate::domain::access::Capacity;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The meetings of a log, and who could be invited to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingList {
    pub capacity: Capacity,
    pub meetings: Vec<MeetingSummary>,
    pub members: Vec<Member>,
}

/// `GET /api/meetings?log_id=`: the meetings, for those who may read the log.
#[server(prefix = "/api", endpoint = "meetings", input = GetUrl)]
pub async fn list_meetings(log_id: Uuid) -> Result<MeetingList, ApiError> {
    use crate::server::{gate, log_members, meetings};
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::read(&mut tx, log_id).await?;
    let list = meetings::list(&mut tx, &grant).await?;
    let members = log_members::members(&mut tx, &grant, &facts).await?;
    tx.commit().await?;
    Ok(MeetingList {
        capacity: grant.capacity(),
        meetings: list,
        members: members.into_iter().map(|m| m.member).collect(),
    })
}
