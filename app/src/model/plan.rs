use crate::domain::access::Capacity;
use crate::domain::plan::MeasureStatus;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

/// Someone around the log who sees its content now: who may be made responsible for a
/// measure, invited to a meeting or take its minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub person_id: Uuid,
    pub name: String,
    /// The service they take part for; none for the family.
    pub unit_name: Option<String>,
    pub role: MemberRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Holder,
    Staff,
    Guardian,
    Youth,
}

/// The plan of a log: development areas with their goals, and the measures with their
/// evaluations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub log_id: Uuid,
    pub child_name: String,
    pub capacity: Capacity,
    pub members: Vec<Member>,
    pub areas: Vec<AreaView>,
    pub measures: Vec<MeasureView>,
    /// The decision a new measure is to be made from, when asked for.
    pub from_decision: Option<DecisionSeed>,
}

/// A meeting decision to make a measure from: the new measure's form starts with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionSeed {
    pub decision_id: Uuid,
    pub text: String,
    /// When its meeting began, at Oslo's offset.
    #[serde(with = "time::serde::rfc3339")]
    pub meeting_starts_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaView {
    pub area_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub goals: Vec<GoalView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalView {
    pub goal_id: Uuid,
    pub title: String,
    pub description: Option<String>,
}

/// A measure (tiltak), as saved at `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureView {
    pub measure_id: Uuid,
    pub area_id: Uuid,
    pub area_title: String,
    pub goal_id: Option<Uuid>,
    pub goal_title: Option<String>,
    pub title: String,
    pub description: Option<String>,
    pub responsible_id: Uuid,
    pub responsible_name: String,
    pub start_date: Date,
    pub evaluation_date: Date,
    pub status: MeasureStatus,
    pub version: i32,
    pub evaluations: Vec<EvaluationView>,
    /// The day (in Oslo) of the meeting whose decision made this measure, if one did.
    pub decided_at: Option<Date>,
}

/// An evaluation made together: what was tried, what worked, what next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationView {
    pub what_was_tried: String,
    pub what_worked: String,
    pub what_next: String,
    pub evaluated_on: Date,
    pub recorded_by_name: String,
}

/// A measure as its form sends it, to create (no `measure_id`) or to change (with the
/// `version` the editor started from).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureForm {
    #[serde(default)]
    pub measure_id: Option<Uuid>,
    #[serde(default)]
    pub version: Option<i32>,
    pub area_id: Uuid,
    /// A goal's id, or empty for none.
    #[serde(default)]
    pub goal_id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub responsible_id: Uuid,
    pub start_date: String,
    pub evaluation_date: String,
    /// A `MeasureStatus` code.
    pub status: String,
    /// For a new measure: the meeting decision it is made from.
    #[serde(default)]
    pub decision_id: Option<Uuid>,
}

/// An evaluation as its form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationForm {
    pub measure_id: Uuid,
    pub what_was_tried: String,
    pub what_worked: String,
    pub what_next: String,
    pub evaluated_on: String,
}
