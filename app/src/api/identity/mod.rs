//! Who is logged in, and their logins.

pub mod list_sessions;
pub mod log_out_everywhere;
pub mod my_passkeys;
mod signed_in;

pub use list_sessions::ListSessions;
pub use log_out_everywhere::LogOutEverywhere;
pub use signed_in::use_identity;
