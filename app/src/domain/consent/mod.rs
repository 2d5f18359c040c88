//! The consent rules of the routine (../shared/seeds/000_…, "SAMTYKKE"), as pure code:
//! given the child's birth date, today's date in Europe/Oslo, the guardians with parental
//! responsibility and where the child lives, and an [`Action`], [`decide`] says who must
//! consent and whether the consents on record suffice, and `i18n::consent_reason` says why in words.
//!
//! The rules:
//! - The log is established, services are involved, transitions happen, the log is closed
//!   and reopened with the consent of the guardians, or of the youth from 15.
//! - Health information is shared (and a log transferred to an individual plan) with the
//!   consent of the guardians, or of the youth from 16 (pasient- og brukerrettighetsloven
//!   §§ 4-3 b, 4-4).
//! - From 15 the youth decides on education (barnelova § 32).
//! - Only guardians with parental responsibility consent. One of them is enough, unless the
//!   parents live apart and the child has fixed residence with both: then all must.
//! - Consent can be withdrawn at any time; a withdrawal by anyone whose decision counts
//!   ends what it covered at once.
//!
//! Where the routine leaves a choice open, these are the decisions (each is tested):
//! 1. **Who decides is judged on the day.** Only the decisions of those the rules name
//!    today count. On the day a child turns 15 (16 for health information) the guardians'
//!    earlier consents stop counting for what the youth now decides, and the youth must
//!    consent; until then what the consent covered is paused. Nothing is shared on the
//!    strength of a consent from someone who no longer decides.
//! 2. **A withdrawal stands until its author consents again.** When one guardian's
//!    consent is enough and one consents while the other has withdrawn, the withdrawal
//!    wins: an explicit "no" from someone with a say is never overridden by another's
//!    "yes". Each person's latest decision counts, whatever the order.
//! 3. **Closing takes away, so anyone who decides may do it alone**, even where all must
//!    consent to establish. From 15 that is the youth ("ungdom over 15 år/foresatte"
//!    read as: whoever decides the establishment decides the closing).
//! 4. **Deletion may be demanded** by anyone who decides today and by anyone who ever
//!    consented to the log or a service in it ("Samtykker kan fremme krav om at
//!    opplysningene … skal bli slettet").
//! 5. **A child's own login** before 15 needs the guardians' consent as for establishing;
//!    from 15 the youth is the one who consents and has access without anyone's consent.
//! 6. **Establishing covers no service by itself**: the consent form lists the services to
//!    involve (the holder's own included), each recorded as its own consent. A service's
//!    participants see the log while both the establishment and that service's
//!    involvement (or a transition to it) are consented, with no standing withdrawal of
//!    either ([`covers_service`]).
//! 7. **Nobody with parental responsibility registered** means nobody can consent for a
//!    child under 15: the log cannot be established until one is registered.
//! 8. **29 February**: a year is completed on 1 March in common years ([`age_on`]).
//! 9. **Reopening** counts only the consents recorded since the log was closed; the caller
//!    passes that part of the history.

mod action;
mod age;
mod family;
#[cfg(test)]
pub(crate) mod fixtures;
mod rules;
#[cfg(test)]
mod tests;

pub use action::{Action, ActionKind};
pub use age::{age_on, birthday};
pub use family::{Family, Guardian, Residence};
pub use rules::{
    covers_service, decide, requirement, youth_decides_from, Choice, ConsentEvent, Decision,
    Outcome, Requirement,
};
