//! A log's pages: its content (`/logs/<id>`), the consents around it
//! (`/logs/<id>/consents`), its holder (`/logs/<id>/holder`) and its participants
//! (`/logs/<id>/participants`). They render on the server
//! only, after the gate; a person the gate refuses gets a page saying why, and nothing of
//! the log.

mod consents;
mod content;
mod holder;
mod participants;
mod shared;
mod transition;

pub use consents::ConsentsPage;
pub use content::LogPage;
pub use holder::HolderPage;
pub use participants::ParticipantsPage;
pub(crate) use shared::{id_query, log_id_param, refusal, LogTabs, MeetingWhen, Section};
