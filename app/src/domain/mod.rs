//! Pure domain rules: no I/O, compiled for both the server and the browser.

pub mod service_kind;
