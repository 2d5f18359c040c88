//! Sealing secrets the database keeps for a while: the key lives with the application's
//! server code (`app::server::seal`), which seals the codes it queues itself.

pub use app::server::seal::SealKey;
