//! A person's own contact details: confirmed addresses, the language of messages to them and
//! how notices reach them; and, for the holder, whether the people around a log are reached.

mod confirm_contact;
mod contact_reach;
mod my_contact;
mod send_contact_code;
mod set_contact_preferences;

pub use confirm_contact::*;
pub use contact_reach::*;
pub use my_contact::*;
pub use send_contact_code::*;
pub use set_contact_preferences::*;
