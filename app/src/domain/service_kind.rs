//! The kinds of municipal units and services that can take part around a child.

use serde::{Deserialize, Serialize};

/// A kind of unit or service. The string codes are stored in the database (`unit.kind`)
/// and used in URLs (`/?kind=school`), so they must never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Kindergarten,
    School,
    HealthStation,
    /// PPT: the educational-psychological service.
    Ppt,
    ChildWelfare,
    /// Physiotherapy and occupational therapy.
    PhysioOt,
    /// General practitioner.
    Gp,
    Other,
}

impl ServiceKind {
    /// Every kind, in the order the directory offers them.
    pub const ALL: [ServiceKind; 8] = [
        ServiceKind::Kindergarten,
        ServiceKind::School,
        ServiceKind::HealthStation,
        ServiceKind::Ppt,
        ServiceKind::ChildWelfare,
        ServiceKind::PhysioOt,
        ServiceKind::Gp,
        ServiceKind::Other,
    ];

    /// The stable code used in the database and in URLs.
    pub const fn code(self) -> &'static str {
        match self {
            ServiceKind::Kindergarten => "kindergarten",
            ServiceKind::School => "school",
            ServiceKind::HealthStation => "health_station",
            ServiceKind::Ppt => "ppt",
            ServiceKind::ChildWelfare => "child_welfare",
            ServiceKind::PhysioOt => "physio_ot",
            ServiceKind::Gp => "gp",
            ServiceKind::Other => "other",
        }
    }

    /// Parses a stable code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_is_unique() {
        for kind in ServiceKind::ALL {
            assert_eq!(ServiceKind::from_code(kind.code()), Some(kind));
        }
        let mut codes: Vec<_> = ServiceKind::ALL.iter().map(|k| k.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ServiceKind::ALL.len());
    }

    #[test]
    fn serde_uses_the_same_codes_as_the_database() {
        for kind in ServiceKind::ALL {
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("\"{}\"", kind.code()));
        }
    }

    #[test]
    fn unknown_or_differently_cased_codes_are_refused() {
        for code in ["", "School", "skole", "school ", "health-station"] {
            assert_eq!(ServiceKind::from_code(code), None, "{code:?}");
        }
    }
}
