//! One module per page.

pub mod directory;
pub mod not_found;
pub mod unit;
