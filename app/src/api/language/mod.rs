//! The user's choice of UI language.

mod set_language;

pub use set_language::*;
