//! Wire types of the administrator's pages: the municipality's units and their staff, and a
//! CSV import of staff checked before it is applied.

use crate::domain::service_kind::ServiceKind;
use crate::model::error::Field;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The administrator's start page: the municipality's units and its administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub municipality_name: String,
    pub units: Vec<AdminUnitSummary>,
    pub administrators: Vec<StaffName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUnitSummary {
    pub unit_id: Uuid,
    pub name: String,
    pub kind: ServiceKind,
    pub members: i64,
    pub leaders: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffName {
    pub person_id: Uuid,
    pub name: String,
}

/// A unit as its edit page shows it, with the staff working there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUnit {
    pub unit_id: Uuid,
    pub kind: ServiceKind,
    pub name: String,
    pub description: Option<String>,
    pub phone: String,
    pub email: String,
    pub street_address: String,
    pub postal_code: String,
    pub postal_place: String,
    pub website: Option<String>,
    pub shares_health_information: bool,
    pub members: Vec<AdminMember>,
}

/// A member of staff of one unit. No national identity number: it is entered, never shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminMember {
    pub person_id: Uuid,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub is_unit_leader: bool,
    pub is_administrator: bool,
    /// Since when the member is leaving, waiting for the unit's leader to give the logs they
    /// hold another holder.
    #[serde(with = "time::serde::rfc3339::option")]
    pub leaving_since: Option<time::OffsetDateTime>,
}

/// A unit as its form sends it (`unit[...]`); without `unit_id` a new unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitForm {
    #[serde(default)]
    pub unit_id: Option<Uuid>,
    /// A `ServiceKind` code.
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub phone: String,
    pub email: String,
    pub street_address: String,
    pub postal_code: String,
    pub postal_place: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub shares_health_information: bool,
}

/// A member of staff as the add form sends them (`staff[...]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffForm {
    pub national_id: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub phone: String,
    #[serde(default)]
    pub unit_leader: bool,
}

/// What putting a member of staff on a unit changes about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffChange {
    New,
    Changed,
    Unchanged,
}

/// What ending a membership did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// The member left the unit now.
    Ended,
    /// The member holds logs for the unit: they leave once a leader has appointed others.
    Leaving,
}

/// What it changes about their membership of the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipChange {
    New,
    /// Made unit leader, or no longer.
    RoleChanged,
    Unchanged,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOutcome {
    pub staff: StaffChange,
    pub membership: MembershipChange,
}

/// One row of an import: what it would change, or why it is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The line of the file (the header is line 1).
    pub line: u64,
    /// The name and unit as the row gives them (empty where the row has none).
    pub name: String,
    pub unit: String,
    pub result: RowResult,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum RowResult {
    Accepted { outcome: StaffOutcome },
    Refused { field: Field },
}

/// A checked import: every row, and whether it can be applied (no row refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub staff_import_id: Uuid,
    pub rows: Vec<ImportRow>,
}

impl ImportReport {
    pub fn refused(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| matches!(row.result, RowResult::Refused { .. }))
            .count()
    }

    pub fn can_apply(&self) -> bool {
        !self.rows.is_empty() && self.refused() == 0
    }
}
