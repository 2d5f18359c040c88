//! Server functions: the public HTTP API, one function per file, grouped by area.
//!
//! Every server function has a stable endpoint under [`PREFIX`], listed in ARCHITECTURE.md.

pub mod admin;
pub mod baton;
pub mod clock;
pub mod contact;
pub mod directory;
pub mod family_request;
pub mod identity;
pub mod language;
pub mod log;
pub mod meeting;
pub mod notice;
pub mod plan;
pub mod push;
pub mod transition;

/// The URL prefix of every server function.
pub const PREFIX: &str = "/api";
