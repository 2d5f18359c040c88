//! A log's plan: development areas, goals, measures (tiltak) and their evaluations. Staff
//! taking part write it; everyone who sees the log reads it. Every function asks the gate
//! first (see `server::gate`).

mod add_area;
mod add_evaluation;
mod add_goal;
mod get_plan;
mod save_measure;

pub use add_area::*;
pub use add_evaluation::*;
pub use add_goal::*;
pub use get_plan::*;
pub use save_measure::*;
