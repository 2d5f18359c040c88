//! Server-only code: state, database access and errors. Compiled only with `ssr`.

pub mod admin;
pub mod attachment;
pub mod audit;
pub mod audit_chain;
pub mod audit_seal;
pub mod child_login;
pub mod contact;
pub mod directory;
pub mod error;
pub mod family;
pub mod family_request;
pub mod gate;
pub mod identity;
pub mod log;
pub mod meeting;
pub mod notice;
pub mod one_time_code;
pub mod oslo;
pub mod outbox;
pub mod password;
pub mod plan;
pub mod redirect;
pub mod register;
pub mod register_lookups;
pub mod seal;
pub mod state;
