//! The child and the guardians the consent rules look at.

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

/// Where the child lives, as recorded on each guardianship (`guardianship.residence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Residence {
    /// The parents live together with the child.
    LivesTogether,
    /// The parents live apart and the child has fixed residence with both (delt fast
    /// bosted).
    SharedResidence,
    /// The parents live apart and the child lives with this guardian.
    WithThisGuardian,
    /// The parents live apart and the child lives with the other.
    WithOther,
}

impl Residence {
    pub const ALL: [Residence; 4] = [
        Residence::LivesTogether,
        Residence::SharedResidence,
        Residence::WithThisGuardian,
        Residence::WithOther,
    ];

    /// The stable code stored in the database.
    pub const fn code(self) -> &'static str {
        match self {
            Residence::LivesTogether => "lives_together",
            Residence::SharedResidence => "shared_residence",
            Residence::WithThisGuardian => "residence_with_this_guardian",
            Residence::WithOther => "residence_with_other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|residence| residence.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardian {
    pub person_id: Uuid,
    /// Only those with parental responsibility (foreldreansvar) consent for the child.
    pub has_parental_responsibility: bool,
    pub residence: Residence,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Family {
    pub child_id: Uuid,
    pub birth_date: Date,
    pub guardians: Vec<Guardian>,
}

impl Family {
    /// The guardians with parental responsibility, each once, in a stable order.
    pub fn responsible_guardians(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self
            .guardians
            .iter()
            .filter(|guardian| guardian.has_parental_responsibility)
            .map(|guardian| guardian.person_id)
            .filter(|id| *id != self.child_id)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// Whether the child has fixed residence with both parents, so that both must consent.
    pub fn lives_with_both(&self) -> bool {
        self.guardians.iter().any(|guardian| {
            guardian.has_parental_responsibility && guardian.residence == Residence::SharedResidence
        })
    }
}
