//! Stafett: the shared Leptos application.
//!
//! `domain` holds pure rules (no I/O, compiled for server and browser), `i18n` every UI text,
//! `api` the server functions (the public HTTP API) with their wire types, `ui` the pages and
//! components, and `server` (only with the `ssr` feature) the database and server state.

pub mod api;
pub mod domain;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

pub use ui::app::App;
#[cfg(feature = "ssr")]
pub use ui::shell::shell;
