use crate::domain::access::{Capacity, LogStatus};
use crate::domain::consent::{Action, Choice};
use crate::domain::plan::MeasureStatus;
use crate::model::meeting::MeetingSummary;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
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
    pub evaluation_date: Date,
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
    /// At Oslo's offset, as every moment a user sees.
    #[serde(with = "time::serde::rfc3339")]
    pub written_at: OffsetDateTime,
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
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
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
    /// For the holder: when the population register last
    /// changed the child's guardians, parental responsibility or residence since the log
    /// was asked for.
    #[serde(with = "time::serde::rfc3339::option")]
    pub family_changed: Option<OffsetDateTime>,
}

/// A child as the population register has them, reduced to what a holder needs to ask for
/// a log: names and age, never addresses or numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookedUpChild {
    pub lookup_id: Uuid,
    pub unit_id: Uuid,
    pub child_name: String,
    pub age: u8,
    pub guardians: Vec<LookupGuardian>,
    /// The child has fixed residence with both parents: both must consent.
    pub both_must_consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookupGuardian {
    pub name: String,
    pub has_parental_responsibility: bool,
}

/// The services to involve in a log for the child of a lookup. Nothing about the family is
/// taken from the form: the register is read again when the log is created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRequest {
    pub lookup_id: Uuid,
    /// "unit_id/person_id": a member of staff taking part for their service.
    pub first_service: String,
    #[serde(default)]
    pub second_service: String,
}

/// A member of staff who can take part, for the form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffChoice {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub person_id: Uuid,
    pub name: String,
    pub job_title: Option<String>,
}

/// One lookup in the population register by a member of a unit, for its leader: who, when,
/// for which unit and what came of it. The number is shown only by its birth date part,
/// enough to see a pattern without handing the leader the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterLookupRecord {
    #[serde(with = "time::serde::rfc3339")]
    pub looked_up_at: OffsetDateTime,
    pub staff_name: String,
    pub unit_name: String,
    /// The first six digits of the number, the rest hidden.
    pub number_hint: String,
    /// found, unknown, deceased, emigrated, not_resident, adult or unavailable.
    pub outcome: String,
}

/// The longest entry, as the database allows.
pub const ENTRY_MAX_CHARS: usize = 20_000;
