//! Push notices on the device the person is using: whether they are on, and turning them on
//! and off. Each acts on the caller's own login only.

mod push_status;
mod turn_off_push;
mod turn_on_push;

pub use push_status::*;
pub use turn_off_push::*;
pub use turn_on_push::*;
