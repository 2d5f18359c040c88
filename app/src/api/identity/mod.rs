//! Who is logged in, and their logins.

pub mod list_sessions;
pub mod log_out_everywhere;
pub mod login_problem;
pub mod types;

pub use list_sessions::ListSessions;
pub use log_out_everywhere::LogOutEverywhere;
pub use login_problem::LoginProblem;
pub use types::{Identity, LoginMethod, SessionSummary, StaffUnit};
