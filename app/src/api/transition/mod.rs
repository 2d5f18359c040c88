//! Transitions to a receiving unit: the holder starts one or calls it off, those who see the
//! log's consents follow it, and the receiving unit's leader names who takes over.

mod cancel_transition;
mod incoming_transitions;
mod log_transition;
mod name_transition_holder;
mod start_transition;

pub use cancel_transition::*;
pub use incoming_transitions::*;
pub use log_transition::*;
pub use name_transition_holder::*;
pub use start_transition::*;
