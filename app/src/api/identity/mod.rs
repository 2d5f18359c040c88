//! Who is logged in, and their logins.

pub mod types;
pub mod list_sessions;
pub mod log_out_everywhere;
pub mod login_problem;

pub use types::{Identity, LoginMethod, SessionSummary, StaffUnit};
pub use list_sessions::ListSessions;
pub use log_out_everywhere::LogOutEverywhere;
pub use login_problem::LoginProblem;
