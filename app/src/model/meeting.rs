use crate::domain::access::Capacity;
use crate::model::plan::Member;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A meeting in a list: when and where, and whether its minutes are approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub meeting_id: Uuid,
    /// At Oslo's offset, as every moment a user sees.
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: OffsetDateTime,
    pub place: Option<String>,
    pub video_url: Option<String>,
    pub minutes_approved: bool,
}

/// One meeting as a person who may read the log sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingView {
    pub log_id: Uuid,
    pub child_name: String,
    pub capacity: Capacity,
    pub summary: MeetingSummary,
    pub called_by_name: String,
    pub minute_taker: Option<Member>,
    pub invitees: Vec<Member>,
    pub agenda: Vec<AgendaItemView>,
    pub minutes: Option<String>,
    /// The version the minutes were read at, to save against.
    pub version: i32,
    pub approved: Option<Approval>,
    pub decisions: Vec<DecisionView>,
    /// The log's measures a decision may refer to: id and title.
    pub measures: Vec<(Uuid, String)>,
    /// Whether this person writes the minutes (the minute-taker or the holder).
    pub may_write_minutes: bool,
}

/// Who approved a meeting's minutes, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItemView {
    pub text: String,
    pub proposed_by_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub decision_id: Uuid,
    pub text: String,
    /// The measure the decision is about, to be changed in the plan.
    pub measure: Option<(Uuid, String)>,
    /// The measures made from the decision.
    pub made_measures: Vec<(Uuid, String)>,
}

/// A meeting as the form calling it sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingForm {
    /// YYYY-MM-DD, local.
    pub date: String,
    /// HH:MM, local.
    pub time: String,
    /// Length in minutes.
    pub duration: u32,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub video_url: String,
    /// The people invited: `invitees[<n>]=<person id>` for each ticked box (the numbers
    /// need not follow each other, so unticked boxes leave gaps).
    #[serde(default)]
    pub invitees: Vec<Uuid>,
    /// A person id among the invited, or empty.
    #[serde(default)]
    pub minute_taker: String,
    /// One agenda item per line.
    #[serde(default)]
    pub agenda: String,
}

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
    /// The meeting's start, at Oslo's offset: its time of day is the next one's.
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    pub duration_minutes: i32,
    pub place: Option<String>,
    pub video_url: Option<String>,
    pub invitees: Vec<Uuid>,
    pub minute_taker: Option<Uuid>,
}
