//! Pure domain rules: no I/O, compiled for both the server and the browser.

pub mod access;
pub mod attachment;
pub mod attention;
pub mod baton;
pub mod calendar;
pub mod child_login;
pub mod closing;
pub mod consent;
pub mod contact;
pub mod family_request;
pub mod figures;
pub mod insight;
pub mod national_id;
pub mod passkey;
pub mod plan;
pub mod push;
pub mod register;
pub mod service_kind;
pub mod staff;
pub mod transition;
