//! The baton: who holds a log, and how it passes on. One holder at any moment, never none:
//! the holder offers the baton to a named member of staff and holds on until they accept;
//! they may decline (with a reason), the holder may withdraw the offer, and a unit leader
//! may appoint a holder when it is not obvious who should take it. The server checks every
//! step with [`Baton::apply`] before writing it; the database holds the same line.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A member of staff in one of their units: who holds, or is offered, the baton.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Post {
    pub person_id: Uuid,
    pub unit_id: Uuid,
}

impl Post {
    /// A post as a form's choice of staff names it: "<unit id>/<person id>".
    pub fn parse(choice: &str) -> Option<Post> {
        let (unit, person) = choice.trim().split_once('/')?;
        Some(Post {
            person_id: Uuid::parse_str(person).ok()?,
            unit_id: Uuid::parse_str(unit).ok()?,
        })
    }

    /// The post as a form's choice names it.
    pub fn choice(self) -> String {
        format!("{}/{}", self.unit_id, self.person_id)
    }
}

/// Who holds a log, and the offer waiting for an answer, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Baton {
    pub holder: Post,
    pub offered_to: Option<Post>,
}

/// A step someone takes with the baton.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The holder offers it to `to`.
    Offer { by: Uuid, to: Post },
    /// The one offered it takes it.
    Accept { by: Uuid },
    /// The one offered it says no.
    Decline { by: Uuid },
    /// The holder takes the offer back.
    Withdraw { by: Uuid },
    /// A leader of the holder's unit (or of the unit offered it), who leads `leads`, gives
    /// it to `to`; an offer waiting is then void.
    Appoint { leads: Vec<Uuid>, to: Post },
}

/// Why a step is refused; each is told to the person in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    #[error("only the holder may offer or withdraw the baton")]
    NotHolder,
    #[error("the baton cannot be offered to the one holding it")]
    ToSelf,
    #[error("an offer already waits for an answer")]
    OfferWaiting,
    #[error("no offer waits for an answer")]
    NoOffer,
    #[error("the offer is to someone else")]
    NotOffered,
    #[error("only a leader of the holder's unit may appoint")]
    NotLeader,
    #[error("the one appointed holds it already")]
    AlreadyHolds,
}

impl Baton {
    pub fn held_by(holder: Post) -> Baton {
        Baton {
            holder,
            offered_to: None,
        }
    }

    /// The baton after `step`, or why the step is not allowed. Every outcome has exactly one
    /// holder: there is no step that leaves none or two.
    pub fn apply(self, step: Step) -> Result<Baton, Refusal> {
        match step {
            Step::Offer { by, to } => {
                if by != self.holder.person_id {
                    Err(Refusal::NotHolder)
                } else if to.person_id == self.holder.person_id {
                    Err(Refusal::ToSelf)
                } else if self.offered_to.is_some() {
                    Err(Refusal::OfferWaiting)
                } else {
                    Ok(Baton {
                        offered_to: Some(to),
                        ..self
                    })
                }
            }
            Step::Accept { by } => {
                let to = self.offered(by)?;
                Ok(Baton::held_by(to))
            }
            Step::Decline { by } => {
                self.offered(by)?;
                Ok(Baton::held_by(self.holder))
            }
            Step::Withdraw { by } => {
                if by != self.holder.person_id {
                    Err(Refusal::NotHolder)
                } else if self.offered_to.is_none() {
                    Err(Refusal::NoOffer)
                } else {
                    Ok(Baton::held_by(self.holder))
                }
            }
            Step::Appoint { leads, to } => {
                let may = leads.iter().any(|unit| {
                    *unit == self.holder.unit_id
                        || self.offered_to.is_some_and(|offer| offer.unit_id == *unit)
                });
                if !may {
                    Err(Refusal::NotLeader)
                } else if to == self.holder {
                    Err(Refusal::AlreadyHolds)
                } else {
                    Ok(Baton::held_by(to))
                }
            }
        }
    }

    /// The post offered the baton, if the offer is to `person`.
    fn offered(self, person: Uuid) -> Result<Post, Refusal> {
        match self.offered_to {
            None => Err(Refusal::NoOffer),
            Some(to) if to.person_id == person => Ok(to),
            Some(_) => Err(Refusal::NotOffered),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn post(n: u128, unit: u128) -> Post {
        Post {
            person_id: Uuid::from_u128(n),
            unit_id: Uuid::from_u128(1000 + unit),
        }
    }

    const ANDERS: u128 = 1;
    const NORA: u128 = 2;
    const IDA: u128 = 3;

    #[test]
    fn a_post_is_chosen_as_unit_and_person() {
        let post = post(ANDERS, 1);
        assert_eq!(Post::parse(&post.choice()), Some(post));
        for bad in ["", "x/y", "00000000-0000-0000-0000-000000000001", "/"] {
            assert_eq!(Post::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_holder_holds_until_the_one_offered_it_accepts() {
        let baton = Baton::held_by(post(ANDERS, 1));
        let offered = baton
            .apply(Step::Offer {
                by: Uuid::from_u128(ANDERS),
                to: post(NORA, 2),
            })
            .expect("offered");
        assert_eq!(offered.holder, post(ANDERS, 1));
        let accepted = offered
            .apply(Step::Accept {
                by: Uuid::from_u128(NORA),
            })
            .expect("accepted");
        assert_eq!(accepted, Baton::held_by(post(NORA, 2)));
    }

    #[test]
    fn a_decline_or_a_withdrawal_leaves_the_holder_holding() {
        let offered = Baton {
            holder: post(ANDERS, 1),
            offered_to: Some(post(NORA, 2)),
        };
        let by = |n| Uuid::from_u128(n);
        assert_eq!(
            offered.apply(Step::Decline { by: by(NORA) }),
            Ok(Baton::held_by(post(ANDERS, 1)))
        );
        assert_eq!(
            offered.apply(Step::Withdraw { by: by(ANDERS) }),
            Ok(Baton::held_by(post(ANDERS, 1)))
        );
        assert_eq!(
            offered.apply(Step::Decline { by: by(IDA) }),
            Err(Refusal::NotOffered)
        );
        assert_eq!(
            offered.apply(Step::Withdraw { by: by(NORA) }),
            Err(Refusal::NotHolder)
        );
        assert_eq!(
            offered.apply(Step::Offer {
                by: by(ANDERS),
                to: post(IDA, 3)
            }),
            Err(Refusal::OfferWaiting)
        );
    }

    #[test]
    fn nobody_but_the_holder_offers_and_never_to_the_holder() {
        let baton = Baton::held_by(post(ANDERS, 1));
        assert_eq!(
            baton.apply(Step::Offer {
                by: Uuid::from_u128(NORA),
                to: post(IDA, 3)
            }),
            Err(Refusal::NotHolder)
        );
        assert_eq!(
            baton.apply(Step::Offer {
                by: Uuid::from_u128(ANDERS),
                to: post(ANDERS, 2)
            }),
            Err(Refusal::ToSelf)
        );
        assert_eq!(
            baton.apply(Step::Accept {
                by: Uuid::from_u128(NORA)
            }),
            Err(Refusal::NoOffer)
        );
    }

    #[test]
    fn a_leader_of_the_holders_unit_or_the_unit_offered_it_appoints() {
        let offered = Baton {
            holder: post(ANDERS, 1),
            offered_to: Some(post(NORA, 2)),
        };
        let appoint = |unit: u128, to| Step::Appoint {
            leads: vec![Uuid::from_u128(1000 + unit)],
            to,
        };
        assert_eq!(
            offered.apply(appoint(1, post(IDA, 1))),
            Ok(Baton::held_by(post(IDA, 1)))
        );
        assert_eq!(
            offered.apply(appoint(2, post(IDA, 2))),
            Ok(Baton::held_by(post(IDA, 2)))
        );
        assert_eq!(
            offered.apply(appoint(3, post(IDA, 3))),
            Err(Refusal::NotLeader)
        );
        assert_eq!(
            offered.apply(appoint(1, post(ANDERS, 1))),
            Err(Refusal::AlreadyHolds)
        );
    }

    fn step() -> impl Strategy<Value = Step> {
        let person = 1u128..5;
        let unit = 1u128..4;
        prop_oneof![
            (person.clone(), person.clone(), unit.clone()).prop_map(|(by, to, unit)| Step::Offer {
                by: Uuid::from_u128(by),
                to: post(to, unit)
            }),
            person.clone().prop_map(|by| Step::Accept {
                by: Uuid::from_u128(by)
            }),
            person.clone().prop_map(|by| Step::Decline {
                by: Uuid::from_u128(by)
            }),
            person.clone().prop_map(|by| Step::Withdraw {
                by: Uuid::from_u128(by)
            }),
            (unit.clone(), person, unit).prop_map(|(leads, to, unit)| Step::Appoint {
                leads: vec![Uuid::from_u128(1000 + leads)],
                to: post(to, unit)
            }),
        ]
    }

    proptest! {
        /// Whatever the order of offers, answers, withdrawals and appointments, by whomever:
        /// after every step exactly one holds; the holder changes only by an accepted offer
        /// or an appointment; a refused step changes nothing; an offer never waits for the
        /// one holding.
        #[test]
        fn the_baton_is_never_dropped_nor_held_twice(steps in proptest::collection::vec(step(), 0..40)) {
            let mut baton = Baton::held_by(post(1, 1));
            for step in steps {
                match baton.apply(step.clone()) {
                    Ok(next) => {
                        if next.holder != baton.holder {
                            let accepted = matches!(step, Step::Accept { .. })
                                && baton.offered_to == Some(next.holder);
                            let appointed = matches!(&step, Step::Appoint { to, .. } if *to == next.holder);
                            prop_assert!(accepted || appointed, "{step:?} moved the baton");
                        }
                        prop_assert!(next.offered_to.is_none_or(|to| to.person_id != next.holder.person_id));
                        baton = next;
                    }
                    Err(_) => continue,
                }
            }
        }
    }
}
