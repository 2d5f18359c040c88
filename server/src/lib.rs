//! The Stafett server: configuration, database preparation, the HTTP router and its layers.
//! `main.rs` wires them together; tests drive the router in-process.

pub mod api_errors;
pub mod archive;
pub mod attachment;
pub mod audit_sealer;
pub mod audit_verify;
pub mod auth;
pub mod calendar;
pub mod config;
pub mod database;
pub mod deletion;
pub mod demo_seed;
pub mod departures;
pub mod first_admin;
pub mod health;
pub mod outbox;
pub mod precompressed;
pub mod register;
pub mod router;
pub mod seal;
pub mod security_headers;
pub mod service_worker;
pub mod state;
pub mod telemetry;
