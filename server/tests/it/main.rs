//! The integration tests: the server's router in-process, over a database of each test's
//! own and the local stand-ins. One test binary with a module per area, not a binary per
//! file: each of those linked the whole server again (about 240 MB apiece).

mod support;

mod admin;
mod archive;
mod attachments;
mod audit;
mod baton;
mod child_login;
mod closing;
mod contact;
mod database_defence;
mod deletion;
mod demo_scenes;
mod family_request;
mod fuzz;
mod gate;
mod guardian_child_login;
mod http;
mod individual_plan;
mod insight;
mod leaving;
mod login;
mod notices;
mod outbox;
mod participation;
mod passkey;
mod plan;
mod push;
mod register;
mod schema;
mod transition;
mod unit_overview;
mod workbench;
