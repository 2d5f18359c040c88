//! Who may do what with a log, from the consent rules and each person's relation to it.
//! Pure: the server's gate gathers the facts and acts on the answer; the UI can show it.

use crate::domain::consent::{
    age_on, covers_service, decide, Action, Choice, ConsentEvent, Family, Outcome,
};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogStatus {
    /// Waiting for the consent that establishes it.
    Requested,
    Open,
    /// Closed and archived: nobody reaches the content until it is reopened.
    Closed,
    /// A request its holder took back before it got its consent: kept as evidence, in no
    /// list and open to no one.
    Cancelled,
}

impl LogStatus {
    pub const fn code(self) -> &'static str {
        match self {
            LogStatus::Requested => "requested",
            LogStatus::Open => "open",
            LogStatus::Closed => "closed",
            LogStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            LogStatus::Requested,
            LogStatus::Open,
            LogStatus::Closed,
            LogStatus::Cancelled,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

/// How a person stands to a log. A person may stand in several ways at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "unit_id")]
pub enum Relation {
    /// A guardian of the child, with parental responsibility or not.
    Guardian { responsible: bool },
    /// The child the log is about.
    Child,
    /// The current holder of the baton, for this unit.
    Holder(Uuid),
    /// A member of staff taking part for this service.
    Participant(Uuid),
    /// The leader of a unit that takes part: figures, not content.
    UnitLeader,
}

/// What the person wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "action")]
pub enum LogAction {
    ReadContent,
    WriteEntry,
    /// Add a service (or a named member of its staff) to the log.
    AddParticipant(Uuid),
    /// Give one's own consent.
    Consent(Action),
    /// Withdraw one's own consent: possible at any time, also while the log is closed.
    Withdraw(Action),
    /// The history of consents: those who decide and the holder, whatever the status.
    ReadConsentHistory,
    /// Document a consenter's oral withdrawal (the holder).
    DocumentWithdrawal,
    /// Offer the baton to someone else, or take the offer back (the holder).
    PassBaton,
    Close,
    Reopen,
    /// Tell the family that the log will close as coordinated help is no longer needed, and
    /// close on that notice once it is over (the holder; `domain::closing` says when).
    GiveClosingNotice,
    /// Object to the holder's notice of closing: those who decide on closing.
    ObjectToClosing,
    /// Start a transition to a receiving unit, or call it off before it is done (the holder
    /// of an open log; `domain::transition` says where and when).
    StartTransition,
    /// Take back a request that never got its consent (the holder).
    Cancel,
    /// Propose that the log be transferred to an Individual Plan (the holder of an open
    /// log); the family's consent decides.
    ProposeIndividualPlan,
    /// Demand that the log's content be deleted: those who consented to it, and today's
    /// deciders, whatever the log's status. An open log closes with it.
    RequestDeletion,
    /// Take out a copy of everything in the log one may see (GDPR articles 15 and 20): the
    /// child and the guardians who read its content.
    ExportForFamily,
    /// Keep one's own part in the log (responsibility, contact details, leaving it), or as
    /// the holder take another's part out: staff around a log that is not closed.
    KeepParticipation,
    /// Activity figures without content.
    ReadFigures,
    /// The log in the person's own list: the child's name, its status and the consents
    /// waiting for them. Those who may read its content or its consent history.
    ReadSummary,
    /// Work on the plan and the meetings: development areas, goals, measures, evaluations,
    /// calling a meeting and writing its minutes. Staff who see the content; the family reads
    /// the plan, writes entries and proposes agenda items.
    EditPlan,
    /// Approve a meeting's minutes, after which they are read-only: the holder.
    ApproveMinutes,
}

/// What the facts say about the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFacts {
    pub status: LogStatus,
    pub family: Family,
    /// Today in Europe/Oslo.
    pub today: Date,
    /// Every consent on record for the log, in recorded order.
    pub history: Vec<ConsentEvent>,
    /// The consents recorded since the log was last closed (for reopening).
    pub since_closed: Vec<ConsentEvent>,
    /// The log's services that share health information: they take part only with the
    /// consent to share it.
    pub health_units: Vec<Uuid>,
}

impl LogFacts {
    /// Someone has demanded that the log's content be deleted: the demand is recorded as
    /// their consent to `delete`, which is given in no other way, and is never taken back. Such
    /// a log is never opened again.
    pub fn deletion_demanded(&self) -> bool {
        self.history
            .iter()
            .any(|event| event.action == Action::Delete && event.choice == Choice::Given)
    }
}

/// In what capacity the gate let the person through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    Family,
    Staff,
    Holder,
    Leader,
}

/// Why not: each is shown to the person in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Denial {
    #[error("the person has nothing to do with this log")]
    NotInvolved,
    #[error("the log is closed")]
    Closed,
    #[error("the log waits for consent")]
    NotOpen,
    #[error("the log has its consent and can only be closed")]
    AlreadyOpen,
    #[error("the consent that covered this has been withdrawn")]
    ConsentWithdrawn,
    #[error("the consent that would cover this is missing")]
    ConsentMissing,
    #[error("a child under 15 needs their own access first")]
    NoOwnAccess,
    #[error("unit leaders see figures, not content")]
    FiguresOnly,
    #[error("only the holder may do this")]
    HolderOnly,
    #[error("this person's consent is not what the rules ask for")]
    NotTheirDecision,
    #[error("only staff taking part may do this")]
    StaffOnly,
    #[error("only the minute-taker or the holder writes the minutes")]
    MinuteTakerOnly,
    #[error("the minutes are approved and read-only")]
    MinutesApproved,
    #[error("only the author may do this to an entry")]
    AuthorOnly,
    /// The copy of everything in the log is the family's right to insight, not staff's.
    #[error("only the child and the guardians take out a copy of the log")]
    FamilyOnly,
    /// Not an administrator of the municipality (units, services and staff).
    #[error("only the municipality's administrators may do this")]
    AdministratorOnly,
}

/// Whether `relations` let their person do `action` on the log of `facts`, and as what.
pub fn authorize(
    person: Uuid,
    relations: &[Relation],
    action: LogAction,
    facts: &LogFacts,
) -> Result<Capacity, Denial> {
    // A cancelled request is gone for everyone, as if it never was.
    if relations.is_empty() || facts.status == LogStatus::Cancelled {
        return Err(Denial::NotInvolved);
    }
    match action {
        LogAction::ReadContent | LogAction::WriteEntry => content(relations, facts),
        LogAction::ExportForFamily => match content(relations, facts)? {
            Capacity::Family => Ok(Capacity::Family),
            _ => Err(Denial::FamilyOnly),
        },
        // The holder brings in a service or a colleague; a service new to the log is only
        // proposed by that: it reads nothing until the family consents to it (`content`),
        // and the consent is offered to them as soon as it takes part.
        LogAction::AddParticipant(_) => {
            require_open(facts)?;
            let holder_unit = holder_unit(relations).ok_or(Denial::HolderOnly)?;
            service_consent(facts, holder_unit).map(|()| Capacity::Holder)
        }
        // A demand for deletion is made through `RequestDeletion`, which closes the log and
        // has it purged; it is no consent to give or take back on its own.
        LogAction::Consent(Action::Delete) | LogAction::Withdraw(Action::Delete) => {
            Err(Denial::NotTheirDecision)
        }
        LogAction::Consent(consent_action) => {
            let decision = decide(&facts.family, consent_action, facts.today, &facts.history);
            match (facts.status, consent_action) {
                (LogStatus::Closed, Action::Reopen) => {}
                (LogStatus::Closed, _) => return Err(Denial::Closed),
                (_, Action::Reopen) => return Err(Denial::NotOpen),
                _ => {}
            }
            if decision.may_decide(person) {
                Ok(Capacity::Family)
            } else {
                Err(Denial::NotTheirDecision)
            }
        }
        LogAction::Withdraw(consent_action) => {
            let decision = decide(&facts.family, consent_action, facts.today, &facts.history);
            if decision.may_decide(person) {
                Ok(Capacity::Family)
            } else {
                Err(Denial::NotTheirDecision)
            }
        }
        LogAction::ReadConsentHistory => {
            let family = relations.iter().any(|relation| match relation {
                Relation::Guardian { responsible } => *responsible,
                Relation::Child => {
                    age_on(facts.family.birth_date, facts.today) >= 15
                        || decide(
                            &facts.family,
                            Action::ChildOwnAccess,
                            facts.today,
                            &facts.history,
                        )
                        .allows()
                }
                _ => false,
            });
            if family {
                Ok(Capacity::Family)
            } else if holder_unit(relations).is_some() {
                Ok(Capacity::Holder)
            } else {
                Err(Denial::NotInvolved)
            }
        }
        LogAction::DocumentWithdrawal | LogAction::PassBaton => {
            if facts.status == LogStatus::Closed {
                return Err(Denial::Closed);
            }
            holder_unit(relations)
                .map(|_| Capacity::Holder)
                .ok_or(Denial::HolderOnly)
        }
        LogAction::Close => {
            require_open(facts)?;
            let decision = decide(&facts.family, Action::Close, facts.today, &facts.history);
            if decision.may_decide(person) {
                Ok(Capacity::Family)
            } else if holder_unit(relations).is_some() {
                // The holder closes when someone who decides has asked for it.
                if decision.allows() {
                    Ok(Capacity::Holder)
                } else {
                    Err(Denial::ConsentMissing)
                }
            } else {
                Err(Denial::NotTheirDecision)
            }
        }
        LogAction::GiveClosingNotice
        | LogAction::StartTransition
        | LogAction::ProposeIndividualPlan => {
            require_open(facts)?;
            holder_unit(relations)
                .map(|_| Capacity::Holder)
                .ok_or(Denial::HolderOnly)
        }
        LogAction::ObjectToClosing => {
            require_open(facts)?;
            let decision = decide(&facts.family, Action::Close, facts.today, &facts.history);
            if decision.may_decide(person) {
                Ok(Capacity::Family)
            } else {
                Err(Denial::NotTheirDecision)
            }
        }
        LogAction::RequestDeletion => {
            let decision = decide(&facts.family, Action::Delete, facts.today, &facts.history);
            if decision.may_decide(person) {
                Ok(Capacity::Family)
            } else {
                Err(Denial::NotTheirDecision)
            }
        }
        LogAction::Cancel => {
            holder_unit(relations).ok_or(Denial::HolderOnly)?;
            match facts.status {
                LogStatus::Requested => Ok(Capacity::Holder),
                LogStatus::Open => Err(Denial::AlreadyOpen),
                LogStatus::Closed | LogStatus::Cancelled => Err(Denial::Closed),
            }
        }
        LogAction::KeepParticipation => {
            if matches!(facts.status, LogStatus::Closed | LogStatus::Cancelled) {
                return Err(Denial::Closed);
            }
            if holder_unit(relations).is_some() {
                Ok(Capacity::Holder)
            } else if relations
                .iter()
                .any(|r| matches!(r, Relation::Participant(_)))
            {
                Ok(Capacity::Staff)
            } else {
                Err(Denial::StaffOnly)
            }
        }
        LogAction::Reopen => {
            holder_unit(relations).ok_or(Denial::HolderOnly)?;
            if facts.status != LogStatus::Closed {
                return Err(Denial::NotOpen);
            }
            let decision = decide(
                &facts.family,
                Action::Reopen,
                facts.today,
                &facts.since_closed,
            );
            if decision.allows() {
                Ok(Capacity::Holder)
            } else {
                Err(consent_denial(&decision.outcome))
            }
        }
        LogAction::EditPlan => {
            let staff: Vec<Relation> = relations
                .iter()
                .copied()
                .filter(|relation| {
                    matches!(relation, Relation::Holder(_) | Relation::Participant(_))
                })
                .collect();
            if staff.is_empty() {
                // Someone who may not even read is told that first.
                content(relations, facts)?;
                return Err(Denial::StaffOnly);
            }
            content(&staff, facts)
        }
        LogAction::ApproveMinutes => {
            let unit = holder_unit(relations).ok_or(Denial::HolderOnly)?;
            require_open(facts)?;
            service_consent(facts, unit).map(|()| Capacity::Holder)
        }
        LogAction::ReadSummary => authorize(person, relations, LogAction::ReadContent, facts)
            .or_else(|_| authorize(person, relations, LogAction::ReadConsentHistory, facts)),
        LogAction::ReadFigures => {
            if relations.contains(&Relation::UnitLeader) || holder_unit(relations).is_some() {
                Ok(Capacity::Leader)
            } else {
                Err(Denial::NotInvolved)
            }
        }
    }
}

fn require_open(facts: &LogFacts) -> Result<(), Denial> {
    match facts.status {
        LogStatus::Open => Ok(()),
        LogStatus::Requested => Err(Denial::NotOpen),
        LogStatus::Closed | LogStatus::Cancelled => Err(Denial::Closed),
    }
}

fn holder_unit(relations: &[Relation]) -> Option<Uuid> {
    relations.iter().find_map(|relation| match relation {
        Relation::Holder(unit) => Some(*unit),
        _ => None,
    })
}

fn consent_denial(outcome: &Outcome) -> Denial {
    match outcome {
        Outcome::Withdrawn(_) => Denial::ConsentWithdrawn,
        _ => Denial::ConsentMissing,
    }
}

/// The establishment and the service's own consent must both stand, and for a service that
/// shares health information the consent to share it.
fn service_consent(facts: &LogFacts, unit: Uuid) -> Result<(), Denial> {
    let health = facts.health_units.contains(&unit);
    if covers_service(&facts.family, unit, health, facts.today, &facts.history) {
        return Ok(());
    }
    let mut needed = vec![
        Action::EstablishLog,
        Action::InvolveService(unit),
        Action::Transition(unit),
    ];
    if health {
        needed.push(Action::ShareHealthInformation);
    }
    let withdrawn = needed.into_iter().any(|action| {
        let decision = decide(&facts.family, action, facts.today, &facts.history);
        matches!(decision.outcome, Outcome::Withdrawn(_))
    });
    Err(if withdrawn {
        Denial::ConsentWithdrawn
    } else {
        Denial::ConsentMissing
    })
}

fn content(relations: &[Relation], facts: &LogFacts) -> Result<Capacity, Denial> {
    require_open(facts)?;
    let mut denial = Denial::NotInvolved;
    for relation in relations {
        let answer = match *relation {
            Relation::Guardian { responsible: true } => Ok(Capacity::Family),
            Relation::Guardian { responsible: false } => Err(Denial::NotInvolved),
            Relation::Child => {
                let own = decide(
                    &facts.family,
                    Action::ChildOwnAccess,
                    facts.today,
                    &facts.history,
                );
                if own.allows() {
                    Ok(Capacity::Family)
                } else if age_on(facts.family.birth_date, facts.today) < 15 {
                    Err(Denial::NoOwnAccess)
                } else {
                    Err(consent_denial(&own.outcome))
                }
            }
            Relation::Holder(unit) => service_consent(facts, unit).map(|()| Capacity::Holder),
            Relation::Participant(unit) => service_consent(facts, unit).map(|()| Capacity::Staff),
            Relation::UnitLeader => Err(Denial::FiguresOnly),
        };
        match answer {
            Ok(capacity) => return Ok(capacity),
            // The most telling reason wins: a withdrawal over a missing consent over the rest.
            Err(reason) if rank(reason) > rank(denial) => denial = reason,
            Err(_) => {}
        }
    }
    Err(denial)
}

const fn rank(denial: Denial) -> u8 {
    match denial {
        Denial::ConsentWithdrawn => 5,
        Denial::ConsentMissing => 4,
        Denial::NoOwnAccess => 3,
        Denial::FiguresOnly => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests;
