//! Server-only code: state, database access and errors. Compiled only with `ssr`.

pub mod directory;
pub mod error;
pub mod redirect;
pub mod state;
