//! Who may ask for a log themselves, from the population register's facts alone: a guardian
//! with parental responsibility for a child, or a youth of 15 or more for themself.

use crate::domain::consent::age_on;
use crate::domain::register::RegisterPerson;
use serde::{Deserialize, Serialize};
use time::Date;

/// The age from which a youth asks for their own log (as they consent to it).
pub const OWN_REQUEST_AGE: u8 = 15;

/// How the one asking stands to the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Asker {
    Guardian,
    Youth,
}

/// Why someone may not ask for a log for this person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// Neither the child nor one with parental responsibility for them.
    NotTheirs,
    /// The child asks for themself under 15: their guardians ask.
    TooYoung,
    /// 18 or older: not a child.
    Adult,
}

/// Whether the person with `asker` as national identity number may ask for a log for
/// `child` on `today`, and as what.
pub fn who_asks(asker: &str, child: &RegisterPerson, today: Date) -> Result<Asker, Refusal> {
    let age = age_on(child.birth_date, today);
    if age >= 18 {
        Err(Refusal::Adult)
    } else if child.national_id == asker {
        if age >= OWN_REQUEST_AGE {
            Ok(Asker::Youth)
        } else {
            Err(Refusal::TooYoung)
        }
    } else if child.responsible.iter().any(|nin| nin == asker) {
        Ok(Asker::Guardian)
    } else {
        Err(Refusal::NotTheirs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::RegisterStatus;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 30);

    fn child(born: Date) -> RegisterPerson {
        RegisterPerson {
            national_id: "child".into(),
            given_name: "Lukas".into(),
            family_name: "Ahmed".into(),
            birth_date: born,
            status: RegisterStatus::Resident,
            home: None,
            shared_residence: false,
            responsible: vec!["mother".into()],
            parents: vec!["mother".into(), "father".into()],
            children: vec![],
        }
    }

    #[test]
    fn a_guardian_with_parental_responsibility_asks_a_parent_without_it_does_not() {
        let lukas = child(date!(2016 - 05 - 01));
        assert_eq!(who_asks("mother", &lukas, TODAY), Ok(Asker::Guardian));
        assert_eq!(who_asks("father", &lukas, TODAY), Err(Refusal::NotTheirs));
        assert_eq!(who_asks("child", &lukas, TODAY), Err(Refusal::TooYoung));
    }

    #[test]
    fn a_youth_asks_from_fifteen_and_nobody_for_an_adult() {
        assert_eq!(
            who_asks("child", &child(date!(2011 - 11 - 30)), TODAY),
            Ok(Asker::Youth)
        );
        assert_eq!(
            who_asks("child", &child(date!(2011 - 12 - 01)), TODAY),
            Err(Refusal::TooYoung)
        );
        assert_eq!(
            who_asks("mother", &child(date!(2008 - 11 - 30)), TODAY),
            Err(Refusal::Adult)
        );
    }

    proptest! {
        /// Whoever may ask is the child from 15 or one with parental responsibility, and
        /// never for an adult.
        #[test]
        fn only_the_youth_or_a_responsible_guardian_asks(days in 0i64..7000, who in 0usize..3) {
            let lukas = child(TODAY - time::Duration::days(days));
            let asker = ["mother", "father", "child"][who];
            let age = age_on(lukas.birth_date, TODAY);
            match who_asks(asker, &lukas, TODAY) {
                Ok(Asker::Guardian) => prop_assert!(asker == "mother" && age < 18),
                Ok(Asker::Youth) => prop_assert!(asker == "child" && (15..18).contains(&age)),
                Err(_) => prop_assert!(asker == "father" || age >= 18 || (asker == "child" && age < 15)),
            }
        }
    }
}
