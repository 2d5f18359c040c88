use crate::domain::access::{Capacity, LogStatus};
use crate::domain::consent::{Action, Choice};
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
    pub entries: Vec<EntryView>,
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
