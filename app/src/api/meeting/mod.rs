//! A log's meetings: calling one, the agenda anyone taking part may add to, minutes written
//! by the minute-taker and approved by the holder, decisions. Every function asks the gate
//! first (see `server::gate`).

mod add_decision;
mod approve_minutes;
mod call_meeting;
mod get_meeting;
mod list_meetings;
mod propose_agenda_item;
mod save_minutes;

pub use add_decision::*;
pub use approve_minutes::*;
pub use call_meeting::*;
pub use get_meeting::*;
pub use list_meetings::*;
pub use propose_agenda_item::*;
pub use save_minutes::*;
