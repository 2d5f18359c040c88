//! Who must consent to an action, and whether the consents on record suffice.

use super::action::{Action, ActionKind};
use super::age::age_on;
use super::family::Family;
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// A decision on record: a consent given or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Given,
    Withdrawn,
}

impl Choice {
    pub const fn code(self) -> &'static str {
        match self {
            Choice::Given => "given",
            Choice::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Choice::Given, Choice::Withdrawn]
            .into_iter()
            .find(|choice| choice.code() == code)
    }
}

/// One consent record, as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub consenter: Uuid,
    pub action: Action,
    pub choice: Choice,
}

/// From which age the youth decides alone. Below it, the guardians with parental
/// responsibility decide.
pub const fn youth_decides_from(kind: ActionKind) -> u8 {
    match kind {
        // Pasient- og brukerrettighetsloven § 4-3 b; an individual plan is health and care
        // law too (helse- og omsorgstjenesteloven § 7-1).
        ActionKind::ShareHealthInformation | ActionKind::TransferToIndividualPlan => 16,
        // The routine: "foresatte/ungdom over 15 år" for establishing, involving, transitions
        // and closing; barnelova § 32 for education. From 15 a youth's own access needs no
        // one's consent.
        ActionKind::EstablishLog
        | ActionKind::InvolveService
        | ActionKind::Transition
        | ActionKind::EducationDecision
        | ActionKind::ChildOwnAccess
        | ActionKind::Close
        | ActionKind::Reopen
        | ActionKind::Delete => 15,
    }
}

/// Whose consent an action needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "people")]
pub enum Requirement {
    /// The youth alone.
    Youth(Uuid),
    /// Any one of the guardians with parental responsibility.
    OneGuardian(Vec<Uuid>),
    /// Every guardian with parental responsibility: the child lives with both.
    EveryGuardian(Vec<Uuid>),
    /// Closing and deletion: any one of these may decide it alone.
    AnyOneMay(Vec<Uuid>),
    /// Nobody with parental responsibility is registered, so nobody can consent yet.
    NoGuardian,
    /// No consent is needed (a youth of 15 or more has their own access).
    NotNeeded,
}

impl Requirement {
    /// Everyone whose decision counts.
    pub fn people(&self) -> &[Uuid] {
        match self {
            Requirement::Youth(youth) => std::slice::from_ref(youth),
            Requirement::OneGuardian(people)
            | Requirement::EveryGuardian(people)
            | Requirement::AnyOneMay(people) => people,
            Requirement::NoGuardian | Requirement::NotNeeded => &[],
        }
    }
}

/// Whether the consents on record suffice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "people")]
pub enum Outcome {
    /// Consented by these.
    Given(Vec<Uuid>),
    /// Waiting for these (for `OneGuardian` and `AnyOneMay`: any one of them).
    Missing(Vec<Uuid>),
    /// These withdrew; it holds until they consent again.
    Withdrawn(Vec<Uuid>),
    /// Nobody can consent yet.
    Impossible,
    NotNeeded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub action: Action,
    /// The child's age on the day of the decision.
    pub age: u8,
    pub requirement: Requirement,
    pub outcome: Outcome,
}

impl Decision {
    /// Whether the action may go ahead (or what it covers may continue).
    pub fn allows(&self) -> bool {
        matches!(self.outcome, Outcome::Given(_) | Outcome::NotNeeded)
    }

    /// Whether `person` is one of those whose decision counts.
    pub fn may_decide(&self, person: Uuid) -> bool {
        self.requirement.people().contains(&person)
    }
}

/// Who must consent to `action` for the child of `family` on `today` (Europe/Oslo), given
/// the consents on record for the log in the order they were recorded (for `Reopen`:
/// those recorded since it was closed).
pub fn requirement(
    family: &Family,
    action: Action,
    today: Date,
    history: &[ConsentEvent],
) -> Requirement {
    let kind = action.kind();
    let age = age_on(family.birth_date, today);
    if kind == ActionKind::ChildOwnAccess && age >= youth_decides_from(kind) {
        return Requirement::NotNeeded;
    }
    let deciders = if age >= youth_decides_from(kind) {
        Requirement::Youth(family.child_id)
    } else {
        let guardians = family.responsible_guardians();
        if guardians.is_empty() {
            Requirement::NoGuardian
        } else if family.lives_with_both() {
            Requirement::EveryGuardian(guardians)
        } else {
            Requirement::OneGuardian(guardians)
        }
    };
    match kind {
        // Closing only takes away: whoever decides may do it alone, at any time.
        ActionKind::Close if deciders != Requirement::NoGuardian => {
            Requirement::AnyOneMay(deciders.people().to_vec())
        }
        // "Those who consented can demand that the information be deleted": today's
        // deciders and anyone who consented to the log or a service in it.
        ActionKind::Delete => {
            let mut people = deciders.people().to_vec();
            people.extend(history.iter().filter_map(|event| {
                let consented_to_sharing = matches!(
                    event.action.kind(),
                    ActionKind::EstablishLog | ActionKind::InvolveService | ActionKind::Transition
                );
                (consented_to_sharing && event.choice == Choice::Given).then_some(event.consenter)
            }));
            people.sort();
            people.dedup();
            if people.is_empty() {
                Requirement::NoGuardian
            } else {
                Requirement::AnyOneMay(people)
            }
        }
        _ => deciders,
    }
}

/// The latest decision of `person` on `action`.
fn latest(history: &[ConsentEvent], action: Action, person: Uuid) -> Option<Choice> {
    history
        .iter()
        .rev()
        .find(|event| event.action == action && event.consenter == person)
        .map(|event| event.choice)
}

/// Who must consent to `action`, and whether the consents on record suffice. Only the
/// decisions of those the rules name today count, each person's latest one; a withdrawal
/// by any of them stands until that person consents again.
pub fn decide(family: &Family, action: Action, today: Date, history: &[ConsentEvent]) -> Decision {
    let requirement = requirement(family, action, today, history);
    let people = requirement.people();
    let with = |choice: Choice| -> Vec<Uuid> {
        people
            .iter()
            .copied()
            .filter(|person| latest(history, action, *person) == Some(choice))
            .collect()
    };
    let (given, withdrawn) = (with(Choice::Given), with(Choice::Withdrawn));
    let outcome = match &requirement {
        Requirement::NotNeeded => Outcome::NotNeeded,
        Requirement::NoGuardian => Outcome::Impossible,
        // A demand to close or delete is not undone by another's consent.
        Requirement::AnyOneMay(_) if !given.is_empty() => Outcome::Given(given),
        Requirement::AnyOneMay(_) => Outcome::Missing(people.to_vec()),
        _ if !withdrawn.is_empty() => Outcome::Withdrawn(withdrawn),
        Requirement::EveryGuardian(_) => {
            let missing: Vec<Uuid> = people
                .iter()
                .copied()
                .filter(|person| !given.contains(person))
                .collect();
            if missing.is_empty() {
                Outcome::Given(given)
            } else {
                Outcome::Missing(missing)
            }
        }
        _ if !given.is_empty() => Outcome::Given(given),
        _ => Outcome::Missing(people.to_vec()),
    };
    Decision {
        action,
        age: age_on(family.birth_date, today),
        requirement,
        outcome,
    }
}

/// Whether participants of the service `unit` may see the log today: its establishment is
/// consented, and so is the service's involvement or a transition to it, with no standing
/// withdrawal of either; and, for a service that shares health information, the consent to
/// share it (the youth's alone from 16, below that the guardians').
pub fn covers_service(
    family: &Family,
    unit: Uuid,
    shares_health_information: bool,
    today: Date,
    history: &[ConsentEvent],
) -> bool {
    let establish = decide(family, Action::EstablishLog, today, history);
    let involve = decide(family, Action::InvolveService(unit), today, history);
    let transition = decide(family, Action::Transition(unit), today, history);
    let withdrawn = |decision: &Decision| matches!(decision.outcome, Outcome::Withdrawn(_));
    establish.allows()
        && !withdrawn(&involve)
        && !withdrawn(&transition)
        && (involve.allows() || transition.allows())
        && (!shares_health_information
            || decide(family, Action::ShareHealthInformation, today, history).allows())
}
