//! Who may do what with a log: one named row per rule, and properties over generated
//! relations, actions, statuses and consent histories.

use super::*;
use crate::domain::consent::fixtures::*;
use crate::domain::consent::{decide, requirement, Action, ConsentEvent, Residence};
use proptest::prelude::*;
use uuid::Uuid;

use Capacity::{Family as AsFamily, Holder as AsHolder, Leader as AsLeader, Staff as AsStaff};
use LogAction::*;

/// A member of staff (the holder or a participant, as the row says).
const STAFF: Uuid = Uuid::from_u128(6);
const LEADER: Uuid = Uuid::from_u128(7);
/// A service that takes no part until it is consented.
const PPT: Uuid = Uuid::from_u128(102);

/// The person asking and how they stand to the log, as the gate finds them.
#[derive(Debug, Clone)]
struct Who {
    person: Uuid,
    relations: Vec<Relation>,
}

fn who(person: Uuid, relations: &[Relation]) -> Who {
    Who {
        person,
        relations: relations.to_vec(),
    }
}

fn mother() -> Who {
    who(MOTHER, &[Relation::Guardian { responsible: true }])
}

fn step_parent() -> Who {
    who(STEP, &[Relation::Guardian { responsible: false }])
}

fn child() -> Who {
    who(CHILD, &[Relation::Child])
}

fn holder() -> Who {
    who(STAFF, &[Relation::Holder(SCHOOL)])
}

fn participant(unit: Uuid) -> Who {
    who(STAFF, &[Relation::Participant(unit)])
}

fn leader() -> Who {
    who(LEADER, &[Relation::UnitLeader])
}

/// The log of `together(age)`, whose health station shares health information.
fn facts(status: LogStatus, age: i32, history: Vec<ConsentEvent>) -> LogFacts {
    LogFacts {
        status,
        family: together(age),
        today: TODAY,
        history,
        since_closed: Vec::new(),
        health_units: vec![HEALTH_STATION],
    }
}

fn open(age: i32, history: Vec<ConsentEvent>) -> LogFacts {
    facts(LogStatus::Open, age, history)
}

fn requested(age: i32, history: Vec<ConsentEvent>) -> LogFacts {
    facts(LogStatus::Requested, age, history)
}

fn closed(age: i32, history: Vec<ConsentEvent>) -> LogFacts {
    facts(LogStatus::Closed, age, history)
}

/// Closed after `established()`, with `since` recorded since the closing.
fn closed_then(since: Vec<ConsentEvent>) -> LogFacts {
    LogFacts {
        since_closed: since.clone(),
        ..closed(12, [established(), since].concat())
    }
}

/// The mother established the log and involved the school.
fn established() -> Vec<ConsentEvent> {
    vec![
        given(MOTHER, Action::EstablishLog),
        given(MOTHER, Action::InvolveService(SCHOOL)),
    ]
}

/// `established()` and then `more`.
fn and(more: &[ConsentEvent]) -> Vec<ConsentEvent> {
    [established(), more.to_vec()].concat()
}

/// The mother also involved the health station, and the father consented to sharing health
/// information.
fn with_health() -> Vec<ConsentEvent> {
    and(&[
        given(MOTHER, Action::InvolveService(HEALTH_STATION)),
        given(FATHER, Action::ShareHealthInformation),
    ])
}

struct Row {
    rule: &'static str,
    who: Who,
    action: LogAction,
    facts: LogFacts,
    expected: Result<Capacity, Denial>,
}

fn rows() -> Vec<Row> {
    let guardian_and_ppt = who(
        MOTHER,
        &[
            Relation::Guardian { responsible: true },
            Relation::Participant(PPT),
        ],
    );
    vec![
        // Transfer to an Individual Plan: the holder proposes, the family consents.
        Row {
            rule: "the holder proposes an Individual Plan for an open log",
            who: holder(),
            action: ProposeIndividualPlan,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a participant does not",
            who: participant(PPT),
            action: ProposeIndividualPlan,
            facts: open(12, and(&[given(MOTHER, Action::InvolveService(PPT))])),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "nor for a closed log",
            who: holder(),
            action: ProposeIndividualPlan,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        // The family's copy of the log.
        Row {
            rule: "a guardian who reads the log takes out a copy",
            who: mother(),
            action: ExportForFamily,
            facts: open(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "the holder reads it but takes out no copy",
            who: holder(),
            action: ExportForFamily,
            facts: open(12, established()),
            expected: Err(Denial::FamilyOnly),
        },
        Row {
            rule: "nobody takes a copy of a closed log",
            who: mother(),
            action: ExportForFamily,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        // Deletion on demand: those who consented, whatever the status.
        Row {
            rule: "a guardian who consented demands deletion of an open log",
            who: mother(),
            action: RequestDeletion,
            facts: open(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "and of a closed one",
            who: mother(),
            action: RequestDeletion,
            facts: closed(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a youth of 15 demands deletion of their own log",
            who: child(),
            action: RequestDeletion,
            facts: closed(15, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "the demand is no consent to give on its own",
            who: mother(),
            action: Consent(Action::Delete),
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "the holder does not decide on deletion",
            who: holder(),
            action: RequestDeletion,
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "a step-parent without parental responsibility does not",
            who: step_parent(),
            action: RequestDeletion,
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "a request taken back reaches no one, nor its deletion",
            who: mother(),
            action: RequestDeletion,
            facts: facts(LogStatus::Cancelled, 12, established()),
            expected: Err(Denial::NotInvolved),
        },
        // Closing on the holder's notice, objecting to it, taking back a request.
        Row {
            rule: "the holder gives notice of closing an open log",
            who: holder(),
            action: GiveClosingNotice,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a participant gives no notice of closing",
            who: participant(PPT),
            action: GiveClosingNotice,
            facts: open(12, and(&[given(MOTHER, Action::InvolveService(PPT))])),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "the holder starts a transition of an open log",
            who: holder(),
            action: StartTransition,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a participant starts no transition",
            who: participant(PPT),
            action: StartTransition,
            facts: open(12, and(&[given(MOTHER, Action::InvolveService(PPT))])),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "a guardian starts no transition, though they consent to it",
            who: mother(),
            action: StartTransition,
            facts: open(12, established()),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "a guardian who decides objects to closing",
            who: mother(),
            action: ObjectToClosing,
            facts: open(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a child under 15 does not object to closing, the guardians decide",
            who: child(),
            action: ObjectToClosing,
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "nobody objects to closing a closed log",
            who: mother(),
            action: ObjectToClosing,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "the holder takes back a request without consent",
            who: holder(),
            action: Cancel,
            facts: requested(12, Vec::new()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "an open log is not taken back but closed",
            who: holder(),
            action: Cancel,
            facts: open(12, established()),
            expected: Err(Denial::AlreadyOpen),
        },
        Row {
            rule: "a guardian does not take back the holder's request",
            who: mother(),
            action: Cancel,
            facts: requested(12, Vec::new()),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "a cancelled request is gone even for its holder",
            who: holder(),
            action: ReadConsentHistory,
            facts: facts(LogStatus::Cancelled, 12, established()),
            expected: Err(Denial::NotInvolved),
        },
        // Keeping one's part in the log.
        Row {
            rule: "a participant keeps their own part, even before the family has consented",
            who: participant(PPT),
            action: KeepParticipation,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "the holder takes others' parts out",
            who: holder(),
            action: KeepParticipation,
            facts: requested(12, Vec::new()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the family has no part to keep as staff",
            who: mother(),
            action: KeepParticipation,
            facts: open(12, established()),
            expected: Err(Denial::StaffOnly),
        },
        Row {
            rule: "nobody changes the parts of a closed log",
            who: participant(PPT),
            action: KeepParticipation,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        // Reading the content, and writing entries.
        Row {
            rule: "a guardian with parental responsibility reads an open log",
            who: mother(),
            action: ReadContent,
            facts: open(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a guardian reads before any service is consented",
            who: mother(),
            action: ReadContent,
            facts: open(12, vec![]),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "nobody reads a log that waits for consent",
            who: mother(),
            action: ReadContent,
            facts: requested(12, vec![]),
            expected: Err(Denial::NotOpen),
        },
        Row {
            rule: "nobody reads a closed log, not even a guardian",
            who: mother(),
            action: ReadContent,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "a guardian without parental responsibility does not read",
            who: step_parent(),
            action: ReadContent,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "a child under 15 reads only with their own access",
            who: child(),
            action: ReadContent,
            facts: open(12, established()),
            expected: Err(Denial::NoOwnAccess),
        },
        Row {
            rule: "one guardian's consent gives a child under 15 their own access",
            who: child(),
            action: ReadContent,
            facts: open(12, and(&[given(FATHER, Action::ChildOwnAccess)])),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "the other guardian's withdrawal takes the child's own access away",
            who: child(),
            action: ReadContent,
            facts: open(
                12,
                and(&[
                    given(FATHER, Action::ChildOwnAccess),
                    withdrawn(MOTHER, Action::ChildOwnAccess),
                ]),
            ),
            expected: Err(Denial::NoOwnAccess),
        },
        Row {
            rule: "from 15 the youth reads without anyone's consent",
            who: child(),
            action: ReadContent,
            facts: open(15, vec![]),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a participant reads while the log and the service are consented",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "establishing alone lets no service in",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(12, vec![given(MOTHER, Action::EstablishLog)]),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "withdrawing the establishment shuts every service out",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(12, and(&[withdrawn(FATHER, Action::EstablishLog)])),
            expected: Err(Denial::ConsentWithdrawn),
        },
        Row {
            rule: "withdrawing a service shuts that service out",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(
                12,
                and(&[withdrawn(MOTHER, Action::InvolveService(SCHOOL))]),
            ),
            expected: Err(Denial::ConsentWithdrawn),
        },
        Row {
            rule: "a consent to a transition lets the receiving service in",
            who: participant(PPT),
            action: ReadContent,
            facts: open(
                12,
                vec![
                    given(MOTHER, Action::EstablishLog),
                    given(FATHER, Action::Transition(PPT)),
                ],
            ),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "a stranger's consent lets no service in",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(
                12,
                vec![
                    given(STRANGER, Action::EstablishLog),
                    given(STRANGER, Action::InvolveService(SCHOOL)),
                ],
            ),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "from 15 the guardians' consents no longer let a service in",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(15, established()),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "the holder reads",
            who: holder(),
            action: ReadContent,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a unit leader sees figures, not content",
            who: leader(),
            action: ReadContent,
            facts: open(12, established()),
            expected: Err(Denial::FiguresOnly),
        },
        Row {
            rule: "a unit leader who also takes part reads as staff",
            who: who(
                LEADER,
                &[Relation::UnitLeader, Relation::Participant(SCHOOL)],
            ),
            action: ReadContent,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "the health station reads only with the consent to share health information",
            who: participant(HEALTH_STATION),
            action: ReadContent,
            facts: open(
                12,
                and(&[given(MOTHER, Action::InvolveService(HEALTH_STATION))]),
            ),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "with that consent the health station reads",
            who: participant(HEALTH_STATION),
            action: ReadContent,
            facts: open(12, with_health()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "withdrawing the health consent shuts the health station out",
            who: participant(HEALTH_STATION),
            action: ReadContent,
            facts: open(
                12,
                [
                    with_health(),
                    vec![withdrawn(MOTHER, Action::ShareHealthInformation)],
                ]
                .concat(),
            ),
            expected: Err(Denial::ConsentWithdrawn),
        },
        Row {
            rule: "withdrawing the health consent leaves the other services in",
            who: participant(SCHOOL),
            action: ReadContent,
            facts: open(
                12,
                [
                    with_health(),
                    vec![withdrawn(MOTHER, Action::ShareHealthInformation)],
                ]
                .concat(),
            ),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "a 15-year-old cannot let the health station in",
            who: participant(HEALTH_STATION),
            action: ReadContent,
            facts: open(
                15,
                vec![
                    given(CHILD, Action::EstablishLog),
                    given(CHILD, Action::InvolveService(HEALTH_STATION)),
                    given(CHILD, Action::ShareHealthInformation),
                ],
            ),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "a withdrawal is the reason given over a missing consent",
            who: who(
                STAFF,
                &[Relation::Participant(PPT), Relation::Participant(SCHOOL)],
            ),
            action: ReadContent,
            facts: open(
                12,
                and(&[withdrawn(MOTHER, Action::InvolveService(SCHOOL))]),
            ),
            expected: Err(Denial::ConsentWithdrawn),
        },
        Row {
            rule: "a guardian without parental responsibility who takes part reads as staff",
            who: who(
                STEP,
                &[
                    Relation::Guardian { responsible: false },
                    Relation::Participant(SCHOOL),
                ],
            ),
            action: ReadContent,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "a participant writes entries",
            who: participant(SCHOOL),
            action: WriteEntry,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "a child under 15 without their own access writes nothing",
            who: child(),
            action: WriteEntry,
            facts: open(12, established()),
            expected: Err(Denial::NoOwnAccess),
        },
        Row {
            rule: "a child with their own access writes entries",
            who: child(),
            action: WriteEntry,
            facts: open(12, and(&[given(MOTHER, Action::ChildOwnAccess)])),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "nobody writes in a closed log",
            who: mother(),
            action: WriteEntry,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        // The plan and the meetings.
        Row {
            rule: "a participant works on the plan",
            who: participant(SCHOOL),
            action: EditPlan,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "the holder works on the plan",
            who: holder(),
            action: EditPlan,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the family reads the plan but does not edit it",
            who: mother(),
            action: EditPlan,
            facts: open(12, established()),
            expected: Err(Denial::StaffOnly),
        },
        Row {
            rule: "someone who may not even read is told that first",
            who: child(),
            action: EditPlan,
            facts: open(12, established()),
            expected: Err(Denial::NoOwnAccess),
        },
        Row {
            rule: "a guardian working in a service without consent does not edit the plan",
            who: guardian_and_ppt,
            action: EditPlan,
            facts: open(12, established()),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "a unit leader does not edit the plan",
            who: leader(),
            action: EditPlan,
            facts: open(12, established()),
            expected: Err(Denial::FiguresOnly),
        },
        Row {
            rule: "nobody edits the plan of a closed log",
            who: holder(),
            action: EditPlan,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "the holder approves the minutes",
            who: holder(),
            action: ApproveMinutes,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a participant does not approve the minutes",
            who: participant(SCHOOL),
            action: ApproveMinutes,
            facts: open(12, established()),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "no minutes are approved in a closed log",
            who: holder(),
            action: ApproveMinutes,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "a holder whose service was withdrawn approves nothing",
            who: holder(),
            action: ApproveMinutes,
            facts: open(
                12,
                and(&[withdrawn(FATHER, Action::InvolveService(SCHOOL))]),
            ),
            expected: Err(Denial::ConsentWithdrawn),
        },
        // Adding services and people.
        Row {
            rule: "the holder adds a consented service",
            who: holder(),
            action: AddParticipant(PPT),
            facts: open(12, and(&[given(MOTHER, Action::InvolveService(PPT))])),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the holder adds a colleague from their own service",
            who: holder(),
            action: AddParticipant(SCHOOL),
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the holder proposes a new service, whose consent is asked next",
            who: holder(),
            action: AddParticipant(PPT),
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the holder whose own service was withdrawn adds nobody",
            who: holder(),
            action: AddParticipant(PPT),
            facts: open(
                12,
                and(&[
                    given(MOTHER, Action::InvolveService(PPT)),
                    withdrawn(MOTHER, Action::InvolveService(SCHOOL)),
                ]),
            ),
            expected: Err(Denial::ConsentWithdrawn),
        },
        Row {
            rule: "a participant adds no service",
            who: participant(SCHOOL),
            action: AddParticipant(SCHOOL),
            facts: open(12, established()),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "nobody is added to a log that waits for consent",
            who: holder(),
            action: AddParticipant(SCHOOL),
            facts: requested(12, established()),
            expected: Err(Denial::NotOpen),
        },
        // Consenting and withdrawing.
        Row {
            rule: "a guardian consents to establishing a requested log",
            who: mother(),
            action: Consent(Action::EstablishLog),
            facts: requested(12, vec![]),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a guardian without parental responsibility does not consent",
            who: step_parent(),
            action: Consent(Action::EstablishLog),
            facts: requested(12, vec![]),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "from 15 the guardians no longer consent to establishing",
            who: mother(),
            action: Consent(Action::EstablishLog),
            facts: requested(15, vec![]),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "from 15 the youth consents to establishing",
            who: child(),
            action: Consent(Action::EstablishLog),
            facts: requested(15, vec![]),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "staff never consent for the family",
            who: holder(),
            action: Consent(Action::InvolveService(PPT)),
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "nothing is consented to in a closed log but reopening it",
            who: mother(),
            action: Consent(Action::InvolveService(PPT)),
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "a guardian consents to reopening a closed log",
            who: mother(),
            action: Consent(Action::Reopen),
            facts: closed(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "an open log is not reopened",
            who: mother(),
            action: Consent(Action::Reopen),
            facts: open(12, established()),
            expected: Err(Denial::NotOpen),
        },
        Row {
            rule: "a guardian withdraws at any time, also while the log is closed",
            who: mother(),
            action: Withdraw(Action::EstablishLog),
            facts: closed(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "the holder does not withdraw for the family",
            who: holder(),
            action: Withdraw(Action::EstablishLog),
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "the holder documents an oral withdrawal",
            who: holder(),
            action: DocumentWithdrawal,
            facts: open(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the holder documents an oral withdrawal before the log is open",
            who: holder(),
            action: DocumentWithdrawal,
            facts: requested(12, vec![]),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "no withdrawal is documented in a closed log",
            who: holder(),
            action: DocumentWithdrawal,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "a participant documents no withdrawal",
            who: participant(SCHOOL),
            action: DocumentWithdrawal,
            facts: open(12, established()),
            expected: Err(Denial::HolderOnly),
        },
        // The history of consents.
        Row {
            rule: "a guardian with parental responsibility reads the consents, whatever the status",
            who: mother(),
            action: ReadConsentHistory,
            facts: closed(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a guardian without parental responsibility does not read the consents",
            who: step_parent(),
            action: ReadConsentHistory,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "a child under 15 without their own access does not read the consents",
            who: child(),
            action: ReadConsentHistory,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "from 15 the youth reads the consents",
            who: child(),
            action: ReadConsentHistory,
            facts: requested(15, vec![]),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "the holder reads the consents",
            who: holder(),
            action: ReadConsentHistory,
            facts: closed(12, established()),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a participant does not read the consents",
            who: participant(SCHOOL),
            action: ReadConsentHistory,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "a unit leader does not read the consents",
            who: leader(),
            action: ReadConsentHistory,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        // Closing and reopening.
        Row {
            rule: "a guardian closes the log alone",
            who: mother(),
            action: Close,
            facts: open(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "the holder closes when someone who decides has asked",
            who: holder(),
            action: Close,
            facts: open(12, and(&[given(FATHER, Action::Close)])),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "the holder does not close on their own",
            who: holder(),
            action: Close,
            facts: open(12, established()),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "from 15 the guardians no longer close the log",
            who: mother(),
            action: Close,
            facts: open(15, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "a participant does not close",
            who: participant(SCHOOL),
            action: Close,
            facts: open(12, established()),
            expected: Err(Denial::NotTheirDecision),
        },
        Row {
            rule: "a closed log is not closed again",
            who: mother(),
            action: Close,
            facts: closed(12, established()),
            expected: Err(Denial::Closed),
        },
        Row {
            rule: "the holder reopens after new consent",
            who: holder(),
            action: Reopen,
            facts: closed_then(vec![given(MOTHER, Action::Reopen)]),
            expected: Ok(AsHolder),
        },
        Row {
            rule: "a consent from before the closing does not reopen",
            who: holder(),
            action: Reopen,
            facts: closed(12, and(&[given(MOTHER, Action::Reopen)])),
            expected: Err(Denial::ConsentMissing),
        },
        Row {
            rule: "a withdrawal since the closing keeps the log closed",
            who: holder(),
            action: Reopen,
            facts: closed_then(vec![
                given(MOTHER, Action::Reopen),
                withdrawn(FATHER, Action::Reopen),
            ]),
            expected: Err(Denial::ConsentWithdrawn),
        },
        Row {
            rule: "the holder reopens, not the guardian",
            who: mother(),
            action: Reopen,
            facts: closed_then(vec![given(MOTHER, Action::Reopen)]),
            expected: Err(Denial::HolderOnly),
        },
        Row {
            rule: "an open log is not reopened by the holder either",
            who: holder(),
            action: Reopen,
            facts: open(12, established()),
            expected: Err(Denial::NotOpen),
        },
        // Figures.
        Row {
            rule: "a unit leader sees the figures, also of a closed log",
            who: leader(),
            action: ReadFigures,
            facts: closed(12, established()),
            expected: Ok(AsLeader),
        },
        Row {
            rule: "the holder sees the figures",
            who: holder(),
            action: ReadFigures,
            facts: open(12, established()),
            expected: Ok(AsLeader),
        },
        Row {
            rule: "a participant does not see the figures",
            who: participant(SCHOOL),
            action: ReadFigures,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "a guardian does not see the figures",
            who: mother(),
            action: ReadFigures,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        // The person's own list of logs.
        Row {
            rule: "a guardian lists a closed log by its consents",
            who: mother(),
            action: ReadSummary,
            facts: closed(12, established()),
            expected: Ok(AsFamily),
        },
        Row {
            rule: "a participant lists the log while the service's consent stands",
            who: participant(SCHOOL),
            action: ReadSummary,
            facts: open(12, established()),
            expected: Ok(AsStaff),
        },
        Row {
            rule: "a participant whose service's consent is withdrawn does not list the log",
            who: participant(SCHOOL),
            action: ReadSummary,
            facts: open(
                12,
                and(&[withdrawn(MOTHER, Action::InvolveService(SCHOOL))]),
            ),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "a unit leader does not list a log of their unit",
            who: leader(),
            action: ReadSummary,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        // No relation at all.
        Row {
            rule: "someone with no relation to the log is not let in",
            who: who(STRANGER, &[]),
            action: ReadContent,
            facts: open(12, established()),
            expected: Err(Denial::NotInvolved),
        },
        Row {
            rule: "a guardian the gate found no relation for does not consent",
            who: who(MOTHER, &[]),
            action: Consent(Action::EstablishLog),
            facts: requested(12, vec![]),
            expected: Err(Denial::NotInvolved),
        },
    ]
}

#[test]
fn each_rule_of_access() {
    for row in rows() {
        let answer = authorize(row.who.person, &row.who.relations, row.action, &row.facts);
        assert_eq!(answer, row.expected, "{}", row.rule);
    }
}

// Properties over generated people, relations, actions, statuses and histories.

const UNITS: [Uuid; 3] = [SCHOOL, HEALTH_STATION, PPT];
const PEOPLE: [Uuid; 7] = [CHILD, MOTHER, FATHER, STEP, STRANGER, STAFF, LEADER];

fn any_unit() -> impl Strategy<Value = Uuid> {
    prop::sample::select(UNITS.to_vec())
}

/// The status of a log that is still there: a cancelled request has a property of its own
/// (`a_cancelled_request_is_open_to_nobody`).
fn any_status() -> impl Strategy<Value = LogStatus> {
    prop::sample::select(vec![
        LogStatus::Requested,
        LogStatus::Open,
        LogStatus::Closed,
    ])
}

fn any_consent_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        prop::sample::select(vec![
            Action::EstablishLog,
            Action::ShareHealthInformation,
            Action::ChildOwnAccess,
            Action::Close,
            Action::Reopen,
        ]),
        any_unit().prop_map(Action::InvolveService),
        any_unit().prop_map(Action::Transition),
    ]
}

fn any_action() -> impl Strategy<Value = LogAction> {
    prop_oneof![
        any_content_action(),
        any_holders_action(),
        prop::sample::select(vec![
            ReadConsentHistory,
            Close,
            ReadFigures,
            ReadSummary,
            ObjectToClosing,
            RequestDeletion
        ]),
        any_consent_action().prop_map(Consent),
        any_consent_action().prop_map(Withdraw),
    ]
}

/// The actions on the content: reading it, writing entries, working on the plan.
fn any_content_action() -> impl Strategy<Value = LogAction> {
    prop::sample::select(vec![ReadContent, WriteEntry, EditPlan])
}

/// The actions of the holder alone.
fn any_holders_action() -> impl Strategy<Value = LogAction> {
    prop_oneof![
        prop::sample::select(vec![
            DocumentWithdrawal,
            Reopen,
            ApproveMinutes,
            GiveClosingNotice,
            StartTransition,
            ProposeIndividualPlan,
            Cancel
        ]),
        any_unit().prop_map(AddParticipant),
    ]
}

/// Relations to staff rows: at most one holder (there is one baton), any participations, a
/// unit leader.
fn any_staff_relations() -> impl Strategy<Value = Vec<Relation>> {
    let relation = prop_oneof![
        any_unit().prop_map(Relation::Holder),
        any_unit().prop_map(Relation::Participant),
        Just(Relation::UnitLeader),
    ];
    prop::collection::vec(relation, 0..3).prop_map(|relations| {
        let mut seen_holder = false;
        relations
            .into_iter()
            .filter(|relation| {
                let first_holder = !(seen_holder && matches!(relation, Relation::Holder(_)));
                seen_holder |= matches!(relation, Relation::Holder(_));
                first_holder
            })
            .collect()
    })
}

/// The family's relations as the gate derives them from the family, then the staff ones.
fn relations_of(person: Uuid, family: &Family, staff: Vec<Relation>) -> Vec<Relation> {
    let mut relations = staff;
    if person == family.child_id {
        relations.push(Relation::Child);
    }
    if let Some(guardian) = family.guardians.iter().find(|g| g.person_id == person) {
        relations.push(Relation::Guardian {
            responsible: guardian.has_parental_responsibility,
        });
    }
    relations
}

/// Histories that often consent to everything first, so that grants are common enough for
/// the properties to say something, and then go on at random (withdrawals included).
fn any_history() -> impl Strategy<Value = Vec<ConsentEvent>> {
    let everything: Vec<ConsentEvent> = [CHILD, MOTHER, FATHER]
        .into_iter()
        .flat_map(|person| {
            [
                Action::EstablishLog,
                Action::ShareHealthInformation,
                Action::ChildOwnAccess,
            ]
            .into_iter()
            .chain(UNITS.map(Action::InvolveService))
            .map(move |action| given(person, action))
        })
        .collect();
    let events = prop::collection::vec(any_event(&PEOPLE, any_consent_action()), 0..8);
    (any::<bool>(), events).prop_map(move |(all_first, events)| {
        let start = if all_first {
            everything.clone()
        } else {
            vec![]
        };
        [start, events].concat()
    })
}

/// The consents recorded since the log was last closed: often about reopening it.
fn any_since_closed() -> impl Strategy<Value = Vec<ConsentEvent>> {
    let action = prop_oneof![Just(Action::Reopen), any_consent_action()];
    prop::collection::vec(any_event(&PEOPLE, action), 0..4)
}

#[derive(Debug, Clone)]
struct Case {
    who: Who,
    facts: LogFacts,
}

fn any_case() -> impl Strategy<Value = Case> {
    (
        any_family(),
        any_status(),
        any_history(),
        any_since_closed(),
        prop::collection::vec(any::<bool>(), UNITS.len()),
        prop::sample::select(PEOPLE.to_vec()),
        any_staff_relations(),
    )
        .prop_map(
            |(family, status, before, since_closed, health, person, staff)| {
                let history = [before, since_closed.clone()].concat();
                let health_units = UNITS
                    .into_iter()
                    .zip(health)
                    .filter_map(|(unit, shares)| shares.then_some(unit))
                    .collect();
                let relations = relations_of(person, &family, staff);
                Case {
                    who: who(person, &relations),
                    facts: LogFacts {
                        status,
                        family,
                        today: TODAY,
                        history,
                        since_closed,
                        health_units,
                    },
                }
            },
        )
}

fn ask(who: &Who, action: LogAction, facts: &LogFacts) -> Result<Capacity, Denial> {
    authorize(who.person, &who.relations, action, facts)
}

fn is_staff(relation: &Relation) -> bool {
    matches!(relation, Relation::Holder(_) | Relation::Participant(_))
}

proptest! {
    #[test]
    fn nobody_with_no_relation_is_granted_anything(
        case in any_case(),
        action in any_action(),
    ) {
        let nobody = who(case.who.person, &[]);
        prop_assert_eq!(ask(&nobody, action, &case.facts), Err(Denial::NotInvolved));
    }

    #[test]
    fn a_unit_leader_never_gets_content(case in any_case(), action in any_content_action()) {
        prop_assert_eq!(ask(&leader(), action, &case.facts).ok(), None);
        // Being a unit leader too adds nothing to what a person's other relations give.
        let mut also_leader = case.who.clone();
        also_leader.relations.push(Relation::UnitLeader);
        prop_assert_eq!(
            ask(&also_leader, action, &case.facts).ok(),
            ask(&case.who, action, &case.facts).ok()
        );
    }

    #[test]
    fn a_log_that_is_not_open_gives_no_content(
        case in any_case(),
        action in any_content_action(),
        closed in any::<bool>(),
    ) {
        let mut facts = case.facts;
        let (status, reason) = if closed {
            (LogStatus::Closed, Denial::Closed)
        } else {
            (LogStatus::Requested, Denial::NotOpen)
        };
        facts.status = status;
        // Someone with no relation to it is told that first.
        let expected = if case.who.relations.is_empty() { Denial::NotInvolved } else { reason };
        prop_assert_eq!(ask(&case.who, action, &facts), Err(expected));
    }

    #[test]
    fn withdrawing_the_establishment_shuts_out_all_staff(
        case in any_case(),
        pick in any::<prop::sample::Index>(),
    ) {
        let mut facts = case.facts;
        let deciders = requirement(&facts.family, Action::EstablishLog, TODAY, &facts.history)
            .people()
            .to_vec();
        prop_assume!(!deciders.is_empty());
        facts.history.push(withdrawn(*pick.get(&deciders), Action::EstablishLog));
        let answer = ask(&case.who, ReadContent, &facts);
        prop_assert!(!matches!(answer, Ok(AsStaff | AsHolder)), "{:?}", answer);
        // Staff alone are told why, whatever else they are.
        let staff: Vec<Relation> = case.who.relations.iter().copied().filter(is_staff).collect();
        if !staff.is_empty() && facts.status == LogStatus::Open {
            let answer = ask(&who(case.who.person, &staff), ReadContent, &facts);
            prop_assert_eq!(answer, Err(Denial::ConsentWithdrawn));
        }
    }

    #[test]
    fn a_health_service_reads_only_with_the_consent_to_share_health_information(
        case in any_case(),
    ) {
        let facts = &case.facts;
        let health = decide(&facts.family, Action::ShareHealthInformation, TODAY, &facts.history);
        prop_assume!(!health.allows());
        if matches!(ask(&case.who, ReadContent, facts), Ok(AsStaff | AsHolder)) {
            // Someone else let them in: a service that shares no health information.
            let other_service = case.who.relations.iter().any(|relation| match relation {
                Relation::Holder(unit) | Relation::Participant(unit) => {
                    !facts.health_units.contains(unit)
                }
                _ => false,
            });
            prop_assert!(other_service);
        }
    }

    #[test]
    fn staff_read_exactly_while_one_of_their_services_is_covered(case in any_case()) {
        let staff: Vec<Relation> = case.who.relations.iter().copied().filter(is_staff).collect();
        prop_assume!(!staff.is_empty());
        let facts = &case.facts;
        let covered = staff.iter().any(|relation| match relation {
            Relation::Holder(unit) | Relation::Participant(unit) => {
                let health = facts.health_units.contains(unit);
                covers_service(&facts.family, *unit, health, TODAY, &facts.history)
            }
            _ => false,
        });
        let answer = ask(&who(case.who.person, &staff), ReadContent, facts);
        prop_assert_eq!(answer.is_ok(), covered && facts.status == LogStatus::Open);
    }

    #[test]
    fn editing_the_plan_implies_reading_and_being_staff(case in any_case()) {
        if let Ok(capacity) = ask(&case.who, EditPlan, &case.facts) {
            prop_assert!(ask(&case.who, ReadContent, &case.facts).is_ok());
            prop_assert!(matches!(capacity, AsStaff | AsHolder), "{:?}", capacity);
        }
    }

    #[test]
    fn whoever_reads_writes_entries(case in any_case()) {
        prop_assert_eq!(
            ask(&case.who, WriteEntry, &case.facts),
            ask(&case.who, ReadContent, &case.facts)
        );
    }

    #[test]
    fn a_guardian_with_parental_responsibility_reads_every_open_log(
        case in any_case(),
        staff in any_staff_relations(),
    ) {
        let mut facts = case.facts;
        facts.status = LogStatus::Open;
        facts.family.guardians.push(guardian(MOTHER, true, Residence::SharedResidence));
        // Staff relations first: the guardian's must still let her in.
        let mut mother = who(MOTHER, &staff);
        mother.relations.push(Relation::Guardian { responsible: true });
        prop_assert!(ask(&mother, ReadContent, &facts).is_ok());
    }

    #[test]
    fn more_relations_never_take_content_away(
        case in any_case(),
        more in any_staff_relations(),
        action in any_content_action(),
    ) {
        let mut wider = case.who.clone();
        wider.relations.extend(more);
        if ask(&case.who, action, &case.facts).is_ok() {
            prop_assert!(ask(&wider, action, &case.facts).is_ok());
        }
    }

    #[test]
    fn a_cancelled_request_is_open_to_nobody(case in any_case(), action in any_action()) {
        let facts = LogFacts { status: LogStatus::Cancelled, ..case.facts.clone() };
        prop_assert_eq!(ask(&case.who, action, &facts), Err(Denial::NotInvolved));
    }

    #[test]
    fn only_the_holder_does_the_holders_work(
        case in any_case(),
        action in any_holders_action(),
    ) {
        let holds = case.who.relations.iter().any(|r| matches!(r, Relation::Holder(_)));
        // Each status in turn: reopening, say, is possible only while the log is closed.
        for status in [LogStatus::Requested, LogStatus::Open, LogStatus::Closed, LogStatus::Cancelled] {
            let facts = LogFacts { status, ..case.facts.clone() };
            if let Ok(capacity) = ask(&case.who, action, &facts) {
                prop_assert_eq!(capacity, AsHolder);
                prop_assert!(holds);
            }
        }
    }

    #[test]
    fn only_those_who_decide_consent_or_withdraw(
        case in any_case(),
        consent_action in any_consent_action(),
        withdraw in any::<bool>(),
    ) {
        let action = if withdraw { Withdraw(consent_action) } else { Consent(consent_action) };
        if let Ok(capacity) = ask(&case.who, action, &case.facts) {
            prop_assert_eq!(capacity, AsFamily);
            let facts = &case.facts;
            let decision = decide(&facts.family, consent_action, TODAY, &facts.history);
            prop_assert!(decision.may_decide(case.who.person));
        }
    }

    #[test]
    fn a_withdrawal_is_possible_whatever_the_status(
        case in any_case(),
        consent_action in any_consent_action(),
        status in any_status(),
    ) {
        let mut other = case.facts.clone();
        other.status = status;
        prop_assert_eq!(
            ask(&case.who, Withdraw(consent_action), &case.facts),
            ask(&case.who, Withdraw(consent_action), &other)
        );
    }

    #[test]
    fn a_log_is_closed_by_one_who_decides_or_by_the_holder_when_asked(case in any_case()) {
        let facts = &case.facts;
        let decision = decide(&facts.family, Action::Close, TODAY, &facts.history);
        let holds = case.who.relations.iter().any(|r| matches!(r, Relation::Holder(_)));
        let expected = facts.status == LogStatus::Open
            && (decision.may_decide(case.who.person) || (holds && decision.allows()));
        prop_assert_eq!(ask(&case.who, Close, facts).is_ok(), expected);
    }

    #[test]
    fn a_log_is_reopened_by_the_holder_after_consent_since_the_closing(
        case in any_case(),
        consented in any::<bool>(),
    ) {
        let mut facts = case.facts;
        facts.status = LogStatus::Closed;
        if consented {
            // Everyone who decides consents to reopening, so that it is often allowed.
            let consents: Vec<ConsentEvent> =
                requirement(&facts.family, Action::Reopen, TODAY, &facts.since_closed)
                    .people()
                    .iter()
                    .map(|person| given(*person, Action::Reopen))
                    .collect();
            facts.since_closed.extend(consents.iter().copied());
            facts.history.extend(consents);
        }
        let decision = decide(&facts.family, Action::Reopen, TODAY, &facts.since_closed);
        let holds = case.who.relations.iter().any(|r| matches!(r, Relation::Holder(_)));
        prop_assert_eq!(ask(&case.who, Reopen, &facts).is_ok(), holds && decision.allows());
    }

    #[test]
    fn figures_go_to_unit_leaders_and_the_holder(case in any_case()) {
        let relations = &case.who.relations;
        let expected = relations.iter().any(|r| matches!(r, Relation::UnitLeader | Relation::Holder(_)));
        prop_assert_eq!(ask(&case.who, ReadFigures, &case.facts).is_ok(), expected);
    }

    #[test]
    fn the_list_shows_a_log_to_those_who_may_read_it_or_its_consents(case in any_case()) {
        let content = ask(&case.who, ReadContent, &case.facts).is_ok();
        let consents = ask(&case.who, ReadConsentHistory, &case.facts).is_ok();
        prop_assert_eq!(ask(&case.who, ReadSummary, &case.facts).is_ok(), content || consents);
    }
}

#[test]
fn a_demand_for_deletion_is_read_from_the_consents() {
    assert!(!closed(12, established()).deletion_demanded());
    assert!(closed(12, and(&[given(MOTHER, Action::Delete)])).deletion_demanded());
}
