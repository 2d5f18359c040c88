//! The rules of the routine, one named row each, and properties over generated families
//! and consent histories.

use super::fixtures::*;
use super::*;
use proptest::prelude::*;
use time::macros::date;
use time::Duration;
use uuid::Uuid;

use Action::*;

struct Row {
    rule: &'static str,
    family: Family,
    action: Action,
    history: Vec<ConsentEvent>,
    requirement: Requirement,
    allows: bool,
}

fn rows() -> Vec<Row> {
    let both = || vec![MOTHER, FATHER];
    vec![
        Row {
            rule: "under 15, one guardian's consent establishes the log",
            family: together(12),
            action: EstablishLog,
            history: vec![given(MOTHER, EstablishLog)],
            requirement: Requirement::OneGuardian(both()),
            allows: true,
        },
        Row {
            rule: "without any consent the log is not established",
            family: together(12),
            action: EstablishLog,
            history: vec![],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "a guardian without parental responsibility does not consent",
            family: together(12),
            action: EstablishLog,
            history: vec![given(STEP, EstablishLog)],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "the child lives with both parents apart: both must consent",
            family: shared(12),
            action: EstablishLog,
            history: vec![given(MOTHER, EstablishLog)],
            requirement: Requirement::EveryGuardian(both()),
            allows: false,
        },
        Row {
            rule: "the child lives with both parents apart: both consented",
            family: shared(12),
            action: EstablishLog,
            history: vec![given(MOTHER, EstablishLog), given(FATHER, EstablishLog)],
            requirement: Requirement::EveryGuardian(both()),
            allows: true,
        },
        Row {
            rule: "the day before the 15th birthday the guardians decide",
            family: Family {
                birth_date: date!(2011 - 06 - 16),
                ..together(0)
            },
            action: EstablishLog,
            history: vec![given(CHILD, EstablishLog)],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "from 15 the youth establishes the log",
            family: together(15),
            action: EstablishLog,
            history: vec![given(CHILD, EstablishLog)],
            requirement: Requirement::Youth(CHILD),
            allows: true,
        },
        Row {
            rule: "from 15 the guardians' consent to establish no longer counts",
            family: together(15),
            action: EstablishLog,
            history: vec![given(MOTHER, EstablishLog)],
            requirement: Requirement::Youth(CHILD),
            allows: false,
        },
        Row {
            rule: "a new service needs new consent",
            family: together(9),
            action: InvolveService(HEALTH_STATION),
            history: vec![
                given(MOTHER, EstablishLog),
                given(MOTHER, InvolveService(SCHOOL)),
            ],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "every transition needs consent",
            family: together(6),
            action: Transition(SCHOOL),
            history: vec![given(FATHER, Transition(SCHOOL))],
            requirement: Requirement::OneGuardian(both()),
            allows: true,
        },
        Row {
            rule: "under 16 the guardians consent to sharing health information",
            family: together(15),
            action: ShareHealthInformation,
            history: vec![given(CHILD, ShareHealthInformation)],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "from 16 the youth consents to sharing health information",
            family: together(16),
            action: ShareHealthInformation,
            history: vec![given(CHILD, ShareHealthInformation)],
            requirement: Requirement::Youth(CHILD),
            allows: true,
        },
        Row {
            rule: "from 15 the youth decides on education",
            family: together(15),
            action: EducationDecision,
            history: vec![given(MOTHER, EducationDecision)],
            requirement: Requirement::Youth(CHILD),
            allows: false,
        },
        Row {
            rule: "under 15 the guardians decide on education",
            family: together(14),
            action: EducationDecision,
            history: vec![given(MOTHER, EducationDecision)],
            requirement: Requirement::OneGuardian(both()),
            allows: true,
        },
        Row {
            rule: "a withdrawal ends the consent at once",
            family: together(12),
            action: EstablishLog,
            history: vec![given(MOTHER, EstablishLog), withdrawn(MOTHER, EstablishLog)],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "one guardian's withdrawal stands against the other's consent",
            family: together(12),
            action: EstablishLog,
            history: vec![withdrawn(FATHER, EstablishLog), given(MOTHER, EstablishLog)],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "consent given again after a withdrawal counts",
            family: together(12),
            action: EstablishLog,
            history: vec![withdrawn(MOTHER, EstablishLog), given(MOTHER, EstablishLog)],
            requirement: Requirement::OneGuardian(both()),
            allows: true,
        },
        Row {
            rule: "a guardian may close the log alone even where both consented",
            family: shared(12),
            action: Close,
            history: vec![given(FATHER, Close)],
            requirement: Requirement::AnyOneMay(both()),
            allows: true,
        },
        Row {
            rule: "from 15 the youth closes the log",
            family: together(15),
            action: Close,
            history: vec![given(MOTHER, Close)],
            requirement: Requirement::AnyOneMay(vec![CHILD]),
            allows: false,
        },
        Row {
            rule: "reopening needs new consent",
            family: together(12),
            action: Reopen,
            history: vec![],
            requirement: Requirement::OneGuardian(both()),
            allows: false,
        },
        Row {
            rule: "those who consented may demand deletion",
            family: together(15),
            action: Delete,
            history: vec![given(MOTHER, EstablishLog), given(MOTHER, Delete)],
            requirement: Requirement::AnyOneMay(vec![CHILD, MOTHER]),
            allows: true,
        },
        Row {
            rule: "a child under 15 gets their own login with a guardian's consent",
            family: together(13),
            action: ChildOwnAccess,
            history: vec![given(FATHER, ChildOwnAccess)],
            requirement: Requirement::OneGuardian(both()),
            allows: true,
        },
        Row {
            rule: "from 15 the youth's own access needs no consent",
            family: together(15),
            action: ChildOwnAccess,
            history: vec![],
            requirement: Requirement::NotNeeded,
            allows: true,
        },
        Row {
            rule: "transfer to an individual plan: the guardians under 16",
            family: together(15),
            action: TransferToIndividualPlan,
            history: vec![given(MOTHER, TransferToIndividualPlan)],
            requirement: Requirement::OneGuardian(both()),
            allows: true,
        },
        Row {
            rule: "nobody with parental responsibility: nobody can consent",
            family: Family {
                guardians: vec![guardian(STEP, false, Residence::LivesTogether)],
                ..together(8)
            },
            action: EstablishLog,
            history: vec![given(STEP, EstablishLog)],
            requirement: Requirement::NoGuardian,
            allows: false,
        },
        Row {
            rule: "a stranger's consent counts for nothing",
            family: together(16),
            action: ShareHealthInformation,
            history: vec![given(STRANGER, ShareHealthInformation)],
            requirement: Requirement::Youth(CHILD),
            allows: false,
        },
    ]
}

#[test]
fn each_rule_of_the_routine() {
    for row in rows() {
        let decision = decide(&row.family, row.action, TODAY, &row.history);
        assert_eq!(decision.requirement, row.requirement, "{}", row.rule);
        assert_eq!(decision.allows(), row.allows, "{}", row.rule);
    }
}

#[test]
fn a_service_sharing_health_information_needs_that_consent_from_16_or_the_guardians() {
    let involved = |who: Uuid| {
        vec![
            given(who, EstablishLog),
            given(who, InvolveService(HEALTH_STATION)),
        ]
    };
    let sharing = |family: &Family, history: &[ConsentEvent]| {
        covers_service(family, HEALTH_STATION, true, TODAY, history)
    };
    // At 15 the youth establishes and involves alone, but cannot let the health station in.
    let fifteen = together(15);
    let mut history = involved(CHILD);
    assert!(covers_service(
        &fifteen,
        HEALTH_STATION,
        false,
        TODAY,
        &history
    ));
    assert!(!sharing(&fifteen, &history));
    history.push(given(CHILD, ShareHealthInformation));
    assert!(!sharing(&fifteen, &history));
    history.push(given(MOTHER, ShareHealthInformation));
    assert!(sharing(&fifteen, &history));
    // At 16 the youth decides alone.
    let mut history = involved(CHILD);
    history.push(given(CHILD, ShareHealthInformation));
    assert!(sharing(&together(16), &history));
    // Below 16 with shared residence both parents must consent to it.
    let apart = shared(12);
    let mut history = [involved(MOTHER), involved(FATHER)].concat();
    history.push(given(MOTHER, ShareHealthInformation));
    assert!(!sharing(&apart, &history));
    history.push(given(FATHER, ShareHealthInformation));
    assert!(sharing(&apart, &history));
    // A withdrawal of it ends the health station's access, and no other service's.
    history.push(withdrawn(FATHER, ShareHealthInformation));
    assert!(!sharing(&apart, &history));
    assert!(covers_service(
        &apart,
        HEALTH_STATION,
        false,
        TODAY,
        &history
    ));
}

#[test]
fn a_service_sees_the_log_only_with_both_consents() {
    let family = together(10);
    let base = vec![
        given(MOTHER, EstablishLog),
        given(MOTHER, InvolveService(SCHOOL)),
    ];
    assert!(covers_service(&family, SCHOOL, false, TODAY, &base));
    assert!(!covers_service(
        &family,
        HEALTH_STATION,
        false,
        TODAY,
        &base
    ));
    // Establishment alone covers no service.
    assert!(!covers_service(&family, SCHOOL, false, TODAY, &base[..1]));
    // Withdrawing the establishment ends every service's access.
    let mut history = base.clone();
    history.push(withdrawn(FATHER, EstablishLog));
    assert!(!covers_service(&family, SCHOOL, false, TODAY, &history));
    // Withdrawing one service ends that one only.
    let mut history = base.clone();
    history.push(given(MOTHER, InvolveService(HEALTH_STATION)));
    history.push(withdrawn(MOTHER, InvolveService(SCHOOL)));
    assert!(!covers_service(&family, SCHOOL, false, TODAY, &history));
    assert!(covers_service(
        &family,
        HEALTH_STATION,
        false,
        TODAY,
        &history
    ));
    // A transition consent covers the new service too.
    let history = vec![
        given(MOTHER, EstablishLog),
        given(FATHER, Transition(SCHOOL)),
    ];
    assert!(covers_service(&family, SCHOOL, false, TODAY, &history));
}

// Properties over generated families and histories.

const PEOPLE: [Uuid; 5] = [CHILD, MOTHER, FATHER, STEP, STRANGER];

fn any_action() -> impl Strategy<Value = Action> {
    prop::sample::select(vec![
        EstablishLog,
        InvolveService(SCHOOL),
        Transition(HEALTH_STATION),
        ShareHealthInformation,
        EducationDecision,
        ChildOwnAccess,
        Close,
        Reopen,
        Delete,
        TransferToIndividualPlan,
    ])
}

fn any_history() -> impl Strategy<Value = Vec<ConsentEvent>> {
    prop::collection::vec(any_event(&PEOPLE, any_action()), 0..16)
}

/// Each person's latest choice on `action`: the whole model of a history.
fn latest(history: &[ConsentEvent], action: Action, person: Uuid) -> Option<Choice> {
    history
        .iter()
        .filter(|event| event.action == action && event.consenter == person)
        .fold(None, |_, event| Some(event.choice))
}

fn is_consent(kind: ActionKind) -> bool {
    !matches!(
        kind,
        ActionKind::Close | ActionKind::Delete | ActionKind::ChildOwnAccess
    )
}

proptest! {
    #[test]
    fn ages_change_exactly_on_the_birthday(birth in any_date(2000, 2025), years in 1u8..19) {
        let day = birthday(birth, years);
        prop_assert_eq!(age_on(birth, day), years);
        prop_assert_eq!(age_on(birth, day - Duration::days(1)), years - 1);
        prop_assert_eq!(age_on(birth, day + Duration::days(1)), years);
    }

    #[test]
    fn the_youth_decides_from_the_birthday_and_the_guardians_the_day_before(
        family in any_family(),
        action in any_action(),
        history in any_history(),
    ) {
        let kind = action.kind();
        prop_assume!(is_consent(kind));
        let from = youth_decides_from(kind);
        let birthday = birthday(family.birth_date, from);
        let on = requirement(&family, action, birthday, &history);
        prop_assert_eq!(on, Requirement::Youth(CHILD));
        let before = requirement(&family, action, birthday - Duration::days(1), &history);
        let guardians = family.responsible_guardians();
        let expected = if guardians.is_empty() {
            Requirement::NoGuardian
        } else if family.lives_with_both() {
            Requirement::EveryGuardian(guardians)
        } else {
            Requirement::OneGuardian(guardians)
        };
        prop_assert_eq!(before, expected);
    }

    #[test]
    fn a_consent_suffices_exactly_as_the_model_says(
        family in any_family(),
        action in any_action(),
        today in any_date(2010, 2045),
        history in any_history(),
    ) {
        let decision = decide(&family, action, today, &history);
        let latest_of = |person: &Uuid| latest(&history, action, *person);
        let people = decision.requirement.people();
        let any_withdrawn = people.iter().any(|p| latest_of(p) == Some(Choice::Withdrawn));
        let any_given = people.iter().any(|p| latest_of(p) == Some(Choice::Given));
        let all_given = people.iter().all(|p| latest_of(p) == Some(Choice::Given));
        let expected = match decision.requirement {
            Requirement::NotNeeded => true,
            Requirement::NoGuardian => false,
            Requirement::AnyOneMay(_) => any_given,
            Requirement::EveryGuardian(_) => all_given && !people.is_empty(),
            Requirement::Youth(_) | Requirement::OneGuardian(_) => any_given && !any_withdrawn,
        };
        prop_assert_eq!(decision.allows(), expected);
    }

    #[test]
    fn only_those_who_decide_today_count(
        family in any_family(),
        action in any_action(),
        today in any_date(2010, 2045),
        history in any_history(),
    ) {
        let decision = decide(&family, action, today, &history);
        let theirs: Vec<ConsentEvent> = history
            .iter()
            .copied()
            .filter(|event| decision.may_decide(event.consenter) || action.kind() == ActionKind::Delete)
            .collect();
        prop_assert_eq!(decide(&family, action, today, &theirs), decision);
    }

    #[test]
    fn a_withdrawal_by_anyone_who_decides_ends_a_consent(
        family in any_family(),
        action in any_action(),
        today in any_date(2010, 2045),
        history in any_history(),
        pick in any::<prop::sample::Index>(),
    ) {
        prop_assume!(is_consent(action.kind()));
        let people = requirement(&family, action, today, &history).people().to_vec();
        prop_assume!(!people.is_empty());
        let mut history = history;
        history.push(withdrawn(*pick.get(&people), action));
        prop_assert!(!decide(&family, action, today, &history).allows());
    }

    #[test]
    fn consent_from_everyone_who_decides_suffices_whatever_came_before(
        family in any_family(),
        action in any_action(),
        today in any_date(2010, 2045),
        history in any_history(),
    ) {
        let people = requirement(&family, action, today, &history).people().to_vec();
        prop_assume!(!people.is_empty());
        let mut history = history;
        history.extend(people.iter().map(|person| given(*person, action)));
        prop_assert!(decide(&family, action, today, &history).allows());
    }

    #[test]
    fn a_service_is_covered_only_with_the_log_established(
        family in any_family(),
        today in any_date(2010, 2045),
        history in any_history(),
    ) {
        if covers_service(&family, SCHOOL, false, today, &history) {
            prop_assert!(decide(&family, EstablishLog, today, &history).allows());
            let involve = decide(&family, InvolveService(SCHOOL), today, &history);
            prop_assert!(!matches!(involve.outcome, Outcome::Withdrawn(_)));
        }
        // A service sharing health information needs all a service does, and the consent
        // to share health information.
        if covers_service(&family, HEALTH_STATION, true, today, &history) {
            prop_assert!(covers_service(&family, HEALTH_STATION, false, today, &history));
            prop_assert!(decide(&family, ShareHealthInformation, today, &history).allows());
        }
    }
}
