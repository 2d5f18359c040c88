use crate::api::meeting::MeetingSummary;
use crate::domain::access::{Capacity, LogStatus};
use crate::domain::consent::{Action, Choice};
use crate::domain::plan::MeasureStatus;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A log's content as one person may see it, after the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogView {
    pub log_id: Uuid,
    pub child_name: String,
    pub status: LogStatus,
    pub capacity: Capacity,
    pub holder: Option<PartyView>,
    pub participants: Vec<PartyView>,
    /// The next meeting not yet over.
    pub next_meeting: Option<MeetingSummary>,
    /// The measures not yet completed or stopped, next evaluation first.
    pub measures: Vec<MeasureLine>,
    /// A page of entries, newest first.
    pub entries: Vec<EntryView>,
    /// The entry to go on from for older entries, if there are any.
    pub older: Option<Uuid>,
}

/// A measure at a glance: what, who is responsible, when it is evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureLine {
    pub title: String,
    pub responsible_name: String,
    pub status: MeasureStatus,
    /// YYYY-MM-DD.
    pub evaluation_date: String,
}

/// Someone taking part, with how to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyView {
    pub name: String,
    pub unit_name: Option<String>,
    pub responsibility: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryView {
    pub entry_id: Uuid,
    pub author_name: String,
    pub body: String,
    pub is_child_voice: bool,
    /// Local time in Europe/Oslo, "2026-11-22 14:05".
    pub written_at: String,
    /// Written by the person reading: they may attach files to it.
    pub mine: bool,
    pub attachments: Vec<AttachmentView>,
}

/// A file on an entry, downloaded through the gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub attachment_id: Uuid,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i32,
}

/// One consent record, for the history the consenters and the holder see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub consenter_name: String,
    pub action: Action,
    pub unit_name: Option<String>,
    pub choice: Choice,
    /// digital, oral or paper.
    pub method: String,
    pub documented_by_name: Option<String>,
    pub text_shown: String,
    pub text_language: String,
    pub explained_consequences: Option<String>,
    /// Local time in Europe/Oslo, "2026-11-22 14:05".
    pub recorded_at: String,
}

/// A log in someone's list: only what they may see of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogSummary {
    pub log_id: Uuid,
    pub child_name: String,
    pub status: LogStatus,
    /// Whether the content is open to this person now.
    pub can_read: bool,
    /// How many decisions wait for this person.
    pub waiting_for_me: usize,
}

/// A decision the consent rules give this person on a log, with the exact text to agree to
/// (or withdraw with) and why it is theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyDecision {
    pub action: Action,
    pub unit_name: Option<String>,
    /// Their latest decision, if any.
    pub mine: Option<Choice>,
    /// Whether what it covers is in force now.
    pub in_force: bool,
    pub reason: String,
    /// The text of the next step: consenting if they have not, withdrawing if they have.
    pub text: String,
    /// For a child's own login: whether the child has one already.
    pub child_has_login: bool,
    /// And, for a guardian with parental responsibility, its username and whether it is
    /// locked.
    pub child_login: Option<ChildLoginState>,
}

/// A child's own login as their guardian sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildLoginState {
    pub username: String,
    /// Failed attempts have locked it (from somewhere, or its one-time codes).
    pub locked: bool,
}

/// A consent in force that its giver could withdraw orally, for the holder to document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandingConsent {
    pub consenter_id: Uuid,
    pub consenter_name: String,
    pub action: Action,
    pub unit_name: Option<String>,
}

/// What the person may do with the log as a whole now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogPermissions {
    pub can_close: bool,
    pub can_reopen: bool,
    /// For the holder: when (Europe/Oslo, "2026-11-22 14:05") the population register last
    /// changed the child's guardians, parental responsibility or residence since the log
    /// was asked for.
    pub family_changed: Option<String>,
}
