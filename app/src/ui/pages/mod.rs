//! One module per page.

pub mod admin;
pub mod baton_offers;
pub mod directory;
pub mod family_request;
pub mod log;
pub mod login;
pub mod lookups;
pub mod me;
pub mod meetings;
pub mod my_logs;
pub mod new_log;
pub mod not_found;
pub mod passkeys;
pub mod plan;
pub mod unit;
pub mod unit_logs;
