//! The administrator's server functions: the municipality's units and services, its staff
//! and a CSV import of staff. Every one starts with `server::admin::open()`, which refuses
//! anyone who does not administer a municipality (403), and answers 404 for ids of another
//! municipality.

mod add_staff;
mod apply_import;
mod check_import;
mod dry_run_import;
mod end_membership;
mod municipality_overview;
mod save_unit;
mod set_administrator;
mod set_unit_leader;
mod unit_for_admin;

pub use add_staff::*;
pub use apply_import::*;
pub use check_import::*;
pub use dry_run_import::*;
pub use end_membership::*;
pub use municipality_overview::*;
pub use save_unit::*;
pub use set_administrator::*;
pub use set_unit_leader::*;
pub use unit_for_admin::*;
