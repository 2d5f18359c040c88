//! The user's choice of UI language.

mod set_language;

pub use set_language::*;

#[cfg(feature = "ssr")]
pub(crate) use set_language::remember_language;
