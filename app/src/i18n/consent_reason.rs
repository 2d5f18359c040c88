//! The reason for a consent decision, in words a person can read, in every UI language.

use super::Lang;
use crate::domain::consent::{youth_decides_from, ActionKind, Decision, Outcome, Requirement};
use uuid::Uuid;

/// Two sentences: who decides and why, then where the consents stand. `name` gives a
/// person's name (the rules know only ids).
pub fn consent_reason(decision: &Decision, lang: Lang, name: impl Fn(Uuid) -> String) -> String {
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
        (ActionKind::ShareHealthInformation, Requirement::Youth(_)) => {
            format!("{who} {}", t.health_services)
        }
        (ActionKind::ShareHealthInformation, _) => {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consent::fixtures::*;
    use crate::domain::consent::{decide, Action::*};
    use uuid::Uuid;

    #[test]
    fn reasons_are_given_in_every_language() {
        let name = |id: Uuid| match id {
            MOTHER => "Kari".to_string(),
            FATHER => "Ola".to_string(),
            _ => "Nora".to_string(),
        };
        let decision = decide(
            &shared(12),
            EstablishLog,
            TODAY,
            &[given(MOTHER, EstablishLog)],
        );
        assert_eq!(
            consent_reason(&decision, Lang::Nb, name),
            "Barnet er 12 år og har fast bosted hos begge foreldrene, så alle med \
             foreldreansvar må samtykke til at stafettloggen opprettes. Venter på samtykke fra Ola."
        );
        let decision = decide(&together(12), EstablishLog, TODAY, &[]);
        assert_eq!(
            consent_reason(&decision, Lang::En, name),
            "The child is 12. Consent to establishing the relay log from one person with \
             parental responsibility is enough. Waiting for consent from Kari or Ola."
        );
        let decision = decide(
            &together(16),
            ShareHealthInformation,
            TODAY,
            &[withdrawn(CHILD, ShareHealthInformation)],
        );
        assert_eq!(
            consent_reason(&decision, Lang::Nn, name),
            "Barnet er 16 år. Frå 16 år bestemmer barnet sjølv over deling av helseopplysningar. \
             Helsestasjonen, fastlegen og fysio- og ergoterapeutane ser loggen berre når dette er \
             samtykt, også når tenesta elles er med. \
             Nora har trekt samtykket tilbake. Det gjeld frå no og til nytt samtykke er gitt."
        );
    }
}
