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
    /// The meeting the next one is agreed at, to fill the form from, when asked for.
    pub after: Option<NextMeetingSeed>,
}

/// What the next meeting takes over from the one it is agreed at: the time of day, length,
/// place, who is invited and who takes the minutes. The date is for the user to choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMeetingSeed {
    pub meeting_id: Uuid,
    /// The meeting's start, local "2026-12-01 14:00".
    pub starts_at: String,
    /// Local "HH:MM".
    pub time: String,
    pub duration_minutes: i32,
    pub place: Option<String>,
    pub video_url: Option<String>,
    pub invitees: Vec<Uuid>,
    pub minute_taker: Option<Uuid>,
}

/// `GET /api/meetings?log_id=[&after=]`: the meetings, for those who may read the log; with
/// what the next meeting takes over from the meeting `after`, if asked.
#[server(prefix = "/api", endpoint = "meetings", input = GetUrl)]
pub async fn list_meetings(log_id: Uuid, after: Option<Uuid>) -> Result<MeetingList, ApiError> {
    use crate::server::{gate, log_members, meetings};
    let mut tx = gate::open().await?;
    let (grant, facts) = gate::read(&mut tx, log_id).await?;
    let list = meetings::list(&mut tx, &grant).await?;
    let members = log_members::members(&mut tx, &grant, &facts).await?;
    let after = match after {
        Some(meeting_id) => meetings::next_seed(&mut tx, &grant, meeting_id).await?,
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
