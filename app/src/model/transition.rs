//! Transitions to a receiving unit, as the pages show them.

use crate::domain::service_kind::ServiceKind;
use crate::domain::transition::{Stage, TransitionKind};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// The transition of a log running now, or the latest one, for those who see its consents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionState {
    pub kind: TransitionKind,
    pub from_unit: String,
    pub to_unit: String,
    pub to_municipality: String,
    pub transfer_on: Date,
    pub message: Option<String>,
    pub stage: Stage,
    /// The family's consent keeps the sending unit after the date.
    pub keep_sending: bool,
    /// Whom the receiving leader has offered the baton, while they have not answered.
    pub offered_to: Option<String>,
}

/// What the holder sees of transitions on the holder page: the one running, and where a
/// new one may go (none while one runs, or when they may not start one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionOverview {
    pub current: Option<TransitionState>,
    pub can_start: bool,
    pub receiving_units: Vec<ReceivingUnit>,
}

/// A unit a transition may go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivingUnit {
    pub unit_id: Uuid,
    pub name: String,
    pub kind: ServiceKind,
    pub municipality: String,
}

/// A transition to a unit the leader leads: no content, only what they need to name a
/// holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomingTransition {
    pub transition_id: Uuid,
    pub child_name: String,
    pub from_unit: String,
    pub to_unit_id: Uuid,
    pub to_unit: String,
    pub kind: TransitionKind,
    pub transfer_on: Date,
    pub message: Option<String>,
    pub stage: Stage,
    pub offered_to: Option<String>,
}
