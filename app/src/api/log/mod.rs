//! One log: its content behind the consent gate, and the decisions around it (consent,
//! withdrawal, participants, closing and reopening). Every function here asks the gate
//! first (see `server::gate`).

mod add_entry;
mod add_participant;
mod child_login;
mod close_log;
mod consent_history;
mod get_log;
mod give_consent;
mod my_logs;
mod register_lookups;
mod reopen_log;
mod request_log;
mod withdraw_consent;

pub use add_entry::*;
pub use add_participant::*;
pub use child_login::*;
pub use close_log::*;
pub use consent_history::*;
pub use get_log::*;
pub use give_consent::*;
pub use my_logs::*;
pub use register_lookups::*;
pub use reopen_log::*;
pub use request_log::*;
pub use withdraw_consent::*;
