//! Who has been in a child's log, as the family (and the holder) read it.

use crate::domain::insight::{Happening, Role};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// One read or write of the log's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightEvent {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub who: String,
    /// How they stood to the log then; none for someone who no longer does in any way.
    pub role: Option<Role>,
    /// The service they took part or held it for.
    pub unit: Option<String>,
    pub happening: Happening,
}

/// A page of the list, newest first, and where the next (older) page begins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InsightPage {
    pub child_name: String,
    pub events: Vec<InsightEvent>,
    pub older: Option<i64>,
}
