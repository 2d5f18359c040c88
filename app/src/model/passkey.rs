//! A child's passkeys as the child and their guardians see them.

use crate::domain::passkey::PasskeyStatus;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// One passkey: never its key or credential id, only what tells it apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeySummary {
    pub passkey_id: Uuid,
    /// "Chrome on Android", if the browser was recognised.
    pub device: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_used: Option<OffsetDateTime>,
    pub approved: bool,
    pub copied: bool,
}

impl PasskeySummary {
    pub fn status(&self) -> PasskeyStatus {
        PasskeyStatus::of(self.approved, self.copied)
    }
}
