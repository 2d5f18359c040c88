//! Families, consent records and their generators, shared by the consent rules' tests and
//! the access rules' tests.

use super::*;
use proptest::prelude::*;
use time::macros::date;
use time::Date;
use uuid::Uuid;

pub(crate) const CHILD: Uuid = Uuid::from_u128(1);
pub(crate) const MOTHER: Uuid = Uuid::from_u128(2);
pub(crate) const FATHER: Uuid = Uuid::from_u128(3);
/// A step-parent: a guardian without parental responsibility.
pub(crate) const STEP: Uuid = Uuid::from_u128(4);
pub(crate) const STRANGER: Uuid = Uuid::from_u128(5);
pub(crate) const SCHOOL: Uuid = Uuid::from_u128(100);
pub(crate) const HEALTH_STATION: Uuid = Uuid::from_u128(101);
pub(crate) const TODAY: Date = date!(2026 - 06 - 15);

fn born_years_ago(years: i32) -> Date {
    date!(2026 - 06 - 15)
        .replace_year(2026 - years)
        .expect("a date")
}

pub(crate) fn guardian(person_id: Uuid, responsible: bool, residence: Residence) -> Guardian {
    Guardian {
        person_id,
        has_parental_responsibility: responsible,
        residence,
    }
}

/// The child, `age` years old today, with these guardians.
fn family(age: i32, guardians: Vec<Guardian>) -> Family {
    Family {
        child_id: CHILD,
        birth_date: born_years_ago(age),
        guardians,
    }
}

/// Mother and father living together, and a step-parent without responsibility.
pub(crate) fn together(age: i32) -> Family {
    let with = |person, responsible| guardian(person, responsible, Residence::LivesTogether);
    family(
        age,
        vec![with(MOTHER, true), with(FATHER, true), with(STEP, false)],
    )
}

/// Parents apart, the child with fixed residence with both.
pub(crate) fn shared(age: i32) -> Family {
    let with = |person| guardian(person, true, Residence::SharedResidence);
    family(age, vec![with(MOTHER), with(FATHER)])
}

pub(crate) fn given(consenter: Uuid, action: Action) -> ConsentEvent {
    ConsentEvent {
        consenter,
        action,
        choice: Choice::Given,
    }
}

pub(crate) fn withdrawn(consenter: Uuid, action: Action) -> ConsentEvent {
    ConsentEvent {
        consenter,
        action,
        choice: Choice::Withdrawn,
    }
}

// Generators for the property tests.

pub(crate) fn any_date(from: i32, to: i32) -> impl Strategy<Value = Date> {
    prop_oneof![
        // Leap days are rare among all days; give them their own share.
        (from..=to).prop_filter_map("a leap year", |year| Date::from_calendar_date(
            year,
            time::Month::February,
            29
        )
        .ok()),
        (from..=to, 1u16..=366).prop_filter_map("a day of the year", |(year, day)| {
            Date::from_ordinal_date(year, day).ok()
        }),
    ]
}

fn any_residence() -> impl Strategy<Value = Residence> {
    prop::sample::select(Residence::ALL.to_vec())
}

pub(crate) fn any_family() -> impl Strategy<Value = Family> {
    let guardian = (
        prop::sample::select(vec![MOTHER, FATHER, STEP]),
        any::<bool>(),
        any_residence(),
    )
        .prop_map(|(person_id, responsible, residence)| {
            guardian(person_id, responsible, residence)
        });
    (any_date(2004, 2026), prop::collection::vec(guardian, 0..4)).prop_map(
        |(birth_date, guardians)| Family {
            child_id: CHILD,
            birth_date,
            guardians,
        },
    )
}

/// A decision by one of `people` on an action of `action`: given seven times in ten, else
/// withdrawn.
pub(crate) fn any_event(
    people: &[Uuid],
    action: impl Strategy<Value = Action>,
) -> impl Strategy<Value = ConsentEvent> {
    (
        prop::sample::select(people.to_vec()),
        action,
        prop::bool::weighted(0.7),
    )
        .prop_map(|(consenter, action, give)| ConsentEvent {
            consenter,
            action,
            choice: if give {
                Choice::Given
            } else {
                Choice::Withdrawn
            },
        })
}
