//! The baton of a log: offering it on, answering an offer, a leader's appointment, and who
//! holds (see `server::log::baton`).

mod answer_baton_offer;
mod appoint_holder;
mod baton_offers;
mod log_holders;
mod offer_baton;
mod unit_logs;
mod withdraw_baton_offer;

pub use answer_baton_offer::*;
pub use appoint_holder::*;
pub use baton_offers::*;
pub use log_holders::*;
pub use offer_baton::*;
pub use unit_logs::*;
pub use withdraw_baton_offer::*;
