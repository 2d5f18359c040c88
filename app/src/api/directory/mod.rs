//! The municipality's directory of units and services. Public information: no log content.

mod get_unit;
mod list_units;

pub use get_unit::*;
pub use list_units::*;
