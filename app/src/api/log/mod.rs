//! One log: its content behind the consent gate, and the decisions around it (consent,
//! withdrawal, participants, closing and reopening). Every function here asks the gate
//! first (see `server::gate`).

mod add_entry;
mod add_participant;
mod cancel_request;
mod child_lookup;
mod close_log;
mod close_on_notice;
mod consent_history;
mod consent_text;
mod create_child_login;
mod document_withdrawal;
mod get_log;
mod give_closing_notice;
mod give_consent;
mod log_actions;
mod look_up_child;
mod my_decisions;
mod my_logs;
mod object_to_closing;
mod register_lookups;
mod reopen_log;
mod request_log;
mod staff_choices;
mod standing_consents;
mod unlock_child_login;
mod withdraw_consent;

pub use add_entry::*;
pub use add_participant::*;
pub use cancel_request::*;
pub use child_lookup::*;
pub use close_log::*;
pub use close_on_notice::*;
pub use consent_history::*;
pub use consent_text::*;
pub use create_child_login::*;
pub use document_withdrawal::*;
pub use get_log::*;
pub use give_closing_notice::*;
pub use give_consent::*;
pub use log_actions::*;
pub use look_up_child::*;
pub use my_decisions::*;
pub use my_logs::*;
pub use object_to_closing::*;
pub use register_lookups::*;
pub use reopen_log::*;
pub use request_log::*;
pub use staff_choices::*;
pub use standing_consents::*;
pub use unlock_child_login::*;
pub use withdraw_consent::*;
