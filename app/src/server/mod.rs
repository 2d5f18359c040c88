//! Server-only code: state, database access and errors. Compiled only with `ssr`.

pub mod attachments;
pub mod audit;
pub mod directory;
pub mod error;
pub mod family;
pub mod gate;
pub mod identity;
pub mod log_content;
pub mod log_decisions;
pub mod log_members;
pub mod log_overview;
pub mod log_requests;
pub mod meetings;
pub mod notices;
pub mod outbox;
pub mod password;
pub mod plan;
pub mod redirect;
pub mod register;
pub mod register_lookups;
pub mod state;
