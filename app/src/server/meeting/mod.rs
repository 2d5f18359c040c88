//! A log's meetings: calling one (and inviting by e-mail, without any content), reading
//! them, proposing agenda items, writing and approving minutes, recording decisions.

mod invitations;
mod reads;
mod writes;

pub use invitations::{call, invitation, invitation_message, IcsFile, NewMeeting};
pub use reads::{list, next_seed, view};
pub use writes::{add_decision, approve, propose, save_minutes};
