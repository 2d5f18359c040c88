//! Pages and components. Never imports server code: data comes through `crate::api`.

pub mod app;
pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod shell;
pub mod signed_in;
pub mod status;
