//! How a person hears that something new happened in a log they take part in.

mod notice_choice;

pub use notice_choice::*;
