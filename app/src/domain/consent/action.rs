//! What a consent is for: the actions of the routine, stored as a consent's scope.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope", content = "unit_id")]
pub enum Action {
    /// Establishing the log; covers the holder's own service.
    EstablishLog,
    /// Adding a service (unit) or its participants to the log.
    InvolveService(Uuid),
    /// A transition to another service, e.g. kindergarten → school.
    Transition(Uuid),
    ShareHealthInformation,
    EducationDecision,
    /// A child under 15 gets their own login to the log.
    ChildOwnAccess,
    Close,
    Reopen,
    /// A demand that the log's information be deleted.
    Delete,
    TransferToIndividualPlan,
}

/// The kind of an action, without the service it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    EstablishLog,
    InvolveService,
    Transition,
    ShareHealthInformation,
    EducationDecision,
    ChildOwnAccess,
    Close,
    Reopen,
    Delete,
    TransferToIndividualPlan,
}

impl ActionKind {
    pub const ALL: [ActionKind; 10] = [
        ActionKind::EstablishLog,
        ActionKind::InvolveService,
        ActionKind::Transition,
        ActionKind::ShareHealthInformation,
        ActionKind::EducationDecision,
        ActionKind::ChildOwnAccess,
        ActionKind::Close,
        ActionKind::Reopen,
        ActionKind::Delete,
        ActionKind::TransferToIndividualPlan,
    ];

    /// The stable code stored in `consent.scope`.
    pub const fn code(self) -> &'static str {
        match self {
            ActionKind::EstablishLog => "establish_log",
            ActionKind::InvolveService => "involve_service",
            ActionKind::Transition => "transition",
            ActionKind::ShareHealthInformation => "share_health_information",
            ActionKind::EducationDecision => "education_decision",
            ActionKind::ChildOwnAccess => "child_own_access",
            ActionKind::Close => "close",
            ActionKind::Reopen => "reopen",
            ActionKind::Delete => "delete",
            ActionKind::TransferToIndividualPlan => "transfer_to_individual_plan",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

impl Action {
    pub const fn kind(self) -> ActionKind {
        match self {
            Action::EstablishLog => ActionKind::EstablishLog,
            Action::InvolveService(_) => ActionKind::InvolveService,
            Action::Transition(_) => ActionKind::Transition,
            Action::ShareHealthInformation => ActionKind::ShareHealthInformation,
            Action::EducationDecision => ActionKind::EducationDecision,
            Action::ChildOwnAccess => ActionKind::ChildOwnAccess,
            Action::Close => ActionKind::Close,
            Action::Reopen => ActionKind::Reopen,
            Action::Delete => ActionKind::Delete,
            Action::TransferToIndividualPlan => ActionKind::TransferToIndividualPlan,
        }
    }

    /// The service the action names, if any.
    pub const fn unit(self) -> Option<Uuid> {
        match self {
            Action::InvolveService(unit) | Action::Transition(unit) => Some(unit),
            _ => None,
        }
    }

    /// From a stored scope and unit; `None` if they do not fit together.
    pub fn from_scope(code: &str, unit: Option<Uuid>) -> Option<Action> {
        let action = match (ActionKind::from_code(code)?, unit) {
            (ActionKind::InvolveService, Some(unit)) => Action::InvolveService(unit),
            (ActionKind::Transition, Some(unit)) => Action::Transition(unit),
            (ActionKind::InvolveService | ActionKind::Transition, None) => return None,
            (_, Some(_)) => return None,
            (ActionKind::EstablishLog, None) => Action::EstablishLog,
            (ActionKind::ShareHealthInformation, None) => Action::ShareHealthInformation,
            (ActionKind::EducationDecision, None) => Action::EducationDecision,
            (ActionKind::ChildOwnAccess, None) => Action::ChildOwnAccess,
            (ActionKind::Close, None) => Action::Close,
            (ActionKind::Reopen, None) => Action::Reopen,
            (ActionKind::Delete, None) => Action::Delete,
            (ActionKind::TransferToIndividualPlan, None) => Action::TransferToIndividualPlan,
        };
        Some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_round_trip() {
        let unit = Uuid::from_u128(7);
        for kind in ActionKind::ALL {
            let unit =
                matches!(kind, ActionKind::InvolveService | ActionKind::Transition).then_some(unit);
            let action = Action::from_scope(kind.code(), unit);
            let action = action.unwrap_or_else(|| panic!("{}", kind.code()));
            assert_eq!(action.kind(), kind);
            assert_eq!(action.unit(), unit);
        }
        assert_eq!(Action::from_scope("involve_service", None), None);
        assert_eq!(Action::from_scope("close", Some(unit)), None);
        assert_eq!(Action::from_scope("everything", None), None);
    }
}
