//! How a person hears that something new happened in a log they take part in.

mod my_notice_choice;
mod set_notice_choice;

pub use my_notice_choice::*;
pub use set_notice_choice::*;
