//! A family's own request for a log, as the family and the unit's leaders see it.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A child (or the youth themself) the person may ask a log for: named by the register.
/// The key is the child's national identity number, shown only to their own guardian or
/// themself, and checked against the register again when the request is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestChoice {
    pub key: String,
    pub name: String,
    pub age: u8,
    pub themself: bool,
}

/// A request the person made or may follow, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyFamilyRequest {
    pub child_name: String,
    pub unit_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
    /// Once a leader appointed a holder: the log, waiting for the family's consent.
    pub log_id: Option<Uuid>,
    pub holder_name: Option<String>,
}

/// A request waiting for a leader of the unit asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingRequest {
    pub request_id: Uuid,
    pub child_name: String,
    pub unit_id: Uuid,
    pub unit_name: String,
    /// The youth asked for themself (otherwise a guardian did).
    pub by_youth: bool,
    pub about: String,
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
}
