//! What the population register (Folkeregisteret) says about a child and the child's
//! parents, and the rules that turn it into the family the consent rules look at. Nobody
//! types who a child's guardians are: parental responsibility (foreldreansvar), where the
//! child lives and shared residence (delt bosted) come from here.

use crate::domain::consent::{age_on, Residence};
use serde::{Deserialize, Serialize};
use time::Date;

/// A person's status in the register (`status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterStatus {
    /// Lives in Norway (bosatt).
    Resident,
    /// Dead (doed).
    Deceased,
    /// Moved abroad (utflyttet).
    Emigrated,
    /// Anything else: missing (forsvunnet), ceased (opphoert), not resident, …
    Other,
}

impl RegisterStatus {
    /// From the register's code.
    pub fn from_register(code: &str) -> RegisterStatus {
        match code {
            "bosatt" => RegisterStatus::Resident,
            "doed" => RegisterStatus::Deceased,
            "utflyttet" => RegisterStatus::Emigrated,
            _ => RegisterStatus::Other,
        }
    }
}

/// One person as the register has them, reduced to what Stafett needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterPerson {
    pub national_id: String,
    pub given_name: String,
    pub family_name: String,
    pub birth_date: Date,
    pub status: RegisterStatus,
    /// The residence address's identity, only to compare where people live; the address
    /// itself is never stored or shown.
    pub home: Option<String>,
    /// Whether a shared residence agreement (delt bosted) is in force for this child.
    pub shared_residence: bool,
    /// The national identity numbers of those with parental responsibility for this person.
    pub responsible: Vec<String>,
    /// The national identity numbers of this person's parents (mor, far, medmor).
    pub parents: Vec<String>,
    /// The national identity numbers of this person's children: whom a parent may ask a
    /// log for (parental responsibility is then read from the child).
    pub children: Vec<String>,
}

impl RegisterPerson {
    pub fn name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// Why the register's answer does not let a log be started for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    Deceased,
    Emigrated,
    /// Neither resident nor one of the above.
    NotResident,
    /// 18 or older: not a child.
    Adult,
    /// Under 15 and nobody with parental responsibility: nobody could consent, so the log
    /// could never open.
    NoGuardian,
}

/// Whether a log can be started for `child`, whose guardians are `guardians`, on `today`.
pub fn refusal(
    child: &RegisterPerson,
    guardians: &[RegisterGuardian],
    today: Date,
) -> Option<Refusal> {
    let age = age_on(child.birth_date, today);
    match child.status {
        RegisterStatus::Deceased => Some(Refusal::Deceased),
        RegisterStatus::Emigrated => Some(Refusal::Emigrated),
        RegisterStatus::Other => Some(Refusal::NotResident),
        RegisterStatus::Resident if age >= 18 => Some(Refusal::Adult),
        RegisterStatus::Resident
            if age < 15
                && !guardians
                    .iter()
                    .any(|guardian| guardian.has_parental_responsibility) =>
        {
            Some(Refusal::NoGuardian)
        }
        RegisterStatus::Resident => None,
    }
}

/// Whether every guardian must consent: the child lives with two of them apart, with
/// shared residence (as `Family::lives_with_both` decides from what is stored).
pub fn both_must_consent(child: &RegisterPerson, guardians: &[RegisterGuardian]) -> bool {
    child.shared_residence
        && guardians
            .iter()
            .filter(|guardian| guardian.has_parental_responsibility)
            .count()
            > 1
}

/// A guardian as the register makes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterGuardian {
    pub person: RegisterPerson,
    pub has_parental_responsibility: bool,
    pub residence: Residence,
}

/// The guardians of `child`: everyone with parental responsibility and every parent, each
/// once, with where the child lives seen from them. `others` holds the register's answer
/// for each of them; anyone missing from it (not found) is left out.
///
/// Where the child lives:
/// - a shared residence agreement in force → both have the child (`SharedResidence`);
/// - otherwise the child lives with whoever shares the child's address: all of the
///   guardians → `LivesTogether`; only some → those `WithThisGuardian`, the rest
///   `WithOther`. Nobody at the child's address (e.g. foster care) → `WithOther` for all,
///   so no guardian is taken to live with the child.
pub fn guardians(child: &RegisterPerson, others: &[RegisterPerson]) -> Vec<RegisterGuardian> {
    let mut wanted: Vec<&str> = child
        .responsible
        .iter()
        .chain(&child.parents)
        .map(String::as_str)
        .filter(|nin| *nin != child.national_id)
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let people: Vec<&RegisterPerson> = wanted
        .iter()
        .filter_map(|nin| others.iter().find(|person| person.national_id == *nin))
        .collect();
    let at_home = |person: &RegisterPerson| child.home.is_some() && person.home == child.home;
    let everyone_home = !people.is_empty() && people.iter().all(|person| at_home(person));
    people
        .into_iter()
        .map(|person| {
            let residence = if child.shared_residence {
                Residence::SharedResidence
            } else if everyone_home {
                Residence::LivesTogether
            } else if at_home(person) {
                Residence::WithThisGuardian
            } else {
                Residence::WithOther
            };
            RegisterGuardian {
                has_parental_responsibility: child.responsible.contains(&person.national_id),
                residence,
                person: person.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn person(nin: &str, home: Option<&str>) -> RegisterPerson {
        RegisterPerson {
            national_id: nin.into(),
            given_name: "Given".into(),
            family_name: nin.into(),
            birth_date: date!(1985 - 01 - 01),
            status: RegisterStatus::Resident,
            home: home.map(Into::into),
            shared_residence: false,
            responsible: vec![],
            parents: vec![],
            children: vec![],
        }
    }

    fn child(home: Option<&str>, responsible: &[&str], parents: &[&str]) -> RegisterPerson {
        RegisterPerson {
            birth_date: date!(2016 - 05 - 01),
            responsible: responsible.iter().map(|s| s.to_string()).collect(),
            parents: parents.iter().map(|s| s.to_string()).collect(),
            children: vec![],
            ..person("child", home)
        }
    }

    fn residences(guardians: &[RegisterGuardian]) -> Vec<(&str, bool, Residence)> {
        guardians
            .iter()
            .map(|g| {
                (
                    g.person.national_id.as_str(),
                    g.has_parental_responsibility,
                    g.residence,
                )
            })
            .collect()
    }

    #[test]
    fn parents_living_together_with_the_child() {
        let found = guardians(
            &child(Some("a"), &["mum", "dad"], &["mum", "dad"]),
            &[person("mum", Some("a")), person("dad", Some("a"))],
        );
        assert_eq!(
            residences(&found),
            [
                ("dad", true, Residence::LivesTogether),
                ("mum", true, Residence::LivesTogether)
            ]
        );
    }

    #[test]
    fn shared_residence_makes_both_count_whoever_has_the_address() {
        let mut emma = child(Some("a"), &["mum", "dad"], &["mum", "dad"]);
        emma.shared_residence = true;
        let found = guardians(&emma, &[person("mum", Some("a")), person("dad", Some("b"))]);
        assert!(found
            .iter()
            .all(|g| g.residence == Residence::SharedResidence));
    }

    #[test]
    fn a_parent_without_responsibility_is_a_guardian_without_it() {
        let found = guardians(
            &child(Some("a"), &["mum"], &["mum", "dad"]),
            &[person("mum", Some("a")), person("dad", Some("b"))],
        );
        assert_eq!(
            residences(&found),
            [
                ("dad", false, Residence::WithOther),
                ("mum", true, Residence::WithThisGuardian)
            ]
        );
    }

    #[test]
    fn someone_other_than_a_parent_may_have_responsibility() {
        let found = guardians(
            &child(Some("a"), &["aunt"], &[]),
            &[person("aunt", Some("a"))],
        );
        assert_eq!(
            residences(&found),
            [("aunt", true, Residence::LivesTogether)]
        );
    }

    #[test]
    fn nobody_at_the_childs_address_means_nobody_lives_with_the_child() {
        let found = guardians(
            &child(Some("foster"), &["mum"], &["mum"]),
            &[person("mum", Some("a"))],
        );
        assert_eq!(residences(&found), [("mum", true, Residence::WithOther)]);
        let homeless = guardians(&child(None, &["mum"], &["mum"]), &[person("mum", None)]);
        assert_eq!(residences(&homeless), [("mum", true, Residence::WithOther)]);
    }

    #[test]
    fn a_person_the_register_did_not_return_is_left_out() {
        let found = guardians(
            &child(Some("a"), &["mum", "gone"], &["mum"]),
            &[person("mum", Some("a"))],
        );
        assert_eq!(
            residences(&found),
            [("mum", true, Residence::LivesTogether)]
        );
    }

    #[test]
    fn refusals_by_status_age_and_parental_responsibility() {
        let today = date!(2026 - 11 - 30);
        let mut someone = child(Some("a"), &["mum"], &["mum"]);
        let mum = guardians(&someone, &[person("mum", Some("a"))]);
        assert_eq!(refusal(&someone, &mum, today), None);
        assert_eq!(refusal(&someone, &[], today), Some(Refusal::NoGuardian));
        someone.birth_date = date!(2011 - 11 - 30);
        assert_eq!(refusal(&someone, &[], today), None, "15 decides alone");
        someone.birth_date = date!(2008 - 11 - 30);
        assert_eq!(refusal(&someone, &mum, today), Some(Refusal::Adult));
        someone.birth_date = date!(2008 - 12 - 01);
        assert_eq!(refusal(&someone, &mum, today), None);
        for (status, expected) in [
            (RegisterStatus::Deceased, Refusal::Deceased),
            (RegisterStatus::Emigrated, Refusal::Emigrated),
            (RegisterStatus::Other, Refusal::NotResident),
        ] {
            someone.status = status;
            assert_eq!(refusal(&someone, &mum, today), Some(expected));
        }
    }

    #[test]
    fn both_must_consent_only_with_shared_residence_and_two_responsible() {
        let mut emma = child(Some("a"), &["mum", "dad"], &["mum", "dad"]);
        let parents = [person("mum", Some("a")), person("dad", Some("b"))];
        assert!(!both_must_consent(&emma, &guardians(&emma, &parents)));
        emma.shared_residence = true;
        assert!(both_must_consent(&emma, &guardians(&emma, &parents)));
        emma.responsible = vec!["mum".into()];
        assert!(!both_must_consent(&emma, &guardians(&emma, &parents)));
    }
}
