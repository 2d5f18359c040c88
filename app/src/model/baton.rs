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

/// A log held in a unit the person leads, for the leader's overview: dates and counts, no
/// content, no family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLog {
    pub log_id: Uuid,
    pub child_name: String,
    pub status: crate::domain::access::LogStatus,
    pub unit_name: String,
    pub holder_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub holder_since: OffsetDateTime,
    /// The holder is leaving the unit: the leader must appoint another.
    pub holder_leaving: bool,
    /// Whom the baton is offered to, and since when, while the offer waits.
    pub offered_to: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub offered_at: Option<OffsetDateTime>,
    /// Days the request has waited for its consent.
    pub days_waiting: Option<i64>,
    /// Days since the newest entry; none before the first.
    pub days_since_entry: Option<i64>,
    /// Measures whose evaluation day has passed without one.
    pub evaluations_overdue: u32,
}

/// The leader's overview: the logs, and the figures over them month by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOverview {
    pub logs: Vec<UnitLog>,
    pub by_month: Vec<crate::domain::figures::StatusMonth>,
    pub consent_waits: Vec<crate::domain::figures::WaitCount>,
    pub evaluations: Vec<crate::domain::figures::TimelinessMonth>,
}

impl UnitOverview {
    /// Requests waiting for consent, and the longest wait in days.
    pub fn waiting(&self) -> (usize, i64) {
        let days = self.logs.iter().filter_map(|log| log.days_waiting);
        (days.clone().count(), days.max().unwrap_or(0))
    }

    pub fn handovers_pending(&self) -> usize {
        self.logs
            .iter()
            .filter(|log| log.offered_to.is_some())
            .count()
    }

    pub fn evaluations_overdue(&self) -> u32 {
        self.logs.iter().map(|log| log.evaluations_overdue).sum()
    }

    /// Open logs with no entry for `days` days or more (or none at all).
    pub fn quiet(&self, days: i64) -> usize {
        self.logs
            .iter()
            .filter(|log| log.status == crate::domain::access::LogStatus::Open)
            .filter(|log| log.days_since_entry.is_none_or(|since| since >= days))
            .count()
    }
}
