//! One log: its content behind the gate, its members, the overview a person sees, the
//! decisions around it (consent, participants, closing and reopening) and asking for one.

pub mod baton;
pub mod closing;
pub mod content;
pub mod decisions;
pub mod deletion;
pub mod individual_plan;
pub mod insight;
pub mod members;
pub mod overview;
pub mod participation;
pub mod record;
pub mod requests;
pub mod transition;
pub mod unit_overview;
