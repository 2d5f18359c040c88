//! A family's own request for a log: whom they may ask for, asking, following the request,
//! and a unit leader's answer (appointing a holder).

mod appoint_for_request;
mod ask_for_log;
mod family_request_choices;
mod my_family_requests;
mod waiting_family_requests;

pub use appoint_for_request::*;
pub use ask_for_log::*;
pub use family_request_choices::*;
pub use my_family_requests::*;
pub use waiting_family_requests::*;
