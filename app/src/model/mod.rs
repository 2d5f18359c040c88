//! What crosses the wire and what pages read: the server functions' arguments and answers,
//! the one client-facing error ([`error::ApiError`], with the form [`error::Field`] it names)
//! and the signed-in [`identity::Identity`]. Compiled for the server and the browser; depends
//! only on `domain`, so `server`, `api`, `i18n` and `ui` can all share it.

pub mod admin;
pub mod baton;
pub mod contact;
pub mod directory;
pub mod error;
pub mod family_request;
pub mod identity;
pub mod insight;
pub mod log;
pub mod meeting;
pub mod notice;
pub mod passkey;
pub mod plan;
pub mod transition;
