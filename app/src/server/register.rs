//! The population register (Folkeregisteret), as the application needs it: one person by
//! national identity number. The HTTP client lives in the server crate
//! (`server::register`); tests and the demo reach a stand-in over HTTP (`dev/folkeregister`).

use crate::domain::register::RegisterPerson;
use std::future::Future;
use std::pin::Pin;

/// Why the register gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    /// Unreachable, too slow, refused our credentials or answered something unreadable:
    /// nothing can be decided on the register's facts now.
    #[error("the population register is unavailable: {0}")]
    Unavailable(String),
}

pub type LookupFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Option<RegisterPerson>, RegisterError>> + Send + 'a>>;

/// One person by national identity number; `None` if the register does not know them.
pub trait PopulationRegister: Send + Sync + std::fmt::Debug {
    fn person<'a>(&'a self, national_id: &'a str) -> LookupFuture<'a>;
}

impl From<RegisterError> for crate::model::error::ApiError {
    fn from(error: RegisterError) -> Self {
        tracing::warn!(%error, "population register");
        crate::model::error::ApiError::RegisterUnavailable
    }
}
