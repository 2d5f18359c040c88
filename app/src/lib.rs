//! Stafett: the shared Leptos application.
//!
//! Layers, each naming only those before it (`./scripts/test` checks it):
//! `domain` pure rules (no I/O, no sentences); `model` the wire and read types and the one
//! client-facing error; `i18n` every UI text; `server` (only with the `ssr` feature) the
//! database and server state; `api` the server functions (the public HTTP API); `ui` the
//! pages and components.

pub mod api;
pub mod domain;
pub mod i18n;
pub mod model;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

pub use ui::app::App;
#[cfg(feature = "ssr")]
pub use ui::shell::shell;
