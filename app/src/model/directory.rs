//! Wire types of the directory.

use crate::domain::service_kind::ServiceKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A unit as listed in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub unit_id: Uuid,
    pub name: String,
    pub kind: ServiceKind,
    pub phone: String,
    pub email: String,
    pub street_address: String,
    pub postal_code: String,
    pub postal_place: String,
}

/// A unit's own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitDetail {
    pub summary: UnitSummary,
    pub description: Option<String>,
    pub website: Option<String>,
    pub municipality_name: String,
}
