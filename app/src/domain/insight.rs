//! What the family may learn of who has been in their child's log: each read and write of
//! its content the audit trail holds, told as what was read or written. The audit records an
//! action (`content.read`, `content.write`, `participants.read`) and what it touched; this
//! says which of them a family is shown, and as what.

use serde::{Deserialize, Serialize};

/// The part of the log someone read or wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The log page with its entries.
    Log,
    Entry,
    Plan,
    DevelopmentArea,
    Goal,
    Measure,
    Evaluation,
    Meetings,
    Meeting,
    /// A meeting's invitation for a calendar.
    Calendar,
    AgendaItem,
    Minutes,
    MinutesApproved,
    Decision,
    Attachment,
    /// Who takes part, with their contact details.
    Participants,
}

impl Part {
    const ALL: [Part; 16] = [
        Part::Log,
        Part::Entry,
        Part::Plan,
        Part::DevelopmentArea,
        Part::Goal,
        Part::Measure,
        Part::Evaluation,
        Part::Meetings,
        Part::Meeting,
        Part::Calendar,
        Part::AgendaItem,
        Part::Minutes,
        Part::MinutesApproved,
        Part::Decision,
        Part::Attachment,
        Part::Participants,
    ];

    /// The `what` the audit records for this part.
    const fn code(self) -> &'static str {
        match self {
            Part::Log => "log",
            Part::Entry => "entry",
            Part::Plan => "plan",
            Part::DevelopmentArea => "development_area",
            Part::Goal => "goal",
            Part::Measure => "measure",
            Part::Evaluation => "evaluation",
            Part::Meetings => "meetings",
            Part::Meeting => "meeting",
            Part::Calendar => "meeting_calendar",
            Part::AgendaItem => "agenda_item",
            Part::Minutes => "minutes",
            Part::MinutesApproved => "minutes_approved",
            Part::Decision => "decision",
            Part::Attachment => "attachment",
            Part::Participants => "participants",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Read,
    Wrote,
}

/// One thing someone did in the log, as the family is told it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Happening {
    pub access: Access,
    pub part: Part,
}

/// The audit actions a family is shown.
pub const ACTIONS: [&str; 3] = ["content.read", "content.write", "participants.read"];

/// What an audit event of `action` on `what` was, if it is one the family is shown.
pub fn classify(action: &str, what: Option<&str>) -> Option<Happening> {
    let (access, what) = match action {
        "content.read" => (Access::Read, what?),
        "content.write" => (Access::Wrote, what?),
        "participants.read" => (Access::Read, Part::Participants.code()),
        _ => return None,
    };
    let part = Part::ALL.into_iter().find(|part| part.code() == what)?;
    Some(Happening { access, part })
}

/// How the person who did it stood to the log at the time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Guardian,
    Child,
    Holder,
    Participant,
}

impl Role {
    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "guardian" => Some(Role::Guardian),
            "child" => Some(Role::Child),
            "holder" => Some(Role::Holder),
            "participant" => Some(Role::Participant),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_of_content_are_shown() {
        assert_eq!(
            classify("content.read", Some("log")),
            Some(Happening {
                access: Access::Read,
                part: Part::Log
            })
        );
        assert_eq!(
            classify("content.write", Some("minutes_approved")),
            Some(Happening {
                access: Access::Wrote,
                part: Part::MinutesApproved
            })
        );
        assert_eq!(
            classify("participants.read", None),
            Some(Happening {
                access: Access::Read,
                part: Part::Participants
            })
        );
    }

    #[test]
    fn other_actions_and_unknown_parts_are_not() {
        assert_eq!(classify("consent.recorded", Some("log")), None);
        assert_eq!(classify("content.read", None), None);
        assert_eq!(classify("content.read", Some("secret")), None);
    }

    #[test]
    fn every_part_is_told_by_its_own_code() {
        for part in Part::ALL {
            let told = classify("content.read", Some(part.code())).map(|h| h.part);
            assert_eq!(told, Some(part));
        }
    }
}
