//! The reason for a decision, in words a person can read, in every UI language.

use super::rules::{Decision, Outcome, Requirement};
use super::youth_decides_from;
use crate::i18n::Lang;
use uuid::Uuid;

/// Two sentences: who decides and why, then where the consents stand. `name` gives a
/// person's name (the rules know only ids).
pub fn explain(decision: &Decision, lang: Lang, name: impl Fn(Uuid) -> String) -> String {
    let t = &lang.texts().consent;
    let kind = decision.action.kind();
    let action = (t.action)(kind);
    let age = decision.age;
    let names = |people: &[Uuid], last_joiner: &str| {
        join(
            &people.iter().map(|&id| name(id)).collect::<Vec<_>>(),
            last_joiner,
        )
    };
    let who = match &decision.requirement {
        Requirement::Youth(_) => (t.youth_decides)(age, youth_decides_from(kind), action),
        Requirement::OneGuardian(_) => (t.one_guardian)(age, action),
        Requirement::EveryGuardian(_) => (t.every_guardian)(age, action),
        Requirement::AnyOneMay(_) => (t.any_one_may)(action),
        Requirement::NoGuardian => t.no_guardian.to_string(),
        Requirement::NotNeeded => (t.not_needed)(age),
    };
    let any_one = matches!(
        decision.requirement,
        Requirement::OneGuardian(_) | Requirement::AnyOneMay(_)
    );
    let status = match &decision.outcome {
        Outcome::Given(people) => Some((t.given)(&names(people, t.and))),
        Outcome::Missing(people) => Some((t.missing)(&names(
            people,
            if any_one { t.or } else { t.and },
        ))),
        Outcome::Withdrawn(people) => Some((t.withdrawn)(&names(people, t.and))),
        Outcome::Impossible | Outcome::NotNeeded => None,
    };
    let who = match (kind, &decision.requirement) {
        (super::ActionKind::ShareHealthInformation, Requirement::Youth(_)) => {
            format!("{who} {}", t.health_services)
        }
        (super::ActionKind::ShareHealthInformation, _) => {
            format!("{who} {} {}", t.health_services, t.health_under_16)
        }
        _ => who,
    };
    match status {
        Some(status) => format!("{who} {status}"),
        None => who,
    }
}

/// "A", "A og B", "A, B og C".
fn join(names: &[String], last_joiner: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {last_joiner} {last}", rest.join(", ")),
    }
}
