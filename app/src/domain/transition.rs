//! A transition: the child moves on to a receiving unit (kindergarten → school, school →
//! lower or upper secondary, or to another municipality of the installation) on an agreed
//! date. The routine asks the family's new consent for it; once they consent, the receiving
//! unit's leader names a holder, the baton passes when that holder accepts, and the sending
//! unit's participants leave on the agreed date unless the family's consent keeps them.
//! The server checks a transition with [`check`] before storing it and asks [`stage`] and
//! [`departure`] what comes next.

use crate::domain::service_kind::ServiceKind;
use serde::{Deserialize, Serialize};
use time::{Date, Duration};
use uuid::Uuid;

/// How far ahead a transition may be planned: a school year and then some. A date further
/// off is far more likely a typing error than a plan.
pub const MAX_DAYS_AHEAD: i64 = 550;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransitionKind {
    /// From kindergarten to school.
    KindergartenToSchool,
    /// From school to lower or upper secondary.
    SchoolToSecondary,
    /// The family moves to another municipality of the installation.
    Moving,
}

impl TransitionKind {
    pub const ALL: [TransitionKind; 3] = [
        TransitionKind::KindergartenToSchool,
        TransitionKind::SchoolToSecondary,
        TransitionKind::Moving,
    ];

    /// The stable code stored in `transition.kind` and sent by forms.
    pub const fn code(self) -> &'static str {
        match self {
            TransitionKind::KindergartenToSchool => "kindergarten_school",
            TransitionKind::SchoolToSecondary => "school_secondary",
            TransitionKind::Moving => "moving",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// A unit as a transition sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub unit_id: Uuid,
    pub kind: ServiceKind,
    pub municipality_id: Uuid,
}

/// Why a transition cannot start as asked; each is told in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    #[error("a transition goes to another unit")]
    SameUnit,
    #[error("a child starts school or secondary at a school")]
    ReceiverNotSchool,
    #[error("moving goes to another municipality")]
    SameMunicipality,
    #[error("a unit of another municipality is reached by moving")]
    OtherMunicipality,
    #[error("the date has passed")]
    DateBeforeToday,
    #[error("the date is too far ahead")]
    DateTooFar,
}

/// Whether a transition of `kind` from `from` to `to` on `transfer_on` can start `today`.
pub fn check(
    kind: TransitionKind,
    from: Place,
    to: Place,
    transfer_on: Date,
    today: Date,
) -> Result<(), Refusal> {
    if from.unit_id == to.unit_id {
        return Err(Refusal::SameUnit);
    }
    let same_municipality = from.municipality_id == to.municipality_id;
    match kind {
        TransitionKind::Moving if same_municipality => return Err(Refusal::SameMunicipality),
        TransitionKind::Moving => {}
        _ if !same_municipality => return Err(Refusal::OtherMunicipality),
        _ if to.kind != ServiceKind::School => return Err(Refusal::ReceiverNotSchool),
        _ => {}
    }
    if transfer_on < today {
        return Err(Refusal::DateBeforeToday);
    }
    if transfer_on > today + Duration::days(MAX_DAYS_AHEAD) {
        return Err(Refusal::DateTooFar);
    }
    Ok(())
}

/// Where a transition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The family has not (or no longer) consented.
    WaitingForConsent,
    /// Consented: the receiving unit's leader is to name a holder.
    WaitingForHolder,
    /// The one named has been offered the baton and not yet answered.
    Offered,
    /// The receiving unit holds the log.
    Done,
    /// The holder called it off before it was done.
    Cancelled,
}

/// What is on record of a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The family's consent to it suffices now.
    pub consented: bool,
    /// A baton offer made for it waits for an answer.
    pub offer_pending: bool,
    pub completed: bool,
    pub cancelled: bool,
}

pub fn stage(progress: Progress) -> Stage {
    if progress.cancelled {
        Stage::Cancelled
    } else if progress.completed {
        Stage::Done
    } else if !progress.consented {
        // An offer made before a withdrawal no longer counts: nobody takes over on a consent
        // that has been taken back.
        Stage::WaitingForConsent
    } else if progress.offer_pending {
        Stage::Offered
    } else {
        Stage::WaitingForHolder
    }
}

/// When the sending unit's participants leave the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departure {
    /// The family's consent keeps them.
    Stay,
    /// On this day (in Europe/Oslo), the agreed one.
    On(Date),
    /// At once: the agreed day has come or passed before the baton did.
    Now,
}

/// When the sending unit's participants leave, decided as the baton passes `today`.
pub fn departure(keep_sending: bool, transfer_on: Date, today: Date) -> Departure {
    if keep_sending {
        Departure::Stay
    } else if transfer_on <= today {
        Departure::Now
    } else {
        Departure::On(transfer_on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2027 - 03 - 01);

    fn place(n: u128, kind: ServiceKind, municipality: u128) -> Place {
        Place {
            unit_id: Uuid::from_u128(n),
            kind,
            municipality_id: Uuid::from_u128(municipality),
        }
    }

    #[test]
    fn kindergarten_to_school_in_the_municipality() {
        let from = place(1, ServiceKind::Kindergarten, 10);
        let to = place(2, ServiceKind::School, 10);
        let kind = TransitionKind::KindergartenToSchool;
        assert_eq!(check(kind, from, to, date!(2027 - 08 - 16), TODAY), Ok(()));
        assert_eq!(check(kind, from, to, TODAY, TODAY), Ok(()));
        let yesterday = date!(2027 - 02 - 28);
        assert_eq!(
            check(kind, from, to, yesterday, TODAY),
            Err(Refusal::DateBeforeToday)
        );
        let ppt = place(3, ServiceKind::Ppt, 10);
        assert_eq!(
            check(kind, from, ppt, TODAY, TODAY),
            Err(Refusal::ReceiverNotSchool)
        );
        let elsewhere = place(4, ServiceKind::School, 11);
        assert_eq!(
            check(kind, from, elsewhere, TODAY, TODAY),
            Err(Refusal::OtherMunicipality)
        );
    }

    #[test]
    fn moving_goes_to_another_municipality() {
        let from = place(1, ServiceKind::School, 10);
        let kind = TransitionKind::Moving;
        let elsewhere = place(4, ServiceKind::HealthStation, 11);
        assert_eq!(check(kind, from, elsewhere, TODAY, TODAY), Ok(()));
        let here = place(2, ServiceKind::School, 10);
        assert_eq!(
            check(kind, from, here, TODAY, TODAY),
            Err(Refusal::SameMunicipality)
        );
    }

    #[test]
    fn a_date_far_off_is_refused() {
        let from = place(1, ServiceKind::School, 10);
        let to = place(2, ServiceKind::School, 10);
        let kind = TransitionKind::SchoolToSecondary;
        let last = TODAY + Duration::days(MAX_DAYS_AHEAD);
        assert_eq!(check(kind, from, to, last, TODAY), Ok(()));
        assert_eq!(
            check(kind, from, to, last + Duration::days(1), TODAY),
            Err(Refusal::DateTooFar)
        );
    }

    #[test]
    fn stages_in_order() {
        let progress = Progress {
            consented: false,
            offer_pending: false,
            completed: false,
            cancelled: false,
        };
        assert_eq!(stage(progress), Stage::WaitingForConsent);
        let consented = Progress {
            consented: true,
            ..progress
        };
        assert_eq!(stage(consented), Stage::WaitingForHolder);
        let offered = Progress {
            offer_pending: true,
            ..consented
        };
        assert_eq!(stage(offered), Stage::Offered);
        // A withdrawal after the offer puts it back to waiting for consent.
        let withdrawn = Progress {
            consented: false,
            ..offered
        };
        assert_eq!(stage(withdrawn), Stage::WaitingForConsent);
        let done = Progress {
            completed: true,
            ..consented
        };
        assert_eq!(stage(done), Stage::Done);
        let cancelled = Progress {
            cancelled: true,
            ..progress
        };
        assert_eq!(stage(cancelled), Stage::Cancelled);
    }

    #[test]
    fn departure_on_the_agreed_day_unless_kept() {
        let day = date!(2027 - 08 - 16);
        assert_eq!(departure(true, day, TODAY), Departure::Stay);
        assert_eq!(departure(false, day, TODAY), Departure::On(day));
        assert_eq!(departure(false, TODAY, TODAY), Departure::Now);
        assert_eq!(departure(false, TODAY, day), Departure::Now);
    }

    fn any_kind() -> impl Strategy<Value = ServiceKind> {
        prop::sample::select(ServiceKind::ALL.to_vec())
    }

    fn any_transition_kind() -> impl Strategy<Value = TransitionKind> {
        prop::sample::select(TransitionKind::ALL.to_vec())
    }

    proptest! {
        /// Whatever the kinds, places and dates: never to the same unit, never on a day
        /// gone by, and a transition inside the municipality is never called moving.
        #[test]
        fn a_transition_allowed_is_one_the_routine_knows(
            kind in any_transition_kind(),
            from_kind in any_kind(),
            to_kind in any_kind(),
            same_unit in any::<bool>(),
            same_municipality in any::<bool>(),
            offset in -800i64..800,
        ) {
            let from = place(1, from_kind, 10);
            let to = place(if same_unit { 1 } else { 2 }, to_kind, if same_municipality { 10 } else { 11 });
            let day = TODAY + Duration::days(offset);
            if check(kind, from, to, day, TODAY).is_ok() {
                prop_assert!(!same_unit);
                prop_assert!(day >= TODAY);
                prop_assert_eq!(kind == TransitionKind::Moving, !same_municipality);
                prop_assert!(kind == TransitionKind::Moving || to_kind == ServiceKind::School);
            }
        }

        /// Nobody leaves before the agreed day, and nobody the family keeps leaves at all.
        #[test]
        fn nobody_leaves_early(keep in any::<bool>(), agreed in -400i64..400, offset in -400i64..400) {
            let day = TODAY + Duration::days(agreed);
            let today = TODAY + Duration::days(offset);
            match departure(keep, day, today) {
                Departure::Stay => prop_assert!(keep),
                Departure::On(on) => prop_assert!(!keep && on == day && on > today),
                Departure::Now => prop_assert!(!keep && day <= today),
            }
        }
    }
}
