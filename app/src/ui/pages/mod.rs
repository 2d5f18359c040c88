//! One module per page.

pub mod directory;
pub mod login;
pub mod me;
pub mod not_found;
pub mod unit;
