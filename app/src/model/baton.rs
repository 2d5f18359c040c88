//! Who holds a log and the offers of its baton, as the pages show them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// An offer of the baton waiting for this person's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatonOffer {
    pub offer_id: Uuid,
    pub log_id: Uuid,
    pub child_name: String,
    pub from_name: String,
    pub from_unit: String,
    /// The unit of theirs they would hold it for.
    pub to_unit: String,
    pub message: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub offered_at: OffsetDateTime,
}

/// One holding of a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolderRecord {
    pub name: String,
    pub unit_name: String,
    /// Appointed by a unit leader rather than taken from an offer or the request.
    pub appointed: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: OffsetDateTime,
    /// Still holding when none.
    #[serde(with = "time::serde::rfc3339::option")]
    pub ended_at: Option<OffsetDateTime>,
}

/// The latest offer of the baton the person may see: waiting, or declined (and why).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferState {
    pub to_name: String,
    pub to_unit: String,
    pub pending: bool,
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub offered_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
}

/// The holders of a log, newest first, the latest offer, and what the person may do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holders {
    pub child_name: String,
    pub history: Vec<HolderRecord>,
    pub offer: Option<OfferState>,
    /// The person holds it and may offer it on (or withdraw the offer).
    pub can_pass: bool,
    /// The person leads the holder's unit (or the unit offered it) and may appoint.
    pub can_appoint: bool,
}

/// A log held in a unit the person leads, for the leader's list: no content, no family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLog {
    pub log_id: Uuid,
    pub child_name: String,
    pub status: crate::domain::access::LogStatus,
    pub unit_name: String,
    pub holder_name: String,
    /// Whom the baton is offered to, while the offer waits.
    pub offered_to: Option<String>,
}
