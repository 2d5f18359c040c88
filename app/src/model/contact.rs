//! A person's own contact details as their page shows them, and whether the people around a
//! log can be reached, as the holder sees it.

use crate::domain::contact::{NoticeChannel, Unreachable};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// An address in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmedAddress {
    pub address: String,
    /// When the person confirmed it; none if someone vouched for it instead (the
    /// administrator, for staff).
    #[serde(with = "time::serde::rfc3339::option")]
    pub confirmed_at: Option<OffsetDateTime>,
}

/// A new address waiting for its code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAddress {
    pub address: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Whether the code has run out (too late, or too many wrong tries): a new one is needed.
    pub spent: bool,
}

/// The person's own contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OwnContact {
    pub email: Option<ConfirmedAddress>,
    pub mobile: Option<ConfirmedAddress>,
    pub pending_email: Option<PendingAddress>,
    pub pending_mobile: Option<PendingAddress>,
    /// The language chosen for messages (`nb`, `nn`, `en`), if any.
    pub lang: Option<String>,
    pub channel: NoticeChannel,
}

/// Someone around a log, and whether notices reach them (the holder's view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub person_id: Uuid,
    pub name: String,
    pub role: crate::model::plan::MemberRole,
    pub unreachable: Option<Unreachable>,
}
