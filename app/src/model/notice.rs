use serde::{Deserialize, Serialize};

/// How a person wants to hear of news in their logs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeChoice {
    #[default]
    Immediate,
    Daily,
    None,
}

impl NoticeChoice {
    pub const ALL: [NoticeChoice; 3] = [
        NoticeChoice::Immediate,
        NoticeChoice::Daily,
        NoticeChoice::None,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            NoticeChoice::Immediate => "immediate",
            NoticeChoice::Daily => "daily",
            NoticeChoice::None => "none",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|choice| choice.code() == code)
    }
}

/// What kind of news: never the news itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Entry,
    Measure,
    Minutes,
    /// Who holds a log: an offer to hold it, a decline, an appointment.
    Baton,
    /// The holder's notice that the log will close, and an objection to it.
    Closing,
    /// To a unit's leaders: a family asks the unit for a log.
    Request,
    /// To a unit's leaders: a holder is leaving the unit, and their logs need another.
    Leaving,
    /// A transition to a new unit: started, or consented and waiting for a holder.
    Transition,
    /// To the holder: the family demands that the log's content be deleted.
    Deletion,
    /// To the family: the holder proposes a transfer to an Individual Plan.
    IndividualPlan,
}

impl NoticeKind {
    /// Whether the news is about a unit the person leads rather than a log they are in.
    pub const fn about_unit(self) -> bool {
        matches!(self, NoticeKind::Request | NoticeKind::Leaving)
    }

    pub const fn code(self) -> &'static str {
        match self {
            NoticeKind::Entry => "entry",
            NoticeKind::Measure => "measure",
            NoticeKind::Minutes => "minutes",
            NoticeKind::Baton => "baton",
            NoticeKind::Closing => "closing",
            NoticeKind::Request => "request",
            NoticeKind::Leaving => "leaving",
            NoticeKind::Transition => "transition",
            NoticeKind::Deletion => "deletion",
            NoticeKind::IndividualPlan => "individual_plan",
        }
    }
}
